"""eigen: exact eigenvalues/eigenvectors, singular values and definiteness vs numpy and sympy."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from quizmath.core.engine import eigen as E
from quizmath.core.engine.linalg import inv, matpow
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, ValueSet, Vec, matmul

RNG = random.Random(99)


def rmat(n: int, lo: int = -5, hi: int = 5) -> Mat:
    return Mat([[RNG.randint(lo, hi) for _ in range(n)] for _ in range(n)])


def unimodular(n: int) -> Mat:
    """A random integer matrix with det ±1: a product of unit-triangular factors."""
    lower = Mat(
        [
            [1 if i == j else (RNG.randint(-2, 2) if i > j else 0) for j in range(n)]
            for i in range(n)
        ]
    )
    upper = Mat(
        [
            [1 if i == j else (RNG.randint(-2, 2) if i < j else 0) for j in range(n)]
            for i in range(n)
        ]
    )
    return matmul(lower, upper)


def with_eigenvalues(values: list[int]) -> Mat:
    p = unimodular(len(values))
    d = Mat([[values[i] if i == j else 0 for j in range(len(values))] for i in range(len(values))])
    return matmul(matmul(p, d), inv(p))


def numeric(xs: object) -> list[complex]:
    out = []
    for x in xs:  # type: ignore[attr-defined]
        out.append(complex(sp.N(x, 30)) if isinstance(x, sp.Basic) else complex(x))
    return sorted(out, key=lambda z: (round(z.real, 6), round(z.imag, 6)))


def np_eig(a: Mat) -> list[complex]:
    vals = np.linalg.eigvals(np.array(a.rows, dtype=float))
    return sorted((complex(z) for z in vals), key=lambda z: (round(z.real, 6), round(z.imag, 6)))


def test_planted_integer_eigenvalues_are_found_exactly() -> None:
    for n in (2, 3, 4):
        for _ in range(15):
            lam = [RNG.randint(-5, 6) for _ in range(n)]
            a = with_eigenvalues(lam)
            got = E.eigvals(a)
            assert list(got) == sorted(lam, reverse=True)
            assert all(type(x) is int for x in got)
            assert E.eigenvalues(a) == ValueSet(lam)


def block_similar(n: int) -> Mat:
    """P·blockdiag(random 2×2 blocks, maybe a 1×1)·P⁻¹: eigenvalues are roots of quadratics."""
    d = [[0] * n for _ in range(n)]
    i = 0
    while i < n:
        if i + 1 < n:
            for r in range(2):
                for c in range(2):
                    d[i + r][i + c] = RNG.randint(-4, 4)
            i += 2
        else:
            d[i][i] = RNG.randint(-4, 4)
            i += 1
    p = unimodular(n)
    return matmul(matmul(p, Mat(d)), inv(p))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_quadratic_factor_eigenvalues_match_numpy(n: int) -> None:
    for _ in range(15):
        a = block_similar(n)
        vals = E.eigvals(a)
        exact = sp.Matrix(a.rows).eigenvals()  # the exact reference
        assert numeric(vals) == pytest.approx(
            numeric([r for r, m in exact.items() for _ in range(m)])
        )
        # numpy agrees too (loosely: a repeated eigenvalue costs it half its digits)
        for g, w in zip(numeric(vals), np_eig(a), strict=True):
            assert abs(g - w) < 1e-4 * max(1, abs(w))


@pytest.mark.parametrize("n", [3, 4])
def test_generic_matrices_match_numpy_or_are_refused(n: int) -> None:
    refused = 0
    for _ in range(20):
        a = rmat(n, -4, 4)
        try:
            got = numeric(E.eigvals(a))
        except ExprEvalError as exc:
            assert "not hand-computable" in str(exc)
            refused += 1
        else:
            assert np.allclose(got, np_eig(a), atol=1e-8)
        fa = Mat([[float(x) for x in r] for r in a.rows])  # the numeric route always works
        assert np.allclose(numeric(E.eigvals(fa)), np_eig(a), atol=1e-8)
    assert refused > 0


def test_2x2_closed_forms() -> None:
    assert E.eigvals(Mat([[1, 1], [1, 0]])) == Vec([(1 + sp.sqrt(5)) / 2, (1 - sp.sqrt(5)) / 2])
    assert E.eigenvalues(Mat([[0, -1], [1, 0]])) == ValueSet([sp.I, -sp.I])
    assert E.eigenvalues(Mat([[2, 1], [0, 2]])) == ValueSet([2])
    assert E.eigvals(Mat([[2, 1], [0, 2]])) == Vec([2, 2])


def test_eigenvalues_agree_with_sympy_for_fraction_matrices() -> None:
    done = 0
    while done < 10:
        a = Mat([[F(RNG.randint(-6, 6), RNG.randint(1, 3)) for _ in range(3)] for _ in range(3)])
        a = Mat([[a.rows[i][j] if j < 2 or i == 2 else 0 for j in range(3)] for i in range(3)])
        s = sp.Matrix(
            [[sp.Rational(x.numerator, x.denominator) for x in map(F, r)] for r in a.rows]
        )
        want = [complex(sp.N(r, 30)) for r, m in s.eigenvals().items() for _ in range(m)]
        got = numeric(E.eigvals(a))
        want.sort(key=lambda z: (round(z.real, 6), round(z.imag, 6)))
        assert np.allclose(got, want, atol=1e-8)
        done += 1


def test_limits() -> None:
    with pytest.raises(LimitError):
        E.eigenvalues(rmat(5))
    tri = Mat([[i + j if j >= i else 0 for j in range(7)] for i in range(7)])
    assert E.eigvals(tri) == Vec(sorted([2 * i for i in range(7)], reverse=True))


def test_eigenvectors_satisfy_av_equals_lambda_v() -> None:
    for n in (2, 3):
        for _ in range(12):
            lam = [RNG.randint(-4, 5) for _ in range(n)]
            a = with_eigenvalues(lam)
            for value in set(lam):
                v = E.eigenvector(a, value)
                assert matmul(a, v) == Vec([value * x for x in v])
                assert all(type(x) is int for x in v) and math.gcd(*v) == 1
            p = E.eigenvectors(a)
            assert p.shape == (n, n)
            d = matmul(matmul(inv(p), a), p)
            assert [d.rows[i][i] for i in range(n)] == list(E.eigvals(a))


def test_irrational_and_complex_eigenvectors() -> None:
    a = Mat([[1, 1], [1, 0]])
    for lam in E.eigvals(a):
        v = E.eigenvector(a, lam)
        diff = [sp.simplify(x - lam * y) for x, y in zip(matmul(a, v), v, strict=True)]
        assert diff == [0, 0]
    r = Mat([[0, -1], [1, 0]])
    assert E.eigenvector(r, sp.I) == Vec([1, -sp.I])
    with pytest.raises(ExprEvalError, match="not an eigenvalue"):
        E.eigenvector(a, 3)


def test_defective_matrix() -> None:
    j = Mat([[2, 1], [0, 2]])
    assert E.eigenvectors(j) == Mat([[1], [0]])
    assert not E.is_diagonalizable(j)
    assert E.is_diagonalizable(Mat([[0, -1], [1, 0]]))
    assert E.eigenspace(Mat([[2, 0], [0, 2]]), 2).shape == (2, 2)


def test_charpoly_matches_sympy() -> None:
    lam = sp.Symbol("lamda")
    for n in (1, 2, 3, 4):
        for _ in range(5):
            a = rmat(n)
            s = sp.Matrix(a.rows)
            assert sp.expand(E.charpoly(a, lam) - s.charpoly(lam).as_expr()) == 0
            assert list(E.charpoly_coeffs(a)) == s.charpoly(lam).all_coeffs()
    k = sp.Symbol("k")
    assert E.charpoly(Mat([[k, 1], [1, k]]), lam).equals((lam - k) ** 2 - 1)


def test_singular_values_and_cond_match_numpy() -> None:
    for _ in range(15):
        m, n = RNG.randint(1, 4), RNG.randint(1, 2)
        a = Mat([[RNG.randint(-4, 4) for _ in range(n)] for _ in range(m)])
        if RNG.random() < 0.5:
            a = a.T
        got = [float(sp.N(x, 30)) for x in E.singular_values(a)]
        want = np.linalg.svd(np.array(a.rows, dtype=float), compute_uv=False)
        assert np.allclose(got, want, atol=1e-9)
    a = Mat([[3, -8], [4, 6]])  # orthogonal columns: σ are the column norms
    assert E.singular_values(a) == Vec([10, 5])
    assert E.cond(a) == 2
    assert float(E.cond(Mat([[2, 1], [1, 3]]))) == pytest.approx(np.linalg.cond([[2, 1], [1, 3]]))
    with pytest.raises(ExprEvalError, match="singular"):
        E.cond(Mat([[1, 2], [2, 4]]))


def _numpy_definiteness(a: Mat) -> str:
    lam = np.linalg.eigvalsh(np.array(a.rows, dtype=float))
    tol = 1e-9
    pos, neg = int(np.sum(lam > tol)), int(np.sum(lam < -tol))
    n = len(lam)
    if pos == n:
        return "positive definite"
    if neg == n:
        return "negative definite"
    if neg == 0:
        return "positive semidefinite"
    if pos == 0:
        return "negative semidefinite"
    return "indefinite"


def test_definiteness_matches_numpy_eigenvalue_signs() -> None:
    seen = set()
    for _ in range(150):
        n = RNG.randint(1, 4)
        b = Mat([[RNG.randint(-3, 3) for _ in range(n)] for _ in range(RNG.randint(1, 4))])
        gram = matmul(b.T, b)  # PSD, often singular
        sign = RNG.choice([1, -1, 0])
        if sign:
            a = Mat([[sign * x for x in r] for r in gram.rows])
        else:
            a = Mat(
                [
                    [x + y for x, y in zip(r1, r2, strict=True)]
                    for r1, r2 in zip(gram.rows, rmat(n).rows, strict=True)
                ]
            )
            a = Mat([[a.rows[i][j] + a.rows[j][i] for j in range(n)] for i in range(n)])
        got = E.definiteness(a)
        assert got == _numpy_definiteness(a), a
        seen.add(got)
    assert len(seen) == 5
    with pytest.raises(ExprEvalError, match="not symmetric"):
        E.definiteness(Mat([[1, 2], [0, 1]]))


def test_matrix_power_spectrum_identity() -> None:
    a = with_eigenvalues([2, -1, 3])
    assert list(E.eigvals(matpow(a, 2))) == [9, 4, 1]
    assert list(E.eigvals(inv(a))) == [F(1, 2), F(1, 3), -1]

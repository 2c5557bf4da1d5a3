"""linalg: exact elimination checked against sympy.Matrix and numpy.linalg on random input."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from quizmath.core.engine import linalg as L
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, Vec, matmul

RNG = random.Random(20240611)


def rand_mat(m: int, n: int, lo: int = -5, hi: int = 5, frac: bool = False) -> Mat:
    def entry() -> object:
        x = RNG.randint(lo, hi)
        return F(x, RNG.randint(1, 4)) if frac else x

    return Mat([[entry() for _ in range(n)] for _ in range(m)])


def to_sp(a: Mat) -> sp.Matrix:
    return sp.Matrix([[sp.Rational(F(x).numerator, F(x).denominator) for x in r] for r in a.rows])


def from_sp(m: sp.Matrix) -> Mat:
    return Mat([[F(int(m[i, j].p), int(m[i, j].q)) for j in range(m.cols)] for i in range(m.rows)])


def exact(a: Mat | Vec) -> bool:
    items = a.entries() if isinstance(a, Mat) else a.items
    return all(type(x) in (int, F) for x in items)


def low_rank(m: int, n: int, r: int) -> Mat:
    return matmul(rand_mat(m, r, -3, 3), rand_mat(r, n, -3, 3))


# ------------------------------------------------------------------------------ determinant


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 8])
def test_det_matches_sympy_and_numpy(n: int) -> None:
    for trial in range(15):
        a = rand_mat(n, n, frac=trial % 3 == 0)
        got = L.det(a)
        assert type(got) in (int, F)
        assert sp.Rational(F(got).numerator, F(got).denominator) == to_sp(a).det()
        want = np.linalg.det(np.array(a.rows, dtype=float))
        assert float(got) == pytest.approx(want, rel=1e-9, abs=1e-9)


def test_det_of_singular_and_symbolic_matrices() -> None:
    assert L.det(low_rank(4, 4, 2)) == 0
    k = sp.Symbol("k")
    assert L.det(Mat([[k, 2], [3, k]])) == k**2 - 6
    syms = sp.symbols("a0:25")
    general = Mat([[syms[5 * i + j] for j in range(4)] for i in range(4)])
    assert sp.expand(L.det(general) - sp.Matrix(general.rows).det()) == 0
    with pytest.raises(LimitError, match="variables"):
        L.inv(general)  # sympy needs seconds for this
    with pytest.raises(LimitError, match="variables"):
        L.det(Mat([[syms[5 * i + j] for j in range(5)] for i in range(5)]))
    assert L.det(Mat([[1.5, 2.0], [3.0, 5.0]])) == pytest.approx(1.5)
    with pytest.raises(LimitError):
        L.det(rand_mat(9, 9))
    with pytest.raises(ExprEvalError, match="square"):
        L.det(rand_mat(2, 3))


# --------------------------------------------------------------------------------- inverse


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6])
def test_inv_matches_sympy(n: int) -> None:
    done = 0
    while done < 10:
        a = rand_mat(n, n, frac=done % 2 == 1)
        if to_sp(a).det() == 0:
            continue
        got = L.inv(a)
        assert exact(got)
        assert got == from_sp(to_sp(a).inv())
        assert matmul(a, got) == L.identity_mat(n)
        done += 1


def test_inv_errors_and_other_kinds() -> None:
    with pytest.raises(ExprEvalError, match=r"inv: the matrix is singular \(det = 0\)"):
        L.inv(Mat([[1, 2], [2, 4]]))
    a = Mat([[1.5, 2.0], [3.0, 5.0]])
    assert np.allclose(np.array(L.inv(a).rows, dtype=float), np.linalg.inv(np.array(a.rows)))
    r = Mat([[sp.sqrt(2), 0], [0, 1]])
    assert L.inv(r) == Mat([[sp.sqrt(2) / 2, 0], [0, 1]])
    with pytest.raises(LimitError):
        L.inv(rand_mat(9, 9))


# ---------------------------------------------------------------------------------- solving


def test_solve_recovers_a_planted_solution() -> None:
    for n in (2, 3, 4):
        done = 0
        while done < 10:
            a = rand_mat(n, n)
            if to_sp(a).det() == 0:
                continue
            x = Vec([RNG.randint(-3, 3) for _ in range(n)])
            got = L.solve(a, matmul(a, x))
            assert got == x and exact(got)
            b = Vec([F(RNG.randint(-9, 9), RNG.randint(1, 5)) for _ in range(n)])
            want = to_sp(a).LUsolve(sp.Matrix([sp.Rational(v.numerator, v.denominator) for v in b]))
            assert L.solve(a, b) == Vec(F(int(v.p), int(v.q)) for v in want)
            done += 1


def test_solve_reports_no_or_infinitely_many_solutions() -> None:
    a = Mat([[1, 2], [2, 4]])
    with pytest.raises(ExprEvalError, match="no solution"):
        L.solve(a, Vec([1, 3]))
    with pytest.raises(ExprEvalError, match="infinitely many"):
        L.solve(a, Vec([1, 2]))
    with pytest.raises(ExprEvalError, match="rows"):
        L.solve(a, Vec([1, 2, 3]))
    assert L.num_solutions(a, Vec([1, 3])) == 0
    assert L.num_solutions(a, Vec([1, 2])) == "infinitely many"
    assert L.num_solutions(Mat([[1, 2], [3, 4]]), Vec([1, 2])) == 1
    # a consistent tall system has a unique solution too
    assert L.solve(Mat([[1, 0], [0, 1], [1, 1]]), Vec([2, 3, 5])) == Vec([2, 3])


def test_solve_with_a_matrix_right_side() -> None:
    a = Mat([[2, 1], [5, 3]])
    assert L.solve(a, L.identity_mat(2)) == L.inv(a)


# ------------------------------------------------------------------------ rank, rref, null


def test_rank_matches_sympy_and_numpy() -> None:
    for _ in range(40):
        m, n = RNG.randint(1, 6), RNG.randint(1, 6)
        r = RNG.randint(1, min(m, n))
        a = low_rank(m, n, r)
        got = L.rank(a)
        assert got == to_sp(a).rank()
        assert got == np.linalg.matrix_rank(np.array(a.rows, dtype=float))


def test_rref_matches_sympy() -> None:
    for _ in range(30):
        a = low_rank(RNG.randint(2, 5), RNG.randint(2, 5), RNG.randint(1, 3))
        assert L.rref(a) == from_sp(to_sp(a).rref()[0])


def test_nullspace_is_an_integer_basis_of_the_kernel() -> None:
    for _ in range(40):
        m, n = RNG.randint(1, 5), RNG.randint(2, 6)
        a = low_rank(m, n, RNG.randint(1, min(m, n)))
        rank = to_sp(a).rank()
        if rank == n:
            with pytest.raises(ExprEvalError, match="null space is"):
                L.nullspace(a)
            continue
        ns = L.nullspace(a)
        assert ns.shape == (n, n - rank)
        assert L.nullity(a) == n - rank
        assert all(x == 0 for x in matmul(a, ns).entries())
        assert all(type(x) is int for x in ns.entries())
        for j in range(ns.shape[1]):
            col = list(ns.col(j))
            assert math.gcd(*col) == 1
            assert next(x for x in col if x != 0) > 0
        assert to_sp(ns).rank() == n - rank  # independent columns
        assert L.null_vector(a) == ns.col(0)


# ------------------------------------------------------------------------ powers, cofactors


def test_matpow_matches_sympy() -> None:
    for _ in range(20):
        a = rand_mat(3, 3, -2, 2)
        k = RNG.randint(0, 6)
        assert L.matpow(a, k) == from_sp(to_sp(a) ** k)
    a = Mat([[2, 1], [5, 3]])
    assert L.matpow(a, -2) == from_sp(to_sp(a).inv() ** 2)
    with pytest.raises(LimitError):
        L.matpow(a, 1000)


def test_minor_cofactor_adjugate_match_sympy() -> None:
    for n in (2, 3, 4):
        a = rand_mat(n, n)
        s = to_sp(a)
        assert L.adjugate(a) == from_sp(s.adjugate())
        i, j = RNG.randrange(n), RNG.randrange(n)
        assert L.minor(a, i, j) == s.minor(i, j)
        assert L.cofactor(a, i, j) == s.cofactor(i, j)

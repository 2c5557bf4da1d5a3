"""geometry: norms, angles, projections, Gram–Schmidt, rotations, least squares vs numpy."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from quizmath.core.engine import geometry as G
from quizmath.core.engine.linalg import rank
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Vec, matmul

RNG = random.Random(5)


def fl(x: object) -> float:
    return float(sp.N(x, 30)) if isinstance(x, sp.Basic) else float(x)  # type: ignore[arg-type]


def arr(x: Vec | Mat) -> np.ndarray:
    rows = x.rows if isinstance(x, Mat) else x.items
    return np.array(
        [[fl(v) for v in r] for r in rows] if isinstance(x, Mat) else [fl(v) for v in rows],
        dtype=float,
    )


def rvec(n: int, lo: int = -5, hi: int = 5) -> Vec:
    return Vec([RNG.randint(lo, hi) for _ in range(n)])


def full_rank(m: int, n: int) -> Mat:
    while True:
        a = Mat([[RNG.randint(-3, 3) for _ in range(n)] for _ in range(m)])
        if rank(a) == min(m, n):
            return a


def test_norms_match_numpy_and_are_exact() -> None:
    for _ in range(40):
        v = rvec(RNG.randint(1, 6))
        a = arr(v)
        assert fl(G.norm(v)) == pytest.approx(np.linalg.norm(a))
        assert G.norm1(v) == int(np.linalg.norm(a, 1)) == G.norm(v, 1)
        assert G.norminf(v) == int(np.linalg.norm(a, np.inf)) == G.norm(v, "inf")
        assert G.norm(v) ** 2 == sum(x * x for x in v)  # sympy squares back exactly
    assert G.norm(Vec([2, 3, 6])) == 7 and type(G.norm(Vec([2, 3, 6]))) is int
    assert G.norm(Vec([1, 1])) == sp.sqrt(2)
    assert G.norm(Vec([F(3, 5), F(4, 5)])) == 1


def test_matrix_norms_match_numpy() -> None:
    for _ in range(15):
        a = full_rank(RNG.randint(1, 3), RNG.randint(1, 3))
        x = arr(a)
        assert fl(G.fro(a)) == pytest.approx(np.linalg.norm(x, "fro"))
        assert fl(G.norm(a)) == pytest.approx(np.linalg.norm(x))
        assert fl(G.norm(a, 1)) == pytest.approx(np.linalg.norm(x, 1))
        assert fl(G.norm(a, "inf")) == pytest.approx(np.linalg.norm(x, np.inf))
        if min(a.shape) <= 2:  # σ² are roots of a quadratic at most: exact and hand-computable
            assert fl(G.norm(a, 2)) == pytest.approx(np.linalg.norm(x, 2))


def test_unit_angle_cosine() -> None:
    for _ in range(30):
        u, v = rvec(3), rvec(3)
        if not any(u) or not any(v):
            continue
        want = np.dot(arr(u), arr(v)) / np.linalg.norm(arr(u)) / np.linalg.norm(arr(v))
        assert fl(G.cos_angle(u, v)) == pytest.approx(want, abs=1e-12)
        assert fl(G.angle(u, v)) == pytest.approx(math.degrees(math.acos(max(-1, min(1, want)))))
        assert np.allclose(arr(G.unit(u)), arr(u) / np.linalg.norm(arr(u)))
        assert fl(G.dist(u, v)) == pytest.approx(np.linalg.norm(arr(u) - arr(v)))
    assert G.unit(Vec([3, 4])) == Vec([F(3, 5), F(4, 5)])
    assert G.angle(Vec([1, 0]), Vec([1, 1])) == 45
    assert G.angle(Vec([1, 0]), Vec([-1, sp.sqrt(3)])) == 120
    assert G.angle(Vec([1, 0]), Vec([0, 2])) == 90
    assert G.cos_angle(Vec([1, 1]), Vec([1, 7])) == F(4, 5)
    with pytest.raises(ExprEvalError, match="zero vector"):
        G.unit(Vec([0, 0]))


def test_projections_match_numpy() -> None:
    for _ in range(30):
        u, v = rvec(3), rvec(3)
        if any(u):
            p = G.proj(v, u)
            assert all(type(x) in (int, F) for x in p)
            a, b = arr(u), arr(v)
            assert np.allclose(arr(p), np.dot(a, b) / np.dot(a, a) * a)
        basis = full_rank(4, 2)
        x = rvec(4)
        got = G.proj_onto(x, basis)
        bm = arr(basis)
        coef, *_ = np.linalg.lstsq(bm, arr(x), rcond=None)
        assert np.allclose(arr(got), bm @ coef)
        residual = [a - b for a, b in zip(x, got, strict=True)]
        assert all(v == 0 for v in matmul(basis.T, Vec(residual)))  # exactly orthogonal
        pm = G.proj_matrix(basis)
        assert matmul(pm, pm) == pm
        assert fl(G.distance_to_span(x, basis)) == pytest.approx(np.linalg.norm(arr(x) - bm @ coef))
    with pytest.raises(ExprEvalError, match="dependent"):
        G.proj_onto(Vec([1, 2, 3]), Mat([[1, 2], [1, 2], [1, 2]]))


def test_gram_schmidt_gives_orthonormal_columns_spanning_the_same_space() -> None:
    for _ in range(15):
        b = full_rank(3, 2)
        q = G.gram_schmidt(b)
        qs = sp.Matrix(q.rows)
        assert sp.simplify(qs.T * qs - sp.eye(2)) == sp.zeros(2)
        assert sp.Matrix(b.rows).rank() == sp.Matrix.hstack(qs, sp.Matrix(b.rows)).rank()
        qn = np.linalg.qr(arr(b))[0]  # numpy's Q agrees up to the sign of each column
        assert np.allclose(np.abs(arr(q)), np.abs(qn))
        o = G.gram_schmidt(b, normalize=False)
        assert all(type(x) in (int, F) for x in o.entries())
        assert matmul(o.col(0), o.col(1)) == 0
    with pytest.raises(ExprEvalError, match="depends"):
        G.gram_schmidt(Mat([[1, 2], [2, 4]]))


@pytest.mark.parametrize("theta", range(0, 361, 15))
def test_rotation_matches_cos_sin(theta: int) -> None:
    r = G.rotation(theta)
    t = math.radians(theta)
    assert np.allclose(arr(r), [[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    if theta % 90 == 0:
        assert all(type(x) is int for x in r.entries())


def test_rotation_exact_values() -> None:
    assert G.rotation(30) == Mat([[sp.sqrt(3) / 2, F(-1, 2)], [F(1, 2), sp.sqrt(3) / 2]])
    assert G.rotation(90) == Mat([[0, -1], [1, 0]])
    assert np.allclose(arr(G.rotation(20.0)), arr(G.rotation(20)))


def test_bases_and_least_squares() -> None:
    for _ in range(20):
        b = full_rank(2, 2)
        a = Mat([[RNG.randint(-3, 3) for _ in range(2)] for _ in range(2)])
        x = rvec(2)
        c = G.coords(x, b)
        assert matmul(b, c) == x
        assert np.allclose(arr(G.change_basis(a, b)), np.linalg.inv(arr(b)) @ arr(a) @ arr(b))
        tall, y = full_rank(4, 2), rvec(4)
        got = G.lstsq(tall, y)
        assert all(type(v) in (int, F) for v in got)
        assert np.allclose(arr(got), np.linalg.lstsq(arr(tall), arr(y), rcond=None)[0])
        assert np.allclose(arr(G.pinv(tall)), np.linalg.pinv(arr(tall)))
    deficient = Mat([[1, 2, 3], [2, 4, 6], [1, 0, 1]])
    assert np.allclose(arr(G.pinv(deficient)), np.linalg.pinv(arr(deficient)))
    assert np.allclose(arr(G.pinv(Mat([[1, 2], [2, 4]]))), np.linalg.pinv([[1, 2], [2, 4]]))
    with pytest.raises(ExprEvalError, match="dependent"):
        G.lstsq(Mat([[1, 2], [2, 4], [3, 6]]), Vec([1, 2, 3]))

"""matrices: constructors, products, parts and predicates against numpy."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest

from quizmath.core.engine import matrices as M
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Vec

RNG = random.Random(11)


def rvec(n: int) -> Vec:
    return Vec([RNG.randint(-6, 6) for _ in range(n)])


def rmat(m: int, n: int) -> Mat:
    return Mat([[RNG.randint(-6, 6) for _ in range(n)] for _ in range(m)])


def arr(x: Vec | Mat) -> np.ndarray:
    return np.array(x.rows if isinstance(x, Mat) else x.items, dtype=float)


def test_products_match_numpy() -> None:
    for _ in range(40):
        n = RNG.randint(1, 6)
        u, v = rvec(n), rvec(n)
        assert M.dot(u, v) == int(np.dot(arr(u), arr(v)))
        w = rvec(RNG.randint(1, 4))
        assert np.array_equal(arr(M.outer(u, w)), np.outer(arr(u), arr(w)))
        a, b = rvec(3), rvec(3)
        assert np.array_equal(arr(M.cross(a, b)), np.cross(arr(a), arr(b)))
        x = rmat(n, 3)
        assert np.array_equal(arr(M.transpose(x)), arr(x).T)
        sq = rmat(n, n)
        assert M.trace(sq) == int(np.trace(arr(sq)))
        assert M.quadform(sq, u) == int(arr(u) @ arr(sq) @ arr(u))


def test_dot_is_exact_and_checks_lengths() -> None:
    assert M.dot(Vec([F(1, 2), 1]), Vec([F(2, 3), 3])) == F(10, 3)
    with pytest.raises(ExprEvalError, match="dot: vectors of lengths 2 and 3"):
        M.dot(Vec([1, 2]), Vec([1, 2, 3]))
    with pytest.raises(ExprEvalError, match="3-vectors"):
        M.cross(Vec([1, 2]), Vec([3, 4]))


def test_constructors() -> None:
    assert M.vec(1, 2, 3) == Vec([1, 2, 3])
    assert M.vec((1, 2)) == Vec([1, 2])
    assert M.vec(Mat([[1, 2], [3, 4]])) == Vec([1, 3, 2, 4])  # column stacking
    assert M.zeros(3) == Vec([0, 0, 0]) and M.zeros(2, 3) == Mat([[0] * 3] * 2)
    assert M.ones(2) == Vec([1, 1]) and M.ones(1, 2) == Mat([[1, 1]])
    assert M.eye(3) == M.identity(3) == Mat(np.eye(3, dtype=int).tolist())
    assert M.diag(1, 2) == Mat([[1, 0], [0, 2]]) == M.diag(Vec([1, 2]))
    assert M.diag(Mat([[1, 2, 3], [4, 5, 6]])) == Vec([1, 5])
    with pytest.raises(ExprEvalError, match="between 1 and 20"):
        M.zeros(0)


def test_stacking_matches_numpy() -> None:
    u, v = rvec(3), rvec(3)
    assert np.array_equal(arr(M.hstack(u, v)), np.column_stack([arr(u), arr(v)]))
    assert np.array_equal(arr(M.vstack(u, v)), np.vstack([arr(u), arr(v)]))
    a, b = rmat(2, 3), rmat(2, 1)
    assert np.array_equal(arr(M.hstack(a, b)), np.hstack([arr(a), arr(b)]))
    c = rmat(1, 3)
    assert np.array_equal(arr(M.vstack(a, c)), np.vstack([arr(a), arr(c)]))
    with pytest.raises(ExprEvalError, match="heights"):
        M.hstack(rmat(2, 2), rmat(3, 2))
    assert M.columns((Vec([1, 2]), Vec([3, 4])), "t") == Mat([[1, 3], [2, 4]])


def test_parts() -> None:
    a = Mat([[1, 2, 3], [4, 5, 6]])
    assert M.shape(a) == Vec([2, 3]) and M.shape(Vec([1, 2])) == Vec([2])
    assert M.rows(a) == 2 and M.cols(a) == 3
    assert M.row(a, 1) == Vec([4, 5, 6]) and M.col(a, -1) == Vec([3, 6])
    assert M.row_sums(a) == Vec([6, 15]) and M.col_sums(a) == Vec([5, 7, 9])
    with pytest.raises(ExprEvalError, match="out of range"):
        M.row(a, 2)


def test_predicates() -> None:
    assert M.is_symmetric(Mat([[1, 2], [2, 1]])) and not M.is_symmetric(Mat([[1, 2], [3, 1]]))
    assert not M.is_symmetric(Mat([[1, 2, 3], [2, 1, 3]]))
    assert M.is_diagonal(Mat([[1, 0], [0, 2]])) and not M.is_diagonal(Mat([[1, 1], [0, 2]]))
    up = Mat([[1, 2], [0, 3]])
    assert M.is_triangular(up) and M.is_triangular(up, "upper")
    assert not M.is_triangular(up, "lower") and not M.is_triangular(Mat([[1, 2], [3, 4]]))
    assert M.is_orthogonal(Mat([[0, -1], [1, 0]]))
    assert M.is_orthogonal(Mat([[F(3, 5), F(-4, 5)], [F(4, 5), F(3, 5)]]))
    assert not M.is_orthogonal(Mat([[1, 1], [0, 1]]))
    assert M.is_invertible(Mat([[1, 2], [3, 4]])) and not M.is_invertible(Mat([[1, 2], [2, 4]]))
    assert not M.is_invertible(Mat([[1, 2, 3]]))

"""models: classification metrics by hand, k-means vs numpy, PCA vs numpy.linalg.eigh."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest

from quizmath.core.engine import models as MD
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Vec

RNG = random.Random(71)


def test_metrics_by_hand() -> None:
    for _ in range(50):
        tp, fp, fn, tn = (RNG.randint(1, 60) for _ in range(4))
        prec, rec = F(tp, tp + fp), F(tp, tp + fn)
        assert MD.precision(tp, fp) == prec and MD.recall(tp, fn) == rec
        assert MD.f1(tp, fp, fn) == 2 * prec * rec / (prec + rec)  # the harmonic mean
        assert MD.accuracy(tp, fp, fn, tn) == F(tp + tn, tp + fp + fn + tn)
    with pytest.raises(ExprEvalError, match="undefined"):
        MD.precision(0, 0)
    with pytest.raises(ExprEvalError, match="non-negative"):
        MD.recall(-1, 2)


def _np_kmeans_step(p: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = ((p[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
    labels = d.argmin(axis=1)  # argmin picks the first index on ties, as we do
    new = np.array(
        [p[labels == j].mean(axis=0) if (labels == j).any() else c[j] for j in range(len(c))]
    )
    return labels, new


def test_kmeans_matches_numpy() -> None:
    for _ in range(40):
        pts = Mat([[RNG.randint(-5, 5) for _ in range(2)] for _ in range(RNG.randint(4, 7))])
        cents = Mat([[RNG.randint(-5, 5) for _ in range(2)] for _ in range(RNG.randint(2, 3))])
        labels, new = _np_kmeans_step(np.array(pts.rows, float), np.array(cents.rows, float))
        assert list(MD.kmeans_assign(pts, cents)) == list(labels)
        got = MD.kmeans_step(pts, cents)
        assert np.allclose(np.array(got.rows, dtype=float), new)
        assert all(type(x) in (int, F) for x in got.entries())
    assert MD.col_means(Mat([[1, 2], [3, 5]])) == Vec([2, F(7, 2)])


def test_pca_matches_numpy_eigh() -> None:
    # swap-symmetric point sets have covariance [[a, b], [b, a]] and PCs (1, ±1)
    x = Mat([[2, 1], [1, 2], [-2, -1], [-1, -2]])
    assert MD.explained_variance_ratio(x) == Vec([F(9, 10), F(1, 10)])
    assert MD.principal_component(x) == Vec([1, 1])
    assert MD.principal_component(x, 1) == Vec([1, -1])
    for _ in range(20):
        pts = [[RNG.randint(-4, 4), RNG.randint(-4, 4)] for _ in range(RNG.randint(3, 6))]
        pts += [[b, a] for a, b in pts]
        m = Mat(pts)
        arr = np.array(pts, dtype=float)
        lam, vecs = np.linalg.eigh(np.cov(arr, rowvar=False, bias=True))
        got = [float(v) for v in MD.explained_variance(m)]
        assert got == pytest.approx(sorted(lam, reverse=True), abs=1e-9)
        if abs(lam[1] - lam[0]) > 1e-9:
            pc = np.array([float(v) for v in MD.principal_component(m)])
            top = vecs[:, np.argmax(lam)]
            assert abs(abs(pc @ top) / np.linalg.norm(pc)) == pytest.approx(1.0)
    with pytest.raises(ExprEvalError, match="repeated"):
        MD.principal_component(Mat([[1, 0], [-1, 0], [0, 1], [0, -1]]))

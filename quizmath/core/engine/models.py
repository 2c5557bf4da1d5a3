"""Classical-model helpers: classification metrics, k-means steps, PCA by hand.

A data matrix has one observation per row. PCA uses the covariance matrix with the 1/n
convention by default (the ratios and directions do not depend on it).
"""

from __future__ import annotations

from quizmath.core.engine._common import exact_sum, integer, matrix, number
from quizmath.core.engine.eigen import eigenvector, eigvals_list
from quizmath.core.engine.statistics import cov_matrix
from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Mat, Scalar, Value, Vec, compare, div, mul, sub

# ------------------------------------------------------------------------------- metrics


def _counts(func: str, **named: Value) -> dict[str, int]:
    out = {}
    for name, v in named.items():
        k = integer(v, func, name)
        if k < 0:
            raise ExprEvalError(f"{func}: {name} must be a non-negative count, got {k}")
        out[name] = k
    return out


def _ratio(num: int, den: int, fn: str, what: str) -> Scalar:
    if den == 0:
        raise ExprEvalError(f"{fn}: {what} is 0, so the ratio is undefined")
    return div(num, den)


@builtin("accuracy(tp, fp, fn, tn)", "statistics")
def accuracy(tp: Value, fp: Value, fn: Value, tn: Value) -> Scalar:
    """(TP + TN)/(TP + FP + FN + TN), exact."""
    c = _counts("accuracy", tp=tp, fp=fp, fn=fn, tn=tn)
    return _ratio(c["tp"] + c["tn"], sum(c.values()), "accuracy", "the total")


@builtin("precision(tp, fp)", "statistics")
def precision(tp: Value, fp: Value) -> Scalar:
    """TP/(TP + FP): the share of predicted positives that are right, exact."""
    c = _counts("precision", tp=tp, fp=fp)
    return _ratio(c["tp"], c["tp"] + c["fp"], "precision", "TP + FP")


@builtin("recall(tp, fn)", "statistics")
def recall(tp: Value, fn: Value) -> Scalar:
    """TP/(TP + FN): the share of actual positives that are found, exact."""
    c = _counts("recall", tp=tp, fn=fn)
    return _ratio(c["tp"], c["tp"] + c["fn"], "recall", "TP + FN")


@builtin("f1(tp, fp, fn)", "statistics")
def f1(tp: Value, fp: Value, fn: Value) -> Scalar:
    """F1 = 2TP/(2TP + FP + FN), the harmonic mean of precision and recall, exact."""
    c = _counts("f1", tp=tp, fp=fp, fn=fn)
    return _ratio(2 * c["tp"], 2 * c["tp"] + c["fp"] + c["fn"], "f1", "2TP + FP + FN")


# ------------------------------------------------------------------------------- k-means


def _points(p: Value, fn: str, what: str) -> Mat:
    return matrix(p, fn, what)


def _sq_dist(a: tuple[Scalar, ...], b: tuple[Scalar, ...]) -> Scalar:
    return exact_sum(mul(sub(x, y), sub(x, y)) for x, y in zip(a, b, strict=True))


def _assign(points: Mat, centroids: Mat, fn: str) -> list[int]:
    if points.shape[1] != centroids.shape[1]:
        raise ExprEvalError(
            f"{fn}: points have {points.shape[1]} coordinates, centroids {centroids.shape[1]}"
        )
    out = []
    for p in points.rows:
        dists = [_sq_dist(p, c) for c in centroids.rows]
        best = 0
        for j in range(1, len(dists)):  # ties go to the lower index
            if compare(dists[j], dists[best], "<"):
                best = j
        out.append(best)
    return out


@builtin("col_means(X)", "statistics")
def col_means(x: Value) -> Vec:
    """The mean of each column of a data matrix (the centroid of its rows), exact."""
    m = matrix(x, "col_means")
    return Vec(div(exact_sum(c), m.shape[0]) for c in zip(*m.rows, strict=True))


@builtin("kmeans_assign(points, centroids)", "statistics")
def kmeans_assign(points: Value, centroids: Value) -> Vec:
    """For each point (row), the index of the nearest centroid (row), counting from 0."""
    p = _points(points, "kmeans_assign", "points")
    c = _points(centroids, "kmeans_assign", "centroids")
    return Vec(_assign(p, c, "kmeans_assign"))


@builtin("kmeans_step(points, centroids)", "statistics")
def kmeans_step(points: Value, centroids: Value) -> Mat:
    """One k-means iteration: assign each point to its nearest centroid, move centroids to means."""
    p = _points(points, "kmeans_step", "points")
    c = _points(centroids, "kmeans_step", "centroids")
    labels = _assign(p, c, "kmeans_step")
    rows = []
    for j, old in enumerate(c.rows):
        members = [p.rows[i] for i, lab in enumerate(labels) if lab == j]
        rows.append(list(col_means(Mat(members)).items) if members else list(old))
    return Mat(rows)


# ----------------------------------------------------------------------------------- PCA


@builtin("explained_variance(X)", "statistics")
def explained_variance(x: Value) -> Vec:
    """The variances along the principal components, largest first (1/n covariance).

    The ratios and directions are the same with the 1/(n − 1) convention.
    """
    return Vec(eigvals_list(cov_matrix(x), "explained_variance"))


@builtin("explained_variance_ratio(X)", "statistics")
def explained_variance_ratio(x: Value) -> Vec:
    """Each component's share λᵢ/Σλ of the total variance, largest first, exact."""
    lam = list(explained_variance(x).items)
    total = exact_sum(lam)
    return Vec(div(v, total) for v in lam)


@builtin("principal_component(X, i=0)", "statistics")
def principal_component(x: Value, i: Value = 0) -> Vec:
    """The direction of the i-th principal component (from 0), with smallest integer entries."""
    cov = cov_matrix(x)
    lam = eigvals_list(cov, "principal_component")
    k = integer(i, "principal_component", "i")
    if not 0 <= k < len(lam):
        raise ExprEvalError(f"principal_component: i must be between 0 and {len(lam) - 1}")
    if (k + 1 < len(lam) and lam[k] == lam[k + 1]) or (k > 0 and lam[k] == lam[k - 1]):
        raise ExprEvalError("principal_component: a repeated eigenvalue has no unique direction")
    return eigenvector(cov, number(lam[k], "principal_component"))

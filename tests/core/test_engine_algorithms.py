"""algorithms: the float references for coding exercises, against numpy/scipy written out here."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy import optimize, special

from quizmath.core.engine import algorithms as AL
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, Vec

RNG = np.random.default_rng(9)


def mat(a: np.ndarray) -> Mat:
    return Mat([[float(v) for v in row] for row in a])


def vec(a: np.ndarray) -> Vec:
    return Vec(float(v) for v in a)


def curriculum_fit(X: np.ndarray, y: np.ndarray, lr: float, k: int) -> tuple[np.ndarray, float]:
    """The curriculum's LinearRegression.fit, as written there."""
    n_samples, n_features = X.shape
    weights, bias = np.zeros(n_features), 0.0
    for _ in range(k):
        y_predicted = np.dot(X, weights) + bias
        dw = (1 / n_samples) * np.dot(X.T, (y_predicted - y))
        db = (1 / n_samples) * np.sum(y_predicted - y)
        weights -= lr * dw
        bias -= lr * db
    return weights, bias


@pytest.mark.parametrize("k", [0, 1, 7, 1000])
def test_linreg_gd_fit_is_the_curriculum_loop(k: int) -> None:
    X = RNG.normal(size=(30, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 0.7 + RNG.normal(scale=0.1, size=30)
    w, b = AL.linreg_gd_fit(mat(X), vec(y), 0.05, k)
    ref_w, ref_b = curriculum_fit(X, y, 0.05, k)
    assert isinstance(w, Vec) and len(w) == 3
    np.testing.assert_allclose([float(v) for v in w], ref_w, rtol=1e-12, atol=1e-14)
    assert float(b) == pytest.approx(ref_b, abs=1e-12)


def test_linreg_gd_fit_converges_to_least_squares() -> None:
    X = RNG.normal(size=(40, 2))
    y = X @ np.array([3.0, -1.0]) - 2.0 + RNG.normal(scale=0.2, size=40)
    w, b = AL.linreg_gd_fit(mat(X), vec(y), 0.1, 5000)
    coef = np.linalg.lstsq(np.column_stack([X, np.ones(40)]), y, rcond=None)[0]
    np.testing.assert_allclose([*(float(v) for v in w), float(b)], coef, rtol=1e-8)


def test_linreg_gd_fit_refuses_divergence_and_bad_arguments() -> None:
    X, y = mat(np.array([[1.0], [2.0], [3.0]])), Vec([1, 2, 3])
    with pytest.raises(ExprEvalError, match="diverged"):
        AL.linreg_gd_fit(X, y, 10, 2000)
    with pytest.raises(ExprEvalError, match="y has 2 entries"):
        AL.linreg_gd_fit(X, Vec([1, 2]), 0.1, 3)
    with pytest.raises(LimitError):
        AL.linreg_gd_fit(X, y, 0.1, 10**6)
    with pytest.raises(ExprEvalError, match="matrix"):
        AL.linreg_gd_fit(Vec([1, 2, 3]), y, 0.1, 3)


def test_logreg_gd_step_matches_the_log_loss_gradient() -> None:
    X, y = RNG.normal(size=(12, 3)), RNG.integers(0, 2, size=12).astype(float)
    w, b, lr = RNG.normal(size=3), 0.3, 0.5

    def loss(theta: np.ndarray) -> float:
        p = special.expit(X @ theta[:3] + theta[3])
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    theta = np.append(w, b)
    grad = optimize.approx_fprime(theta, loss, 1e-7)
    new_w, new_b = AL.logreg_gd_step(mat(X), vec(y), vec(w), b, lr)
    np.testing.assert_allclose([*(float(v) for v in new_w), float(new_b)], theta - lr * grad,
                               rtol=1e-5, atol=1e-6)  # fmt: skip


def test_softmax_rows_and_cross_entropy_match_scipy() -> None:
    Z = RNG.normal(size=(5, 4)) * 3
    Z[0] += 1000  # stable for huge logits
    labels = [0, 3, 1, 2, 2]
    got = AL.softmax_rows(mat(Z))
    np.testing.assert_allclose(np.array([list(r) for r in got.rows], dtype=float),
                               special.softmax(Z, axis=1), rtol=1e-12)  # fmt: skip
    ref = -np.mean(special.log_softmax(Z, axis=1)[np.arange(5), labels])
    assert AL.softmax_xent(mat(Z), Vec(labels)) == pytest.approx(ref, rel=1e-12)
    with pytest.raises(ExprEvalError, match="labels must be from 0 to 3"):
        AL.softmax_xent(mat(Z), Vec([0, 1, 2, 3, 4]))


def test_pca_fit_matches_the_svd_of_the_centred_data() -> None:
    X = RNG.normal(size=(25, 3)) @ np.array([[3, 0, 0], [1, 1, 0], [0, 0.5, 0.2]])
    comps, variances = AL.pca_fit(mat(X), 2)
    centred = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    np.testing.assert_allclose([float(v) for v in variances], s[:2] ** 2 / 24, rtol=1e-10)
    got = np.array([list(r) for r in comps.rows], dtype=float)
    for row, ref in zip(got, vt[:2], strict=True):
        assert abs(abs(row @ ref) - 1) < 1e-10  # the same direction up to sign
        assert row[np.argmax(np.abs(row))] > 0  # the sign convention


def test_mlp_backprop_passes_a_gradient_check() -> None:
    X, y = RNG.normal(size=(8, 3)), RNG.normal(size=8)
    W1, b1, W2, b2 = RNG.normal(size=(3, 4)), RNG.normal(size=4), RNG.normal(size=4), 0.2
    args = (mat(X), vec(y), mat(W1), vec(b1), vec(W2), b2)
    hidden = np.maximum(X @ W1 + b1, 0)
    assert AL.mlp_loss(*args) == pytest.approx(np.mean((hidden @ W2 + b2 - y) ** 2))
    analytic = AL.mlp_grads(*args)
    numeric = AL.mlp_numgrads(*args)
    for a, n in zip(analytic, numeric, strict=True):
        a_ = np.array(a.rows if isinstance(a, Mat) else a.items if isinstance(a, Vec) else a)
        n_ = np.array(n.rows if isinstance(n, Mat) else n.items if isinstance(n, Vec) else n)
        np.testing.assert_allclose(a_.astype(float), n_.astype(float), rtol=1e-5, atol=1e-7)
    no_mask = AL.mlp_grads(*args, relu_mask=False)
    assert no_mask[2] == analytic[2] and no_mask[0] != analytic[0]


def test_gd_iterate_reaches_scipys_minimiser_and_matches_exact_steps() -> None:
    x, y = sp.symbols("x y", real=True)
    f = 2 * x**2 + x * y + y**2 - 3 * x + y
    point = AL.gd_iterate(f, Vec([x, y]), Vec([0, 0]), 0.1, 500)
    ref = optimize.minimize(lambda p: 2 * p[0] ** 2 + p[0] * p[1] + p[1] ** 2 - 3 * p[0] + p[1],
                            np.zeros(2)).x  # fmt: skip
    np.testing.assert_allclose([float(v) for v in point], ref, atol=1e-5)
    # one variable: the curriculum's f(x) = x² + 2x + 1 from 0 with lr 0.01, 100 steps
    g = x**2 + 2 * x + 1
    assert AL.gd_iterate(g, x, 0, 0.01, 100) == pytest.approx(-1 + 0.98**100, rel=1e-12)
    with pytest.raises(ExprEvalError, match="not a polynomial"):
        AL.gd_iterate(sp.exp(x), x, 0, 0.1, 3)


def test_numgrad_central_and_forward() -> None:
    x, y = sp.symbols("x y", real=True)
    f = x**3 + x * y**2
    from fractions import Fraction

    h = Fraction(1, 10)
    got = AL.numgrad(f, Vec([x, y]), Vec([1, 2]), h)
    # central differences of a cubic: f'(x) + f'''(x)·h²/6
    assert list(got) == [3 + 4 + Fraction(1, 100), 4]
    fwd = AL.numgrad(f, Vec([x, y]), Vec([1, 2]), h, method="forward")
    assert fwd[0] == ((Fraction(11, 10) ** 3 + Fraction(11, 10) * 4) - 5) / h


def test_pca_fit_without_centring_is_the_eigendecomposition_of_xtx() -> None:
    X = RNG.normal(size=(10, 2)) + np.array([5.0, -3.0])
    _, variances = AL.pca_fit(mat(X), 2, center=False)
    ref = np.sort(np.linalg.eigvalsh(X.T @ X / 9))[::-1]
    np.testing.assert_allclose([float(v) for v in variances], ref, rtol=1e-10)
    with pytest.raises(ExprEvalError, match="center must be true or false"):
        AL.pca_fit(mat(X), 1, center=2)

"""Regression and model fitting: MSE gradients, GD steps, least squares, ridge, metrics.

Convention for 1-D linear regression: the model is ŷ = w·x + b and the loss is the mean squared
error MSE = (1/n) Σ (w·xᵢ + b − yᵢ)², so ∂/∂w = (2/n) Σ (ŷᵢ − yᵢ)·xᵢ and ∂/∂b = (2/n) Σ (ŷᵢ − yᵢ).
Gradient steps update w and b simultaneously. Everything is exact for exact input.
"""

from __future__ import annotations

from fractions import Fraction

from quizmath.core.engine._common import (
    exact_sum,
    integer,
    is_rational,
    matrix,
    number,
    same_length,
    scalars,
    sign,
    vector,
)
from quizmath.core.engine._elimination import identity_mat, inv_mat, rank_value
from quizmath.core.engine.activations import sigmoid
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    binary,
    canon,
    div,
    matmul,
    mul,
    power,
    sub,
)

MAX_STEPS = 200


def _xy(x: Value, y: Value, fn: str) -> tuple[list[Scalar], list[Scalar]]:
    xs, ys = scalars(x, fn, "x"), scalars(y, fn, "y")
    same_length(xs, ys, fn, "x and y")
    return xs, ys


def _residuals(xs: list[Scalar], ys: list[Scalar], w: Scalar, b: Scalar) -> list[Scalar]:
    return [sub(exact_sum([mul(w, x), b]), y) for x, y in zip(xs, ys, strict=True)]


def _grad(xs: list[Scalar], ys: list[Scalar], w: Scalar, b: Scalar) -> tuple[Scalar, Scalar]:
    if all(is_rational(v) for v in (*xs, *ys, w, b)):  # the common case, in plain fractions
        res = [w * x + b - y for x, y in zip(xs, ys, strict=True)]
        scale = Fraction(2, len(xs))
        gw = scale * sum(ri * xi for ri, xi in zip(res, xs, strict=True))
        return canon(gw), canon(scale * sum(res))
    r = _residuals(xs, ys, w, b)
    scale = div(2, len(xs))
    gw = mul(scale, exact_sum(mul(ri, xi) for ri, xi in zip(r, xs, strict=True)))
    return gw, mul(scale, exact_sum(r))


# ------------------------------------------------------------------------ gradient descent


@builtin("mse_grad(x, y, w, b)", "regression")
def mse_grad(x: Value, y: Value, w: Value, b: Value) -> Vec:
    """Gradient [∂/∂w, ∂/∂b] of MSE = (1/n)Σ(w·xᵢ + b − yᵢ)², exact."""
    xs, ys = _xy(x, y, "mse_grad")
    return Vec(_grad(xs, ys, number(w, "mse_grad", "w"), number(b, "mse_grad", "b")))


def _gd(x: Value, y: Value, w: Value, b: Value, lr: Value, k: int, fn: str) -> list[Vec]:
    xs, ys = _xy(x, y, fn)
    wv, bv, eta = number(w, fn, "w"), number(b, fn, "b"), number(lr, fn, "lr")
    path = [Vec([wv, bv])]
    for _ in range(k):
        gw, gb = _grad(xs, ys, wv, bv)
        wv, bv = sub(wv, mul(eta, gw)), sub(bv, mul(eta, gb))
        path.append(Vec([wv, bv]))
    return path


@builtin("linreg_gd_step(x, y, w, b, lr)", "regression")
def linreg_gd_step(x: Value, y: Value, w: Value, b: Value, lr: Value) -> Vec:
    """One GD step on the MSE of ŷ = wx + b: [w, b] − lr·[∂w, ∂b] → [w', b'], exact.

    Convention: MSE = (1/n) Σ (w·xᵢ + b − yᵢ)², so ∂w = (2/n) Σ (ŷᵢ − yᵢ)·xᵢ and
    ∂b = (2/n) Σ (ŷᵢ − yᵢ); both gradients are taken at the old (w, b), a simultaneous update.
    With one sample this is the SGD step.
    """
    return _gd(x, y, w, b, lr, 1, "linreg_gd_step")[-1]


@builtin("linreg_gd_steps(x, y, w, b, lr, k)", "regression")
def linreg_gd_steps(x: Value, y: Value, w: Value, b: Value, lr: Value, k: Value) -> Vec:
    """[w, b] after k GD steps on the MSE of ŷ = wx + b (k ≤ 200), exact."""
    n = integer(k, "linreg_gd_steps", "k")
    if not 0 <= n <= MAX_STEPS:
        raise LimitError(f"linreg_gd_steps: k must be between 0 and {MAX_STEPS}")
    return _gd(x, y, w, b, lr, n, "linreg_gd_steps")[-1]


# --------------------------------------------------------------------------- closed forms


@builtin("linreg_fit(x, y)", "regression")
def linreg_fit(x: Value, y: Value) -> Vec:
    """Least-squares line: [slope, intercept] with slope = Sxy/Sxx, intercept = ȳ − slope·x̄."""
    from quizmath.core.engine.statistics import ss

    xs, ys = _xy(x, y, "linreg_fit")
    mx, my = div(exact_sum(xs), len(xs)), div(exact_sum(ys), len(ys))
    sxx = ss(xs, xs)
    if sign(sxx) == 0:
        raise ExprEvalError("linreg_fit: all x values are equal (the slope is undefined)")
    slope = div(ss(xs, ys), sxx)
    return Vec([slope, sub(my, mul(slope, mx))])


@builtin("design_matrix(x)", "regression")
def design_matrix(x: Value) -> Mat:
    """The matrix with rows [1, xᵢ] (a column of ones for the intercept, then x)."""
    return Mat([1, v] for v in scalars(x, "design_matrix", "x"))


@builtin("normal_equations(X, y)", "regression")
def normal_equations(x: Value, y: Value) -> Vec:
    """The least-squares coefficients (XᵀX)⁻¹Xᵀy, exact (add a ones column for an intercept)."""
    m = matrix(x, "normal_equations", "X")
    v = vector(y, "normal_equations", "y")
    if len(v) != m.shape[0]:
        raise ExprEvalError(f"normal_equations: X has {m.shape[0]} rows but y has {len(v)}")
    if rank_value(m, "normal_equations") < m.shape[1]:
        raise ExprEvalError("normal_equations: the columns of X are dependent (XᵀX is singular)")
    return matmul(inv_mat(matmul(m.T, m), "normal_equations"), matmul(m.T, v))


@builtin("ridge(X, y, lam)", "regression")
def ridge(x: Value, y: Value, lam: Value) -> Vec:
    """Ridge coefficients (XᵀX + λI)⁻¹Xᵀy, exact (every coefficient is penalized)."""
    m = matrix(x, "ridge", "X")
    v = vector(y, "ridge", "y")
    if len(v) != m.shape[0]:
        raise ExprEvalError(f"ridge: X has {m.shape[0]} rows but y has {len(v)}")
    penalty = binary("*", number(lam, "ridge", "lam"), identity_mat(m.shape[1]))
    return matmul(inv_mat(binary("+", matmul(m.T, m), penalty), "ridge"), matmul(m.T, v))


@builtin("ridge_1d(x, y, lam)", "regression")
def ridge_1d(x: Value, y: Value, lam: Value) -> Scalar:
    """Ridge slope without intercept: Σxᵢyᵢ/(Σxᵢ² + λ), exact."""
    xs, ys = _xy(x, y, "ridge_1d")
    den = exact_sum([*(mul(a, a) for a in xs), number(lam, "ridge_1d", "lam")])
    if sign(den) == 0:
        raise ExprEvalError("ridge_1d: Σx² + λ is 0")
    return div(exact_sum(mul(a, c) for a, c in zip(xs, ys, strict=True)), den)


@builtin("soft_threshold(z, lam)", "regression")
def soft_threshold(z: Value, lam: Value) -> Value:
    """The lasso shrinkage sign(z)·max(|z| − λ, 0); entry by entry for vectors."""
    t = number(lam, "soft_threshold", "lam")

    def one(v: Scalar) -> Scalar:
        s = sign(number(v, "soft_threshold", "z"))
        mag = sub(v if s >= 0 else mul(-1, v), t)
        return 0 if sign(mag) <= 0 else mul(s, mag)

    if isinstance(z, Vec):
        return Vec(one(v) for v in z.items)
    return one(z)


@builtin("predict(X, w, b=0)", "regression")
def predict(x: Value, w: Value, b: Value = 0) -> Value:
    """Linear predictions: w·xᵢ + b for numbers x (vector in, vector out), or X@w + b."""
    bias = number(b, "predict", "b")
    if isinstance(x, Mat):
        return binary("+", matmul(x, vector(w, "predict", "w")), bias)
    if isinstance(w, Vec):
        return binary("+", matmul(vector(x, "predict", "x"), w), bias)
    wv = number(w, "predict", "w")
    if isinstance(x, Vec):
        return Vec(exact_sum([mul(wv, v), bias]) for v in x.items)
    return exact_sum([mul(wv, number(x, "predict", "x")), bias])


# -------------------------------------------------------------------------------- losses


def _pred(y: Value, yhat: Value, fn: str) -> list[Scalar]:
    ys, ps = scalars(y, fn, "y"), scalars(yhat, fn, "yhat")
    same_length(ys, ps, fn, "y and yhat")
    return [sub(p, t) for t, p in zip(ys, ps, strict=True)]


@builtin("sse(y, yhat)", "regression")
def sse(y: Value, yhat: Value) -> Scalar:
    """Sum of squared errors Σ(ŷᵢ − yᵢ)²."""
    return exact_sum(power(r, 2) for r in _pred(y, yhat, "sse"))


@builtin("mse(y, yhat)", "regression")
def mse(y: Value, yhat: Value) -> Scalar:
    """Mean squared error (1/n)Σ(ŷᵢ − yᵢ)²."""
    r = _pred(y, yhat, "mse")
    return div(exact_sum(power(v, 2) for v in r), len(r))


@builtin("rmse(y, yhat)", "regression")
def rmse(y: Value, yhat: Value) -> Scalar:
    """Root mean squared error √MSE, exact."""
    from quizmath.core.engine._common import sqrt_value

    return sqrt_value(mse(y, yhat), "rmse")


@builtin("mae(y, yhat)", "regression")
def mae(y: Value, yhat: Value) -> Scalar:
    """Mean absolute error (1/n)Σ|ŷᵢ − yᵢ|."""
    r = _pred(y, yhat, "mae")
    return div(exact_sum(v if sign(v) >= 0 else mul(-1, v) for v in r), len(r))


@builtin("r2(y, yhat)", "regression")
def r2(y: Value, yhat: Value) -> Scalar:
    """Coefficient of determination R² = 1 − SS_res/SS_tot."""
    ys = scalars(y, "r2", "y")
    mean = div(exact_sum(ys), len(ys))
    ss_tot = exact_sum(power(sub(v, mean), 2) for v in ys)
    if sign(ss_tot) == 0:
        raise ExprEvalError("r2: all y values are equal (SS_tot = 0)")
    return sub(1, div(sse(y, yhat), ss_tot))


# ------------------------------------------------------------------------ logistic models


@builtin("logreg_grad(X, y, w)", "regression")
def logreg_grad(x: Value, y: Value, w: Value) -> Vec:
    """Log-loss gradient (1/n)Σ(σ(w·xᵢ) − yᵢ)xᵢ; X has one sample per row (or is one sample)."""
    wv = vector(w, "logreg_grad", "w")
    samples = [r for r in matrix(x, "logreg_grad").rows] if isinstance(x, Mat) else None
    if samples is None:
        samples = [tuple(vector(x, "logreg_grad", "x").items)]
        labels = [number(y, "logreg_grad", "y")]
    else:
        labels = scalars(y, "logreg_grad", "y")
    if len(labels) != len(samples):
        raise ExprEvalError(f"logreg_grad: {len(samples)} samples but {len(labels)} labels")
    total: Value = None
    for row, label in zip(samples, labels, strict=True):
        xi = Vec(row)
        if len(xi) != len(wv):
            raise ExprEvalError(f"logreg_grad: samples have {len(xi)} features, w has {len(wv)}")
        g = binary("*", sub(sigmoid(matmul(wv, xi)), label), xi)
        total = g if total is None else binary("+", total, g)
    return binary("/", total, len(samples))

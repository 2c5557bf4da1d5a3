"""Reference implementations in floating point: what coding exercises are graded against.

A learner's NumPy code works in floats, so these do too (numpy inside the functions), with the
conventions the exercises state:

- linear regression by batch gradient descent as the curriculum writes it: weights and bias
  start at 0; each iteration uses the gradient (1/n)·Xᵀ(ŷ − y) and (1/n)·Σ(ŷ − y) (the MSE
  gradient with its factor 2 folded into the learning rate) and updates both at once;
- logistic regression: the log-loss gradient (1/n)·Xᵀ(σ(Xw + b) − y);
- a two-layer network ŷ = relu(X·W1 + b1)·W2 + b2 with the loss (1/n)·Σ(ŷ − y)²;
- PCA from the covariance with n − 1 (as ``np.cov``), components as unit rows whose largest
  entry is positive.

Results that overflow are refused ("diverged"), so a probe for a diverging mistake is skipped
rather than compared with infinities.
"""

from __future__ import annotations

from typing import Any

from quizmath.core.engine._common import integer, is_float, number, symbols_of, to_float
from quizmath.core.engine.calculus import evaluate, expr_of
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Mat, Scalar, Value, Vec, canon, describe, is_symbolic

MAX_ITERATIONS = 100_000
MAX_WORK = 50_000_000  # iterations × entries touched per iteration


# ---------------------------------------------------------------------------------- plumbing


def floats(x: Value, fn: str, what: str) -> Any:
    """A number, vector or matrix as a numpy float array (0-, 1- or 2-dimensional)."""
    import numpy as np

    rows: Any
    if isinstance(x, Mat):
        rows = [[to_float(v, fn) for v in r] for r in x.rows]
    elif isinstance(x, Vec):
        rows = [to_float(v, fn) for v in x.items]
    elif isinstance(x, bool) or not (isinstance(x, int | float) or _is_number(x)):
        raise ExprEvalError(f"{fn}: {what} must be numbers, got {describe(x)}")
    else:
        rows = to_float(x, fn)
    return np.array(rows, dtype=float)


def _is_number(x: Any) -> bool:
    from fractions import Fraction

    return isinstance(x, Fraction) or (is_symbolic(x) and not x.free_symbols)


def _matrix(x: Value, fn: str, what: str) -> Any:
    if not isinstance(x, Mat):
        raise ExprEvalError(
            f"{fn}: {what} must be a matrix (one sample per row), got {describe(x)}"
        )
    return floats(x, fn, what)


def _vector(x: Value, fn: str, what: str, length: int | None = None) -> Any:
    if not isinstance(x, Vec):
        raise ExprEvalError(f"{fn}: {what} must be a vector, got {describe(x)}")
    out = floats(x, fn, what)
    if length is not None and out.shape[0] != length:
        raise ExprEvalError(f"{fn}: {what} has {out.shape[0]} entries, expected {length}")
    return out


def _scalar(x: Value, fn: str, what: str) -> float:
    return to_float(number(x, fn, what), fn)


def _iterations(k: Value, fn: str, work_per_step: int) -> int:
    steps = integer(k, fn, "k")
    if steps < 0:
        raise ExprEvalError(f"{fn}: k must be 0 or more, got {steps}")
    if steps > MAX_ITERATIONS or steps * max(work_per_step, 1) > MAX_WORK:
        raise LimitError(f"{fn}: too many iterations ({steps})")
    return steps


def _value(a: Any, fn: str) -> Value:
    """A numpy result back as a value: float scalar, Vec or Mat; refused if not finite."""
    import numpy as np

    arr = np.asarray(a, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ExprEvalError(f"{fn}: the result is not finite (the iteration diverged)")
    if arr.ndim == 0:
        return float(arr)
    if arr.ndim == 1:
        return Vec(float(v) for v in arr)
    return Mat([float(v) for v in row] for row in arr)


def _quiet() -> Any:
    import numpy as np

    return np.errstate(all="ignore")  # overflow is reported as "diverged" by _value


# ------------------------------------------------------------------------ linear regression


@builtin("linreg_gd_fit(X, y, lr, k)", "regression")
def linreg_gd_fit(x: Value, y: Value, lr: Value, k: Value) -> tuple[Value, Value]:
    """[weights, bias] after k batch GD steps from zeros, gradient (1/n)·Xᵀ(ŷ − y), in floats."""
    import numpy as np

    fn = "linreg_gd_fit"
    xs = _matrix(x, fn, "X")
    n, d = xs.shape
    ys = _vector(y, fn, "y", n)
    rate = _scalar(lr, fn, "lr")
    steps = _iterations(k, fn, n * d)
    w, b = np.zeros(d), 0.0
    with _quiet():
        for _ in range(steps):
            residual = xs @ w + b - ys
            dw = xs.T @ residual / n
            db = residual.sum() / n
            w = w - rate * dw
            b = b - rate * db
    return (_value(w, fn), _value(b, fn))


# --------------------------------------------------------------------- logistic regression


@builtin("logreg_gd_step(X, y, w, b, lr)", "regression")
def logreg_gd_step(x: Value, y: Value, w: Value, b: Value, lr: Value) -> tuple[Value, Value]:
    """[w', b'] after one GD step on the mean log-loss: gradient (1/n)·Xᵀ(σ(Xw + b) − y)."""
    import numpy as np

    fn = "logreg_gd_step"
    xs = _matrix(x, fn, "X")
    n, d = xs.shape
    ys = _vector(y, fn, "y", n)
    ws = _vector(w, fn, "w", d)
    bias, rate = _scalar(b, fn, "b"), _scalar(lr, fn, "lr")
    with _quiet():
        z = xs @ ws + bias
        p = 1 / (1 + np.exp(-z))
        dw = xs.T @ (p - ys) / n
        db = (p - ys).sum() / n
    return (_value(ws - rate * dw, fn), _value(bias - rate * db, fn))


# --------------------------------------------------------------------- softmax, cross-entropy


def _stable_softmax(z: Any) -> Any:
    import numpy as np

    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


@builtin("softmax_rows(Z)", "numbers")
def softmax_rows(z: Value) -> Value:
    """Softmax of each row of a matrix (or of a vector), stable for large logits, in floats."""
    zs = floats(z, "softmax_rows", "Z")
    if zs.ndim == 0:
        raise ExprEvalError("softmax_rows: Z must be a vector or a matrix")
    return _value(_stable_softmax(zs), "softmax_rows")


@builtin("softmax_xent(Z, labels)", "information theory")
def softmax_xent(z: Value, labels: Value) -> float:
    """Mean cross-entropy −(1/n)Σ ln softmax(zᵢ)[labelᵢ] of logits rows (natural log), stable."""
    import numpy as np

    fn = "softmax_xent"
    zs = floats(z, fn, "Z")
    if zs.ndim == 1:
        zs = zs[None, :]
    if zs.ndim != 2:
        raise ExprEvalError(f"{fn}: Z must be a vector or a matrix")
    raw = [labels] if not isinstance(labels, Vec) else list(labels.items)
    idx = [integer(v, fn, "a label") for v in raw]
    if len(idx) != zs.shape[0]:
        raise ExprEvalError(f"{fn}: {zs.shape[0]} rows of logits but {len(idx)} labels")
    if any(not 0 <= i < zs.shape[1] for i in idx):
        raise ExprEvalError(f"{fn}: labels must be from 0 to {zs.shape[1] - 1}")
    shifted = zs - zs.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(idx)), idx]))


# ------------------------------------------------------------------------------------- PCA


@builtin("pca_fit(X, k, center=true)", "statistics")
def pca_fit(x: Value, k: Value, center: Value = True) -> tuple[Value, Value]:
    """[components, variances]: the top k unit eigenvectors (rows) of the n−1 covariance.

    center=false skips subtracting the column means (the matrix XᵀX/(n − 1): a typical mistake).
    """
    import numpy as np

    fn = "pca_fit"
    xs = _matrix(x, fn, "X")
    n, d = xs.shape
    count = integer(k, fn, "k")
    if n < 2 or not 1 <= count <= d:
        raise ExprEvalError(f"{fn}: needs at least 2 rows and 1 ≤ k ≤ {d}")
    if not isinstance(center, bool):
        raise ExprEvalError(f"{fn}: center must be true or false")
    centred = xs - xs.mean(axis=0) if center else xs
    cov = centred.T @ centred / (n - 1)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:count]
    comps = vectors[:, order].T
    for row in comps:  # a fixed sign: the entry largest in size is positive
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return (_value(comps, fn), _value(values[order], fn))


# ------------------------------------------------------------------------ two-layer network


def _mlp_parts(args: tuple[Value, ...], fn: str) -> tuple[Any, ...]:
    x, y, w1, b1, w2, b2 = args
    xs = _matrix(x, fn, "X")
    n, d = xs.shape
    ys = _vector(y, fn, "y", n)
    w1s = _matrix(w1, fn, "W1")
    if w1s.shape[0] != d:
        raise ExprEvalError(f"{fn}: W1 has {w1s.shape[0]} rows, X has {d} columns")
    h = w1s.shape[1]
    return xs, ys, w1s, _vector(b1, fn, "b1", h), _vector(w2, fn, "W2", h), _scalar(b2, fn, "b2")


def _mlp_loss(xs: Any, ys: Any, w1: Any, b1: Any, w2: Any, b2: float) -> float:
    import numpy as np

    hidden = np.maximum(xs @ w1 + b1, 0.0)
    return float(np.mean((hidden @ w2 + b2 - ys) ** 2))


@builtin("mlp_loss(X, y, W1, b1, W2, b2)", "regression")
def mlp_loss(x: Value, y: Value, w1: Value, b1: Value, w2: Value, b2: Value) -> float:
    """The loss (1/n)Σ(ŷ − y)² of the network ŷ = relu(X·W1 + b1)·W2 + b2, in floats."""
    parts = _mlp_parts((x, y, w1, b1, w2, b2), "mlp_loss")
    with _quiet():
        return to_float(_value(_mlp_loss(*parts), "mlp_loss"))


@builtin("mlp_grads(X, y, W1, b1, W2, b2, relu_mask=true)", "regression")
def mlp_grads(
    x: Value, y: Value, w1: Value, b1: Value, w2: Value, b2: Value, relu_mask: Value = True
) -> tuple[Value, ...]:
    """[dW1, db1, dW2, db2] of mlp_loss by backpropagation (relu_mask=false drops relu′)."""
    import numpy as np

    fn = "mlp_grads"
    xs, ys, w1s, b1s, w2s, b2s = _mlp_parts((x, y, w1, b1, w2, b2), fn)
    if not isinstance(relu_mask, bool):
        raise ExprEvalError(f"{fn}: relu_mask must be true or false")
    n = xs.shape[0]
    with _quiet():
        z = xs @ w1s + b1s
        hidden = np.maximum(z, 0.0)
        r = 2 * (hidden @ w2s + b2s - ys) / n  # ∂L/∂ŷ
        dz = np.outer(r, w2s) * ((z > 0) if relu_mask else 1.0)
        grads = (xs.T @ dz, dz.sum(axis=0), hidden.T @ r, r.sum())
    return tuple(_value(g, fn) for g in grads)


@builtin("mlp_numgrads(X, y, W1, b1, W2, b2, h=1e-6)", "regression")
def mlp_numgrads(
    x: Value, y: Value, w1: Value, b1: Value, w2: Value, b2: Value, h: Value = 1e-6
) -> tuple[Value, ...]:
    """[dW1, db1, dW2, db2] of mlp_loss by central differences (a gradient check)."""
    import numpy as np

    fn = "mlp_numgrads"
    parts = list(_mlp_parts((x, y, w1, b1, w2, b2), fn))
    step = _scalar(h, fn, "h")
    if not step > 0:
        raise ExprEvalError(f"{fn}: h must be positive")
    if sum(np.size(p) for p in parts[2:]) > 400:
        raise LimitError(f"{fn}: too many weights for a numerical gradient")
    out = []
    with _quiet():
        for i in range(2, 6):
            original = np.array(parts[i], dtype=float)
            grad = np.zeros_like(original)
            for idx in np.ndindex(original.shape):
                for sign in (1, -1):
                    moved = original.copy()
                    moved[idx] += sign * step
                    parts[i] = moved if moved.ndim else float(moved)
                    grad[idx] += sign * _mlp_loss(*parts) / (2 * step)
            parts[i] = original if original.ndim else float(original)
            out.append(_value(grad, fn))
    return tuple(out)


# ------------------------------------------------------------- polynomials, gradient descent


def poly_terms(f: Value, vars: Value, fn: str) -> tuple[list[tuple[float, tuple[int, ...]]], int]:
    """A polynomial as (coefficient, exponents) pairs in floats, and its number of variables."""
    syms = symbols_of(vars, fn)
    e = expr_of(f, fn)
    from quizmath.core.engine._common import sp

    try:
        poly = sp().Poly(e, *syms)
    except Exception:  # sympy raises PolynomialError and friends for anything else
        raise ExprEvalError(f"{fn}: {e} is not a polynomial in {syms}") from None
    if poly.free_symbols - set(syms) or poly.total_degree() > 12 or len(poly.terms()) > 60:
        raise ExprEvalError(f"{fn}: expected a small polynomial in {syms}")
    return [(to_float(canon(c), fn), tuple(m)) for m, c in poly.terms()], len(syms)


def poly_value(terms: list[tuple[float, tuple[int, ...]]], point: Any) -> float:
    total = 0.0
    for c, powers in terms:
        term = c
        for xi, p in zip(point, powers, strict=True):
            if p:
                term *= xi**p
        total += term
    return total


@builtin("gd_iterate(f, vars, x0, lr, k)", "optimization")
def gd_iterate(f: Value, vars: Value, x0: Value, lr: Value, k: Value) -> Value:
    """The point after k gradient-descent steps on a polynomial f, in floats (k ≤ 100,000)."""
    import numpy as np

    from quizmath.core.engine.calculus import diff

    fn = "gd_iterate"
    syms = symbols_of(vars, fn)
    scalar = is_symbolic(vars)
    grads = [poly_terms(diff(f, s), vars, fn)[0] for s in syms]
    point = floats(x0, fn, "x0").reshape(-1)
    if len(point) != len(syms) or isinstance(x0, Mat) or (isinstance(x0, Vec) and scalar):
        raise ExprEvalError(f"{fn}: {len(syms)} variables but x0 is {describe(x0)}")
    rate = _scalar(lr, fn, "lr")
    steps = _iterations(k, fn, sum(len(g) for g in grads) * len(syms))
    with _quiet():
        for _ in range(steps):
            point = point - rate * np.array([poly_value(g, point) for g in grads])
            if not np.all(np.isfinite(point)):
                break
    return _value(point[0] if scalar else point, fn)


@builtin("numgrad(f, vars, x0, h, method='central')", "calculus")
def numgrad(f: Value, vars: Value, x0: Value, h: Value, method: str = "central") -> Vec:
    """Finite-difference gradient of f at x0, one coordinate at a time; exact for exact h."""
    fn = "numgrad"
    syms = symbols_of(vars, fn)
    e = expr_of(f, fn)
    point = list(x0.items) if isinstance(x0, Vec) else [x0]
    if len(point) != len(syms):
        raise ExprEvalError(f"{fn}: {len(syms)} variables but x0 has {len(point)} entries")
    point = [number(p, fn, "x0") for p in point]
    step = number(h, fn, "h")
    if step == 0:
        raise ExprEvalError(f"{fn}: h must not be 0")
    use_floats = is_float(step) or any(is_float(p) for p in point)
    from quizmath.core.engine._common import to_sympy_value

    def at(shift: int, i: int) -> Any:
        moved = [to_sympy_value(p) for p in point]
        moved[i] = moved[i] + shift * to_sympy_value(step)
        return to_sympy_value(evaluate(e, dict(zip(syms, moved, strict=True)), use_floats))

    hh = to_sympy_value(step)
    out: list[Scalar] = []
    for i in range(len(syms)):
        if method == "central":
            value = (at(1, i) - at(-1, i)) / (2 * hh)
        elif method == "forward":
            value = (at(1, i) - at(0, i)) / hh
        elif method == "backward":
            value = (at(0, i) - at(-1, i)) / hh
        else:
            raise ExprEvalError(f"{fn}: method must be 'central', 'forward' or 'backward'")
        out.append(canon(value))
    return Vec(out)

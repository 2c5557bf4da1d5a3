"""Optimization: gradient-descent, momentum, Adam and Newton steps; exact minimizers; scipy.

The step functions are exact for exact input: with f a polynomial, a rational start and a
rational learning rate every iterate is a fraction. ``vars`` is one symbol (then points are
numbers) or a vector of symbols (then points are vectors).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

from quizmath.core.engine._common import (
    integer,
    is_float,
    number,
    scalars,
    sp,
    symbols_of,
    to_float,
    to_sympy_value,
)
from quizmath.core.engine.calculus import _d, evaluate, expr_of
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Mat, Scalar, Value, Vec, binary, canon, is_symbolic

MAX_STEPS = 200

# ---------------------------------------------------------------------------------- plumbing


class _Problem:
    """f, its variables and its gradient, with points as lists of exact values."""

    def __init__(self, f: Value, vars: Value, fn: str) -> None:
        self.fn = fn
        self.expr = expr_of(f, fn)
        self.scalar = is_symbolic(vars) and vars.is_Symbol
        self.vars = symbols_of(vars, fn)
        self.grads = [_d(self.expr, v, 1) for v in self.vars]

    def point(self, x0: Value) -> list[Scalar]:
        pts = [x0] if self.scalar and not isinstance(x0, Vec) else scalars(x0, self.fn, "x0")
        if len(pts) != len(self.vars):
            raise ExprEvalError(f"{self.fn}: {len(self.vars)} variables but x0 has {len(pts)}")
        return [number(p, self.fn, "x0") for p in pts]

    def grad(self, x: list[Scalar]) -> list[Scalar]:
        floats = any(is_float(v) for v in x)
        mapping = {s: to_sympy_value(v) for s, v in zip(self.vars, x, strict=True)}
        return [evaluate(g, mapping, floats) for g in self.grads]

    def hessian(self, x: list[Scalar]) -> Mat:
        floats = any(is_float(v) for v in x)
        mapping = {s: to_sympy_value(v) for s, v in zip(self.vars, x, strict=True)}
        return Mat([evaluate(_d(g, w, 1), mapping, floats) for w in self.vars] for g in self.grads)

    def out(self, x: list[Scalar]) -> Value:
        return x[0] if self.scalar else Vec(x)


def _steps(k: Value, fn: str) -> int:
    n = integer(k, fn, "k")
    if not 0 <= n <= MAX_STEPS:
        raise LimitError(f"{fn}: k must be between 0 and {MAX_STEPS}")
    return n


def _axpy(x: list[Scalar], a: Scalar, y: list[Scalar]) -> list[Scalar]:
    """x + a·y, entry by entry, exact."""
    return list(binary("+", Vec(x), binary("*", a, Vec(y))).items)


def _gd_iterates(f: Value, vars: Value, x0: Value, lr: Value, k: int, fn: str) -> list[Any]:
    p = _Problem(f, vars, fn)
    eta = number(lr, fn, "lr")
    x = p.point(x0)
    path = [p.out(x)]
    for _ in range(k):
        x = _axpy(x, canon(-to_sympy_value(eta)) if is_symbolic(eta) else -eta, p.grad(x))
        path.append(p.out(x))
    return path


# ------------------------------------------------------------------------- gradient descent


@builtin("gd_step(f, vars, x0, lr)", "optimization")
def gd_step(f: Value, vars: Value, x0: Value, lr: Value) -> Value:
    """One gradient-descent step x0 − lr·∇f(x0), exact."""
    return _gd_iterates(f, vars, x0, lr, 1, "gd_step")[-1]


@builtin("gd_steps(f, vars, x0, lr, k)", "optimization")
def gd_steps(f: Value, vars: Value, x0: Value, lr: Value, k: Value) -> Value:
    """The point after k gradient-descent steps from x0 (k ≤ 200), exact."""
    return _gd_iterates(f, vars, x0, lr, _steps(k, "gd_steps"), "gd_steps")[-1]


def _path(points: list[Value]) -> Value:
    if isinstance(points[0], Vec):
        return Mat(p.items for p in points)
    return Vec(points)


@builtin("gd_path(f, vars, x0, lr, k)", "optimization")
def gd_path(f: Value, vars: Value, x0: Value, lr: Value, k: Value) -> Value:
    """The iterates x0 … xk of gradient descent: a vector (one variable) or the rows of a matrix."""
    return _path(_gd_iterates(f, vars, x0, lr, _steps(k, "gd_path"), "gd_path"))


def _momentum(
    f: Value, vars: Value, x0: Value, lr: Value, beta: Value, k: Value, fn: str
) -> list[Value]:
    p = _Problem(f, vars, fn)
    eta, b = number(lr, fn, "lr"), number(beta, fn, "beta")
    x = p.point(x0)
    v: list[Scalar] = [0] * len(x)
    path = [p.out(x)]
    for _ in range(_steps(k, fn)):
        v = list(binary("+", binary("*", b, Vec(v)), Vec(p.grad(x))).items)
        x = list(binary("-", Vec(x), binary("*", eta, Vec(v))).items)
        path.append(p.out(x))
    return path


@builtin("momentum_steps(f, vars, x0, lr, beta, k)", "optimization")
def momentum_steps(f: Value, vars: Value, x0: Value, lr: Value, beta: Value, k: Value) -> Value:
    """The point after k heavy-ball steps v ← βv + ∇f(x), x ← x − lr·v (v starts at 0), exact."""
    return _momentum(f, vars, x0, lr, beta, k, "momentum_steps")[-1]


@builtin("momentum_path(f, vars, x0, lr, beta, k)", "optimization")
def momentum_path(f: Value, vars: Value, x0: Value, lr: Value, beta: Value, k: Value) -> Value:
    """The iterates x0 … xk of momentum (v ← βv + ∇f(x), x ← x − lr·v), exact."""
    return _path(_momentum(f, vars, x0, lr, beta, k, "momentum_path"))


@builtin("adam_steps(f, vars, x0, lr, k=1, beta1=0.9, beta2=0.999, eps=1e-8)", "optimization")
def adam_steps(
    f: Value,
    vars: Value,
    x0: Value,
    lr: Value,
    k: Value = 1,
    beta1: Value = 0.9,
    beta2: Value = 0.999,
    eps: Value = 1e-8,
) -> Value:
    """The point after k Adam steps with bias correction (floats)."""
    p = _Problem(f, vars, "adam_steps")
    eta, b1, b2, e = (
        to_float(number(v, "adam_steps"), "adam_steps") for v in (lr, beta1, beta2, eps)
    )
    x = [to_float(v, "adam_steps") for v in p.point(x0)]
    m = [0.0] * len(x)
    s = [0.0] * len(x)
    for t in range(1, _steps(k, "adam_steps") + 1):
        g = [to_float(v, "adam_steps") for v in p.grad(x)]
        m = [b1 * mi + (1 - b1) * gi for mi, gi in zip(m, g, strict=True)]
        s = [b2 * si + (1 - b2) * gi * gi for si, gi in zip(s, g, strict=True)]
        mhat = [mi / (1 - b1**t) for mi in m]
        shat = [si / (1 - b2**t) for si in s]
        x = [xi - eta * mh / (math.sqrt(sh) + e) for xi, mh, sh in zip(x, mhat, shat, strict=True)]
    return p.out(x)


# ------------------------------------------------------------------------------------ Newton


def _newton(f: Value, vars: Value, x0: Value, k: int, fn: str) -> Value:
    from quizmath.core.engine._elimination import inv_mat

    p = _Problem(f, vars, fn)
    x = p.point(x0)
    for _ in range(k):
        h = p.hessian(x)
        try:
            step = binary("@", inv_mat(h, fn), Vec(p.grad(x)))
        except ExprEvalError:
            raise ExprEvalError(f"{fn}: the second derivative (Hessian) is singular") from None
        x = list(binary("-", Vec(x), step).items)
    return p.out(x)


@builtin("newton_step(f, vars, x0)", "optimization")
def newton_step(f: Value, vars: Value, x0: Value) -> Value:
    """One Newton step for minimization: x0 − f'(x0)/f''(x0), or x0 − H⁻¹∇f(x0); exact."""
    return _newton(f, vars, x0, 1, "newton_step")


@builtin("newton_steps(f, vars, x0, k)", "optimization")
def newton_steps(f: Value, vars: Value, x0: Value, k: Value) -> Value:
    """The point after k Newton steps for minimization, exact."""
    return _newton(f, vars, x0, _steps(k, "newton_steps"), "newton_steps")


# ----------------------------------------------------------------------------- minimizers


@builtin("argmin_quadratic(f, vars)", "optimization")
def argmin_quadratic(f: Value, vars: Value) -> Value:
    """The exact minimizer of a quadratic with positive definite Hessian (solves ∇f = 0)."""
    from quizmath.core.engine._elimination import inv_mat
    from quizmath.core.engine.eigen import definiteness

    p = _Problem(f, vars, "argmin_quadratic")
    origin = [0] * len(p.vars)
    second = [[_d(g, w, 1) for w in p.vars] for g in p.grads]
    if any(e.free_symbols & set(p.vars) for row in second for e in row):
        raise ExprEvalError("argmin_quadratic: f is not a quadratic (its Hessian is not constant)")
    h = Mat([canon(e) for e in row] for row in second)
    if definiteness(h) != "positive definite":
        raise ExprEvalError("argmin_quadratic: the Hessian is not positive definite (no minimum)")
    x = binary("@", inv_mat(h), Vec(p.grad(origin)))
    return p.out([canon(-to_sympy_value(v)) if is_symbolic(v) else -v for v in x.items])


def compile_float(expr: Any, variables: list[Any]) -> Callable[[list[float]], float]:
    """A float function from a sympy expression by walking its tree (no lambdify: it execs)."""
    s = sp()
    index = {v: i for i, v in enumerate(variables)}
    unary: dict[Any, Callable[[float], float]] = {
        s.exp: math.exp,
        s.log: math.log,
        s.sin: math.sin,
        s.cos: math.cos,
        s.tan: math.tan,
        s.tanh: math.tanh,
        s.sinh: math.sinh,
        s.cosh: math.cosh,
        s.asin: math.asin,
        s.acos: math.acos,
        s.atan: math.atan,
        s.Abs: abs,
        s.sign: lambda t: float((t > 0) - (t < 0)),
        s.Heaviside: lambda t: 1.0 if t > 0 else (0.5 if t == 0 else 0.0),
        s.re: lambda t: t,  # the variables are real numbers here
        s.im: lambda t: 0.0,
    }

    def build(e: Any) -> Callable[[list[float]], float]:
        if e in index:
            i = index[e]
            return lambda x: x[i]
        if e.is_number and not e.free_symbols:
            c = to_float(canon(e), "minimize")
            return lambda x: c
        parts = [build(a) for a in e.args]
        if e.is_Add:
            return lambda x: math.fsum(p(x) for p in parts)
        if e.is_Mul:
            return lambda x: math.prod(p(x) for p in parts)
        if e.is_Pow:
            base, exp_ = parts
            return lambda x: base(x) ** exp_(x)
        if e.func in unary:
            f1, arg = unary[e.func], parts[0]
            return lambda x: f1(arg(x))
        if e.func in (s.Max, s.Min):
            pick = max if e.func is s.Max else min
            return lambda x: pick(p(x) for p in parts)
        raise ExprEvalError(f"minimize: cannot evaluate {e.func.__name__} numerically")

    return build(expr)


@builtin("minimize(f, vars, x0)", "optimization")
def minimize(f: Value, vars: Value, x0: Value) -> Value:
    """A local minimizer of f from x0 by scipy.optimize.minimize (BFGS), as floats."""
    import numpy as np
    from scipy.optimize import minimize as sp_minimize

    p = _Problem(f, vars, "minimize")
    fun = compile_float(p.expr, p.vars)
    jac = [compile_float(g, p.vars) for g in p.grads]

    def both(x: Any) -> tuple[float, Any]:
        pt = [float(v) for v in x]
        try:
            return fun(pt), np.array([g(pt) for g in jac])
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            return math.inf, np.zeros(len(pt))

    start = np.array([to_float(v, "minimize") for v in p.point(x0)])
    options = {"maxiter": 1000, "gtol": 1e-10}
    with warnings.catch_warnings(), np.errstate(all="ignore"):  # overflow on unbounded f
        warnings.simplefilter("ignore", RuntimeWarning)
        res = sp_minimize(both, start, jac=True, method="BFGS", options=options)
    if not np.all(np.isfinite(res.x)) or not math.isfinite(float(res.fun)):
        raise ExprEvalError("minimize: no finite minimum found from that starting point")
    return p.out([float(v) for v in res.x])

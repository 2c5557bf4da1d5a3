"""Calculus on declared symbols (sympy, imported lazily).

Functions are sympy expressions built from the template's symbols; the interpreter passes the
symbols themselves. Values come back through ``canon``, so f'(2) of a polynomial is an int or a
Fraction, not a sympy Integer. Every sympy call is preceded by a size check.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

from quizmath.core.engine._common import (
    check_expr_size,
    integer,
    is_float,
    number,
    scalars,
    sp,
    symbols_of,
    to_float,
    to_sympy_value,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Mat, Scalar, Value, Vec, canon, describe, is_symbolic

MAX_ORDER = 12  # derivatives and Taylor polynomials up to this order
MAX_VARS = 6
MAX_EXPAND_POWER = 12


def expr_of(f: Value, fn: str) -> Any:
    """A scalar function argument as a sympy expression (numbers are constant functions)."""
    if isinstance(f, bool) or not (is_symbolic(f) or isinstance(f, int | float | Fraction)):
        raise ExprEvalError(f"{fn}: expected an expression, got {describe(f)}")
    e = to_sympy_value(f)
    check_expr_size(e, fn)
    return e


def _vars(v: Value, fn: str) -> list[Any]:
    out = symbols_of(v, fn)
    if len(out) > MAX_VARS:
        raise LimitError(f"{fn}: at most {MAX_VARS} variables")
    return out


def _one_var(v: Value, fn: str) -> Any:
    vs = _vars(v, fn)
    if len(vs) != 1:
        raise ExprEvalError(f"{fn}: expected one variable, got {len(vs)}")
    return vs[0]


@lru_cache(maxsize=1024)
def _d(expr: Any, var: Any, n: int) -> Any:
    """The n-th partial derivative, cached: GD loops and validation reuse the same gradients."""
    out = sp().diff(expr, var, n)
    check_expr_size(out, "diff")
    return out


def _map(f: Value, fn: str, op: Any) -> Value:
    """Apply ``op`` to an expression, or to each entry of a vector or matrix of expressions."""
    if isinstance(f, Vec):
        return Vec(canon(op(expr_of(x, fn))) for x in f.items)
    if isinstance(f, Mat):
        return Mat((canon(op(expr_of(x, fn))) for x in r) for r in f.rows)
    return canon(op(expr_of(f, fn)))


# ------------------------------------------------------------------------------- derivatives


@builtin("diff(f, x, n=1)", "calculus")
def diff(f: Value, x: Value, n: Value = 1) -> Value:
    """The n-th derivative of f with respect to the symbol x (entry by entry for vectors)."""
    var = _one_var(x, "diff")
    order = integer(n, "diff", "n")
    if not 0 <= order <= MAX_ORDER:
        raise LimitError(f"diff: the order must be between 0 and {MAX_ORDER}")
    return _map(f, "diff", lambda e: _d(e, var, order))


@builtin("grad(f, vars)", "calculus")
def grad(f: Value, vars: Value) -> Vec:
    """The gradient [∂f/∂x, ∂f/∂y, …] as a vector of expressions."""
    e = expr_of(f, "grad")
    return Vec(canon(_d(e, v, 1)) for v in _vars(vars, "grad"))


@builtin("jacobian(F, vars)", "calculus")
def jacobian(f: Value, vars: Value) -> Mat:
    """The Jacobian of a vector function F: row i holds the partials of Fᵢ."""
    vs = _vars(vars, "jacobian")
    comps = [expr_of(c, "jacobian") for c in scalars(f, "jacobian", "F")]
    return Mat([canon(_d(c, v, 1)) for v in vs] for c in comps)


@builtin("hessian(f, vars)", "calculus")
def hessian(f: Value, vars: Value) -> Mat:
    """The Hessian matrix of second partial derivatives of f."""
    e = expr_of(f, "hessian")
    vs = _vars(vars, "hessian")
    firsts = [_d(e, v, 1) for v in vs]
    return Mat([canon(_d(g, w, 1)) for w in vs] for g in firsts)


# ---------------------------------------------------------------------------- substitution


def substitution(vars: Value, values: Value, fn: str) -> tuple[dict[Any, Any], bool]:
    """{symbol: sympy value} from one symbol and a number, or a vector of each."""
    vs = _vars(vars, fn)
    vals = [values] if len(vs) == 1 and not isinstance(values, Vec | list | tuple) else None
    if vals is None:
        vals = scalars(values, fn, "the values")
    if len(vals) != len(vs):
        raise ExprEvalError(f"{fn}: {len(vs)} variables but {len(vals)} values")
    for v in vals:
        number(v, fn, "a value")
    floats = any(is_float(v) for v in vals)
    return {s: to_sympy_value(v) for s, v in zip(vs, vals, strict=True)}, floats


def evaluate(expr: Any, mapping: dict[Any, Any], floats: bool) -> Scalar:
    """Substitute and normalize; with float values the result is a float."""
    out = expr.xreplace(mapping)  # faster than subs; sympy re-evaluates as it rebuilds
    if floats or out.has(sp().Float):
        out = out.evalf(17) if out.free_symbols else sp().Float(to_float(out.evalf(30)))
    if out.has(sp().zoo, sp().nan) or out.has(sp().oo):
        raise ExprEvalError("the function is undefined at that point")
    return canon(out)


@builtin("subs(f, vars, values)", "calculus")
def subs(f: Value, vars: Value, values: Value) -> Value:
    """f with the symbols replaced by values: subs(x**2, x, 3) = 9; vectors of both allowed."""
    mapping, floats = substitution(vars, values, "subs")
    if isinstance(f, Vec):
        return Vec(evaluate(expr_of(x, "subs"), mapping, floats) for x in f.items)
    if isinstance(f, Mat):
        return Mat((evaluate(expr_of(x, "subs"), mapping, floats) for x in r) for r in f.rows)
    return evaluate(expr_of(f, "subs"), mapping, floats)


@builtin("grad_at(f, vars, point)", "calculus")
def grad_at(f: Value, vars: Value, point: Value) -> Vec:
    """The gradient of f evaluated at a point, exact."""
    return subs(grad(f, vars), vars, point)


@builtin("hessian_at(f, vars, point)", "calculus")
def hessian_at(f: Value, vars: Value, point: Value) -> Mat:
    """The Hessian of f evaluated at a point, exact."""
    return subs(hessian(f, vars), vars, point)


@builtin("jacobian_at(F, vars, point)", "calculus")
def jacobian_at(f: Value, vars: Value, point: Value) -> Mat:
    """The Jacobian of F evaluated at a point, exact."""
    return subs(jacobian(f, vars), vars, point)


@builtin("directional_derivative(f, vars, point, u)", "calculus")
def directional_derivative(f: Value, vars: Value, point: Value, u: Value) -> Scalar:
    """∇f(point)·u/‖u‖: the rate of change of f in the direction of u (u is normalized)."""
    from quizmath.core.engine.geometry import unit
    from quizmath.core.engine.matrices import dot

    g = grad_at(f, vars, point)
    direction = unit(u)
    if len(direction) != len(g):
        raise ExprEvalError(f"directional_derivative: u has length {len(direction)}, not {len(g)}")
    return dot(g, direction)


# ------------------------------------------------------------------------- series, algebra


@builtin("taylor(f, x, a, n)", "calculus")
def taylor(f: Value, x: Value, a: Value, n: Value) -> Scalar:
    """The Taylor polynomial of degree n of f about x = a: Σ f⁽ᵏ⁾(a)(x − a)ᵏ/k!."""
    e = expr_of(f, "taylor")
    var = _one_var(x, "taylor")
    order = integer(n, "taylor", "n")
    if not 0 <= order <= MAX_ORDER:
        raise LimitError(f"taylor: the degree must be between 0 and {MAX_ORDER}")
    s = sp()
    center = to_sympy_value(number(a, "taylor", "a"))
    terms = []
    for k in range(order + 1):
        ck = _d(e, var, k).xreplace({var: center})
        if ck.has(s.zoo, s.nan, s.oo):
            raise ExprEvalError(f"taylor: the function is not differentiable at {a}")
        terms.append(ck / s.factorial(k) * (var - center) ** k)
    return canon(s.Add(*terms))


def _algebra(f: Value, fn: str, op: str) -> Value:
    def run(e: Any) -> Any:
        if e.is_Number:
            return e
        # (x + y + z)**40 is a small tree that expands to 861 terms: refuse before expanding.
        for p in e.atoms(sp().Pow):
            if p.base.is_Add and p.exp.is_Integer and abs(int(p.exp)) > MAX_EXPAND_POWER:
                raise LimitError(f"{fn}: the power {p} is too large to multiply out")
        return getattr(sp(), op)(e)

    return _map(f, fn, run)


@builtin("expand(f)", "calculus")
def expand(f: Value) -> Value:
    """Multiply out products and powers: expand((x + 1)**2) = x² + 2x + 1."""
    return _algebra(f, "expand", "expand")


@builtin("simplify(f)", "calculus")
def simplify(f: Value) -> Value:
    """A shorter equivalent form: the best of cancel, powsimp, radsimp, expand (no trig rules)."""
    from quizmath.core.engine._common import cheap_simplify

    return _map(f, "simplify", lambda e: e if e.is_Number else cheap_simplify(e))


@builtin("cancel(f)", "calculus")
def cancel(f: Value) -> Value:
    """A rational function as one fraction in lowest terms: p/q with no common factor."""
    return _algebra(f, "cancel", "cancel")


@builtin("factor(f)", "calculus")
def factor(f: Value) -> Value:
    """Factor a polynomial over the rationals: factor(x**2 − 1) = (x − 1)(x + 1)."""
    return _algebra(f, "factor", "factor")


# ------------------------------------------------------------------------- numerical diffs


@builtin("numdiff(f, x, x0, h, method='central')", "calculus")
def numdiff(f: Value, x: Value, x0: Value, h: Value, method: str = "central") -> Scalar:
    """Finite-difference estimate of f'(x0) ('central', 'forward', 'backward'); exact for exact h.

    With a float h the arithmetic is done in floats, so round-off for tiny h shows as it would
    on a calculator.
    """
    e = expr_of(f, "numdiff")
    var = _one_var(x, "numdiff")
    step = number(h, "numdiff", "h")
    if step == 0:
        raise ExprEvalError("numdiff: h must not be 0")
    floats = is_float(step) or is_float(x0)

    def at(p: Any) -> Any:
        return to_sympy_value(evaluate(e, {var: p}, floats))

    c, hh = to_sympy_value(number(x0, "numdiff", "x0")), to_sympy_value(step)
    if method == "central":
        value = (at(c + hh) - at(c - hh)) / (2 * hh)
    elif method == "forward":
        value = (at(c + hh) - at(c)) / hh
    elif method == "backward":
        value = (at(c) - at(c - hh)) / hh
    else:
        raise ExprEvalError("numdiff: method must be 'central', 'forward' or 'backward'")
    return canon(value)

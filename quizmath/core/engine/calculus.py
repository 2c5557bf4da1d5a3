"""Calculus on declared symbols (sympy, imported lazily).

Functions are sympy expressions built from the template's symbols; the interpreter passes the
symbols themselves. Values come back through ``canon``, so f'(2) of a polynomial is an int or a
Fraction, not a sympy Integer. Every sympy call is preceded by a size check.
"""

from __future__ import annotations

import math
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
from quizmath.core.values import Mat, Scalar, Value, ValueSet, Vec, canon, describe, is_symbolic

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
    return subs(grad(f, vars), vars, point)  # type: ignore[no-any-return]


@builtin("hessian_at(f, vars, point)", "calculus")
def hessian_at(f: Value, vars: Value, point: Value) -> Mat:
    """The Hessian of f evaluated at a point, exact."""
    return subs(hessian(f, vars), vars, point)  # type: ignore[no-any-return]


@builtin("jacobian_at(F, vars, point)", "calculus")
def jacobian_at(f: Value, vars: Value, point: Value) -> Mat:
    """The Jacobian of F evaluated at a point, exact."""
    return subs(jacobian(f, vars), vars, point)  # type: ignore[no-any-return]


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


def _poly(f: Value, x: Value, fn: str, max_degree: int = 12) -> tuple[Any, Any]:
    e = expr_of(f, fn)
    var = _one_var(x, fn)
    if not e.is_polynomial(var):
        raise ExprEvalError(f"{fn}: {e} is not a polynomial in {var}")
    poly = sp().Poly(e, var)
    if poly.degree() > max_degree:
        raise LimitError(f"{fn}: degree over {max_degree}")
    return poly, var


@builtin("coeff(f, x, n)", "calculus")
def coeff(f: Value, x: Value, n: Value) -> Scalar:
    """The coefficient of xⁿ in the polynomial f."""
    poly, var = _poly(f, x, "coeff")
    k = integer(n, "coeff", "n")
    if k < 0:
        return 0
    return canon(poly.coeff_monomial(var**k))


@builtin("degree(f, x)", "calculus")
def degree(f: Value, x: Value) -> int:
    """The degree of the polynomial f in x (the zero polynomial has none: an error)."""
    poly = _poly(f, x, "degree")[0]
    if poly.is_zero:
        raise ExprEvalError("degree: the zero polynomial has no degree")
    return int(poly.degree())


@builtin("roots(f, x)", "calculus")
def roots(f: Value, x: Value) -> ValueSet:
    """The set of real roots of a polynomial with rational coefficients (degree ≤ 4), exact."""
    poly, _ = _poly(f, x, "roots", 4)
    if poly.degree() < 1:
        raise ExprEvalError("roots: the polynomial is constant")
    return ValueSet(_real_roots(poly, "roots"))


def _rational_coeffs(poly: Any, fn: str) -> list[Fraction]:
    out = []
    for c in poly.all_coeffs():
        if not c.is_Rational:
            raise ExprEvalError(f"{fn}: the coefficients must be numbers, got {c}")
        out.append(Fraction(int(c.p), int(c.q)))
    return out


def _real_roots(poly: Any, fn: str) -> list[Scalar]:
    """Distinct real roots of a univariate polynomial, exact (rational or square roots)."""
    from quizmath.core.engine.eigen import rational_poly_roots

    coeffs = _rational_coeffs(poly, fn)
    lead = coeffs[0]
    found = rational_poly_roots([c / lead for c in coeffs], fn)
    out: list[Scalar] = []
    for r in found:
        if is_symbolic(r) and r.has(sp().I):
            continue
        if not any(r == o for o in out):
            out.append(r)
    return out


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


# --------------------------------------------------------------------------- critical points


def _polynomial_system(f: Value, vars: Value, fn: str) -> tuple[Any, list[Any], int]:
    e = expr_of(f, fn)
    vs = _vars(vars, fn)
    degree = sp().Poly(e, *vs).total_degree() if e.is_polynomial(*vs) else -1
    if degree < 0 or len(vs) > 3:
        raise ExprEvalError(f"{fn}: needs a polynomial in at most 3 variables")
    if (
        (len(vs) == 1 and degree > 5)
        or (len(vs) == 2 and degree > 3)
        or (len(vs) == 3 and degree > 2)
    ):
        raise ExprEvalError(
            f"{fn}: supported are degree ≤ 5 in one variable, ≤ 3 in two, ≤ 2 in three"
        )
    return e, vs, degree


@builtin("critical_points(f, vars)", "calculus")
def critical_points(f: Value, vars: Value) -> ValueSet:
    """The real points where ∇f = 0 of a polynomial f: numbers for one variable, else vectors."""
    e, vs, degree = _polynomial_system(f, vars, "critical_points")
    s = sp()
    if len(vs) == 1:
        d = s.Poly(_d(e, vs[0], 1), vs[0])
        if d.is_zero:
            raise ExprEvalError("critical_points: f is constant (every point is critical)")
        return ValueSet(_real_roots(d, "critical_points") if d.degree() > 0 else [])
    if degree <= 2:
        return _linear_critical_points(e, vs)
    return _cubic_critical_points_2d(e, vs)


def _linear_critical_points(e: Any, vs: list[Any]) -> ValueSet:
    """∇f = 0 is the linear system H·x = −∇f(0) for a quadratic f."""
    from quizmath.core.engine.linalg import _solve_system

    h = Mat([canon(_d(_d(e, v, 1), w, 1)) for w in vs] for v in vs)
    origin = {v: 0 for v in vs}
    b = Mat([canon(-_d(e, v, 1).xreplace(origin))] for v in vs)
    try:
        x = _solve_system(h, b, "critical_points")
    except ExprEvalError as exc:
        if "no solution" in str(exc):
            return ValueSet([])
        raise ExprEvalError("critical_points: infinitely many critical points") from None
    return ValueSet([x.col(0)])


def _cubic_critical_points_2d(e: Any, vs: list[Any]) -> ValueSet:
    """Two quadratic equations: eliminate y with a resultant, then back-substitute.

    sympy's solve needs up to a minute on such systems; this takes milliseconds. Only
    rational critical points can be listed exactly, so irrational ones are refused.
    """
    s = sp()
    x, y = vs
    g1, g2 = _d(e, x, 1), _d(e, y, 1)
    res = s.Poly(s.resultant(g1, g2, y), x)
    if res.is_zero:
        raise ExprEvalError("critical_points: infinitely many critical points")
    irrational = ExprEvalError("critical_points: some critical points are irrational")
    xs = _rational_roots_or_refuse(res, irrational) if res.degree() > 0 else []
    points: list[Value] = []
    for x0 in xs:
        q0 = s.Rational(x0.numerator, x0.denominator)
        h1, h2 = s.Poly(g1.xreplace({x: q0}), y), s.Poly(g2.xreplace({x: q0}), y)
        h = h2 if h1.is_zero else (h1 if h2.is_zero else s.gcd(h1, h2))
        if h.is_zero:
            raise ExprEvalError("critical_points: infinitely many critical points")
        if h.degree() > 0:
            points.extend(
                Vec([canon(x0), canon(y0)]) for y0 in _rational_roots_or_refuse(h, irrational)
            )
    return ValueSet(points)


def _rational_roots_or_refuse(poly: Any, error: ExprEvalError) -> list[Fraction]:
    """Rational roots of poly; an error if it also has irrational real roots."""
    from quizmath.core.engine.eigen import _integer_roots

    coeffs = _rational_coeffs(poly, "critical_points")
    monic = [c / coeffs[0] for c in coeffs]
    zeros = 0
    while len(monic) > 1 and monic[-1] == 0:
        monic, zeros = monic[:-1], zeros + 1
    scale = math.lcm(*(c.denominator for c in monic))
    ints_q = [int(c * scale**k) for k, c in enumerate(monic)]
    found = _integer_roots(ints_q) if len(ints_q) > 1 else ([], ints_q)
    if found is None:
        raise error
    ints, rest = found
    rest_poly = sp().Poly(rest, sp().Dummy("t"))
    if rest_poly.degree() > 0 and rest_poly.count_roots() > 0:  # exact Sturm count
        raise error
    roots = {Fraction(t, scale) for t in ints}
    if zeros:
        roots.add(Fraction(0))
    return sorted(roots)


@builtin("classify_critical(f, vars, point)", "calculus")
def classify_critical(f: Value, vars: Value, point: Value) -> str:
    """Second-derivative test: 'minimum', 'maximum', 'saddle point' or 'inconclusive'."""
    from quizmath.core.engine._common import sign
    from quizmath.core.engine.eigen import definiteness

    vs = _vars(vars, "classify_critical")
    g = grad_at(f, vs if len(vs) > 1 else vs[0], point)
    if any(not (x == 0 if not is_symbolic(x) else x.is_zero) for x in g.items):
        raise ExprEvalError(f"classify_critical: the gradient at that point is {g.items}, not 0")
    h = hessian_at(f, vs, point)
    if len(vs) == 1:
        s = sign(h.rows[0][0], "classify_critical")
        return {1: "minimum", -1: "maximum", 0: "inconclusive"}[s]
    kind = definiteness(h)
    return {
        "positive definite": "minimum",
        "negative definite": "maximum",
        "indefinite": "saddle point",
    }.get(kind, "inconclusive")

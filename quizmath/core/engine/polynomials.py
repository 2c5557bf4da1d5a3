"""Polynomials and critical points: coefficients, exact real roots, stationary points.

Nothing here calls sympy's ``solve``: on two quadratic equations it needs up to a minute.
Roots come from an exact rational search plus the quadratic formula (``_polyroots``), and a
2-D cubic's critical points from a resultant and back-substitution.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import integer, is_symbolic, sp
from quizmath.core.engine.calculus import _d, _one_var, _vars, expr_of, grad_at, hessian_at
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Mat, Scalar, Value, ValueSet, Vec, canon


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
    e = expr_of(f, "coeff")
    var = _one_var(x, "coeff")
    if not e.is_polynomial(var):
        raise ExprEvalError(f"coeff: {e} is not a polynomial in {var}")
    k = integer(n, "coeff", "n")
    if k < 0:
        return 0
    # expand + Expr.coeff is ~10× cheaper than building a Poly
    expanded = sp().expand(e)
    return canon(expanded.coeff(var, k) if k > 0 else expanded.subs(var, 0))


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
    e = expr_of(f, "roots")
    var = _one_var(x, "roots")
    coeffs = _fast_coeffs(e, var)
    if coeffs is None:
        coeffs = _rational_coeffs(_poly(f, var, "roots", 4)[0], "roots")
    if len(coeffs) > 5:
        raise LimitError("roots: degree over 4")
    if len(coeffs) < 2:
        raise ExprEvalError("roots: the polynomial is constant")
    return ValueSet(_real_roots_of(coeffs, "roots"))


def _fast_coeffs(e: Any, var: Any) -> list[Fraction] | None:
    """Coefficients (highest first) of a polynomial in var with rational coefficients.

    Reads them off the expanded sum, ~5× cheaper than building a sympy Poly; None when the
    expression is anything else (the caller then uses Poly and its checks).
    """
    by_degree: dict[int, Fraction] = {}
    for term, c in sp().expand(e).as_coefficients_dict().items():
        if not c.is_Rational:
            return None
        if term == 1:
            d = 0
        elif term == var:
            d = 1
        elif term.is_Pow and term.base == var and term.exp.is_Integer and 0 < term.exp <= 12:
            d = int(term.exp)
        else:
            return None
        by_degree[d] = by_degree.get(d, Fraction(0)) + Fraction(int(c.p), int(c.q))
    degree = max((d for d, c in by_degree.items() if c != 0), default=0)
    return [by_degree.get(k, Fraction(0)) for k in range(degree, -1, -1)]


def _rational_coeffs(poly: Any, fn: str) -> list[Fraction]:
    out = []
    for c in poly.all_coeffs():
        if not c.is_Rational:
            raise ExprEvalError(f"{fn}: the coefficients must be numbers, got {c}")
        out.append(Fraction(int(c.p), int(c.q)))
    return out


def _real_roots(poly: Any, fn: str) -> list[Scalar]:
    """Distinct real roots of a univariate sympy Poly, exact (rational or square roots)."""
    return _real_roots_of(_rational_coeffs(poly, fn), fn)


def _real_roots_of(coeffs: list[Fraction], fn: str) -> list[Scalar]:
    from quizmath.core.engine._polyroots import rational_poly_roots

    lead = coeffs[0]
    found = rational_poly_roots([c / lead for c in coeffs], fn)
    out: list[Scalar] = []
    for r in found:
        if is_symbolic(r) and r.has(sp().I):
            continue
        if not any(r == o for o in out):
            out.append(r)
    return out


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
    from quizmath.core.engine._polyroots import integer_roots

    coeffs = _rational_coeffs(poly, "critical_points")
    monic = [c / coeffs[0] for c in coeffs]
    zeros = 0
    while len(monic) > 1 and monic[-1] == 0:
        monic, zeros = monic[:-1], zeros + 1
    scale = math.lcm(*(c.denominator for c in monic))
    ints_q = [int(c * scale**k) for k, c in enumerate(monic)]
    found = integer_roots(ints_q) if len(ints_q) > 1 else ([], ints_q)
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

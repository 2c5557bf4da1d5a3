"""Exact roots of polynomials with rational coefficients (characteristic polynomials, f').

Rational roots are found by an exact, finite search: x = t/L turns the polynomial into a monic
integer one whose rational roots are integers dividing its constant term. What is left is
solved by the quadratic formula (or split into quadratics by sympy); cube-root closed forms
are refused, since no learner computes them by hand and sympy needs seconds to compare them.
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import is_rational, sp, sqrt_value, to_sympy_value
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Scalar, canon


def horner(coeffs: list[Any], x: Any) -> Any:
    acc = coeffs[0] * 0
    for c in coeffs:
        acc = acc * x + c
    return acc


def deflate(coeffs: list[Any], r: Any) -> list[Any]:
    """The quotient of dividing by (x − r), r a root (ints stay ints, Fractions Fractions)."""
    out = [coeffs[0]]
    for c in coeffs[1:-1]:
        out.append(c + out[-1] * r)
    return out


def _approx_roots(coeffs: list[Fraction]) -> list[complex]:
    """Durand–Kerner on a monic polynomial: cheap approximations used only to guess candidates."""
    c = [complex(x) for x in coeffs]
    n = len(c) - 1
    radius = 1 + max(abs(x) for x in c[1:])
    z = [radius * cmath.exp(2j * math.pi * k / n + 0.4j) for k in range(n)]
    for _ in range(300):
        moved = 0.0
        for i in range(n):
            den = 1 + 0j
            for j in range(n):
                if j != i:
                    den *= z[i] - z[j]
            step = horner(c, z[i]) / (den if den != 0 else 1e-30)
            z[i] -= step
            moved = max(moved, abs(step))
        if moved < 1e-13 * radius:
            break
    return z


def _rational_candidates(approx: complex, lead: int) -> list[Fraction]:
    if abs(approx.imag) > 1e-3 * max(1.0, abs(approx)):
        return []
    qs = [q for q in range(1, min(lead, 1000) + 1) if lead % q == 0]
    return [Fraction(round(approx.real * q), q) for q in qs]


def quadratic_roots(b: Fraction, c: Fraction) -> list[Scalar]:
    """Roots of λ² + bλ + c, exact (radicals, or complex radicals with i)."""
    disc = b * b - 4 * c
    r = sqrt_value(abs(disc))
    if disc >= 0 and is_rational(r):  # rational roots: no sympy at all
        return [canon(-b / 2 + Fraction(r) / 2), canon(-b / 2 - Fraction(r) / 2)]
    s = sp()
    root = to_sympy_value(r) / 2 * (1 if disc >= 0 else s.I)
    half_b = s.Rational(-b.numerator, 2 * b.denominator)
    return [canon(half_b + root), canon(half_b - root)]


def _divisors(n: int) -> list[int] | None:
    """Positive divisors of n > 0 in increasing order, or None when n is too big to factor."""
    if n > 10**8:
        return None
    small, large = [], []
    d = 1
    while d * d <= n:
        if n % d == 0:
            small.append(d)
            if d * d != n:
                large.append(n // d)
        d += 1
    return small + large[::-1]


def integer_roots(q: list[int]) -> tuple[list[int], list[int]] | None:
    """Integer roots (with multiplicity) of a monic integer polynomial with q[-1] ≠ 0.

    Returns (roots, the deflated polynomial), or None when the constant is too large.
    """
    divs = _divisors(abs(q[-1]))
    if divs is None:
        return None
    bound = 1 + max(abs(c) for c in q[1:])  # Cauchy: every root has |t| ≤ bound
    roots: list[int] = []
    for d in divs:
        if d > bound:
            break
        for t in (d, -d):
            while len(q) > 1 and horner(q, t) == 0:
                roots.append(t)
                q = deflate(q, t)
    return roots, q


def rational_poly_roots(coeffs: list[Fraction], fn: str = "eigenvalues") -> list[Scalar]:
    """All roots, with multiplicity, of a monic polynomial with rational coefficients."""
    coeffs = [Fraction(c) for c in coeffs]
    roots: list[Scalar] = []
    while len(coeffs) > 1 and coeffs[-1] == 0:  # zero roots
        roots.append(0)
        coeffs = coeffs[:-1]
    if len(coeffs) > 3:
        # x = t/L turns p into a monic integer polynomial q(t) = Lⁿp(t/L), whose rational
        # roots are integers dividing its constant term: an exact, finite search.
        scale = math.lcm(*(c.denominator for c in coeffs))
        q = [int(c * scale**k) for k, c in enumerate(coeffs)]
        found = integer_roots(q)
        if found is not None:
            ints, rest = found
            roots.extend(canon(Fraction(t, scale)) for t in ints)
            coeffs = [Fraction(c, scale**k) for k, c in enumerate(rest)]
        else:
            coeffs = _numeric_guess_roots(coeffs, scale, roots)
    if len(coeffs) == 2:
        roots.append(canon(-coeffs[1]))
    elif len(coeffs) == 3:
        roots.extend(quadratic_roots(coeffs[1], coeffs[2]))
    elif len(coeffs) > 3:
        roots.extend(_factored_roots(coeffs, fn))
    return roots


def no_closed_form(poly: Any, fn: str) -> ExprEvalError:
    if fn not in ("critical_points", "roots"):
        shown = poly.as_expr().subs(poly.gens[0], sp().Symbol("λ"))
        return ExprEvalError(
            f"{fn}: the characteristic polynomial has the factor {shown}, whose roots are not "
            "hand-computable (cube roots); use float(A) for numeric eigenvalues"
        )
    shown = poly.as_expr().subs(poly.gens[0], sp().Symbol("x"))
    return ExprEvalError(f"{fn}: the roots of {shown} are not hand-computable (cube roots)")


def _factored_roots(coeffs: list[Fraction], fn: str) -> list[Scalar]:
    """Roots of a rational polynomial without rational roots, when it splits into quadratics.

    A cubic without rational roots is irreducible; a quartic may be a product of two
    quadratics. Cardano-style closed forms are refused: they take sympy seconds to compare
    and no learner can compute them by hand.
    """
    s = sp()
    x = s.Dummy("x")
    poly = s.Poly([s.Rational(c.numerator, c.denominator) for c in coeffs], x)
    if len(coeffs) == 4:
        raise no_closed_form(poly, fn)
    out: list[Scalar] = []
    for factor, mult in poly.factor_list()[1]:
        if factor.degree() > 2:
            raise no_closed_form(factor, fn)
        c = [Fraction(int(v.p), int(v.q)) for v in factor.monic().all_coeffs()]
        found = [canon(-c[1])] if len(c) == 2 else quadratic_roots(c[1], c[2])
        out.extend(found * mult)
    return out


def _numeric_guess_roots(coeffs: list[Fraction], lead: int, roots: list[Scalar]) -> list[Fraction]:
    """Rational roots guessed from numeric approximations and verified exactly (huge constants)."""
    found = True
    while len(coeffs) > 3 and found:
        found = False
        for approx in _approx_roots(coeffs):
            for cand in _rational_candidates(approx, lead):
                if horner(coeffs, cand) == 0:
                    roots.append(canon(cand))
                    coeffs = deflate(coeffs, cand)
                    found = True
                    break
            if found:
                break
    return coeffs

"""Scalar functions: roots, logs, rounding, combinatorics, activations.

Exact in, exact out: int/Fraction arguments give int/Fraction results when the answer is
rational, and sympy expressions (√2, e^(1/2), log(3)/log(2)) when it is not. A float argument
gives a float. Functions of one number also apply entry by entry to vectors and matrices, and
accept symbolic expressions (``sin(x)``), so templates can build functions for calculus.
"""

from __future__ import annotations

import math
from fractions import Fraction

from quizmath.core.engine._common import (
    elementwise,
    exact_sum,
    exp_value,
    has_free_symbols,
    integer,
    is_float,
    is_rational,
    log_value,
    number,
    parse_base,
    sign,
    sp,
    sqrt_value,
    to_float,
    to_sympy_value,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Scalar,
    Value,
    ValueSet,
    Vec,
    binary,
    canon,
    compare,
    describe,
    is_scalar,
    is_symbolic,
    mul,
)


def _items(args: tuple[Value, ...], fn: str) -> list[Value]:
    """``f(a, b, c)`` or ``f(v)`` with v a vector, list or set: the numbers to work on."""
    if len(args) == 1 and isinstance(args[0], Vec | ValueSet | list | tuple):
        items = list(args[0])
    else:
        items = list(args)
    if not items:
        raise ExprEvalError(f"{fn}: needs at least one value")
    return items


# ------------------------------------------------------------------------ sums and extremes


@builtin("abs(x)", "numbers")
def abs_(x: Value) -> Value:
    """Absolute value |x|; entry by entry for a vector or matrix."""

    def one(v: Scalar) -> Scalar:
        number(v, "abs")
        if is_symbolic(v):
            return canon(sp().Abs(v))
        return abs(v)

    return elementwise(one, x)


@builtin("min(*values)", "numbers")
def min_(*args: Value) -> Scalar:
    """The smallest of several numbers, or of the entries of a vector or set."""
    items = [number(v, "min") for v in _items(args, "min")]
    best = items[0]
    for v in items[1:]:
        if compare(v, best, "<"):
            best = v
    return best


@builtin("max(*values)", "numbers")
def max_(*args: Value) -> Scalar:
    """The largest of several numbers, or of the entries of a vector or set."""
    items = [number(v, "max") for v in _items(args, "max")]
    best = items[0]
    for v in items[1:]:
        if compare(v, best, ">"):
            best = v
    return best


@builtin("sum(*values)", "numbers")
def sum_(*args: Value) -> Value:
    """Sum of several numbers, of a vector's entries, or of a list of vectors or matrices."""
    items = _items(args, "sum")
    if all(is_scalar(v) for v in items):
        return exact_sum(items)
    total = items[0]
    for v in items[1:]:
        total = binary("+", total, v)
    return total


@builtin("prod(*values)", "numbers")
def prod(*args: Value) -> Scalar:
    """Product of several numbers, or of a vector's entries."""
    items = [number(v, "prod") for v in _items(args, "prod")]
    if all(is_rational(v) for v in items):
        total = math.prod(items)
        return canon(total)
    result: Scalar = 1
    for v in items:
        result = mul(result, v)
    return result


# --------------------------------------------------------------------------------- rounding


def _exact_of(x: Scalar, fn: str) -> Fraction | None:
    """x as a Fraction when it is rational or a float (by its shortest decimal), else None."""
    if is_rational(x):
        return Fraction(x)
    if is_float(x):
        return Fraction(repr(x))
    if has_free_symbols(x):
        raise ExprEvalError(f"{fn}: {x} still contains variables")
    return None


def _floor(x: Scalar, fn: str) -> int:
    q = _exact_of(x, fn)
    if q is not None:
        return math.floor(q)
    return int(sp().floor(x))


@builtin("round(x, ndigits=0)", "numbers")
def round_(x: Value, ndigits: int = 0) -> Value:
    """Round to ndigits decimals, halves away from zero (2.5 → 3); exact for exact input."""
    n = integer(ndigits, "round", "ndigits")
    if abs(n) > 100:
        raise LimitError("round: ndigits must be between -100 and 100")
    scale = Fraction(10) ** n

    def one(v: Scalar) -> Scalar:
        number(v, "round")
        s = sign(v, "round")
        if s == 0:
            return 0
        q = _exact_of(v, "round")
        if q is not None:
            r = math.floor(abs(q) * scale + Fraction(1, 2))
        else:  # sympy's floor of an exact constant is rigorous (it refines the precision)
            r = int(
                sp().floor(abs(to_sympy_value(v)) * to_sympy_value(scale) + sp().Rational(1, 2))
            )
        rounded = Fraction(s * r) / scale
        if n <= 0:
            return int(rounded)
        return float(rounded) if is_float(v) else canon(rounded)

    return elementwise(one, x)


@builtin("floor(x)", "numbers")
def floor(x: Value) -> Value:
    """The largest integer ≤ x."""
    return elementwise(lambda v: _floor(number(v, "floor"), "floor"), x)


@builtin("ceil(x)", "numbers")
def ceil(x: Value) -> Value:
    """The smallest integer ≥ x."""
    return elementwise(lambda v: -_floor(canon(-number(v, "ceil")), "ceil"), x)


@builtin("sign(x)", "numbers")
def sign_(x: Value) -> Value:
    """-1, 0 or 1 by the sign of x."""
    return elementwise(lambda v: sign(number(v, "sign"), "sign"), x)


# ---------------------------------------------------------------------- roots, exp and logs


@builtin("sqrt(x)", "numbers")
def sqrt(x: Value) -> Value:
    """Square root, exact: sqrt(9/4) = 3/2, sqrt(8) = 2√2."""
    return elementwise(lambda v: sqrt_value(number(v, "sqrt")), x)


@builtin("exp(x)", "numbers")
def exp(x: Value) -> Value:
    """e to the power x, exact: exp(0) = 1, exp(ln 3) = 3, exp(1/2) stays e^(1/2)."""
    return elementwise(lambda v: exp_value(number(v, "exp")), x)


def _log(x: Value, base: object, fn: str) -> Value:
    b = parse_base(base, fn)
    return elementwise(lambda v: log_value(number(v, fn), b, fn), x)


@builtin("ln(x)", "numbers")
def ln(x: Value) -> Value:
    """Natural logarithm, exact: ln(1) = 0, ln(8) = 3·ln 2."""
    return _log(x, None, "ln")


@builtin("log(x, base=e)", "numbers")
def log(x: Value, base: object = None) -> Value:
    """Logarithm, natural unless a base is given; log(8, 2) = 3, log(3, 2) = log(3)/log(2)."""
    return _log(x, base, "log")


@builtin("log2(x)", "numbers")
def log2(x: Value) -> Value:
    """Base-2 logarithm, exact: log2(1/8) = -3."""
    return _log(x, 2, "log2")


@builtin("log10(x)", "numbers")
def log10(x: Value) -> Value:
    """Base-10 logarithm, exact: log10(1000) = 3."""
    return _log(x, 10, "log10")


# ----------------------------------------------------------------------------- trigonometry


def _trig(name: str, x: Value, zero_value: int | None) -> Value:
    def one(v: Scalar) -> Scalar:
        number(v, name)
        if is_float(v):
            return getattr(math, name)(v)
        if is_rational(v) and v == 0 and zero_value is not None:
            return zero_value
        return canon(getattr(sp(), name)(to_sympy_value(v)))

    return elementwise(one, x)


@builtin("sin(x)", "numbers")
def sin(x: Value) -> Value:
    """Sine of x in radians, exact at multiples of π/6 and π/4: sin(pi/6) = 1/2."""
    return _trig("sin", x, 0)


@builtin("cos(x)", "numbers")
def cos(x: Value) -> Value:
    """Cosine of x in radians, exact at multiples of π/6 and π/4: cos(pi/4) = √2/2."""
    return _trig("cos", x, 1)


@builtin("tan(x)", "numbers")
def tan(x: Value) -> Value:
    """Tangent of x in radians, exact at nice angles: tan(pi/3) = √3."""
    return _trig("tan", x, 0)


def _inverse_trig(name: str, x: Value, lo: int | None) -> Value:
    def one(v: Scalar) -> Scalar:
        number(v, name)
        if lo is not None and not has_free_symbols(v) and abs(to_float(v, name)) > 1 + 1e-15:
            raise ExprEvalError(f"{name}: the argument must be between -1 and 1, got {v}")
        if is_float(v):
            return getattr(math, name)(v)
        return canon(getattr(sp(), name)(to_sympy_value(v)))

    return elementwise(one, x)


@builtin("asin(x)", "numbers")
def asin(x: Value) -> Value:
    """Inverse sine in radians, exact at nice values: asin(1/2) = π/6."""
    return _inverse_trig("asin", x, -1)


@builtin("acos(x)", "numbers")
def acos(x: Value) -> Value:
    """Inverse cosine in radians, exact at nice values: acos(-1/2) = 2π/3."""
    return _inverse_trig("acos", x, -1)


@builtin("atan(x)", "numbers")
def atan(x: Value) -> Value:
    """Inverse tangent in radians, exact at nice values: atan(1) = π/4."""
    return _inverse_trig("atan", x, None)


@builtin("deg(x)", "numbers")
def deg(x: Value) -> Value:
    """Radians to degrees, exact: deg(pi/3) = 60."""
    return elementwise(
        lambda v: (
            v * 180 / math.pi
            if is_float(v)
            else canon(to_sympy_value(number(v, "deg")) * 180 / sp().pi)
        ),
        x,
    )


@builtin("rad(x)", "numbers")
def rad(x: Value) -> Value:
    """Degrees to radians, exact: rad(60) = π/3."""
    return elementwise(
        lambda v: (
            v * math.pi / 180
            if is_float(v)
            else canon(to_sympy_value(number(v, "rad")) * sp().pi / 180)
        ),
        x,
    )


# ------------------------------------------------------------------------ kinds of numbers


@builtin("float(x)", "numbers")
def float_(x: Value) -> Value:
    """x as a floating-point number (entry by entry for vectors and matrices)."""
    return elementwise(lambda v: to_float(number(v, "float"), "float"), x)


@builtin("exact(x, max_denominator=None)", "numbers")
def exact(x: Value, max_denominator: Value = None) -> Value:
    """A float as an exact fraction by its shortest decimal (0.1 → 1/10), optionally limited."""
    limit = None if max_denominator is None else integer(max_denominator, "exact")
    if limit is not None and limit < 1:
        raise ExprEvalError("exact: max_denominator must be at least 1")

    def one(v: Scalar) -> Scalar:
        number(v, "exact")
        q = Fraction(repr(v)) if is_float(v) else v
        if limit is not None:
            if is_symbolic(q):
                q = Fraction(repr(to_float(q, "exact")))
            q = Fraction(q).limit_denominator(limit)
        return canon(q)

    return elementwise(one, x)


def _rational(x: Value, fn: str) -> Fraction:
    if is_rational(x):
        return Fraction(x)
    raise ExprEvalError(f"{fn}: needs a fraction or integer, got {describe(x)} {x}")


@builtin("numerator(x)", "numbers")
def numerator(x: Value) -> int:
    """The numerator of a fraction in lowest terms (numerator(6/4) = 3)."""
    return _rational(x, "numerator").numerator


@builtin("denominator(x)", "numbers")
def denominator(x: Value) -> int:
    """The denominator of a fraction in lowest terms (denominator(6/4) = 2)."""
    return _rational(x, "denominator").denominator


@builtin("is_integer(x)", "numbers")
def is_integer(x: Value) -> bool:
    """True when x is a whole number (3, 6/2, 4.0, sqrt(9))."""
    if isinstance(x, bool) or not is_scalar(x):
        return False
    if type(x) is int:
        return True
    if is_float(x):
        return x.is_integer()
    if is_symbolic(x):
        return bool(x.is_integer)
    return False

"""Helpers shared by the engine modules: argument checks, exact roots and logs, element-wise maps.

Nothing here is registered as a template function. Module top level imports only the standard
library and ``quizmath.core``; sympy is reached through ``values.sympy_module()`` when a result
is irrational or symbolic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    ValueSet,
    Vec,
    canon,
    describe,
    is_scalar,
    is_symbolic,
    sympy_module,
)

MAX_SYMPY_NODES = 400  # refuse simplify/expand/solve on expressions bigger than this


def sp() -> Any:
    """sympy, imported on first use."""
    return sympy_module()


# --------------------------------------------------------------------------- argument checks


def is_rational(x: object) -> bool:
    """int or Fraction (not bool): the fast exact path."""
    t = type(x)
    return t is int or t is Fraction


def is_float(x: object) -> bool:
    return type(x) is float


def has_free_symbols(x: object) -> bool:
    return is_symbolic(x) and bool(x.free_symbols)


def number(x: object, fn: str, what: str = "the argument") -> Scalar:
    """A scalar argument, or a clear error."""
    if not is_scalar(x):
        raise ExprEvalError(f"{fn}: {what} must be a number, got {describe(x)}")
    return x


def integer(x: object, fn: str, what: str = "the argument") -> int:
    """An integer argument (also accepts 3/1 and sympy integers)."""
    if isinstance(x, bool):
        raise ExprEvalError(f"{fn}: {what} must be an integer, got {describe(x)}")
    if type(x) is int:
        return x
    if isinstance(x, Fraction) and x.denominator == 1:
        return int(x)
    if is_symbolic(x) and x.is_Integer:
        return int(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    raise ExprEvalError(f"{fn}: {what} must be an integer, got {_show(x)}")


def _show(x: object) -> str:
    return str(x) if is_scalar(x) else describe(x)


def scalars(x: object, fn: str, what: str = "the argument") -> list[Scalar]:
    """The entries of a vector-like argument: a Vec, a list/tuple of numbers, or a set."""
    if isinstance(x, Vec):
        return list(x.items)
    if isinstance(x, ValueSet | list | tuple):
        items = list(x)
        for item in items:
            if not is_scalar(item):
                raise ExprEvalError(f"{fn}: {what} must hold numbers, got {describe(item)}")
        if not items:
            raise ExprEvalError(f"{fn}: {what} is empty")
        return items
    raise ExprEvalError(f"{fn}: {what} must be a vector, got {describe(x)}")


def vector(x: object, fn: str, what: str = "the argument") -> Vec:
    if isinstance(x, Vec):
        return x
    return Vec(scalars(x, fn, what))


def matrix(x: object, fn: str, what: str = "the argument") -> Mat:
    if isinstance(x, Mat):
        return x
    raise ExprEvalError(f"{fn}: {what} must be a matrix, got {describe(x)}")


def square(x: object, fn: str, max_n: int | None = None) -> Mat:
    """A square matrix argument, at most ``max_n``×``max_n``."""
    a = matrix(x, fn)
    m, n = a.shape
    if m != n:
        raise ExprEvalError(f"{fn}: the matrix must be square, got {m}×{n}")
    if max_n is not None and n > max_n:
        raise LimitError(f"{fn}: matrices larger than {max_n}×{max_n} are not supported")
    return a


def same_length(u: list[Scalar], v: list[Scalar], fn: str, what: str = "vectors") -> None:
    if len(u) != len(v):
        raise ExprEvalError(f"{fn}: {what} of lengths {len(u)} and {len(v)}")


def symbols_of(x: object, fn: str) -> list[Any]:
    """Variables argument: one symbol, or a vector/list of symbols."""
    items = [x] if is_scalar(x) else scalars(x, fn, "the variables")
    for s in items:
        if not (is_symbolic(s) and getattr(s, "is_Symbol", False)):
            raise ExprEvalError(f"{fn}: expected a declared symbol, got {_show(s)}")
    if len(set(items)) != len(items):
        raise ExprEvalError(f"{fn}: a variable is listed twice")
    return items


# ------------------------------------------------------------------------------- conversions


def to_float(x: Scalar, fn: str = "float") -> float:
    """A real scalar as a float (symbolic constants are evaluated)."""
    if type(x) is float:
        return x
    if is_rational(x):
        return float(x)
    if is_symbolic(x):
        if x.free_symbols:
            raise ExprEvalError(f"{fn}: {x} still contains variables")
        fast = _fast_float(x)
        if fast is not None:
            return fast
        value = complex(x.evalf(20))
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            raise ExprEvalError(f"{fn}: {x} is not a real number")
        return value.real
    raise ExprEvalError(f"{fn}: expected a number, got {describe(x)}")


class _Slow(Exception):
    """The fast evaluation cannot vouch for its digits: use sympy's evalf."""


def _fast_float(x: Any) -> float | None:
    """Evaluate a real constant with math (≈50× faster than evalf), or None to fall back.

    Falls back for anything unusual (i, unknown functions) and when a sum cancels so much that
    double precision might lose digits.
    """
    try:
        value = _walk(x)
    except (_Slow, OverflowError, ValueError, ZeroDivisionError, TypeError):
        return None
    return value if math.isfinite(value) else None


def _walk(e: Any) -> float:
    if e.is_Rational:
        return int(e.p) / int(e.q)
    if e.is_Float or e.is_NumberSymbol:  # pi, E and friends
        return float(e)
    args = e.args
    if e.is_Add:
        terms = [_walk(a) for a in args]
        total = math.fsum(terms)
        if abs(total) < 1e-9 * max(abs(t) for t in terms):
            raise _Slow
        return total
    if e.is_Mul:
        return math.prod(_walk(a) for a in args)
    if e.is_Pow:
        base, exp = _walk(args[0]), _walk(args[1])
        if base < 0 and not float(exp).is_integer():
            raise _Slow
        return float(base**exp)
    f = _MATH.get(type(e).__name__)
    if f is None or len(args) != 1:
        raise _Slow
    return f(_walk(args[0]))


_MATH: dict[str, Callable[[float], float]] = {
    "exp": math.exp,
    "log": math.log,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "Abs": abs,
}


def to_sympy_value(x: Scalar) -> Any:
    from quizmath.core.values import to_sympy

    return to_sympy(x)


def tidy(x: Any) -> Scalar:
    """A sympy result in a readable normal form, then through ``canon``."""
    if not is_symbolic(x) or x.is_Number:
        return canon(x)
    if count_nodes(x, MAX_SYMPY_NODES) <= MAX_SYMPY_NODES:
        x = sp().expand(x) if x.free_symbols and x.is_polynomial() else cheap_simplify(x)
    return canon(x)


def cheap_simplify(x: Any) -> Any:
    """The shortest of a few fast rewrites (cancel, powsimp, radsimp, expand, factor).

    sympy's ``simplify`` (and ``trigsimp``) can take seconds even on 30-node expressions, so it
    is never called; each pass here takes milliseconds.
    """
    s = sp()
    passes = [lambda t: s.cancel(s.together(t)), s.powsimp, s.radsimp, s.expand]
    if x.free_symbols and x.is_polynomial():
        passes.append(s.factor)
    candidates = [x]
    for rewrite in passes:
        try:
            candidates.append(rewrite(x))
        except (TypeError, ValueError, NotImplementedError, s.PolynomialError):
            continue
    return min(candidates, key=lambda c: (s.count_ops(c), count_nodes(c, 10_000)))


def count_nodes(expr: Any, limit: int = 10**6) -> int:
    n = 0
    stack = [expr]
    while stack and n <= limit:
        node = stack.pop()
        n += 1
        stack.extend(node.args)
    return n


def check_expr_size(expr: Any, fn: str) -> None:
    if is_symbolic(expr) and count_nodes(expr, MAX_SYMPY_NODES) > MAX_SYMPY_NODES:
        raise LimitError(f"{fn}: the expression is too large (over {MAX_SYMPY_NODES} nodes)")


def elementwise(f: Callable[[Scalar], Scalar], x: Value) -> Value:
    """Apply a scalar function to a scalar, or to each entry of a vector or matrix."""
    if isinstance(x, Vec):
        return Vec(f(v) for v in x.items)
    if isinstance(x, Mat):
        return Mat((f(v) for v in row) for row in x.rows)
    return f(x)


def exact_sum(xs: Iterable[Scalar]) -> Scalar:
    """Sum with the int/Fraction fast path; promotes to sympy or float only when needed."""
    from quizmath.core.values import add

    items = list(xs)
    if all(is_rational(x) for x in items):
        return canon(sum(items, start=0))
    total: Scalar = 0
    for x in items:
        total = add(total, x)
    return total


def sign(x: Scalar, fn: str = "sign") -> int:
    """-1, 0 or 1 for a real number (exact for sympy constants)."""
    if is_rational(x) or type(x) is float:
        return (x > 0) - (x < 0)
    if has_free_symbols(x):
        raise ExprEvalError(f"{fn}: the sign of {x} depends on its variables")
    fast = _fast_float(x)  # trusted: it refuses sums that cancel to near zero
    if fast:
        return 1 if fast > 0 else -1
    if x.is_zero:
        return 0
    if x.is_positive:
        return 1
    if x.is_negative:
        return -1
    value = to_float(x, fn)
    if value == 0:  # undecided by sympy and tiny: settle with high precision
        value = float(x.evalf(60))
    return (value > 0) - (value < 0)


# ---------------------------------------------------------------------------- exact roots


def _isqrt_exact(n: int) -> int | None:
    r = math.isqrt(n)
    return r if r * r == n else None


def sqrt_value(x: Scalar, fn: str = "sqrt") -> Scalar:
    """Exact square root: rational when it is, a sympy radical otherwise (sqrt(8) = 2√2)."""
    if is_rational(x):
        if x < 0:
            raise ExprEvalError(f"{fn}: square root of a negative number ({x})")
        q = Fraction(x)
        num, den = _isqrt_exact(q.numerator), _isqrt_exact(q.denominator)
        if num is not None and den is not None:
            return canon(Fraction(num, den))
        return canon(sp().sqrt(to_sympy_value(q)))
    if type(x) is float:
        if x < 0:
            raise ExprEvalError(f"{fn}: square root of a negative number ({x})")
        return math.sqrt(x)
    if is_symbolic(x):
        if not x.free_symbols and sign(x, fn) < 0:
            raise ExprEvalError(f"{fn}: square root of a negative number ({x})")
        return canon(sp().sqrt(x))
    raise ExprEvalError(f"{fn}: expected a number, got {describe(x)}")


# ------------------------------------------------------------------------------ exact logs


def int_log(x: Fraction, base: int) -> int | None:
    """k with base**k == x exactly, or None (base an integer ≥ 2)."""
    if x <= 0:
        return None
    num, den = x.numerator, x.denominator
    if num != 1 and den != 1:
        return None
    big = num if den == 1 else den
    k = 0
    while big % base == 0:
        big //= base
        k += 1
    if big != 1:
        return None
    return k if den == 1 else -k


def parse_base(base: object, fn: str) -> Scalar | None:
    """A log base: None means e (natural log). Accepts e, 'e', 'ln', 2, 10, any positive ≠ 1."""
    if base is None or (isinstance(base, str) and base in ("e", "ln", "nat", "nats")):
        return None
    if isinstance(base, str):
        if base in ("bits", "bit"):
            return 2
        raise ExprEvalError(f"{fn}: unknown base {base!r} (use 2, 10 or e)")
    if is_symbolic(base) and base == sp().E:
        return None
    if type(base) is float and base == math.e:
        return None
    b = number(base, fn, "the base")
    if has_free_symbols(b):
        raise ExprEvalError(f"{fn}: the base must be a number")
    if sign(b, fn) <= 0 or b == 1:
        raise ExprEvalError(f"{fn}: the base must be positive and not 1, got {b}")
    return b


def log_value(x: Scalar, base: Scalar | None = None, fn: str = "log") -> Scalar:
    """Exact logarithm: log(8, 2) = 3 and log(1) = 0 without sympy; log(3, 2) = log(3)/log(2)."""
    if type(x) is float or type(base) is float:
        xf = to_float(x, fn)
        if xf <= 0:
            raise ExprEvalError(f"{fn}: logarithm of a non-positive number ({x})")
        return math.log(xf) if base is None else math.log(xf) / math.log(to_float(base, fn))
    if is_rational(x):
        if x <= 0:
            raise ExprEvalError(f"{fn}: logarithm of a non-positive number ({x})")
        if x == 1:
            return 0
        if type(base) is int and base >= 2:
            k = int_log(Fraction(x), base)
            if k is not None:
                return k
    elif is_symbolic(x) and not x.free_symbols and sign(x, fn) <= 0:
        raise ExprEvalError(f"{fn}: logarithm of a non-positive number ({x})")
    s = sp()
    # expand_log(force=True) writes log(8) as 3·log(2), so log(1/3)/log(1/9) cancels to 1/2.
    value = s.expand_log(s.log(to_sympy_value(x)), force=True)
    if base is not None:
        value = value / s.expand_log(s.log(to_sympy_value(base)), force=True)
    return canon(value)


def exp_value(x: Scalar, fn: str = "exp") -> Scalar:
    """Exact exponential: exp(0) = 1, exp(ln 3) = 3, exp(1) = e; floats stay floats."""
    if type(x) is float:
        try:
            return math.exp(x)
        except OverflowError:
            raise ExprEvalError(f"{fn}: exp({x}) overflows") from None
    if is_rational(x):
        if x == 0:
            return 1
        if abs(x) > 10_000:
            raise LimitError(f"{fn}: exponent too large ({x})")
    return canon(sp().exp(to_sympy_value(x)))

"""Scalars of the template language: canonical form, exact arithmetic, size limits.

A scalar is an ``int``, a ``fractions.Fraction``, a ``float``, or a sympy expression. Exact
arithmetic stays in int/Fraction and promotes to sympy only when a result is irrational or
symbolic; every result passes through ``canon``, which also enforces the size limits.
"""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from typing import Any, TypeGuard

from quizmath.core.errors import ExprEvalError, LimitError

MAX_INT_BITS = 4096  # about 1,200 decimal digits: far beyond any hand-computable answer
MAX_ENTRIES = 400  # a 20×20 matrix
MAX_EXPR_NODES = 2000  # nodes in one symbolic expression
MAX_TEXT_LENGTH = 20_000  # characters in a text built by an expression

Scalar = Any  # int | Fraction | float | sympy.Basic (sympy is imported lazily)
Value = Any


# ---------------------------------------------------------------------------------------- sympy


def sympy_module() -> Any:
    """sympy, imported on first use (it costs ~300 ms, so never at start-up)."""
    import sympy

    return sympy


def is_symbolic(x: object) -> TypeGuard[Any]:
    """True for sympy objects (typed as Any: sympy has no type information). Cheap: never
    imports sympy.

    While another thread is importing sympy, ``sys.modules`` already holds the half-made
    module without ``Basic``; nothing can be a sympy object yet, so that is False, not an error
    (two exercises graded at once in threads crashed here).
    """
    basic = getattr(sys.modules.get("sympy"), "Basic", None)
    return basic is not None and isinstance(x, basic)


def to_sympy(x: Scalar) -> Any:
    """A scalar as a sympy object (exact for int and Fraction)."""
    if is_symbolic(x):
        return x
    sp = sympy_module()
    if isinstance(x, bool):
        return sp.Integer(int(x))
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, float):
        return sp.Float(x)
    raise ExprEvalError(f"expected a number, got {_describe(x)}")


def _expr_nodes(expr: Any, limit: int) -> int:
    count = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            break
        stack.extend(node.args)
    return count


# ------------------------------------------------------------------------------------- scalars


_FAST_NUMBERS = (int, Fraction, float)


def is_scalar(x: object) -> bool:
    # type() identity first: this runs for every arithmetic step of every problem.
    t = type(x)
    if t is int or t is Fraction or t is float:
        return True
    if t is bool:
        return False
    return isinstance(x, _FAST_NUMBERS) or is_symbolic(x)


def is_exact(x: object) -> bool:
    """An exact number: int or Fraction, or a sympy number with no floats inside."""
    if isinstance(x, bool):
        return False
    if isinstance(x, int | Fraction):
        return True
    if is_symbolic(x):
        sp = sympy_module()
        return not x.free_symbols and not x.has(sp.Float)
    return False


def canon(x: Scalar) -> Scalar:
    """Normal form of a scalar, with size limits enforced.

    Fractions with denominator 1 become ints; sympy numbers that are rational come back as
    int/Fraction; sympy Floats become floats; floats must be finite.
    """
    t = type(x)
    if t is int:
        if x.bit_length() > MAX_INT_BITS:
            raise LimitError("number too large (over 4096 bits)")
        return x
    if t is bool:
        return x
    if isinstance(x, int):  # an int subclass other than bool
        return canon(int(x))
    if isinstance(x, Fraction):
        if x.numerator.bit_length() > MAX_INT_BITS or x.denominator.bit_length() > MAX_INT_BITS:
            raise LimitError("fraction too large (over 4096 bits)")
        return x.numerator if x.denominator == 1 else x
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ExprEvalError("result is not a finite number")
        return x
    if is_symbolic(x):
        sp = sympy_module()
        if x.is_Integer:
            return canon(int(x))
        if x.is_Rational:
            return canon(Fraction(int(x.p), int(x.q)))
        if x.is_Float:
            return canon(float(x))
        if x.has(sp.zoo, sp.oo, sp.nan, -sp.oo):
            raise ExprEvalError("result is infinite or undefined")
        if _expr_nodes(x, MAX_EXPR_NODES) > MAX_EXPR_NODES:
            raise LimitError("symbolic expression too large")
        return x
    raise ExprEvalError(f"expected a number, got {_describe(x)}")


def _check_scalar(x: object, op: str) -> None:
    if not is_scalar(x):
        raise ExprEvalError(f"cannot apply {op} to {_describe(x)}")


def add(a: Scalar, b: Scalar) -> Scalar:
    if type(a) is int and type(b) is int:  # the common case, which cannot fail
        return canon(a + b)
    _check_scalar(a, "+")
    _check_scalar(b, "+")
    if is_symbolic(a) or is_symbolic(b):
        return canon(to_sympy(a) + to_sympy(b))
    return canon(a + b)


def sub(a: Scalar, b: Scalar) -> Scalar:
    if type(a) is int and type(b) is int:  # the common case, which cannot fail
        return canon(a - b)
    _check_scalar(a, "−")
    _check_scalar(b, "−")
    if is_symbolic(a) or is_symbolic(b):
        return canon(to_sympy(a) - to_sympy(b))
    return canon(a - b)


def mul(a: Scalar, b: Scalar) -> Scalar:
    if type(a) is int and type(b) is int:  # the common case, which cannot fail
        return canon(a * b)
    _check_scalar(a, "×")
    _check_scalar(b, "×")
    if is_symbolic(a) or is_symbolic(b):
        return canon(to_sympy(a) * to_sympy(b))
    return canon(a * b)


def neg(a: Scalar) -> Scalar:
    _check_scalar(a, "unary −")
    return canon(-a)


def is_zero(x: Scalar) -> bool:
    if is_symbolic(x):
        return bool(x.is_zero)
    return x == 0


def div(a: Scalar, b: Scalar) -> Scalar:
    """Exact division: int / int is a Fraction, never a float."""
    _check_scalar(a, "/")
    _check_scalar(b, "/")
    if is_zero(b):
        raise ExprEvalError("division by zero")
    if is_symbolic(a) or is_symbolic(b):
        return canon(to_sympy(a) / to_sympy(b))
    if isinstance(a, float) or isinstance(b, float):
        return canon(a / b)
    return canon(Fraction(a) / Fraction(b))


def _exact_root(x: Fraction, n: int) -> Fraction | None:
    """The exact n-th root of a non-negative rational, or None if it is irrational."""

    def iroot(k: int) -> int | None:
        r = round(k ** (1.0 / n)) if k < (1 << 1000) else None
        if r is None:
            return None
        for c in (r - 1, r, r + 1):
            if c >= 0 and c**n == k:
                return c
        return None

    num, den = iroot(x.numerator), iroot(x.denominator)
    if num is None or den is None:
        return None
    return Fraction(num, den)


def power(a: Scalar, b: Scalar) -> Scalar:
    """a ** b with the result size estimated *before* computing it."""
    _check_scalar(a, "^")
    _check_scalar(b, "^")
    if isinstance(a, float) or isinstance(b, float):
        try:
            return canon(float(a) ** float(b))
        except (OverflowError, ZeroDivisionError) as exc:
            raise ExprEvalError(f"power overflows: {exc}") from None
        except TypeError:
            raise ExprEvalError("power of a negative number to a fractional power") from None
    if is_symbolic(a) or is_symbolic(b):
        if isinstance(b, int) and abs(b) > 64:
            raise LimitError("symbolic power too large")
        return canon(to_sympy(a) ** to_sympy(b))
    base = Fraction(a)
    if isinstance(b, int):
        if base == 0 and b < 0:
            raise ExprEvalError("zero to a negative power")
        size = max(base.numerator.bit_length(), base.denominator.bit_length())
        if size > 1 and abs(b) * (size - 1) > MAX_INT_BITS:
            raise LimitError("power too large (the result would exceed 4096 bits)")
        return canon(base**b)
    # Fractional exponent p/q: exact when the q-th root is rational, otherwise a radical.
    exp = Fraction(b)
    if base < 0:
        raise ExprEvalError("a negative number to a fractional power is not real")
    if exp.denominator > 64 or abs(exp.numerator) > 64:
        raise LimitError("fractional power too large")
    root = _exact_root(base, exp.denominator)
    if root is not None:
        return power(root, exp.numerator)
    return canon(to_sympy(base) ** to_sympy(exp))


def compare(a: Scalar, b: Scalar, op: str) -> bool:
    """Order comparison of two real scalars (``<``, ``<=``, ``>``, ``>=``)."""
    _check_scalar(a, op)
    _check_scalar(b, op)
    if is_symbolic(a) or is_symbolic(b):
        diff = to_sympy(a) - to_sympy(b)
        if diff.free_symbols:
            raise ExprEvalError(f"cannot compare symbolic expressions with {op}")
        value = float(diff.evalf(30))
        a, b = value, 0.0
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    raise ExprEvalError(f"unknown comparison {op}")


def _describe(x: object) -> str:
    # Only on error paths: the arrays module imports this one, so import it late.
    from quizmath.core.values.arrays import describe

    return describe(x)

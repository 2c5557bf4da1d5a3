"""Equality, operators with broadcasting, the matrix product, and conversions of values."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values.arrays import Mat, ValueSet, Vec, describe
from quizmath.core.values.scalars import (
    MAX_TEXT_LENGTH,
    Scalar,
    Value,
    add,
    canon,
    div,
    is_scalar,
    is_symbolic,
    mul,
    neg,
    power,
    sub,
    sympy_module,
    to_sympy,
)


def equal(a: Value, b: Value) -> bool:
    """Mathematical equality of two values (exact for exact values)."""
    if isinstance(a, Vec) and isinstance(b, Vec):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mat) and isinstance(b, Mat):
        return a.shape == b.shape and all(
            equal(x, y) for x, y in zip(a.entries(), b.entries(), strict=True)
        )
    if isinstance(a, ValueSet) and isinstance(b, ValueSet):
        return all(b.contains(x) for x in a) and all(a.contains(y) for y in b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) or isinstance(b, str) or isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if is_scalar(a) and is_scalar(b):
        if is_symbolic(a) or is_symbolic(b):
            return _symbolic_equal(to_sympy(a), to_sympy(b))
        return bool(a == b)
    return False


# Rational points at which two symbolic expressions are compared before trying to simplify.
_PROBE_POINTS = ((3, 7), (-5, 11), (13, 17), (-2, 9))


def _symbolic_equal(a: Any, b: Any) -> bool:
    """Equality of two sympy values, decided numerically whenever that settles it.

    sympy's ``simplify`` takes tens of milliseconds and used to dominate problem generation
    (every mistake is compared with the answer). A difference that is clearly nonzero at 30
    digits, at a number or at a probe point, proves inequality; only a difference that
    vanishes everywhere we look is handed to simplify for the exact verdict.
    """
    sp = sympy_module()
    d = a - b
    if d == 0:
        return True
    symbols = sorted(d.free_symbols, key=lambda s: s.name)
    points = (
        [{}]
        if not symbols
        else [
            {s: sp.Rational(p + 2 * k, q) for k, s in enumerate(symbols)} for p, q in _PROBE_POINTS
        ]
    )
    usable = 0
    for point in points:
        try:
            value = complex(d.evalf(30, subs=point) if point else d.evalf(30))
        except (TypeError, ValueError):
            continue  # undefined at this point (a pole, a log of a negative)
        if abs(value) > 1e-20:
            return False
        usable += 1
    if usable and not symbols:
        return bool(d.equals(0) is not False)  # 0 to 30 digits; equals() rules out near-misses
    if usable == len(points):
        return True  # zero to 30 digits at every probe point: the checker's own standard
    return bool(sp.simplify(d) == 0)


# --------------------------------------------------------------------------- operator dispatch


def _elementwise(op: str, a: Value, b: Value, f: Any) -> Value:
    if isinstance(a, Vec) and isinstance(b, Vec):
        if len(a) != len(b):
            raise ExprEvalError(f"cannot {op} vectors of lengths {len(a)} and {len(b)}")
        return Vec(f(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mat) and isinstance(b, Mat):
        if a.shape != b.shape:
            raise ExprEvalError(
                "cannot {} a {}×{} and a {}×{} matrix".format(op, *a.shape, *b.shape)
            )
        return Mat(
            (f(x, y) for x, y in zip(ra, rb, strict=True))
            for ra, rb in zip(a.rows, b.rows, strict=True)
        )
    if is_scalar(a) and isinstance(b, Vec):
        return Vec(f(a, y) for y in b)
    if isinstance(a, Vec) and is_scalar(b):
        return Vec(f(x, b) for x in a)
    if is_scalar(a) and isinstance(b, Mat):
        return Mat((f(a, y) for y in row) for row in b.rows)
    if isinstance(a, Mat) and is_scalar(b):
        return Mat((f(x, b) for x in row) for row in a.rows)
    if is_scalar(a) and is_scalar(b):
        return f(a, b)
    raise ExprEvalError(f"cannot {op} {describe(a)} and {describe(b)}")


def matmul(a: Value, b: Value) -> Value:
    """``@`` with numpy's rules: Mat@Mat, Mat@Vec, Vec@Mat, and Vec@Vec (the dot product)."""
    if isinstance(a, Vec) and isinstance(b, Vec):
        if len(a) != len(b):
            raise ExprEvalError(f"dot product of vectors of lengths {len(a)} and {len(b)}")
        return _dot(a.items, b.items)
    if isinstance(a, Mat) and isinstance(b, Mat):
        (m, k), (k2, n) = a.shape, b.shape
        if k != k2:
            raise ExprEvalError(f"cannot multiply a {m}×{k} by a {k2}×{n} matrix")
        cols = list(zip(*b.rows, strict=True))
        return Mat([_dot(r, c) for c in cols] for r in a.rows)
    if isinstance(a, Mat) and isinstance(b, Vec):
        if a.shape[1] != len(b):
            raise ExprEvalError(
                "cannot multiply a {}×{} matrix by a vector of length {}".format(*a.shape, len(b))
            )
        return Vec(_dot(r, b.items) for r in a.rows)
    if isinstance(a, Vec) and isinstance(b, Mat):
        if len(a) != b.shape[0]:
            raise ExprEvalError(
                "cannot multiply a vector of length {} by a {}×{} matrix".format(len(a), *b.shape)
            )
        return Vec(_dot(a.items, c) for c in zip(*b.rows, strict=True))
    raise ExprEvalError(f"@ needs vectors or matrices, got {describe(a)} and {describe(b)}")


def _dot(xs: Sequence[Scalar], ys: Sequence[Scalar]) -> Scalar:
    # Plain ints and Fractions (nearly every matrix in the bank) are summed directly and
    # normalised once; this path made P·diag(λ)·P⁻¹ several times faster.
    if all(type(v) in _EXACT_FAST for v in xs) and all(type(v) in _EXACT_FAST for v in ys):
        return canon(sum((x * y for x, y in zip(xs, ys, strict=True)), 0))
    total: Scalar = 0
    for x, y in zip(xs, ys, strict=True):
        total = add(total, mul(x, y))
    return total


_EXACT_FAST = (int, Fraction)


def binary(op: str, a: Value, b: Value) -> Value:
    """Apply an arithmetic operator with broadcasting of scalars over vectors and matrices.

    ``*`` between two vectors or two matrices is element-wise (numpy's rule); ``@`` is the
    matrix product.
    """
    if op == "+":
        if isinstance(a, str) and isinstance(b, str):  # joining text in solutions and options
            if len(a) + len(b) > MAX_TEXT_LENGTH:
                raise LimitError(f"text too long (over {MAX_TEXT_LENGTH} characters)")
            return a + b
        return _elementwise("add", a, b, add)
    if op == "-":
        return _elementwise("subtract", a, b, sub)
    if op == "*":
        return _elementwise("multiply", a, b, mul)
    if op == "/":
        if isinstance(b, Vec | Mat):
            raise ExprEvalError(f"cannot divide by {describe(b)}")
        return _elementwise("divide", a, b, div)
    if op == "**":
        if not (is_scalar(a) and is_scalar(b)):
            raise ExprEvalError("powers need numbers; use matpow(A, k) for matrices")
        return power(a, b)
    if op == "@":
        return matmul(a, b)
    if op in ("//", "%"):
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (a, b)):
            raise ExprEvalError(f"{op} needs integers")
        if b == 0:
            raise ExprEvalError("division by zero")
        return a // b if op == "//" else a % b
    raise ExprEvalError(f"unknown operator {op}")


def unary(op: str, a: Value) -> Value:
    if op == "-":
        if isinstance(a, Vec):
            return Vec(neg(x) for x in a)
        if isinstance(a, Mat):
            return Mat((neg(x) for x in r) for r in a.rows)
        return neg(a)
    if op == "+" and (isinstance(a, Vec | Mat) or is_scalar(a)):
        return a
    raise ExprEvalError(f"cannot apply unary {op} to {describe(a)}")


# ---------------------------------------------------------------------------------- conversion


def from_python(obj: object) -> Value:
    """A value from plain data (YAML test parameters): lists become vectors or matrices."""
    if isinstance(obj, bool | str):
        return obj
    if isinstance(obj, int | Fraction | float):
        return canon(obj)
    if isinstance(obj, list | tuple):
        if obj and all(isinstance(r, list | tuple) for r in obj):
            return Mat(tuple(from_python(x) for x in r) for r in obj)
        return Vec(from_python(x) for x in obj)
    if is_symbolic(obj):
        return canon(obj)
    raise ExprEvalError(f"unsupported value {describe(obj)}")


def to_sympy_text(v: Value) -> str:
    """The value in sympy's printed form: what the answer checker reads as the expected answer."""
    if isinstance(v, bool):
        raise ExprEvalError("a true/false value is not an answer")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Fraction):
        return f"{v.numerator}/{v.denominator}"
    if isinstance(v, float):
        return repr(v)
    if is_symbolic(v):
        return str(v)
    if isinstance(v, Vec):
        return "[" + ", ".join(to_sympy_text(x) for x in v) + "]"
    if isinstance(v, Mat):
        return "[" + ", ".join(to_sympy_text(Vec(r)) for r in v.rows) + "]"
    if isinstance(v, ValueSet):
        return "{" + ", ".join(to_sympy_text(x) for x in v) + "}"
    if isinstance(v, str):
        return v
    raise ExprEvalError(f"cannot write {describe(v)} as an answer")

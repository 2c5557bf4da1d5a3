"""Values of the template language and exact arithmetic on them.

A value is one of:

- a scalar: ``int``, ``fractions.Fraction``, ``float``, or a sympy expression (radicals, π, e,
  logs, and anything built from declared symbols);
- ``Vec`` (1-D) or ``Mat`` (2-D) of scalars;
- ``ValueSet``, an unordered collection (eigenvalues, roots);
- ``bool`` (conditions) and ``str`` (text, choice labels).

Exact arithmetic stays in ``int``/``Fraction`` for speed and promotes to sympy only when a result
is irrational or symbolic, so most problems are generated without importing sympy at all.
Every result passes through ``canon``, which also enforces the size limits.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

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


def is_symbolic(x: object) -> bool:
    """True for sympy objects. Cheap: never imports sympy."""
    sp = sys.modules.get("sympy")
    return sp is not None and isinstance(x, sp.Basic)


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
    raise ExprEvalError(f"expected a number, got {describe(x)}")


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
    raise ExprEvalError(f"expected a number, got {describe(x)}")


def _check_scalar(x: object, op: str) -> None:
    if not is_scalar(x):
        raise ExprEvalError(f"cannot apply {op} to {describe(x)}")


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


# ------------------------------------------------------------------------------ vectors, matrices


class Vec:
    """An immutable 1-D vector of scalars."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Scalar]) -> None:
        self.items: tuple[Scalar, ...] = tuple(canon(x) for x in items)
        if not self.items:
            raise ExprEvalError("a vector needs at least one entry")
        if len(self.items) > MAX_ENTRIES:
            raise LimitError(f"vector too long (over {MAX_ENTRIES} entries)")
        for x in self.items:
            if not is_scalar(x):
                raise ExprEvalError(f"vector entries must be numbers, got {describe(x)}")

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Scalar]:
        return iter(self.items)

    def __getitem__(self, i: int) -> Scalar:
        return self.items[_index(i, len(self.items))]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vec) and self.items == other.items

    def __hash__(self) -> int:
        return hash(("Vec", self.items))

    def __repr__(self) -> str:  # for debugging only; users see quizmath.core.render
        return f"Vec({list(self.items)!r})"

    def __add__(self, other: Value) -> Value:
        return binary("+", self, other)

    def __sub__(self, other: Value) -> Value:
        return binary("-", self, other)

    def __mul__(self, other: Value) -> Value:
        return binary("*", self, other)

    def __rmul__(self, other: Value) -> Value:
        return binary("*", other, self)

    def __truediv__(self, other: Value) -> Value:
        return binary("/", self, other)

    def __neg__(self) -> Value:
        return unary("-", self)

    def __matmul__(self, other: Value) -> Value:
        return binary("@", self, other)


class Mat:
    """An immutable 2-D matrix of scalars, stored by rows."""

    __slots__ = ("rows",)

    def __init__(self, rows: Iterable[Iterable[Scalar]]) -> None:
        self.rows: tuple[tuple[Scalar, ...], ...] = tuple(
            tuple(canon(x) for x in row) for row in rows
        )
        if not self.rows or not self.rows[0]:
            raise ExprEvalError("a matrix needs at least one row and one column")
        width = len(self.rows[0])
        if any(len(r) != width for r in self.rows):
            raise ExprEvalError("matrix rows have different lengths")
        if width * len(self.rows) > MAX_ENTRIES:
            raise LimitError(f"matrix too large (over {MAX_ENTRIES} entries)")
        for x in self.entries():
            if not is_scalar(x):
                raise ExprEvalError(f"matrix entries must be numbers, got {describe(x)}")

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    def entries(self) -> Iterator[Scalar]:
        for row in self.rows:
            yield from row

    def row(self, i: int) -> Vec:
        return Vec(self.rows[_index(i, len(self.rows))])

    def col(self, j: int) -> Vec:
        j = _index(j, self.shape[1])
        return Vec(r[j] for r in self.rows)

    @property
    def T(self) -> Mat:
        return Mat(zip(*self.rows, strict=True))

    def __getitem__(self, key: int | tuple[int, int]) -> Any:
        if isinstance(key, tuple):
            i, j = key
            return self.rows[_index(i, len(self.rows))][_index(j, self.shape[1])]
        return self.row(key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mat) and self.rows == other.rows

    def __hash__(self) -> int:
        return hash(("Mat", self.rows))

    def __repr__(self) -> str:
        return f"Mat({[list(r) for r in self.rows]!r})"

    def __add__(self, other: Value) -> Value:
        return binary("+", self, other)

    def __sub__(self, other: Value) -> Value:
        return binary("-", self, other)

    def __mul__(self, other: Value) -> Value:
        return binary("*", self, other)

    def __rmul__(self, other: Value) -> Value:
        return binary("*", other, self)

    def __truediv__(self, other: Value) -> Value:
        return binary("/", self, other)

    def __neg__(self) -> Value:
        return unary("-", self)

    def __matmul__(self, other: Value) -> Value:
        return binary("@", self, other)


class ValueSet:
    """An unordered collection of scalars without duplicates (eigenvalues, roots …).

    Keeps first-seen order so rendering is stable; ``render`` sorts real numbers for display.
    """

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Value]) -> None:
        unique: list[Value] = []
        seen: set[Any] = set()  # exact numbers and text: hashing finds duplicates at once
        for x in items:
            x = canon(x) if is_scalar(x) else x
            if _hashable_exact(x):
                if x in seen:
                    continue
                seen.add(x)
                if any(not _hashable_exact(y) and equal(x, y) for y in unique):
                    continue
            elif any(equal(x, y) for y in unique):
                continue
            unique.append(x)
        if len(unique) > MAX_ENTRIES:
            raise LimitError(f"set too large (over {MAX_ENTRIES} elements)")
        self.items: tuple[Value, ...] = tuple(unique)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Value]:
        return iter(self.items)

    def contains(self, x: Value) -> bool:
        return any(equal(x, y) for y in self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValueSet) and equal(self, other)

    def __hash__(self) -> int:
        return hash(("ValueSet", len(self.items)))

    def __repr__(self) -> str:
        return f"ValueSet({list(self.items)!r})"


def _hashable_exact(x: object) -> bool:
    """Values whose equality is plain ``==`` (so a set can find duplicates by hashing)."""
    return isinstance(x, int | Fraction | str) and not isinstance(x, bool)


def _index(i: object, n: int) -> int:
    if isinstance(i, bool) or not isinstance(i, int):
        raise ExprEvalError(f"an index must be an integer, got {describe(i)}")
    if not -n <= i < n:
        raise ExprEvalError(f"index {i} out of range for length {n}")
    return i % n


def describe(x: object) -> str:
    """A short, human name for the type of a value, for error messages."""
    if isinstance(x, bool):
        return "a true/false value"
    if isinstance(x, Vec):
        return f"a vector of length {len(x)}"
    if isinstance(x, Mat):
        return "a {}×{} matrix".format(*x.shape)
    if isinstance(x, ValueSet):
        return "a set"
    if isinstance(x, str):
        return "text"
    if isinstance(x, int | Fraction | float) or is_symbolic(x):
        return "a number" if not is_symbolic(x) or not x.free_symbols else "an expression"
    if isinstance(x, list | tuple):
        return "a list"
    return type(x).__name__


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
        return canon(obj)  # type: ignore[arg-type]
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

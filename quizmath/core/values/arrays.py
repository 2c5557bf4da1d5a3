"""Vectors, matrices and sets of scalars.

Their operators delegate to ``ops.binary``/``ops.unary``, imported when first used: ``ops``
builds on these classes, so it cannot be imported while this module loads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values.scalars import MAX_ENTRIES, Scalar, Value, canon, is_scalar, is_symbolic


def binary(op: str, a: Value, b: Value) -> Value:
    from quizmath.core.values.ops import binary as impl

    return impl(op, a, b)


def unary(op: str, a: Value) -> Value:
    from quizmath.core.values.ops import unary as impl

    return impl(op, a)


def equal(a: Value, b: Value) -> bool:
    from quizmath.core.values.ops import equal as impl

    return impl(a, b)


# ------------------------------------------------------------------------------ vectors, matrices


class _Operators:
    """Python operators on vectors and matrices, with the template language's rules."""

    __slots__ = ()

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


class Vec(_Operators):
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


class Mat(_Operators):
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

"""Values made by list syntax, and how loops, ``==`` and ``in`` see them.

Shared by the interpreter and the list and random-draw functions, so ``[a, b]``, a
comprehension and ``sorted(…)`` all pack their items by the same rule.
"""

from __future__ import annotations

from fractions import Fraction

from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import MAX_ENTRIES, Mat, Value, ValueSet, Vec, describe, equal, is_scalar

RATIONAL = (int, Fraction)  # the exact types worth a fast path (bool is excluded by type())


def make_list(items: list[Value]) -> Value:
    """The value of ``[a, b, …]``: a Vec of scalars, a Mat of equal-length Vecs, else a tuple."""
    if not items:
        return ()
    if all(type(x) in RATIONAL or is_scalar(x) for x in items):
        return Vec(items)
    first = items[0]
    if isinstance(first, Vec) and all(isinstance(x, Vec) and len(x) == len(first) for x in items):
        return Mat(x.items for x in items)
    if len(items) > MAX_ENTRIES:
        raise LimitError(f"list too long (over {MAX_ENTRIES} items)")
    return tuple(items)


def iterate(value: Value) -> tuple[Value, ...]:
    """What ``for x in value`` runs over: entries, rows of a matrix, list items, set members."""
    if isinstance(value, Vec | ValueSet):
        return value.items
    if isinstance(value, tuple):
        return value
    if isinstance(value, Mat):
        return tuple(Vec(row) for row in value.rows)
    raise ExprEvalError(f"cannot loop over {describe(value)}")


def values_equal(a: Value, b: Value) -> bool:
    """``==``: ``values.equal``, extended to generic lists (tuples)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b, strict=True))
    return equal(a, b)


def contains(container: Value, item: Value) -> bool:
    if isinstance(container, ValueSet):
        return any(values_equal(item, x) for x in container.items)
    if isinstance(container, Vec | Mat | tuple):
        return any(values_equal(item, x) for x in iterate(container))
    raise ExprEvalError(f"in needs a list, vector or set on the right, got {describe(container)}")


def size(value: Value) -> int:
    """Number of entries, members or items of a value (1 for anything else): its cost unit."""
    kind = type(value)
    if kind is Mat:
        rows, cols = value.shape
        return rows * cols
    if kind is Vec or kind is ValueSet or kind is tuple:
        return len(value)
    return 1

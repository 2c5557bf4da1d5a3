"""Lists and sequences: range, len, sorted, concatenation, and friends for comprehensions.

A "list" here is whatever ``[a, b, …]`` makes: a Vec of numbers, a Mat of equal-length vectors
(whose items are its rows), or a tuple of anything else. Results are packed by the same rule, so
``sorted([3, 1, 2])`` is a vector again and ``zip(u, v)`` is a matrix of pairs.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.containers import iterate, make_list, values_equal
from quizmath.core.expr.lexer import MAX_TEXT
from quizmath.core.expr.registry import builtin
from quizmath.core.render.context import join_shown
from quizmath.core.values import (
    MAX_ENTRIES,
    Mat,
    Value,
    ValueSet,
    Vec,
    compare,
    describe,
    is_scalar,
)

MAX_TEXT_LENGTH = 10 * MAX_TEXT  # characters in text joined by concat


def items_of(value: Value, fn: str, *, sets: bool = True) -> tuple[Value, ...]:
    """The items of a list argument (a set's members too, unless order matters to ``fn``)."""
    if isinstance(value, ValueSet) and not sets:
        raise ExprEvalError(f"{fn}: a set has no order; use sorted(s) first")
    if isinstance(value, Vec | Mat | ValueSet | tuple):
        return iterate(value)
    raise ExprEvalError(f"{fn}: expected a list, vector or set, got {describe(value)}")


def integer(value: Value, fn: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ExprEvalError(f"{fn}: {what} must be an integer, got {describe(value)}")
    return value


@builtin("range(n)", "lists")
def range_(*args: Value) -> Value:
    """Integers 0 … n−1 as a vector; also range(a, b) for a … b−1, and range(a, b, step)."""
    if not 1 <= len(args) <= 3:
        raise ExprEvalError("range: use range(n), range(a, b) or range(a, b, step)")
    bounds = [integer(x, "range", "each bound") for x in args]
    if len(bounds) == 3 and bounds[2] == 0:
        raise ExprEvalError("range: step must not be zero")
    start, stop, step = (0, bounds[0], 1) if len(bounds) == 1 else (*bounds, 1)[:3]
    # Counted with integers: len(range(...)) overflows for ranges wider than a machine word.
    count = max(0, (stop - start + step - (1 if step > 0 else -1)) // step)
    if count > MAX_ENTRIES:
        raise LimitError(f"range: {count:,} numbers is too many (at most {MAX_ENTRIES})")
    return make_list(list(builtins.range(start, stop, step)))


@builtin("len(items)", "lists")
def len_(items: Value) -> int:
    """Number of entries of a vector or list, members of a set, rows of a matrix, or characters."""
    if isinstance(items, str):
        return len(items)
    return len(items_of(items, "len"))


def _order(a: Any, b: Any) -> int:
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if compare(a, b, "<"):
        return -1
    return 1 if compare(a, b, ">") else 0


@builtin("sorted(items, reverse=false)", "lists")
def sorted_(items: Value, reverse: Value = False) -> Value:
    """The items in increasing order (decreasing with reverse=true); numbers or texts."""
    seq = items_of(items, "sorted")
    if not isinstance(reverse, bool):
        raise ExprEvalError("sorted: reverse must be true or false")
    if all(type(x) in (int, Fraction) for x in seq) or all(isinstance(x, str) for x in seq):
        return make_list(sorted(seq, reverse=reverse))  # exact native comparison
    if not all(is_scalar(x) for x in seq):
        raise ExprEvalError("sorted: can only sort numbers, or texts")
    return make_list(sorted(seq, key=cmp_to_key(_order), reverse=reverse))


@builtin("reversed(items)", "lists")
def reversed_(items: Value) -> Value:
    """The items in reverse order (the rows, for a matrix)."""
    return make_list(list(reversed(items_of(items, "reversed", sets=False))))


@builtin("concat(a, b, ...)", "lists")
def concat(*parts: Value) -> Value:
    """The lists one after another; or texts joined into one text."""
    if not parts:
        raise ExprEvalError("concat: needs at least one list")
    if all(isinstance(p, str) for p in parts):
        if sum(len(p) for p in parts) > MAX_TEXT_LENGTH:
            raise LimitError(f"concat: text too long (over {MAX_TEXT_LENGTH} characters)")
        return join_shown(parts)  # "p = " + fmt(1/3) reads "p ≈ 0.3333", as in a text
    out: list[Value] = []
    for part in parts:
        out.extend(items_of(part, "concat", sets=False))
        if len(out) > MAX_ENTRIES:
            raise LimitError(f"concat: list too long (over {MAX_ENTRIES} items)")
    return make_list(out)


@builtin("count(items, x)", "lists")
def count(items: Value, x: Value) -> int:
    """How many entries of the list equal x."""
    return sum(1 for item in items_of(items, "count") if values_equal(item, x))


@builtin("index(items, x)", "lists")
def index(items: Value, x: Value) -> int:
    """Position of the first entry equal to x (from 0); an error if there is none."""
    for i, item in enumerate(items_of(items, "index", sets=False)):
        if values_equal(item, x):
            return i
    raise ExprEvalError("index: the value is not in the list")


def _key(x: Value) -> tuple[str, Any] | None:
    """A hash key that agrees with values.equal, for the values that have one."""
    kind = type(x)
    if kind is int or kind is Fraction or kind is float:
        return ("number", x)  # Python's numeric == and hash agree across int, Fraction, float
    if kind is str or kind is bool:
        return (kind.__name__, x)  # equal() never matches these across types
    return None


def dedupe(items: Iterable[Value]) -> list[Value]:
    """Items without repeats (by values.equal), in first-seen order.

    Numbers and text are found by hashing; only the rest (symbolic, vectors …) are compared one
    by one, so a list of 400 numbers costs 400 steps, not 80,000 comparisons.
    """
    out: list[Value] = []
    keys: set[tuple[str, Any]] = set()
    others: list[Value] = []
    for item in items:
        key = _key(item)
        if key is not None:
            if key in keys or any(values_equal(item, y) for y in others):
                continue
            keys.add(key)
        else:
            if any(values_equal(item, y) for y in out):
                continue
            others.append(item)
        out.append(item)
    return out


@builtin("unique(items)", "lists")
def unique(items: Value) -> Value:
    """The items without repeats, in first-seen order."""
    return make_list(dedupe(items_of(items, "unique")))


@builtin("zip(a, b, ...)", "lists")
def zip_(*lists: Value) -> Value:
    """Pairs (or triples …) of entries at the same position: zip(u, v)[i] is [u[i], v[i]]."""
    if len(lists) < 2:
        raise ExprEvalError("zip: needs at least two lists")
    columns = [items_of(x, "zip", sets=False) for x in lists]
    if len({len(c) for c in columns}) != 1:
        raise ExprEvalError("zip: the lists have different lengths")
    return make_list([make_list(list(group)) for group in zip(*columns, strict=True)])


@builtin("enumerate(items)", "lists")
def enumerate_(items: Value) -> Value:
    """Pairs [i, item] with positions from 0: for i, x in enumerate(v)."""
    seq = items_of(items, "enumerate", sets=False)
    return make_list([make_list([i, item]) for i, item in enumerate(seq)])


@builtin("set(items)", "lists")
def set_(items: Value) -> ValueSet:
    """The items as a set (order and repeats dropped)."""
    return ValueSet(dedupe(items_of(items, "set")))


@builtin("list(items)", "lists")
def list_(items: Value) -> Value:
    """A set's members (or any list's items) as a list, in a fixed order."""
    return make_list(list(items_of(items, "list")))


def _truths(items: Value, fn: str) -> list[bool]:
    seq = items_of(items, fn)
    if not all(isinstance(x, bool) for x in seq):
        raise ExprEvalError(f"{fn}: needs a list of true/false values")
    return list(seq)


@builtin("all(conditions)", "lists")
def all_(conditions: Value) -> bool:
    """True when every condition in the list is true: all([x != 0 for x in v])."""
    return all(_truths(conditions, "all"))


@builtin("any(conditions)", "lists")
def any_(conditions: Value) -> bool:
    """True when at least one condition in the list is true."""
    return any(_truths(conditions, "any"))

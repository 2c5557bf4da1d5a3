"""Syntax tree of the template expression language.

Nodes are frozen, slotted msgspec Structs holding only tuples, strings and exact numbers, so a
parsed expression is immutable, hashable and safe to cache and share. Structs, not dataclasses:
their classes are built in C, and the template language is imported before the first problem is
painted (issue 13 item 24). ``col`` is the 1-based column the node is reported at (an
operator's own column for operators).

Left-associative chains (``a + b - c``, ``a and b and c``, ``a < b <= c``) are single n-ary nodes:
evaluation walks them in a loop, so a long sum never makes a deep tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec


class Node(msgspec.Struct, frozen=True):
    """Base class of every syntax-tree node."""

    col: int

    def children(self) -> Iterator[Node]:
        return iter(())


class Const(Node, frozen=True):
    """A literal number, text, or true/false."""

    value: Any  # int | Fraction | str | bool


class Name(Node, frozen=True):
    """A parameter, declared symbol, comprehension variable, or the constants pi and e."""

    id: str


class ListLit(Node, frozen=True):
    """``[a, b]`` or ``(a, b)``: a Vec, a Mat, or a generic tuple, decided by the items."""

    items: tuple[Node, ...]

    def children(self) -> Iterator[Node]:
        return iter(self.items)


class SetLit(Node, frozen=True):
    """``{a, b}``: a ValueSet."""

    items: tuple[Node, ...]

    def children(self) -> Iterator[Node]:
        return iter(self.items)


class Unary(Node, frozen=True):
    """``-x`` or ``+x``."""

    op: str
    operand: Node

    def children(self) -> Iterator[Node]:
        yield self.operand


class Not(Node, frozen=True):
    operand: Node

    def children(self) -> Iterator[Node]:
        yield self.operand


class Arith(Node, frozen=True):
    """``a op1 b op2 c …`` for one precedence level of ``+ -`` or ``* / // % @``, left to right."""

    first: Node
    ops: tuple[str, ...]
    rest: tuple[Node, ...]
    op_cols: tuple[int, ...]

    def children(self) -> Iterator[Node]:
        yield self.first
        yield from self.rest


class Power(Node, frozen=True):
    """``base ** exponent`` (right-associative)."""

    base: Node
    exponent: Node

    def children(self) -> Iterator[Node]:
        yield self.base
        yield self.exponent


class BoolOp(Node, frozen=True):
    """``a and b and …`` or ``a or b or …``, short-circuit."""

    op: str
    operands: tuple[Node, ...]

    def children(self) -> Iterator[Node]:
        return iter(self.operands)


class Compare(Node, frozen=True):
    """``a < b <= c`` chained like Python; also ``in`` and ``not in``."""

    first: Node
    ops: tuple[str, ...]
    rest: tuple[Node, ...]
    op_cols: tuple[int, ...]

    def children(self) -> Iterator[Node]:
        yield self.first
        yield from self.rest


class IfExp(Node, frozen=True):
    """``body if cond else orelse``."""

    body: Node
    cond: Node
    orelse: Node

    def children(self) -> Iterator[Node]:
        yield self.body
        yield self.cond
        yield self.orelse


class Subscript(Node, frozen=True):
    """``v[i]``, ``A[i, j]``."""

    target: Node
    indices: tuple[Node, ...]

    def children(self) -> Iterator[Node]:
        yield self.target
        yield from self.indices


class Call(Node, frozen=True):
    """``name(args, key=value)``; only whitelisted names can be called."""

    func: str
    args: tuple[Node, ...]
    kwargs: tuple[tuple[str, Node], ...]

    def children(self) -> Iterator[Node]:
        yield from self.args
        for _, value in self.kwargs:
            yield value


class Clause(Node, frozen=True):
    """One ``for targets in iterable [if cond]…`` clause of a comprehension."""

    targets: tuple[str, ...]
    iterable: Node
    conds: tuple[Node, ...]

    def children(self) -> Iterator[Node]:
        yield self.iterable
        yield from self.conds


class Comprehension(Node, frozen=True):
    """``[elt for … in … if …]`` (a list) or ``{elt for …}`` (a set)."""

    kind: str  # "list" | "set"
    elt: Node
    clauses: tuple[Clause, ...]

    def children(self) -> Iterator[Node]:
        yield self.elt
        yield from self.clauses


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(current.children())))


def free_names(node: Node) -> dict[str, int]:
    """Names the expression reads from its environment, with the column each first appears at.

    Function names and comprehension variables are not included. ``pi`` and ``e`` are: whether
    they are constants depends on the environment, and a validator wants to know either way.
    """
    found: dict[str, int] = {}
    _free(node, frozenset(), found)
    return dict(sorted(found.items(), key=lambda item: item[1]))


def _free(node: Node, bound: frozenset[str], found: dict[str, int]) -> None:
    if isinstance(node, Name):
        if node.id not in bound and node.col < found.get(node.id, node.col + 1):
            found[node.id] = node.col
    elif isinstance(node, Comprehension):
        # Python's scoping: each clause sees the variables of the clauses before it.
        for clause in node.clauses:
            _free(clause.iterable, bound, found)
            bound = bound | frozenset(clause.targets)
            for cond in clause.conds:
                _free(cond, bound, found)
        _free(node.elt, bound, found)
    else:
        for child in node.children():
            _free(child, bound, found)


def called_functions(node: Node) -> dict[str, int]:
    """Function names the expression calls, with the column each first appears at."""
    found: dict[str, int] = {}
    for current in walk(node):
        if isinstance(current, Call) and current.col < found.get(current.func, current.col + 1):
            found[current.func] = current.col
    return dict(sorted(found.items(), key=lambda item: item[1]))

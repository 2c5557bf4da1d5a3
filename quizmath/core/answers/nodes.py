"""The syntax tree of an answer, as read by our own parser.

Nodes are small frozen dataclasses, so a parsed expected answer can be cached and shared between
threads. ``col`` (1-based column in the original text) is carried for error messages only and is
left out of equality, so two readings of the same thing compare equal.

Sums and products are n-ary: a long chain like ``1+1+…+1`` gives a flat node, not a 500-deep tree,
which keeps every recursive walk (printer, evaluators) shallow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Node:
    pass


@dataclass(frozen=True, slots=True)
class Num(Node):
    """A number literal, exact: ``0.1`` is 1/10. ``text`` is how it is shown back."""

    value: Fraction
    text: str
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Const(Node):
    """``pi``, ``e`` (Euler's number) or ``i`` (the imaginary unit)."""

    name: str
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Var(Node):
    """A declared variable, by its canonical name (Greek names as letters: ``λ``)."""

    name: str
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Neg(Node):
    arg: Node
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class PlusMinus(Node):
    """Unary ``±a``: two values, allowed only where a set is asked."""

    arg: Node
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Sum(Node):
    """``terms`` are (sign, node) with sign ``+``, ``-`` or ``±``; the first sign is ``+``."""

    terms: tuple[tuple[str, Node], ...]
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Prod(Node):
    """``factors`` are (op, node) with op ``*`` or ``/``, read left to right; the first is ``*``."""

    factors: tuple[tuple[str, Node], ...]
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Pow(Node):
    base: Node
    exp: Node
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A whitelisted function by canonical name (``sqrt``, ``ln``, ``log`` with 1 or 2 args …)."""

    name: str
    args: tuple[Node, ...]
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Percent(Node):
    arg: Node
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Seq(Node):
    """A comma or space list: ``[1, 2]``, ``(1, 2)``, ``<1, 2>`` or a bare ``1, 2``."""

    items: tuple[Node, ...]
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Rows(Node):
    """Rows separated by ``;``: ``1 2; 3 4`` or ``[1; 2]``."""

    rows: tuple[tuple[Node, ...], ...]
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class SetLit(Node):
    """Braces around a comma list: ``{2, 5}``."""

    items: tuple[Node, ...]
    col: int = field(default=0, compare=False)


def children(node: Node) -> Iterator[Node]:
    """The direct sub-nodes of ``node``."""
    if isinstance(node, Neg | PlusMinus | Percent):
        yield node.arg
    elif isinstance(node, Sum):
        for _, t in node.terms:
            yield t
    elif isinstance(node, Prod):
        for _, f in node.factors:
            yield f
    elif isinstance(node, Pow):
        yield node.base
        yield node.exp
    elif isinstance(node, Call | Seq | SetLit):
        yield from node.args if isinstance(node, Call) else node.items
    elif isinstance(node, Rows):
        for row in node.rows:
            yield from row


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, iteratively (the tree depth is bounded, but stay cheap)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(children(n))


def free_vars(node: Node) -> frozenset[str]:
    return frozenset(n.name for n in walk(node) if isinstance(n, Var))


def has_plus_minus(node: Node) -> bool:
    for n in walk(node):
        if isinstance(n, PlusMinus):
            return True
        if isinstance(n, Sum) and any(s == "±" for s, _ in n.terms):
            return True
    return False

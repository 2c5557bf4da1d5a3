"""The shape of a parsed answer: a number, a vector, a matrix or a set, with its entries.

Scalar·vector, vector/scalar and sums of equal shapes are distributed over the entries here, so
``1/5 [3, 4]`` becomes the vector ``[1/5·3, 1/5·4]`` and every later step sees plain scalars.
Ragged rows and arithmetic between mismatched shapes are refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizmath.core.answers.nodes import (
    Call,
    Const,
    Neg,
    Node,
    Num,
    Percent,
    PlusMinus,
    Pow,
    Prod,
    Rows,
    Seq,
    SetLit,
    Sum,
    Var,
    walk,
)
from quizmath.core.errors import ExprEvalError, LimitError

MAX_ENTRIES = 400  # a 20×20 matrix
MAX_PLUS_MINUS = 4  # 2^4 values from one entry


@dataclass(frozen=True, slots=True)
class Shaped:
    """``tag`` is scalar, vector, matrix or set; matrix ``items`` are row-major."""

    tag: str
    items: tuple[Node, ...]
    rows: int = 1
    cols: int = 1

    def describe(self) -> str:
        if self.tag == "scalar":
            return "a single value"
        if self.tag == "vector":
            n = len(self.items)
            return f"a vector of {n} entr{'y' if n == 1 else 'ies'}"
        if self.tag == "matrix":
            return f"a {self.rows}×{self.cols} matrix"
        n = len(self.items)
        return f"a set of {n} value{'' if n == 1 else 's'}"

    def row(self, i: int) -> tuple[Node, ...]:
        return self.items[i * self.cols : (i + 1) * self.cols]


def _scalar(node: Node) -> Shaped:
    return Shaped("scalar", (node,))


def _err(message: str, node: Node) -> ExprEvalError:
    return ExprEvalError(message, getattr(node, "col", None) or None)


def shape(node: Node) -> Shaped:
    s = _shape(node)
    if len(s.items) > MAX_ENTRIES:
        raise LimitError(f"too many entries (more than {MAX_ENTRIES})")
    return s


def _shape(node: Node) -> Shaped:
    if isinstance(node, Num | Const | Var):
        return _scalar(node)
    if isinstance(node, Neg):
        s = _shape(node.arg)
        if s.tag == "scalar":
            return _scalar(node)
        if s.tag == "set":
            raise _err("a set cannot be negated", node)
        return Shaped(s.tag, tuple(Neg(i, node.col) for i in s.items), s.rows, s.cols)
    if isinstance(node, PlusMinus | Percent):
        _need_scalar(node.arg, "±" if isinstance(node, PlusMinus) else "%")
        return _scalar(node)
    if isinstance(node, Pow):
        _need_scalar(node.base, "a power")
        _need_scalar(node.exp, "a power")
        return _scalar(node)
    if isinstance(node, Call):
        for a in node.args:
            _need_scalar(a, node.name)
        return _scalar(node)
    if isinstance(node, Sum):
        return _sum(node)
    if isinstance(node, Prod):
        return _prod(node)
    if isinstance(node, Seq):
        return _seq(node)
    if isinstance(node, Rows):
        return _rows(node)
    if isinstance(node, SetLit):
        for item in node.items:
            _need_scalar(item, "a set")
        return Shaped("set", node.items, len(node.items))
    raise _err("cannot read this", node)


def _need_scalar(node: Node, where: str) -> None:
    s = _shape(node)
    if s.tag != "scalar":
        raise _err(f"{where} needs a single value here, not {s.describe()}", node)


def _sum(node: Sum) -> Shaped:
    shapes = [_shape(t) for _, t in node.terms]
    if all(s.tag == "scalar" for s in shapes):
        return _scalar(node)
    first = next(s for s in shapes if s.tag != "scalar")
    for s in shapes:
        if s.tag == "set" or (s.tag, s.rows, s.cols) != (first.tag, first.rows, first.cols):
            raise _err(f"cannot add {first.describe()} and {s.describe()}", node)
    if any(sign == "±" for sign, _ in node.terms):
        raise _err("± needs single values", node)
    items = tuple(
        Sum(tuple((sign, s.items[k]) for (sign, _), s in zip(node.terms, shapes, strict=True)))
        for k in range(len(first.items))
    )
    return Shaped(first.tag, items, first.rows, first.cols)


def _prod(node: Prod) -> Shaped:
    shapes = [_shape(f) for _, f in node.factors]
    big = [k for k, s in enumerate(shapes) if s.tag != "scalar"]
    if not big:
        return _scalar(node)
    if len(big) > 1:
        a, b = shapes[big[0]], shapes[big[1]]
        raise _err(f"cannot multiply {a.describe()} by {b.describe()}; type the result", node)
    k = big[0]
    s = shapes[k]
    if node.factors[k][0] == "/":
        raise _err(f"cannot divide by {s.describe()}", node)
    if s.tag == "set":
        raise _err("cannot multiply a set", node)
    items = tuple(
        Prod(tuple((op, item if j == k else f) for j, (op, f) in enumerate(node.factors)))
        for item in s.items
    )
    return Shaped(s.tag, items, s.rows, s.cols)


def _seq(node: Seq) -> Shaped:
    shapes = [_shape(i) for i in node.items]
    if all(s.tag == "scalar" for s in shapes):
        return Shaped("vector", node.items, len(node.items))
    if all(s.tag == "vector" for s in shapes):
        width = len(shapes[0].items)
        if any(len(s.items) != width for s in shapes):
            raise _err("the rows have different lengths", node)
        items = tuple(i for s in shapes for i in s.items)
        return Shaped("matrix", items, len(shapes), width)
    if any(s.tag in ("matrix", "set") for s in shapes):
        raise _err("lists nested too deeply for a vector or a matrix", node)
    raise _err("a list mixes single values and lists", node)


def _rows(node: Rows) -> Shaped:
    rows: list[tuple[Node, ...]] = []
    for row in node.rows:
        if len(row) == 1:
            s = _shape(row[0])
            if s.tag == "vector":
                rows.append(s.items)
                continue
        for item in row:
            _need_scalar(item, "a matrix entry")
        rows.append(row)
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise _err("the rows have different lengths", node)
    return Shaped("matrix", tuple(i for r in rows for i in r), len(rows), width)


def as_vector(s: Shaped) -> Shaped | None:
    """A flat vector, a single row or a single column, as a vector; else None."""
    if s.tag == "vector":
        return s
    if s.tag == "matrix" and (s.rows == 1 or s.cols == 1):
        return Shaped("vector", s.items, len(s.items))
    return None


def as_set(s: Shaped) -> Shaped | None:
    """Sets may be typed with any brackets or none: a list or one value is a set too."""
    if s.tag in ("set", "scalar"):
        return Shaped("set", s.items, len(s.items))
    v = as_vector(s)
    return Shaped("set", v.items, len(v.items)) if v is not None else None


def expand_plus_minus(node: Node) -> list[Node]:
    """Every value of an expression with ``±``: ``1 ± √5`` → ``1 + √5``, ``1 − √5``."""
    count = _count_pm(node)
    if count == 0:
        return [node]
    if count > MAX_PLUS_MINUS:
        raise LimitError(f"too many ± (at most {MAX_PLUS_MINUS})")
    out = []
    for mask in range(2**count):
        signs = ["-" if mask >> k & 1 else "+" for k in range(count)]
        out.append(_with_signs(node, signs))
    return out


def _count_pm(node: Node) -> int:
    n = 0
    for x in walk(node):
        if isinstance(x, PlusMinus):
            n += 1
        elif isinstance(x, Sum):
            n += sum(1 for s, _ in x.terms if s == "±")
    return n


def _with_signs(node: Node, signs: list[str]) -> Node:
    if isinstance(node, PlusMinus):
        sign = signs.pop()
        inner = _with_signs(node.arg, signs)
        return inner if sign == "+" else Neg(inner, node.col)
    if isinstance(node, Sum):
        terms = []
        for s, t in node.terms:
            terms.append((signs.pop() if s == "±" else s, _with_signs(t, signs)))
        return Sum(tuple(terms), node.col)
    if isinstance(node, Neg):
        return Neg(_with_signs(node.arg, signs), node.col)
    if isinstance(node, Percent):
        return Percent(_with_signs(node.arg, signs), node.col)
    if isinstance(node, Pow):
        return Pow(_with_signs(node.base, signs), _with_signs(node.exp, signs), node.col)
    if isinstance(node, Prod):
        return Prod(tuple((op, _with_signs(f, signs)) for op, f in node.factors), node.col)
    if isinstance(node, Call):
        return Call(node.name, tuple(_with_signs(a, signs) for a in node.args), node.col)
    return node

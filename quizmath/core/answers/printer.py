"""The "interpreted as" line: how an answer was read, in one line of readable Unicode.

It writes what was read without ambiguity (``2·(x + 1)``, ``x²``, ``e^(−x)``, ``√2/2``,
``[1, −2, 3]``, ``[[1, 2], [3, 4]]``) using the shared symbol tables, and what it prints parses back
to the same value: a learner can type exactly what they see. It never imports sympy.
"""

from __future__ import annotations

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
)
from quizmath.core.render.symbols import MINUS, PI, PLUS_MINUS, SQRT, TIMES, superscript

# Precedence of what a printed piece is, loosest first.
SUM, PROD, PREFIX, ROOT, POW, POSTFIX, ATOM = range(7)

_CONST = {"pi": PI, "e": "e", "i": "i"}
_FUNC_TEXT = {"log2": "log₂", "log10": "log₁₀"}


def show(node: Node, *, as_set: bool = False) -> str:
    """``node`` as one line of Unicode; with ``as_set`` a top-level list is shown in braces."""
    if as_set and isinstance(node, Seq):
        return "{" + ", ".join(show(i) for i in node.items) + "}"
    return _show(node)[0]


def show_entries(node: Node) -> tuple[str | tuple[str, ...], ...] | None:
    """The entries of a list answer as ``show`` prints them (a row of a matrix, or an entry
    that is itself a list, as a tuple of its entries); None when ``node`` is not a list."""
    if isinstance(node, Rows):
        return tuple(tuple(show(i) for i in row) for row in node.rows)
    if isinstance(node, Seq | SetLit):
        return tuple(
            tuple(show(e) for e in i.items) if isinstance(i, Seq) else show(i) for i in node.items
        )
    return None


def _plain_number(node: Node) -> bool:
    return isinstance(node, Num) and "e" not in node.text


def _int_literal(node: Node) -> str | None:
    """The digits of a non-negative or negative integer literal, for a superscript exponent."""
    if isinstance(node, Num) and node.text.isdigit():
        return node.text
    if isinstance(node, Neg) and isinstance(node.arg, Num) and node.arg.text.isdigit():
        return "-" + node.arg.text
    return None


def _wrap(pair: tuple[str, int], below: int) -> str:
    """The text, in parentheses when its precedence is below ``below``."""
    text, prec = pair
    return f"({text})" if prec < below else text


def _show(node: Node) -> tuple[str, int]:
    if isinstance(node, Num):
        return node.text, (ATOM if "e" not in node.text else POSTFIX)
    if isinstance(node, Const):
        return _CONST[node.name], ATOM
    if isinstance(node, Var):
        return node.name, ATOM
    if isinstance(node, Neg | PlusMinus):
        pushed = _push_sign(node)
        if isinstance(pushed, Prod):
            return _show(pushed)
        sign = MINUS if isinstance(node, Neg) else PLUS_MINUS
        inner = _show(node.arg)
        # −(2x) and (−2)x are the same value, so a product needs no brackets; a sign does.
        below = PROD if inner[1] == PROD else ROOT
        if inner[0].startswith((MINUS, PLUS_MINUS)):
            below = ATOM  # −(−x·y), not −−x·y
        return sign + _wrap(inner, below), PREFIX
    if isinstance(node, Sum):
        return _sum(node), SUM
    if isinstance(node, Prod):
        return _prod(node), PROD
    if isinstance(node, Pow):
        return _pow(node), POW
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Percent):
        return _wrap(_show(node.arg), ATOM) + "%", POSTFIX
    if isinstance(node, Seq):
        return "[" + ", ".join(_show(i)[0] for i in node.items) + "]", ATOM
    if isinstance(node, Rows):
        rows = ("[" + ", ".join(_show(i)[0] for i in row) + "]" for row in node.rows)
        return "[" + ", ".join(rows) + "]", ATOM
    if isinstance(node, SetLit):
        return "{" + ", ".join(_show(i)[0] for i in node.items) + "}", ATOM
    raise TypeError(f"cannot show {type(node).__name__}")


def _push_sign(node: Node) -> Node:
    """−(a·b) as (−a)·b: printed the way "−a·b" reads back, so printing is a fixed point."""
    if not isinstance(node, Neg | PlusMinus):
        return node
    inner = _push_sign(node.arg)
    if isinstance(inner, Prod):
        (op, first), *rest = inner.factors
        return Prod(((op, type(node)(first)), *rest))
    return type(node)(inner)


def _sum(node: Sum) -> str:
    out: list[str] = []
    for k, (sign, term) in enumerate(node.terms):
        inner = _show(term)
        if k == 0:
            out.append(_wrap(inner, PROD))
            continue
        symbol = {"+": "+", "-": MINUS, "±": PLUS_MINUS}[sign]
        signed = inner[0].startswith((MINUS, PLUS_MINUS))  # x + (−2y), never x + −2y
        text = f"({inner[0]})" if inner[1] == SUM or signed else inner[0]
        out.append(f" {symbol} {text}")
    return "".join(out)


def _juxtaposes(first: Node, second: Node) -> bool:
    """``2x``, ``3x²``, ``2π``, ``2√3``: a plain number before a name, a power of one, or a root."""
    if isinstance(first, Neg):
        first = first.arg
    if not _plain_number(first):
        return False
    if isinstance(second, Pow) and _int_literal(second.exp) is not None:
        second = second.base
    if isinstance(second, Var | Const):
        # 2·e stays explicit: 2e1 would read as a number in e-notation
        return not _show(second)[0].startswith(("e", "E"))
    return isinstance(second, Call) and second.name == "sqrt"


def _flat_factors(node: Prod) -> list[tuple[str, Node]]:
    """a·(b·c) = a·b·c and a·(b/c) = a·b/c: nested products multiplied in are spliced."""
    out: list[tuple[str, Node]] = []
    for op, factor in node.factors:
        factor = _push_sign(factor)
        if op == "*" and isinstance(factor, Prod):
            out.extend(_flat_factors(factor))
        else:
            out.append((op, factor))
    return out


def _prod(node: Prod) -> str:
    factors = _flat_factors(node)
    first = factors[0][1]
    out = [_wrap(_show(first), PROD)]
    for k, (op, factor) in enumerate(factors[1:], start=1):
        inner = _show(factor)
        if op == "/":
            out.append("/" + _wrap(inner, ROOT))
        elif k == 1 and _juxtaposes(first, factor):
            out.append(inner[0])
        else:
            out.append(TIMES + _wrap(inner, ROOT))
    return "".join(out)


def _pow(node: Pow) -> str:
    base = _wrap(_show(node.base), ATOM)
    digits = _int_literal(node.exp)
    if digits is not None:
        sup = superscript(digits)
        if sup is not None:
            return base + sup
    exp_text, exp_prec = _show(node.exp)
    if exp_prec == ATOM and not isinstance(node.exp, Pow):
        return f"{base}^{exp_text}"
    return f"{base}^({exp_text})"


def _call(node: Call) -> tuple[str, int]:
    args = [_show(a) for a in node.args]
    if node.name == "sqrt":
        arg = node.args[0]
        if _plain_number(arg) or isinstance(arg, Var | Const):
            return SQRT + args[0][0], ROOT
        return f"{SQRT}({args[0][0]})", ROOT
    if node.name == "abs":
        return f"|{args[0][0]}|", ATOM
    if node.name == "factorial":
        return _wrap(args[0], ATOM) + "!", POSTFIX
    name = _FUNC_TEXT.get(node.name, node.name)
    return f"{name}({', '.join(a[0] for a in args)})", ATOM

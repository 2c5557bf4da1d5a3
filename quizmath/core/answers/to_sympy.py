"""sympy objects built directly from our syntax tree (never sympify or parse_expr).

Used only as a second opinion when the numeric comparison cannot decide, so sympy (~300 ms to
import) stays out of the common path. The size limits in ``exact`` have already run, so nothing
built here can be astronomically large.
"""

from __future__ import annotations

from typing import Any

from quizmath.core.answers.nodes import (
    Call,
    Const,
    Neg,
    Node,
    Num,
    Percent,
    Pow,
    Prod,
    Sum,
    Var,
)


def to_sympy(node: Node) -> Any:
    import sympy as sp

    return _build(sp, node)


def _build(sp: Any, node: Node) -> Any:
    if isinstance(node, Num):
        return sp.Rational(node.value.numerator, node.value.denominator)
    if isinstance(node, Const):
        return {"pi": sp.pi, "e": sp.E, "i": sp.I}[node.name]
    if isinstance(node, Var):
        return sp.Symbol(node.name, real=True)
    if isinstance(node, Neg):
        return -_build(sp, node.arg)
    if isinstance(node, Percent):
        return _build(sp, node.arg) / 100
    if isinstance(node, Sum):
        terms = []
        for sign, t in node.terms:
            if sign == "±":
                raise ValueError("± has no single value")
            v = _build(sp, t)
            terms.append(-v if sign == "-" else v)
        return sp.Add(*terms)
    if isinstance(node, Prod):
        factors = []
        for op, f in node.factors:
            v = _build(sp, f)
            factors.append(sp.Pow(v, -1) if op == "/" else v)
        return sp.Mul(*factors)
    if isinstance(node, Pow):
        return sp.Pow(_build(sp, node.base), _build(sp, node.exp))
    if isinstance(node, Call):
        return _call(sp, node.name, [_build(sp, a) for a in node.args])
    raise ValueError(f"no sympy form for {type(node).__name__}")


def _call(sp: Any, name: str, args: list[Any]) -> Any:
    x = args[0]
    if name in ("ln", "log") and len(args) == 1:
        return sp.log(x)
    if name == "log":
        return sp.log(x, args[1])
    if name == "log2":
        return sp.log(x, 2)
    if name == "log10":
        return sp.log(x, 10)
    table = {
        "sqrt": sp.sqrt,
        "exp": sp.exp,
        "sin": sp.sin,
        "cos": sp.cos,
        "tan": sp.tan,
        "sinh": sp.sinh,
        "cosh": sp.cosh,
        "tanh": sp.tanh,
        "csc": sp.csc,
        "sec": sp.sec,
        "cot": sp.cot,
        "csch": sp.csch,
        "sech": sp.sech,
        "coth": sp.coth,
        "asin": sp.asin,
        "acos": sp.acos,
        "atan": sp.atan,
        "abs": sp.Abs,
        "max": sp.Max,
        "min": sp.Min,
        "binomial": sp.binomial,
        "factorial": sp.factorial,
    }
    return table[name](*args)


def simplify_difference_is_zero(a: Node, b: Node) -> bool | None:
    """True when sympy simplifies a − b to 0, False when to a nonzero number, else None."""
    import sympy as sp

    try:
        diff = sp.simplify(to_sympy(a) - to_sympy(b))
    except Exception:  # sympy's own failures are "cannot say", never a verdict
        return None
    if diff == 0:
        return True
    if diff.is_number and diff.is_zero is False:
        return False
    return None

"""Reading the small declarative notations of an exercise file: signatures and run steps.

A signature is written like a call, ``fit(X, y)`` or ``LinearRegression(learning_rate=0.01)``,
and read by the template language's own parser: the arguments must be plain names and the
defaults literals. A run step is one of

    model = LinearRegression(learning_rate=lr, n_iterations=k)    # call a function or class
    t, p = one_sample_t(data, mu0)                                # unpack a returned pair
    model.fit(X, y)                                               # call a method
    w = model.weights                                             # read an attribute

where every argument is an expression over the exercise's parameters. ``fn(f, x)`` as an
argument passes a Python function: the polynomial ``f`` in the variable(s) ``x``, built by the
harness from its coefficients (the learner's code receives a callable, never text to run).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprError
from quizmath.core.expr import parse
from quizmath.core.expr.nodes import Call, Const, Name, Node, Unary

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_STEP = re.compile(
    rf"^\s*(?:(?P<targets>{IDENT}(?:\s*,\s*{IDENT})*)\s*=(?!=)\s*)?"
    rf"(?:(?P<obj>{IDENT})\s*\.\s*)?(?P<rest>{IDENT}.*?)\s*$",
    re.DOTALL,
)
CALLABLE = "fn"  # fn(f, vars) in a step argument: pass a polynomial as a Python function


class NotationError(ValueError):
    """A signature or step that cannot be read; ``column`` is 1-based in its text."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return self.message if self.column is None else f"{self.message} at column {self.column}"


def plain_name(name: str, what: str) -> str:
    if not re.fullmatch(IDENT, name) or keyword.iskeyword(name) or name.startswith("__"):
        raise NotationError(f'"{name}" cannot be the name of {what}')
    return name


@dataclass(frozen=True)
class ParsedSignature:
    name: str
    params: tuple[tuple[str, Any, bool], ...]  # (name, default, has_default)


def parse_signature(text: str) -> ParsedSignature:
    """``name(a, b, c=1)`` → its name and parameters; defaults must be literals."""
    try:
        node = parse(text)
    except ExprError as exc:
        raise NotationError(exc.message, exc.column) from None
    if not isinstance(node, Call):
        raise NotationError("expected a signature such as project(v, u) or f(x, h=0.001)")
    plain_name(node.func, "a function or class")
    params: list[tuple[str, Any, bool]] = []
    for arg in node.args:
        if not isinstance(arg, Name):
            raise NotationError("a parameter must be a plain name", arg.col)
        params.append((plain_name(arg.id, "a parameter"), None, False))
    for key, value in node.kwargs:
        params.append((plain_name(key, "a parameter"), _literal(value), True))
    names = [p[0] for p in params]
    for k, name in enumerate(names):
        if name in names[:k]:
            raise NotationError(f'parameter "{name}" is listed twice')
    return ParsedSignature(node.func, tuple(params))


def _literal(node: Node) -> Any:
    """A default value: a number, text, true/false or None, as the Python value it stands for."""
    sign = 1
    if isinstance(node, Unary) and node.op == "-" and isinstance(node.operand, Const):
        sign, node = -1, node.operand
    if isinstance(node, Name) and node.id == "None" and sign == 1:
        return None
    if isinstance(node, Const):
        v = node.value
        if isinstance(v, bool | str):
            if sign == -1:
                raise NotationError("only a number can be negative", node.col)
            return v
        if isinstance(v, int):
            return sign * v
        if isinstance(v, Fraction):
            return sign * float(v)
    raise NotationError("a default must be a number, text, true, false or None", node.col)


@dataclass(frozen=True)
class ParsedStep:
    targets: tuple[str, ...]
    obj: str | None
    name: str
    call: Call | None  # None for an attribute read
    rest_offset: int  # where the call text starts in the step (0-based), for columns


def parse_step(text: str) -> ParsedStep:
    m = _STEP.match(text)
    if m is None:
        raise NotationError(
            "expected name(args), obj.method(args), target = …, or target = obj.attribute"
        )
    targets = tuple(t.strip() for t in m.group("targets").split(",")) if m.group("targets") else ()
    for t in targets:
        plain_name(t, "a result")
    obj = m.group("obj")
    if obj is not None:
        plain_name(obj, "an object")
    rest, offset = m.group("rest"), m.start("rest")
    if re.fullmatch(IDENT, rest):
        if obj is None:
            raise NotationError("a step must call something: name(args)", offset + 1)
        if len(targets) != 1:
            raise NotationError("reading an attribute needs one name to store it: w = obj.w")
        return ParsedStep(targets, obj, plain_name(rest, "an attribute"), None, offset)
    try:
        node = parse(" " * offset + rest)
    except ExprError as exc:
        raise NotationError(exc.message, exc.column) from None
    if not isinstance(node, Call):
        raise NotationError("a step must call something: name(args)", offset + 1)
    plain_name(node.func, "a function, class or method")
    return ParsedStep(targets, obj, node.func, node, offset)

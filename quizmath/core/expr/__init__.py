"""The template expression language: our own parser and a whitelisting interpreter.

Nothing here uses Python's ``eval``, ``exec``, ``compile`` or ``ast``, nor sympy's parsers: text
from a question file is tokenized and parsed by hand, and the tree is walked by an interpreter
that can only call functions registered in ``registry.BUILTINS``.

    node = parse("P @ diag(l1, l2) @ inv(P)")        # once per template expression
    value = evaluate(node, env, Context(rng=rng))      # many times
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizmath.core.expr.containers import iterate, make_list, values_equal
from quizmath.core.expr.context import Budget, Context
from quizmath.core.expr.interpreter import CONSTANTS, evaluate
from quizmath.core.expr.nodes import Node, called_functions, free_names, walk

if TYPE_CHECKING:
    from quizmath.core.expr.lexer import MAX_DIGITS, MAX_EXPONENT, MAX_TEXT
    from quizmath.core.expr.parser import MAX_DEPTH, parse

__all__ = [
    "CONSTANTS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_TEXT",
    "Budget",
    "Context",
    "Node",
    "called_functions",
    "evaluate",
    "free_names",
    "iterate",
    "make_list",
    "parse",
    "values_equal",
    "walk",
]


def __getattr__(name: str) -> Any:
    # The parser loads on first use: a template read from the cache is evaluated without it,
    # and the first problem is made before the first paint.
    if name in ("parse", "MAX_DEPTH"):
        from quizmath.core.expr import parser

        return getattr(parser, name)
    if name in ("MAX_DIGITS", "MAX_EXPONENT", "MAX_TEXT"):
        from quizmath.core.expr import lexer

        return getattr(lexer, name)
    raise AttributeError(name)

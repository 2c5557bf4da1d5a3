"""Text with ``{expression}`` placeholders: prompts, hints, solutions, feedback.

``{{`` and ``}}`` are literal braces, as in Python's ``str.format``. A placeholder ends at the
``}`` that closes it, so it may itself contain braces, brackets and quoted text:
``{ {l1, l2} }`` is a set, ``{'}'}`` is text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from quizmath.core.errors import ExprSyntaxError
from quizmath.core.expr.nodes import Node
from quizmath.core.expr.parser import parse_at

_OPEN = "([{"
_CLOSE = ")]}"


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One ``{expression}`` in a text; ``col`` is where the expression starts (1-based)."""

    source: str
    node: Node
    col: int


@lru_cache(maxsize=4096)
def parse_text(text: str) -> tuple[str | Placeholder, ...]:
    """The literal pieces and placeholders of ``text``, in order.

    Errors carry a column counted in characters from the start of the whole text.
    """
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            literal.append("{")
            i += 2
        elif ch == "{":
            end = _closing_brace(text, i)
            source = text[i + 1 : end]
            if not source.strip():
                raise ExprSyntaxError(
                    "empty placeholder; write {{ and }} for literal braces", i + 1
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Placeholder(source.strip(), parse_at(source, i + 1), i + 2))
            i = end + 1
        elif ch == "}" and text.startswith("}}", i):
            literal.append("}")
            i += 2
        elif ch == "}":
            raise ExprSyntaxError("a single } in text; write }} for a literal brace", i + 1)
        else:
            literal.append(ch)
            i += 1
    if literal:
        parts.append("".join(literal))
    return tuple(parts)


def _closing_brace(text: str, start: int) -> int:
    """The index of the ``}`` closing the placeholder opened at ``start``."""
    depth = 0
    i = start + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"":
            i += 1
            while i < n and text[i] != ch:
                i += 2 if text[i] == "\\" else 1
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                if ch == "}":
                    return i
                break
            depth -= 1
        i += 1
    raise ExprSyntaxError("placeholder is not closed: missing }", start + 1)

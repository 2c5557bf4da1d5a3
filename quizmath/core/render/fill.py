"""Text with ``{expression}`` placeholders: split once when a template loads, filled per problem.

``{{`` and ``}}`` are literal braces. A placeholder whose value is a matrix is drawn as a block;
the text around it on the same line is laid out beside the block, on its middle row::

        ⎡1  2⎤
    A = ⎣3  4⎦
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizmath.core.render.values import block


@dataclass(frozen=True)
class Slot:
    """A placeholder: the expression's source, where it sits, and its parsed form."""

    source: str
    line: int  # 0-based line within the text
    column: int  # 1-based column of the expression's first character
    node: Any = None  # filled in by the loader after parsing


Segment = str | Slot


class PlaceholderError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def split_placeholders(text: str) -> list[Segment]:
    """Split text into literal strings and Slots. Raises PlaceholderError on unbalanced braces."""
    segments: list[Segment] = []
    literal: list[str] = []
    i, n = 0, len(text)
    line, line_start = 0, 0
    while i < n:
        c = text[i]
        if c == "\n":
            literal.append(c)
            line, line_start = line + 1, i + 1
            i += 1
        elif c == "{" and text.startswith("{{", i):
            literal.append("{")
            i += 2
        elif c == "}" and text.startswith("}}", i):
            literal.append("}")
            i += 2
        elif c == "}":
            raise PlaceholderError(
                'unmatched "}" (write }} for a literal brace)', line, i - line_start + 1
            )
        elif c == "{":
            end = _closing_brace(text, i)
            if end is None:
                raise PlaceholderError(
                    'unclosed "{" (write {{ for a literal brace)', line, i - line_start + 1
                )
            source = text[i + 1 : end]
            if "\n" in source:
                raise PlaceholderError(
                    "a placeholder must fit on one line", line, i - line_start + 1
                )
            if not source.strip():
                raise PlaceholderError("empty placeholder {}", line, i - line_start + 1)
            if literal:
                segments.append("".join(literal))
                literal = []
            segments.append(Slot(source, line, i - line_start + 2))
            i = end + 1
        else:
            literal.append(c)
            i += 1
    if literal:
        segments.append("".join(literal))
    return segments


def _closing_brace(text: str, start: int) -> int | None:
    """Index of the brace closing the one at ``start``, skipping nested braces and quotes."""
    depth, i, quote = 0, start, ""
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == "\n":
            return None
        i += 1
    return None


def fill(segments: list[Segment], value_of: Callable[[Slot], Any]) -> str:
    """The text with every placeholder replaced by its rendered value."""
    lines: list[list[str | list[str]]] = [[]]
    for seg in segments:
        if isinstance(seg, str):
            parts = seg.split("\n")
            for k, part in enumerate(parts):
                if k:
                    lines.append([])
                if part:
                    lines[-1].append(part)
        else:
            value = value_of(seg)
            rendered = value.split("\n") if isinstance(value, str) else block(value)
            lines[-1].append(rendered[0] if len(rendered) == 1 else rendered)
    out: list[str] = []
    for items in lines:
        out.extend(_layout(items))
    return "\n".join(out)


def _layout(items: list[str | list[str]]) -> list[str]:
    """Lay a line's pieces side by side; text sits on the middle row of the tallest block."""
    blocks = [[it] if isinstance(it, str) else it for it in items]
    height = max((len(b) for b in blocks), default=1)
    if height == 1:
        return ["".join(b[0] for b in blocks)]
    middle = (height - 1) // 2
    rows = [""] * height
    for b in blocks:
        width = max(len(s) for s in b)
        top = middle - (len(b) - 1) // 2
        for r in range(height):
            k = r - top
            rows[r] += (b[k] if 0 <= k < len(b) else "").ljust(width)
    return [r.rstrip() for r in rows]

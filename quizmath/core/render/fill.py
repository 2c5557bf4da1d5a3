"""Text with ``{expression}`` placeholders: split once when a template loads, filled per problem.

``{{`` and ``}}`` are literal braces. A placeholder whose value is a matrix is drawn as a block;
the text around it on the same line is laid out beside the block, on its middle row::

        ⎡1  2⎤
    A = ⎣3  4⎦
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

from quizmath.core.render.context import fit
from quizmath.core.render.symbols import MINUS
from quizmath.core.render.values import block


class Slot(msgspec.Struct, frozen=True):
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
    """The text with every placeholder replaced by its rendered value.

    Each value is written to fit its neighbours (``context.fit``): parentheses after ``/``, no
    coefficient 1 before a variable, superscript powers, ``≈`` before a rounded number. Lines of
    prose then flow together (``reflow``): a line break in the template is only kept where it
    separates paragraphs, displayed (indented) lines, drawn blocks or list items.

    Lines between ```` ``` ```` fences are code: kept as written (no fitting, ASCII minus
    signs), the fences dropped, each line shown behind a gutter (``code_line``).
    """
    lines: list[list[str | list[str]]] = [[]]
    indented: list[bool] = [False]
    code = _CodeLines()
    skip = 0  # characters of the next literal that a placeholder's value took over
    for k, seg in enumerate(segments):
        if isinstance(seg, str):
            seg, skip = seg[skip:], 0
            parts = seg.split("\n")
            for j, part in enumerate(parts):
                if j:
                    code.close(lines[-1])
                    lines.append([])
                    indented.append(part[:1].isspace())
                elif not lines[-1] and len(lines) == 1:
                    indented[0] = part[:1].isspace()
                if part:
                    lines[-1].append(part)
            continue
        value = value_of(seg)
        rendered = value.split("\n") if isinstance(value, str) else block(value)
        if code.inside:  # code shows values as a program would print them
            lines[-1].append(rendered[0].replace(MINUS, "-") if len(rendered) == 1 else rendered)
        elif len(rendered) == 1:
            items = lines[-1]
            literal = items and isinstance(items[-1], str) and _literal(segments, k)
            before = str(items[-1]) if literal else ""  # literal: the last item is text
            nxt = segments[k + 1] if k + 1 < len(segments) else ""
            after = nxt.split("\n", 1)[0] if isinstance(nxt, str) else ""
            text, new_before, skip = fit(value, rendered[0], before, after)
            if before and new_before != before:
                if new_before:
                    items[-1] = new_before
                else:
                    items.pop()
            lines[-1].append(text)
        else:
            lines[-1].append(rendered)
    code.close(lines[-1])
    out: list[str] = []
    flags: list[bool] = []
    for items, displayed, kind in zip(lines, indented, code.kinds, strict=True):
        if kind == _FENCE:
            continue
        laid = _layout(items)
        if kind == _CODE:
            laid = [code_line(row) for row in laid]
        out.extend(laid)
        flags.extend([displayed or kind == _CODE or len(laid) > 1] * len(laid))
    return "\n".join(reflow(out, flags))


CODE_GUTTER = "  │ "  # before each line of a code block; │ marks a line no front end wraps
_PROSE, _FENCE, _CODE = 0, 1, 2


def code_line(row: str) -> str:
    """A line of a code block as shown: behind the gutter."""
    return (CODE_GUTTER + row).rstrip()


def is_code_line(line: str) -> bool:
    """A line of a code block (``code_line``): checks for maths forms leave it alone."""
    return line.startswith(CODE_GUTTER.rstrip())


class _CodeLines:
    """Which lines are fences, code or prose, decided as each line is completed."""

    def __init__(self) -> None:
        self.kinds: list[int] = []
        self.inside = False

    def close(self, items: list[str | list[str]]) -> None:
        fence = len(items) == 1 and isinstance(items[0], str) and _is_fence(items[0])
        if fence:
            self.inside = not self.inside
            self.kinds.append(_FENCE)
        else:
            self.kinds.append(_CODE if self.inside else _PROSE)


def _is_fence(text: str) -> bool:
    """```, or ```python: a line that opens or closes a code block."""
    stripped = text.strip()
    language = stripped[3:]
    return stripped.startswith("```") and (language == "" or language.isalnum())


def _literal(segments: list[Segment], k: int) -> bool:
    """Whether the piece right before slot k is literal text (not another placeholder)."""
    return k > 0 and isinstance(segments[k - 1], str)


# A line that starts a list item keeps its own line: "- step", "• case", "A) …", "2. …".
_LIST_ITEM = re.compile(r"^(?:[-•*–] |\(?[A-Za-z0-9]{1,2}[.)] )")


def reflow(lines: list[str], displayed: list[bool]) -> list[str]:
    """Lines of prose joined into paragraphs, so a screen of any width wraps them evenly.

    A line stays on its own when it is empty (a paragraph break), displayed (indented in the
    template, or a row of a drawn block), a list item, or follows one of those.
    """
    out: list[str] = []
    joinable = False  # whether the last line in ``out`` is prose a next line may continue
    for line, shown in zip(lines, displayed, strict=True):
        prose = bool(line.strip()) and not shown
        if prose and joinable and not _LIST_ITEM.match(line):
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"
            continue
        out.append(line)
        joinable = prose and not _LIST_ITEM.match(line)
    return out


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

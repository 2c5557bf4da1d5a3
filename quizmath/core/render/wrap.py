"""Problem text wrapped to a terminal's width: prose wraps, drawn blocks never do.

Rendered texts keep a line break only where it means something (``fill.reflow``): between
paragraphs, around displayed math and list items. A front end wraps what is left to the width
it has; the TUI's prompt view does so itself, and plain mode calls ``wrap_text``.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.render.plot import Plot

# Characters the renderer uses to draw matrices and column vectors.
DRAWING = frozenset("⎡⎢⎣⎤⎥⎦⎛⎜⎝⎞⎟⎠│┌┐└┘")
_MARKER = re.compile(r"^(?:[-•*–] |\(?[A-Za-z0-9]{1,2}[.)] )")


def is_block_line(line: str) -> bool:
    """A displayed line (indented, or part of a drawing): wrapping it would break it."""
    return line[:1].isspace() or any(ch in DRAWING for ch in line)


def wrap_text(text: str, width: int) -> str:
    """The text with every prose line wrapped at ``width`` columns (at least 20).

    A bracketed formula ([1, −2, 3], (2, −1), {2, 5}) is never broken across lines; a
    parenthesis of prose is.
    """
    width = max(20, width)
    out: list[str] = []
    for line in text.split("\n"):
        if is_block_line(line) or len(line) <= width:
            out.append(line)
        else:
            marker = _MARKER.match(line)  # a list item's lines hang under its text
            indent = " " * len(marker.group(0)) if marker else ""
            wrapped = textwrap.wrap(
                glue_formulas(line),
                width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.extend(w.replace(_GLUE, " ") for w in wrapped)
    return "\n".join(out)


_GLUE = "\x00"  # stands for a space that must not break while textwrap works
_PROSE = re.compile(r"[A-Za-z]{4,}")  # a word of prose, not a formula
_CLOSE = {"(": ")", "[": "]", "{": "}"}


def glue_formulas(line: str) -> str:
    """``line`` with the spaces inside bracketed formulas (not prose) replaced by _GLUE."""
    chars = list(line)
    stack: list[int] = []
    for i, c in enumerate(line):
        if c in _CLOSE:
            stack.append(i)
        elif c in _CLOSE.values() and stack and _CLOSE[line[stack[-1]]] == c:
            start = stack.pop()
            if not stack and not _PROSE.search(line[start : i + 1]):
                for k in range(start, i + 1):
                    if chars[k] == " ":
                        chars[k] = _GLUE
    return "".join(chars)


def shown_prompt(prompt: str, plot: Plot | None, width: int) -> str:
    """What plain mode prints for a problem's statement: the prompt wrapped to ``width``,
    then its plot (if any) drawn as text to fit the same width."""
    text = wrap_text(prompt, width)
    if plot is None:
        return text
    from quizmath.core.render.plot import plot_text  # plotext loads only for a plot

    return f"{text}\n\n{plot_text(plot, width=min(width, 100) - 2)}"

"""Problem text wrapped to a terminal's width: prose wraps, drawn blocks never do.

Rendered texts keep a line break only where it means something (``fill.reflow``): between
paragraphs, around displayed math and list items. A front end wraps what is left to the width
it has; the TUI's prompt view does so itself, and plain mode calls ``wrap_text``.
"""

from __future__ import annotations

import re
import textwrap

# Characters the renderer uses to draw matrices and column vectors.
DRAWING = frozenset("⎡⎢⎣⎤⎥⎦⎛⎜⎝⎞⎟⎠│┌┐└┘")
_MARKER = re.compile(r"^(?:[-•*–] |\(?[A-Za-z0-9]{1,2}[.)] )")


def is_block_line(line: str) -> bool:
    """A displayed line (indented, or part of a drawing): wrapping it would break it."""
    return line[:1].isspace() or any(ch in DRAWING for ch in line)


def wrap_text(text: str, width: int) -> str:
    """The text with every prose line wrapped at ``width`` columns (at least 20)."""
    width = max(20, width)
    out: list[str] = []
    for line in text.split("\n"):
        if is_block_line(line) or len(line) <= width:
            out.append(line)
        else:
            marker = _MARKER.match(line)  # a list item's lines hang under its text
            indent = " " * len(marker.group(0)) if marker else ""
            out.extend(
                textwrap.wrap(
                    line,
                    width,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n".join(out)

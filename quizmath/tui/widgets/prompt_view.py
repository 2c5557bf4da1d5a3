"""Problem text for a terminal: prose wraps, drawn blocks (matrices, aligned working) never do.

Templates draw matrices over several lines with Unicode brackets and indent them; wrapping
such a line would break the drawing. Lines that start with whitespace or contain drawing
characters are kept whole; the widget grows wider than its container when one of them is wider
(the container scrolls sideways), and prose lines wrap at the width there is.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

# Characters the renderer uses to draw matrices and column vectors.
_DRAWING = frozenset("⎡⎢⎣⎤⎥⎦⎛⎜⎝⎞⎟⎠│┌┐└┘")


def is_block_line(line: str) -> bool:
    return line[:1].isspace() or any(ch in _DRAWING for ch in line)


class PromptView(Static):
    """Multi-line problem text (prompt, hint, solution) rendered without markup."""

    DEFAULT_CSS = """
    PromptView { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", *, style: str = "", id: str | None = None) -> None:
        self._text = ""
        self._style = style
        self._block_width = 0
        super().__init__("", id=id, markup=False)
        self.set_text(text)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        lines = text.rstrip("\n").split("\n") if text.strip() else []
        parts = []
        widest = 0
        for line in lines:
            # Rich Text objects are never parsed for markup: bank text cannot inject styles.
            if is_block_line(line):
                widest = max(widest, cell_len(line))
                parts.append(Text(line, style=self._style, no_wrap=True, overflow="ignore"))
            else:
                parts.append(Text(line, style=self._style))
        self._block_width = widest
        self.update(Group(*parts))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(container.width, self._block_width)

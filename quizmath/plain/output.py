"""Writing plain lines: flushed at once (a pipe or a screen reader hears each line as it comes),
coloured only on a terminal that wants colour."""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from quizmath.core.render.wrap import wrap_text


def wants_color(out: TextIO) -> bool:
    """A terminal, and neither NO_COLOR nor TERM=dumb."""
    tty = out.isatty() if hasattr(out, "isatty") else False
    return tty and not (os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb")


class Output:
    def __init__(self, out: TextIO, *, color: bool | None = None) -> None:
        self.out = out
        self.color = wants_color(out) if color is None else color

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def lines(self, lines: list[str]) -> None:
        for line in lines:
            self.say(line)

    def paint(self, text: str, code: str) -> str:
        """``text`` in an SGR colour (``"32;1"``: bold green) when colour is on."""
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


GREEN, RED, YELLOW, BOLD = "32;1", "31;1", "33;1", "1"


def indent(text: str, n: int = 2) -> str:
    return "\n".join(" " * n + line for line in (text.splitlines() or [""]))


def wrapped(text: str, n: int = 2, width: int | None = None) -> str:
    """``text`` the way the prompt is shown: prose wrapped to the terminal's width (drawn
    blocks and code never, core/render/wrap.py), then indented by ``n``."""
    width = width or shutil.get_terminal_size().columns
    return indent(wrap_text(text, width - n), n)


def wrapped_line(text: str, width: int | None = None) -> str:
    """A line of prose (a header, a verdict, a mistake's feedback) wrapped to the terminal."""
    return wrap_text(text, width or shutil.get_terminal_size().columns)

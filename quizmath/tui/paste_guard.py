"""A paste is text, never keys: the terminal's input parser, with pasted escapes removed.

Textual 8.2.8's parser collects a bracketed paste (``ESC [200~`` … ``ESC [201~``) into one
``Paste`` event, but an ESC inside the pasted text starts its escape-sequence reader, which
does not know it is inside a paste: it gives up at the next ESC and re-issues what it read as
*key presses*. Pasting ``ESC ] 0 ; x BEL n`` into the answer box pressed BEL (ctrl+g, skip) and
then ``n``: a skipped attempt was saved by a paste.

``PasteGuardParser`` filters the bytes before Textual's parser sees them: inside a bracketed
paste, escape sequences and control characters are removed (``terminal_text.strip``; newlines
and tabs stay, for the answer box to join the lines), so the parser meets no ESC until the
closing bracket and the whole paste arrives as one ``Paste`` event. Outside a paste nothing is
held back or changed (a lone Escape key still reaches the parser at once, which times it out).

``install(driver_class)`` makes the driver build this parser: every Textual driver builds its
parser from the name ``XTermParser`` in its own module, so that name is replaced there (the one
hook the drivers offer without copying their input loops).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser
from textual.message import Message

from quizmath.core.terminal_text import strip

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteFilter:
    """Removes escape sequences and control characters from the inside of bracketed pastes, in
    a stream that arrives in chunks (a bracket may be split between two)."""

    def __init__(self) -> None:
        self.in_paste = False
        self._tail = ""  # the end of what was passed on outside a paste (a split start bracket)
        self._pasted: list[str] = []  # the paste so far (its end bracket may be split)

    def feed(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self.in_paste:
                seen = self._tail + data
                at = seen.find(PASTE_START)
                if at < 0:
                    out.append(data)
                    self._tail = seen[-(len(PASTE_START) - 1) :]
                    break
                end = at + len(PASTE_START) - len(self._tail)  # in ``data``
                out.append(data[:end])
                data = data[end:]
                self.in_paste, self._tail = True, ""
            else:
                self._pasted.append(data)
                pasted = "".join(self._pasted)
                at = pasted.find(PASTE_END)
                if at < 0:
                    self._pasted = [pasted]
                    break
                out.append(strip(pasted[:at]) + PASTE_END)
                data = pasted[at + len(PASTE_END) :]
                self.in_paste, self._pasted = False, []
        return "".join(out)


class PasteGuardParser(XTermParser):
    """Textual's parser behind a ``PasteFilter``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paste_filter = PasteFilter()

    def feed(self, data: str) -> Iterable[Message]:
        if not data:
            return super().feed(data)  # end of input
        filtered = self._paste_filter.feed(data)
        if not filtered:
            return ()  # all of it is paste still open: an empty feed would mean end of input
        return super().feed(filtered)


def install(driver_class: type[Any]) -> None:
    """Make ``driver_class`` (and the drivers of its module) read input with the guard."""
    for klass in driver_class.__mro__:
        module = sys.modules.get(klass.__module__)
        current = getattr(module, "XTermParser", None)
        if (
            isinstance(current, type)
            and issubclass(current, XTermParser)
            and not issubclass(current, PasteGuardParser)
        ):
            module.XTermParser = PasteGuardParser  # type: ignore[union-attr]

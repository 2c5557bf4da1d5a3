"""Text from a question file or the database, made harmless for a terminal.

A terminal obeys bytes, not meaning: ``ESC ] 0 ; … BEL`` retitles the window, ``ESC [ 2 J``
clears it, a C1 ``CSI`` (U+009B) starts a command on some terminals without any ESC, and the
bidirectional overrides (U+202A–U+202E) and isolates (U+2066–U+2069) reorder what follows them
so that the text read is not the text stored. Such characters have no business in a question or
a saved answer.

Two uses, one definition of "control character" (``CONTROL``):

- question files refuse them (``first_control`` gives where, for a ``file:line`` error);
- anything from a file or the database that goes to a terminal passes through ``neutralise``,
  which shows each one as a visible stand-in (``␛`` for ESC, ``<U+202E>`` for an override)
  instead of letting the terminal act on it. Tab and newline are kept: they are layout.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# C0 except tab and newline, DEL, C1, bidi embeddings/overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    c = match.group()
    o = ord(c)
    if o < 0x20:
        return chr(0x2400 + o)  # the Unicode "control pictures": ␀ … ␛ …
    if o == 0x7F:
        return "␡"
    return f"<U+{o:04X}>"


def neutralise(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in (tab, newline kept).

    Cheap when there is nothing to replace (one regex scan), so it can sit on every path that
    prints text read from a file or the database.
    """
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(_stand_in, text)


# A whole escape sequence, so that none of its parameters is left behind as text: a CSI (ESC [
# or U+009B, parameter and intermediate bytes, one final byte), a string command (OSC, DCS, SOS,
# PM, APC: ESC ] P X ^ _ or their C1 forms, up to BEL or ST; unterminated, to the end), or ESC
# with intermediate bytes and one final character.
SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)


def strip(text: str) -> str:
    """``text`` without escape sequences (each removed whole, parameters and all) and without
    any other control character; tab and newline are kept. For text that becomes input (a
    paste), where a stand-in would only be something to delete."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub("", SEQUENCE.sub("", text))


def error_text(exc: BaseException) -> str:
    """An exception's message for a screen or a terminal: neutralised (sqlite and the OS quote
    file names and rows), or the exception's name when it has no message."""
    return neutralise(str(exc)) or type(exc).__name__


def dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` keeping Unicode readable, with every control character as a ``\\u``
    escape: the same data for a program, nothing a terminal acts on (``json.dumps`` escapes C0
    itself, but leaves C1 controls and bidi overrides raw when ``ensure_ascii`` is off)."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def first_control(text: str) -> int | None:
    """The index of the first control character in ``text``, or None."""
    m = CONTROL.search(text)
    return None if m is None else m.start()


def describe(c: str) -> str:
    """A control character named for a message: ``U+001B (ESCAPE)``; never the character."""
    name = unicodedata.name(c, "")
    if not name:
        name = _C0_C1_NAMES.get(ord(c), "")
    return f"U+{ord(c):04X} ({name})" if name else f"U+{ord(c):04X}"


# unicodedata has no names for most C0/C1 controls; these are the ones people meet.
_C0_C1_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
    0x9D: "OPERATING SYSTEM COMMAND",
}

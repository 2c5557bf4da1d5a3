"""First pass over the raw text: limits, refused characters, Unicode normalization.

Runs before anything else looks at the input, so a 100,000-character line or a terminal escape
sequence costs nothing and is never echoed: messages name a refused character by code point.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quizmath.core.errors import ExprSyntaxError, LimitError
from quizmath.core.render.symbols import FROM_SUPERSCRIPT

MAX_LENGTH = 1000

# After NFKC, characters that mean an ASCII operator. Kept small and explicit.
_SAME_AS = {
    "−": "-",  # minus sign
    "–": "-",  # en dash
    "‐": "-",  # hyphen
    "‑": "-",  # non-breaking hyphen
    "‒": "-",  # figure dash
    "∗": "*",
    "⋅": "·",
    "∙": "·",
    "∕": "/",
    "⟨": "<",
    "⟩": ">",
    "〈": "<",
    "〉": ">",
    "∣": "|",
}

# Python-looking input gets one plain message rather than a puzzle about a stray character.
_CODE = re.compile(r"__|[\"`]|'[^']*'|\bimport\b|\bexec\b|\beval\b")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text and, for each of its characters, the 1-based column it came from."""

    text: str
    cols: tuple[int, ...]
    end_col: int  # the column just after the original text

    def col(self, i: int) -> int:
        return self.cols[i] if i < len(self.cols) else self.end_col


def codepoint(c: str) -> str:
    """``U+001B`` plus the character's Unicode name when it has one; never the raw character."""
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X} {name}" if name else f"U+{ord(c):04X}"


def show_char(c: str) -> str:
    """A character for a message: itself when plainly printable ASCII, else its code point."""
    if c.isascii() and c.isprintable() and c != " ":
        return f'"{c}"'
    if c.isprintable() and unicodedata.category(c)[0] in "LNPS":
        return f'"{c}" ({codepoint(c)})'
    return codepoint(c)


def check_limits(raw: str) -> None:
    """Refuse over-long input and characters that can hide, reorder or control the terminal."""
    if len(raw) > MAX_LENGTH:
        raise LimitError(
            f"the answer is too long ({len(raw)} characters; the limit is {MAX_LENGTH})"
        )
    for k, c in enumerate(raw):
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cs", "Co", "Cn"):
            raise ExprSyntaxError(f"control character {codepoint(c)} is not allowed", k + 1)
        if cat in ("Cf", "Zl", "Zp"):
            raise ExprSyntaxError(f"invisible character {codepoint(c)} is not allowed", k + 1)
    m = _CODE.search(raw)
    if m:
        raise ExprSyntaxError("this looks like program code, not a math answer", m.start() + 1)


def normalize(raw: str) -> Normalized:
    """NFKC per character (full-width digits, subscripts, ``µ``) keeping superscripts as they are.

    Per character rather than on the whole string so that every output character keeps the column
    it came from, and so that superscript digits survive (NFKC would turn ``x²`` into ``x2``).
    """
    check_limits(raw)
    out: list[str] = []
    cols: list[int] = []
    for k, c in enumerate(raw):
        if c.isascii() or c in FROM_SUPERSCRIPT:
            out.append(c)
            cols.append(k + 1)
            continue
        norm = unicodedata.normalize("NFKC", c)
        if "⁄" in norm:  # vulgar fractions: 3½ would silently read as 31/2
            raise ExprSyntaxError(
                f"type fractions with a slash, like 1/2, not {show_char(c)}", k + 1
            )
        for ch in norm:
            out.append(_SAME_AS.get(ch, ch))
            cols.append(k + 1)
    return Normalized("".join(out), tuple(cols), len(raw) + 1)

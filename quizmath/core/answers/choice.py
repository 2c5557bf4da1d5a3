"""Multiple choice: one letter, any case, with ``(B)``, ``B)`` or ``B.`` tolerated."""

from __future__ import annotations

import re
import string
import unicodedata

from quizmath.core.answers.text import check_limits
from quizmath.core.errors import ExprSyntaxError

_CHOICE = re.compile(r"\s*\(?\s*([A-Za-z])\s*[).]?\s*")
MAX_CHOICES = 26


def read_choice(text: str, choices: int | None = None) -> str:
    """The chosen letter, upper case; ``ExprSyntaxError`` when it is not one letter or no option."""
    check_limits(text)
    norm = unicodedata.normalize("NFKC", text)  # full-width Ｂ is B
    m = _CHOICE.fullmatch(norm)
    if m is None or not m.group(1).isascii():
        if norm.strip() and all(c.isascii() and c.isalpha() for c in norm.strip()):
            raise ExprSyntaxError("type one letter, like B")
        raise ExprSyntaxError("type the letter of one option, like B")
    letter = m.group(1).upper()
    if choices is not None:
        n = max(0, min(choices, MAX_CHOICES))
        if letter not in string.ascii_uppercase[:n]:
            raise ExprSyntaxError(f"there is no option {letter}")
    return letter

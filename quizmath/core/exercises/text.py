"""Text that reaches the terminal: what an exercise file may hold, and what a learner's run prints.

A file with a control character is refused when loaded; text from the learner's process (their
``print`` output, tracebacks, reprs) is made safe when shown: a control character becomes its
code point, so nothing can move the cursor or change the terminal.
"""

from __future__ import annotations

import unicodedata

_REFUSED = ("Cc", "Cs", "Co", "Cn", "Cf")
_KEPT = "\n\t"


def control_character(text: str) -> tuple[int, str] | None:
    """The first refused character: (its line offset in the text, its code point), or None."""
    for k, c in enumerate(text):
        if c not in _KEPT and unicodedata.category(c) in _REFUSED and c != "\u200d":
            return text.count("\n", 0, k), f"U+{ord(c):04X}"
    return None


def safe_text(text: str, limit: int | None = None) -> str:
    """``text`` with control characters shown as ``<U+001B>``, cut to ``limit`` characters."""
    cut = text if limit is None or len(text) <= limit else text[:limit]
    out = []
    for c in cut:
        if c not in _KEPT and unicodedata.category(c) in _REFUSED:
            out.append(f"<U+{ord(c):04X}>")
        else:
            out.append(c)
    if cut is not text:
        out.append(f"\n… ({len(text) - len(cut):,} more characters not shown)")
    return "".join(out)

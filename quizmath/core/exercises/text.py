"""Text from the learner's process (``print`` output, tracebacks, reprs) on its way to a terminal.

It is neutralised (``core/terminal_text``: the one definition of a control character) and cut to
a length, so nothing can move the cursor or retitle the terminal and a flood of output stays
readable. (An exercise file with a control character is refused by the YAML reader.)
"""

from __future__ import annotations

from quizmath.core.terminal_text import neutralise


def safe_text(text: str, limit: int | None = None) -> str:
    """``text`` neutralised for a terminal and cut to ``limit`` characters (saying so)."""
    if limit is None or len(text) <= limit:
        return neutralise(text)
    return neutralise(text[:limit]) + f"\n… ({len(text) - limit:,} more characters not shown)"

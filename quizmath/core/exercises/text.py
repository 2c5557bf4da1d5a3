"""Text that reaches the terminal: what an exercise file may hold, and what a learner's run prints.

The definition of a control character is ``core/terminal_text``'s. A file with one is refused
when loaded; text from the learner's process (their ``print`` output, tracebacks, reprs) is
neutralised when shown and cut to a length, so nothing can move the cursor or retitle the
terminal and a flood of output stays readable.
"""

from __future__ import annotations

from quizmath.core.terminal_text import describe, first_control, neutralise


def control_character(text: str) -> tuple[int, str] | None:
    """The first control character: (its line offset in the text, its name), or None."""
    k = first_control(text)
    if k is None:
        return None
    return text.count("\n", 0, k), describe(text[k])


def safe_text(text: str, limit: int | None = None) -> str:
    """``text`` neutralised for a terminal and cut to ``limit`` characters (saying so)."""
    if limit is None or len(text) <= limit:
        return neutralise(text)
    return neutralise(text[:limit]) + f"\n… ({len(text) - limit:,} more characters not shown)"

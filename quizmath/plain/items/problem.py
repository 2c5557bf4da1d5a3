"""A problem in plain text: its prompt and choices, and what to say of an answer.

Verdict first (quickest to hear), then how the input was read, then why: the known mistake it
matches and which entries are wrong (counted from 1, the way a person counts). Words, not
symbols, so a screen reader says them well.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quizmath.core.items.problem import format_help
from quizmath.core.practice.outcomes import Status
from quizmath.core.render.wrap import shown_prompt
from quizmath.plain.output import GREEN, RED, YELLOW, Output, wrapped_line

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.problem import Problem

DRILL_COMMANDS = "Type your answer, or: skip, help, quit (the drill is kept to resume later)."
WORDS = {
    Status.CORRECT: ("Correct", GREEN),
    Status.WRONG: ("Not correct", RED),
    Status.ROUNDED: ("Not correct", YELLOW),
}
NOT_COUNTED = {
    Status.INVALID: "Could not read that; not counted.",
    Status.UNCHECKED: "Could not check that in time; not counted.",
}


def body_lines(p: Problem, width: int | None = None) -> list[str]:
    """The prompt wrapped to the terminal (and its plot, drawn as text), the choices (A, B,
    C …) and the answer-format line."""
    width = width or shutil.get_terminal_size().columns
    lines = shown_prompt(p.prompt, p.plot, width).split("\n")
    if p.choices:
        lines.append("")
        lines += [f"  {chr(65 + i)}) {choice}" for i, choice in enumerate(p.choices)]
    return [*lines, "", p.format_note]


def verdict_lines(status: Status, v: Verdict, problem: Problem, out: Output) -> list[str]:
    """What to say of a judged answer (``status`` as the practice flow decides it)."""
    lines = []
    if status in WORDS:
        word, colour = WORDS[status]
        said = f"{word}: {v.reason}" if v.reason else f"{word}."
        lines.append(out.paint(wrapped_line(said), colour))
    else:
        lines.append(out.paint(NOT_COUNTED.get(status, NOT_COUNTED[Status.INVALID]), YELLOW))
        if v.reason:
            lines.append(wrapped_line(v.reason))
    if v.interpreted:
        lines.append(f"Read as: {v.interpreted}")
    if v.mistake:
        lines.append(wrapped_line(f"A common mistake: {v.mistake}"))
    if v.wrong_entries and not v.reason:  # the reason names the entries when it can
        lines.append(wrong_entries_line(v.wrong_entries, problem))
    return lines


def wrong_entries_line(entries: Sequence[Any], problem: Problem | None) -> str:
    """The checker's 0-based positions, said the way a person counts (from 1)."""
    if not entries:
        return ""
    if all(isinstance(e, tuple | list) and len(e) == 2 for e in entries):
        cells = [f"row {r + 1} column {c + 1}" for r, c in entries]
        return "Wrong entries: " + "; ".join(cells) + "."
    positions = ", ".join(str(int(e) + 1) for e in entries)
    if problem is not None and problem.kind == "set":
        return f"Not in the answer: value(s) {positions} of yours (counting from 1)."
    return f"Wrong entries: {positions} (counting from 1)."


class ProblemRenderer:
    def drill_lines(self, served: Problem) -> list[str]:
        return [
            f"{served.title} — difficulty {served.difficulty}",
            "",
            *body_lines(served),
            DRILL_COMMANDS,
        ]

    def help_lines(self, served: Problem) -> list[str]:
        return [DRILL_COMMANDS, format_help(served)]

    def prompt_line(self, served: Problem) -> str:
        return DRILL_COMMANDS

    def answer_text(self, served: Problem, line: str | None) -> str:
        return line or ""

    def not_counted_lines(self, verdict: Any, out: Output) -> list[str]:
        if verdict is not None and verdict.rounded:  # the core's call: exact values are asked
            said = "Close, but exact values are asked; not counted. Type them again."
        else:
            said = "Could not read that; not counted. Type it again."
        lines = [out.paint(said, YELLOW)]
        if verdict is not None and verdict.reason:
            lines.append(verdict.reason)
        return lines


RENDERER = ProblemRenderer()

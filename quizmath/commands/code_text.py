"""A grading result as lines of plain text, for ``quizmath code`` (watching and ``--check``).

Only renders: what passed, what failed and why come from ``core.exercises`` as data. Every text
that came from the learner's process was made safe in the core (no control characters).
"""

from __future__ import annotations

import os
import textwrap
from typing import TextIO

from quizmath.core.exercises.result import Failure, GradeResult, Status

MAX_CASE_LINES = 12


def terminal_width(out: TextIO) -> int:
    import shutil

    tty = out.isatty() if hasattr(out, "isatty") else False
    return shutil.get_terminal_size((100, 24)).columns if tty else 100


def use_color(out: TextIO) -> bool:
    tty = out.isatty() if hasattr(out, "isatty") else False
    return tty and not (os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb")


class Renderer:
    def __init__(self, color: bool = False, width: int = 100) -> None:
        self.color = color
        self.width = max(40, width)  # one line per case, cut to the terminal's width

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def result(self, r: GradeResult, *, solution_note: bool = True) -> list[str]:
        """``solution_note``: after a pass, say how to see a model solution (a session says
        it its own way)."""
        passed = sum(c.passed for c in r.cases)
        timing = f"({r.ms:,.0f} ms)"
        if r.status is Status.PASSED:
            head = self.paint(f"✓ {r.exercise_id}: all {len(r.cases)} cases pass", "1;32")
            if not solution_note:
                return [f"{head} {timing}"]
            return [
                f"{head} {timing}",
                f"  Well done. A model solution: quizmath code {r.exercise_id} --solution",
            ]
        if r.status is Status.ERROR:
            return [self.paint(f"! {r.exercise_id}: could not grade: {r.problem}", "1;33")]
        count = f"{passed} of {len(r.cases)} cases pass" if r.cases else "not run"
        lines = [f"{self.paint(f'✗ {r.exercise_id}: {count}', '1;31')} {timing}"]
        if r.problem:
            lines.append(f"  {r.problem}")
        for use in r.banned:
            lines.append(f"  line {use.line}: {use.text} is not allowed in this exercise")
        lines += self._cases(r)
        if r.failure is not None:
            lines += self._failure(r.failure)
        if r.stdout.strip():
            lines += ["", "Other output:", *_indent(r.stdout.rstrip("\n"), "  ")]
        if r.feedback:
            lines += ["", self.paint("What went wrong:", "1")]
            for f in r.feedback:
                wrapped = textwrap.fill(" ".join(f.text.split()), 88)
                lines += _indent(wrapped, "  ", first="• ")
        return lines

    def _cases(self, r: GradeResult) -> list[str]:
        if not r.cases or all(not c.passed and c.message.startswith("not run") for c in r.cases):
            return []
        lines = []
        for c in r.cases[:MAX_CASE_LINES]:
            mark = self.paint("✓", "32") if c.passed else self.paint("✗", "31")
            name = _one_line(c.name, self.width - 6)
            text = f"  {mark} {name}"
            room = self.width - len(name) - 7
            if not c.passed and c.message and room > 10:
                text += f": {_one_line(c.message, room)}"
            lines.append(text)
        if len(r.cases) > MAX_CASE_LINES:
            lines.append(f"  … {len(r.cases) - MAX_CASE_LINES} more")
        return lines

    def _failure(self, f: Failure) -> list[str]:
        lines = ["", self.paint(f"First failure: {f.case}", "1")]
        lines += [f"  {m}" for m in f.messages]
        if f.step:
            lines.append(f"  while running: {f.step}")
        for title, pairs in (("inputs", f.inputs), ("expected", f.expected), ("got", f.got)):
            if pairs:
                lines.append(f"  {title}:")
                for name, shown in pairs:
                    lines += _indent(shown, "      ", first=f"    {name} = ")
        if f.traceback:
            lines += ["  traceback (your code):", *_indent(f.traceback, "    ")]
        if f.stdout.strip():
            lines += ["  your print output:", *_indent(f.stdout.rstrip("\n"), "    ")]
        return lines


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _indent(text: str, prefix: str, first: str | None = None) -> list[str]:
    rows = text.split("\n")
    if first is None:
        return [prefix + row for row in rows]
    pad = " " * len(first) if len(first) > len(prefix) else prefix
    return [first + rows[0], *(pad + row for row in rows[1:])]

"""The result of grading the learner's file (``core.exercises.result.GradeResult``): pass or
fail with the time it took, what stopped the run, the misconception feedback ("What went
wrong"), one line per case, and the first failure in full (inputs, expected, got, the step that
raised, the learner's traceback and print output).

Only renders. Text that came from the learner's process was neutralised in the core and goes in
as plain text (``Content``), never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizmath.core.terminal_text import neutralise

if TYPE_CHECKING:
    from quizmath.core.exercises.result import Failure, GradeResult

MAX_CASES = 12
WAITING = "Save the file to grade it: the result appears here."


def _plain(text: str) -> str:
    return neutralise(text)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + row for row in text.rstrip("\n").split("\n"))


def headline(r: GradeResult, when: str = "") -> Content:
    """``✓ all 9 cases pass  (612 ms · 14:02:31)``, ``✗ 3 of 9 cases pass …``."""
    from quizmath.core.exercises.result import Status

    timing = f"  ({r.ms:,.0f} ms{' · ' + when if when else ''})"
    if r.passed:
        return Content.assemble((f"✓ {r.summary()}", "bold $success"), (timing, "$text-muted"))
    if r.status is Status.ERROR:
        return Content.assemble(("! could not grade", "bold $warning"), (timing, "$text-muted"))
    count = f"{r.cases_passed} of {len(r.cases)} cases pass" if r.cases else "not run"
    return Content.assemble((f"✗ {count}", "bold $error"), (timing, "$text-muted"))


def case_lines(r: GradeResult) -> list[Content]:
    if not r.cases or all(not c.passed and c.message.startswith("not run") for c in r.cases):
        return []
    lines = []
    for c in r.cases[:MAX_CASES]:
        mark = ("✓ ", "$success") if c.passed else ("✗ ", "$error")
        message = f": {_plain(' '.join(c.message.split()))}" if c.message and not c.passed else ""
        lines.append(Content.assemble("  ", mark, _plain(c.name), (message, "$text-muted")))
    if len(r.cases) > MAX_CASES:
        lines.append(Content.styled(f"  … {len(r.cases) - MAX_CASES} more", "$text-muted"))
    return lines


def failure_lines(f: Failure) -> list[Content]:
    lines = [Content.styled(f"First failure: {_plain(f.case)}", "bold")]
    lines += [Content(_indent(_plain(m), "  ")) for m in f.messages]
    if f.step:
        lines.append(Content.assemble(("  while running: ", "$text-muted"), _plain(f.step)))
    for title, pairs in (("inputs", f.inputs), ("expected", f.expected), ("got", f.got)):
        if pairs:
            lines.append(Content.styled(f"  {title}:", "$text-muted"))
            for name, shown in pairs:
                body = _plain(shown).replace("\n", "\n" + " " * (7 + len(name)))
                lines.append(Content(f"    {_plain(name)} = {body}"))
    if f.traceback:
        lines.append(Content.styled("  traceback (your code):", "$text-muted"))
        lines.append(Content(_indent(_plain(f.traceback), "    ")))
    if f.stdout.strip():
        lines.append(Content.styled("  your print output:", "$text-muted"))
        lines.append(Content(_indent(_plain(f.stdout), "    ")))
    return lines


def result_content(r: GradeResult, when: str = "") -> Content:
    """The whole result as one block of lines."""
    lines: list[Content] = [headline(r, when)]
    if r.passed:
        return Content("\n").join(lines)
    if r.problem:
        lines.append(Content.styled(_indent(_plain(r.problem), "  "), "$warning"))
    for use in r.banned:
        lines.append(
            Content.styled(
                f"  line {use.line}: {_plain(use.text)} is not allowed in this exercise", "$warning"
            )
        )
    if r.feedback:  # first: the most useful thing to read
        lines += [Content(""), Content.styled("What went wrong:", "bold $accent")]
        for f in r.feedback:
            lines.append(Content(_indent(_plain(" ".join(f.text.split())), "  • ")))
        lines.append(Content(""))
    lines += case_lines(r)
    if r.failure is not None:
        lines += [Content(""), *failure_lines(r.failure)]
    if r.stdout.strip():
        lines += [Content(""), Content.styled("Other output:", "$text-muted")]
        lines.append(Content(_indent(_plain(r.stdout), "  ")))
    return Content("\n").join(lines)


class GradeView(Vertical):
    """The latest result, with a line above it on how it counted (``show``)."""

    DEFAULT_CSS = """
    GradeView { height: auto; }
    GradeView > #grade-count { height: auto; margin-bottom: 1; }
    GradeView > #grade-result { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="grade-count", markup=False)
        yield Static(Content.styled(WAITING, "$text-muted"), id="grade-result", markup=False)

    def grading(self, text: str) -> None:
        """A save is being graded (the previous result stays until the new one is in)."""
        self.query_one("#grade-count", Static).update(Content.styled(text, "italic $text-muted"))

    def not_graded(self, text: str) -> None:
        """The save could not be graded (the previous result stays)."""
        self.query_one("#grade-count", Static).update(Content.styled(text, "$error"))

    def show(self, r: GradeResult, count: Content, when: str = "") -> None:
        self.query_one("#grade-count", Static).update(count)
        self.query_one("#grade-result", Static).update(result_content(r, when))

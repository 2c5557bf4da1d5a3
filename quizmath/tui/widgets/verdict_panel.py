"""The verdict after Enter: correct / not correct / not counted, and why.

Shows the checker's message, how the answer was read, the feedback of the known mistake it
matches, the learner's vector or matrix with the wrong entries marked, and the time taken.
Colours come from the theme (``$success``, ``$error``, ``$warning``); all text from the bank or
the learner goes in as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from quizmath.core.confidence import Confidence
from quizmath.core.practice.status import Status
from quizmath.tui.widgets.answer_box import excerpt, printable

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Entry
    from quizmath.core.practice.outcomes import Outcome

_STYLE = {
    Status.CORRECT: "$success",
    Status.WRONG: "$error",
    Status.INVALID: "$warning",
    Status.UNCHECKED: "$warning",
    Status.ROUNDED: "$warning",
    Status.SKIPPED: "$warning",
}


def seconds(ms: int | float) -> str:
    s = ms / 1000
    if s < 60:
        return f"{s:.1f} s"
    minutes, rest = divmod(round(s), 60)
    return f"{minutes} min {rest:02d} s"


class VerdictPanel(Static):
    """Empty until an answer is judged; its CSS class is the status it shows (``-wrong``)."""

    DEFAULT_CSS = """
    VerdictPanel { height: auto; display: none; }
    VerdictPanel.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.status: Status | None = None
        self._lines: list[Content] = []

    def clear(self) -> None:
        self.status = None
        self._lines = []
        self.set_classes("")
        self.update("")

    def _show(self, status: Status, lines: Sequence[Content], *, append: bool = False) -> None:
        self.status = status
        self._lines = [*self._lines, *lines] if append else list(lines)
        self.set_classes(f"-shown -{status}")
        self.update(Content("\n").join(self._lines))

    def show_outcome(self, outcome: Outcome) -> None:
        """An answer as the practice flow judged it: the verdict and its reason, the time taken
        (and the try and the help used, for a right answer), how the answer was read, the known
        mistake it matches, and the learner's vector or matrix with its wrong entries marked."""
        verdict = outcome.verdict
        assert verdict is not None
        status = outcome.status
        style = _STYLE[status]
        reason = printable(verdict.reason)
        if status == Status.CORRECT:
            head = Content.assemble(("✓ Correct", f"bold {style}"), _dash(reason))
            took = f"   in {seconds(outcome.ms)}"
            if outcome.tries > 1:
                took += f", try {outcome.tries}"
            helped = help_used(outcome.hints, outcome.solution_viewed)
            if helped:
                took += f", after {helped}"
            lines = [Content.assemble(head, (took, "$text-muted"))]
        elif status in (Status.WRONG, Status.ROUNDED):
            head = Content.assemble(("✗ Not correct", f"bold {style}"), _dash(reason))
            lines = [Content.assemble(head, (f"   in {seconds(outcome.ms)}", "$text-muted"))]
        elif status == Status.UNCHECKED:
            lines = [Content.assemble(("⚠ Could not check that in time", f"bold {style}"))]
            lines.append(Content("Not counted. Try writing it more simply."))
        else:
            lines = [Content.assemble(("⚠ Could not read that — not counted", f"bold {style}"))]
            lines.append(Content.assemble(reason, *excerpt(outcome.text, verdict.column)))
        if verdict.interpreted:
            read = printable(verdict.interpreted)
            lines.append(Content.assemble(("Read as  ", "$text-muted"), (read, "bold")))
        if verdict.mistake:
            lines.append(
                Content.assemble(("Common mistake: ", f"bold {style}"), printable(verdict.mistake))
            )
        marked = mark_entries(verdict.entries, list(verdict.wrong_entries), outcome.problem.kind)
        if marked is not None:
            lines.append(Content.assemble(("Wrong entries:  ", "$text-muted"), marked))
        note = confidence_note(outcome)
        if note is not None:
            lines.append(note)
        self._show(status, lines)

    def show_skipped(self, answer: str) -> None:
        lines = [
            Content.assemble(("↷ Skipped", "bold $warning"), ("  (counted as not known)", "")),
            Content.assemble(("The answer was  ", "$text-muted"), (printable(answer), "bold")),
        ]
        self._show(Status.SKIPPED, lines)

    def show_given_up(self, answer: str, wrong: int) -> None:
        """After the last wrong try: added under that try's verdict."""
        lines = [
            Content.assemble((f"That was {wrong} tries; the worked solution is below.", "bold")),
            Content.assemble(("The answer was  ", "$text-muted"), (printable(answer), "bold")),
        ]
        self._show(Status.WRONG, lines, append=True)


def confidence_note(outcome: Outcome) -> Content | None:
    """What the learner's confidence made of the answer (``core.confidence``)."""
    if outcome.misconception:
        return Content.assemble(
            ("Sure, but not right: ", "bold $error"),
            "a likely misconception. Read the solution (ctrl+r) before trying again.",
        )
    if outcome.status == Status.CORRECT and outcome.confidence == Confidence.LOW:
        return Content.assemble(
            ("Right, though unsure: ", "bold $warning"), "it comes back a little sooner."
        )
    if outcome.confidence is not None:
        return Content.styled(f"You said: {outcome.confidence} confidence.", "$text-muted")
    return None


def help_used(hints: int, solution_viewed: bool) -> str:
    """What help came before an answer, as the verdict says it ("after 2 hints")."""
    if solution_viewed:
        return "the solution"
    if hints:
        return f"{hints} hint{'s' if hints != 1 else ''}"
    return ""


def _dash(reason: str) -> Content:
    """The reason after the verdict word: "✗ Not correct — entry 2 is wrong"."""
    reason = reason.rstrip(".")
    return Content(f" — {reason}" if reason else "")


def mark_entries(entries: Sequence[Entry] | None, wrong: list[Any], kind: str) -> Content | None:
    """The learner's vector or matrix with its wrong entries highlighted (only when the answer
    was a plain list: a scaled form like ``1/2·[2, 5]`` has other entries than it shows)."""
    if not wrong or not entries or kind not in ("vector", "vector-up-to-scale", "matrix"):
        return None
    if kind == "matrix":
        rows = [row for row in entries if isinstance(row, tuple)]
        if len(rows) != len(entries) or not all(rows):
            return None
        bad = {tuple(w) for w in wrong if isinstance(w, tuple | list) and len(w) == 2}
        cells = [[printable(c) for c in row] for row in rows]
        width = max(len(c) for row in cells for c in row)
        out: list[Content | tuple[str, str] | str] = []
        for r, row in enumerate(cells):
            out.append("\n                " if r else "")
            for c, cell in enumerate(row):
                style = "reverse bold $error" if (r, c) in bad else ""
                out.extend([(cell.rjust(width), style), "  "])
        return Content.assemble(*out)
    bad_i = {int(w) for w in wrong if isinstance(w, int)}
    out = ["["]
    for i, entry in enumerate(entries):
        text = entry if isinstance(entry, str) else "[" + ", ".join(entry) + "]"
        out.extend(
            [", " if i else "", (printable(text), "reverse bold $error" if i in bad_i else "")]
        )
    out.append("]")
    return Content.assemble(*out)

"""A problem inside a drill: the problem sheet (prompt only: no hints, no verdict, no solution
until the report) and the answer box with its live "reads as" line. It only renders; the
drill screen checks and records (``AnswerBox.Submitted`` bubbles up)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from quizmath.tui.widgets.answer_box import AnswerBox, printable
from quizmath.tui.widgets.problem_sheet import ProblemSheet

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem

IDLE = "Enter submits (one answer, no retries) · ctrl+g skip · F1 how to type answers"
LETTERS_HELP = "g skip · a back to the answer · Esc leave (the drill is kept)"


class DrillProblem(Vertical):
    def compose(self) -> ComposeResult:
        yield ProblemSheet(id="sheet")  # ids shared with the practice screen: same styles
        yield AnswerBox(id="answer-box")

    @property
    def sheet(self) -> ProblemSheet:
        return self.query_one(ProblemSheet)

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    @property
    def value(self) -> str:
        return self.box.value

    def show(self, p: Problem, *, number: str, topic_title: str) -> None:
        self.sheet.show(p, number=number, topic_title=topic_title)
        self.box.configure(p.kind, p.vars, p.choices, idle=IDLE)
        self.box.input.focus()

    def focus_input(self) -> None:
        self.box.input.focus()

    def note(self, text: str, style: str = "$text-muted") -> None:
        self.box.note(Content.styled(text, style))

    def unreadable(self, verdict: Any) -> None:
        """Unreadable text before the deadline: say why; it stays in the box to be edited."""
        reason = printable(verdict.reason) if verdict is not None else ""
        self.box.note(
            Content.assemble(
                ("⚠ Could not read that — not counted. ", "bold $warning"),
                (reason, "$warning"),
                (" Edit it and press Enter.", "$text-muted"),
            )
        )

    def rounded(self, verdict: Any) -> None:
        """Rounded where exact values are asked, before the deadline: not counted either."""
        reason = printable(verdict.reason) if verdict is not None else ""
        self.box.note(
            Content.assemble(
                ("⚠ Not counted: ", "bold $warning"),
                (reason[:1].upper() + reason[1:], "$warning"),
                (" Type the exact values and press Enter.", "$text-muted"),
            )
        )

    def leave_box(self) -> None:
        """Escape in the box: focus the sheet (scrolling keys) and list the letter keys."""
        self.sheet.focus()
        self.note(LETTERS_HELP)

    def scroll_page(self, direction: int) -> None:
        if direction > 0:
            self.sheet.scroll_page_down()
        else:
            self.sheet.scroll_page_up()

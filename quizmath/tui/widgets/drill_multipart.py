"""A multi-part problem inside a drill: the problem sheet (the shared prompt; no hints, no
solution until the report) with its parts inside, one answer box each (``PartsPanel``). It only
renders; the drill screen checks and records (the current part's ``AnswerBox.Submitted``
bubbles up) and tells it each part's verdict and which part comes next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from quizmath.tui.widgets.answer_box import AnswerBox, printable
from quizmath.tui.widgets.multipart_item import PartsPanel
from quizmath.tui.widgets.problem_sheet import ProblemSheet

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.items.multipart import PartAnswer

IDLE = "Enter submits this part (one answer, no retries) · ctrl+g skip · F1 how to type answers"
LETTERS_HELP = "g skip · a back to the answer · Esc leave (the drill is kept)"


class DrillMultipart(Vertical):
    DEFAULT_CSS = """
    DrillMultipart { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield ProblemSheet(id="sheet")  # ids shared with the practice screen: same styles

    def on_mount(self) -> None:
        self.parts.idle = IDLE
        self.parts.brief = True  # the word only: the report has the details

    @property
    def sheet(self) -> ProblemSheet:
        return self.query_one(ProblemSheet)

    @property
    def parts(self) -> PartsPanel:
        return self.sheet.parts

    @property
    def box(self) -> AnswerBox | None:
        return self.parts.box

    @property
    def value(self) -> str:
        box = self.box
        return box.value if box is not None else ""

    def show(
        self, p: Problem, *, number: str, topic_title: str, answers: Sequence[PartAnswer] = ()
    ) -> None:
        """A problem, with the parts answered before a resume (``answers``)."""
        self.sheet.show(p, number=number, topic_title=topic_title, answers=answers)

    def show_answer(self, a: PartAnswer, next_part: int | None) -> None:
        self.parts.show_answer(a, next_part)

    def focus_input(self) -> None:
        self.parts.focus_input()

    def note(self, text: str, style: str = "$text-muted") -> None:
        box = self.box
        if box is not None:
            box.note(Content.styled(text, style))

    def unreadable(self, verdict: Any) -> None:
        """Unreadable text before the deadline: say why; it stays in the box to be edited."""
        box = self.box
        if box is None:
            return
        reason = printable(verdict.reason).rstrip(".") + "." if verdict is not None else ""
        box.note(
            Content.assemble(
                ("⚠ Could not read that — not counted. ", "bold $warning"),
                (reason, "$warning"),
                (" Edit it and press Enter.", "$text-muted"),
            )
        )

    def leave_box(self) -> None:
        """Escape in a box: focus the sheet (scrolling keys) and list the letter keys."""
        self.sheet.focus()
        self.note(LETTERS_HELP)

    def scroll_page(self, direction: int) -> None:
        if direction > 0:
            self.sheet.scroll_page_down()
        else:
            self.sheet.scroll_page_up()

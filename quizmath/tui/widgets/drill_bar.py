"""The line above a drill item: which question, how the last one went, this question's clock,
and the countdown (always in view)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from quizmath.core.drill.clock import format_clock
from quizmath.core.items import Ending
from quizmath.tui.widgets.answer_box import printable
from quizmath.tui.widgets.countdown import Countdown

LAST = {
    Ending.CORRECT: ("✓ correct", "$success"),
    Ending.WRONG: ("✗ not correct", "$error"),
    Ending.SKIPPED: ("↷ skipped", "$warning"),
    Ending.UNANSWERED: ("not answered", "$warning"),
}


class DrillBar(Horizontal):
    DEFAULT_CSS = """
    DrillBar { height: 1; }
    DrillBar > Static { width: auto; padding: 0 1; }
    DrillBar > #drill-progress { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    DrillBar > #drill-item-clock { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="drill-progress", markup=False)
        yield Static("", id="drill-last", markup=False)
        yield Static("", id="drill-item-clock", markup=False)
        yield Countdown(id="countdown")

    @property
    def countdown(self) -> Countdown:
        return self.query_one(Countdown)

    def show_item(self, number: int, total: int, topic_title: str) -> None:
        self.query_one("#drill-progress", Static).update(
            Content.assemble(
                (f"Question {number} of {total}", "bold"),
                ("  ·  ", "$text-muted"),
                printable(topic_title),
            )
        )

    def show_last(self, number: int, outcome: Ending, ms: int, score: float | None = None) -> None:
        """How the previous question ended (there is no other feedback during a drill); a
        multi-part problem's ``score`` (parts right / parts) as a percentage."""
        word, style = LAST.get(outcome, (outcome, "$warning"))
        parts = f" {score:.0%} of parts" if score is not None else ""
        self.query_one("#drill-last", Static).update(
            Content.assemble(
                (f"Q{number} ", "$text-muted"),
                (word, style),
                (parts, style),
                (f" {format_clock(ms)}", "$text-muted"),
            )
        )

    def show_message(self, text: str) -> None:
        self.query_one("#drill-progress", Static).update(Content.styled(text, "italic $text-muted"))

    def set_time(self, remaining_ms: int | None, item_ms: int | None) -> None:
        clock = "" if item_ms is None else f"this question {format_clock(item_ms)}"
        self.query_one("#drill-item-clock", Static).update(clock)
        self.countdown.remaining_ms = remaining_ms

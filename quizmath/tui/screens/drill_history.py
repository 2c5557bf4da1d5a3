"""Every past drill (finished and discarded), newest first; Enter opens its report."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizmath.core.drill.clock import format_clock, local_time
from quizmath.core.drill.outcomes import RunEnding, ending_words
from quizmath.tui.widgets.fitted_table import FittedTable
from quizmath.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizmath.tui.app import QuizApp
    from quizmath.tui.drill_controller import DrillController

STATUS_STYLE = {
    RunEnding.COMPLETED: "$success",
    RunEnding.TIMEOUT: "$warning",
    RunEnding.DISCARDED: "$text-muted",
}


class DrillHistoryScreen(Screen[None]):
    """Dependencies: the app's ``DrillController`` (reports, a new drill)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("n", "new", "New drill"),
    ]

    def __init__(self, drills: DrillController) -> None:
        super().__init__()
        self.drills = drills

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="history-note", markup=False)
        yield FittedTable(id="drill-list")
        yield Footer()

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def on_mount(self) -> None:
        self.sub_title = "Past drills"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        from quizmath.core.drill.runs import drill_history

        runs = list(reversed(drill_history(self.quiz.services.storage, include_discarded=True)))
        rows: list[list[Content | str]] = [
            [
                str(run.id),
                local_time(run.started_at),
                f"{run.correct}/{run.questions}",
                f"{run.percent:3.0f}%",
                format_clock(run.used_ms),
                Content.styled(
                    ending_words(run.ended, run.status),
                    STATUS_STYLE[RunEnding(run.ended)] if run.ended else "",
                ),
                str(run.seed),
            ]
            for run in runs
        ]
        table = self.query_one(FittedTable)
        headers = ["drill", "started", "score", "", "time", "how it ended", "seed"]
        table.set_rows(headers, rows, [str(run.id) for run in runs])
        note = (
            "Enter opens a drill's report · n starts a new drill"
            if runs
            else "No drills yet: n sets one up."
        )
        self.query_one("#history-note", Static).update(Content.styled(note, "$text-muted"))
        table.focus()

    @on(DataTable.RowSelected, "#drill-list")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.drills.open_report(int(event.row_key.value), from_home=False)

    def action_new(self) -> None:
        self.drills.open_setup()

"""An unfinished drill (quit, crash, kill): finish it, discard it, or leave it for later.

Dismissed with "resume", "discard", "later" or None (Escape). What "later" means depends on
where it was asked (``context``): on home nothing happens; from the Drills entry or from
``quizmath drill`` a new drill is set up or started and the unfinished one is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quizmath.core.drill.clock import format_clock

if TYPE_CHECKING:
    from quizmath.core.storage.drills import RunRow

LATER = {
    "home": ("Not now", "Keep it for later"),
    "menu": ("New drill", "Keep it and set up a new drill"),
    "cli": ("Keep it, start new", "Keep it and start the new drill"),
}


def describe(run: RunRow) -> str:
    when = run.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    left = "no time limit" if run.remaining_ms is None else f"{format_clock(run.remaining_ms)} left"
    return (
        f"Drill {run.id}, started {when}: {run.answered} of {run.questions} answered, {left}. "
        "The answers given so far are kept."
    )


class ResumeDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("r,f", "choose('resume')", "Finish it", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
        Binding("n,l", "choose('later')", show=False),
    ]

    def __init__(self, run: RunRow, *, context: str = "home") -> None:
        super().__init__()
        self.run = run
        self.context = context

    def compose(self) -> ComposeResult:
        later, _help = LATER.get(self.context, LATER["home"])
        with Vertical(id="resume-dialog"):
            yield Static(Content.styled("You have an unfinished drill", "bold $primary"))
            yield Static(describe(self.run), id="resume-text", markup=False)
            with Horizontal(id="resume-buttons"):
                yield Button("Finish it (r)", id="resume", variant="primary", compact=True)
                yield Button("Discard (d)", id="discard", variant="error", compact=True)
                yield Button(f"{later} (n)", id="later", compact=True)
            yield Static(
                Content.styled(
                    "A discarded drill stays in the drill history. Escape: cancel", "$text-muted"
                )
            )

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

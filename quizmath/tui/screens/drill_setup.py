"""Set up a drill: questions, minutes, topics (optional), a seed (optional) and whether to
include coding exercises, or just Enter for the defaults. The share line says what someone
else runs to get the same drill.

The plan itself is made by the drill screen (in a worker); this screen reads the fields with
the core's ``read_options`` and says what is wrong in its own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from quizmath.core.drill.options import (
    DEFAULT_MINUTES,
    DEFAULT_QUESTIONS,
    MAX_MINUTES,
    MAX_QUESTIONS,
    MAX_SEED_DIGITS,
    MIN_QUESTIONS,
    DrillOptions,
    Fault,
    Field,
    OptionError,
    limit_ms,
    read_options,
)
from quizmath.core.drill.plan import share_args
from quizmath.tui.messages import ContentReady
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.tui.app import QuizApp
    from quizmath.tui.drill_controller import DrillController

# What a refused field says, in the setup screen's words (the bounds are the core's).
FAULTS = {
    (Field.QUESTIONS, Fault.NOT_A_NUMBER): f"Questions: a whole number, 1 to {MAX_QUESTIONS}.",
    (Field.QUESTIONS, Fault.OUT_OF_RANGE): f"Questions: {MIN_QUESTIONS} to {MAX_QUESTIONS}.",
    (Field.MINUTES, Fault.NOT_A_NUMBER): "Minutes: a number (0 for no time limit).",
    (Field.MINUTES, Fault.OUT_OF_RANGE): f"Minutes: 0 (untimed) to {MAX_MINUTES}.",
    (Field.SEED, Fault.NOT_A_NUMBER): (
        f"Seed: a whole number of up to {MAX_SEED_DIGITS} digits, or empty."
    ),
}


def fault_text(error: OptionError) -> str:
    return FAULTS.get((error.field, error.fault), str(error))


class DrillSetupScreen(Screen[None]):
    """Dependencies: the app's ``DrillController`` (start a drill, the drill history)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+o", "history", "Past drills"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="setup"):
            with Vertical(id="setup-fields"):
                yield Static(
                    "Mixed topics, problems and interview questions, a countdown, no hints. "
                    "The report at the end has the worked solutions.",
                    id="setup-intro",
                )
                with Grid(id="setup-grid"):
                    yield Label("Questions")
                    yield OrderedInput(
                        str(DEFAULT_QUESTIONS), id="questions", restrict=r"[0-9]*", compact=True
                    )
                    yield Label("Minutes")
                    yield OrderedInput(
                        f"{DEFAULT_MINUTES:g}", id="minutes", restrict=r"[0-9.]*", compact=True
                    )
                    yield Label("Seed")
                    yield OrderedInput(
                        "",
                        id="seed",
                        placeholder="drawn at random",
                        restrict=r"[0-9]*",
                        compact=True,
                    )
                yield Checkbox(
                    "Coding exercises (NumPy, in your editor; last)", id="code", compact=True
                )
                yield Static(
                    f"1–{MAX_QUESTIONS} questions; 0 minutes: no time limit; the same seed "
                    "serves the same drill.",
                    id="setup-help",
                )
                yield Static("", id="setup-error", markup=False)
                with Horizontal(id="setup-buttons"):
                    yield Button("Start drill", id="start", variant="primary", compact=True)
                    yield Button("Past drills", id="history", compact=True)
                yield Static("", id="setup-share", markup=False)
            with Vertical(id="setup-topics"):
                yield Label("Topics (none ticked: your weakest)")
                yield SelectionList[str](id="topics", compact=True)
        yield Footer()

    def __init__(self, drills: DrillController) -> None:
        super().__init__()
        self.drills = drills

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def on_mount(self) -> None:
        self.sub_title = "New drill"
        # Enter starts with what is shown (the defaults); typing replaces the selected value.
        self.query_one("#questions", Input).focus()
        if self.quiz.bank is not None:
            self._fill_topics(self.quiz.bank)
        else:  # still loading after the first paint: ContentReady brings it
            self.query_one(SelectionList).border_subtitle = "loading…"
        self._share()

    @on(ContentReady)
    def _content_ready(self, message: ContentReady) -> None:
        self._fill_topics(message.loaded.bank)

    def _fill_topics(self, bank: Bank) -> None:
        topics = self.query_one(SelectionList)
        if topics.option_count:
            return
        topics.border_subtitle = ""
        topics.add_options(
            [
                Selection(t.title, t.id)
                for t in bank.curriculum.topics.values()
                if bank.count_in(t.id)
            ]
        )

    def _topics(self) -> tuple[str, ...]:
        return tuple(self.query_one(SelectionList).selected)

    def _fields(self) -> DrillOptions:
        value = {i.id: i.value for i in self.query(Input)}
        code = self.query_one("#code", Checkbox).value
        return read_options(
            value["questions"], value["minutes"], value["seed"], self._topics(), code
        )

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def _share(self) -> None:
        share = self.query_one("#setup-share", Static)
        error = self.query_one("#setup-error", Static)
        try:
            o = self._fields()
        except OptionError as exc:
            error.update(Content.styled(fault_text(exc), "$error"))
            share.update("")
            return
        error.update("")
        if o.seed is None:
            share.update(
                Content.styled(
                    "A seed is drawn when the drill starts; the report shows the line to share.",
                    "$text-muted",
                )
            )
        else:
            line = share_args(o.seed, o.questions, o.topics, o.code, limit_ms(o.minutes))
            share.update(
                Content.assemble(("Anyone gets this drill with\n", "$text-muted"),
                                 (f"quizmath drill {line}", "bold $accent"))
            )  # fmt: skip

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        try:
            options = self._fields()
        except OptionError as exc:
            self.notify(fault_text(exc), severity="error", markup=False)
            return
        self.drills.start(options)

    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        self.drills.open_history(from_home=False)

"""A coding exercise on its own: the task, the learner's file, and the live result of the last
save. The file is watched in a worker thread; every save is graded there in the sandbox and the
result arrives as a message, so it appears without a key press. The rules (which grades count,
the attempt and the card's rating, hints, the solution) are ``core.practice.exercise``'s.

Keys: e opens the file in $EDITOR (the app is suspended meanwhile); h (ctrl+t) a hint; s
(ctrl+r) the model solution (free after passing, else asked twice: it counts as not solved);
o the concept page; Escape goes back (after failing saves, that is giving up this time).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from quizmath.core.terminal_text import neutralise
from quizmath.tui.faults import explained
from quizmath.tui.messages import ProgressChanged
from quizmath.tui.widgets.exercise_item import ExerciseItem
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.grade_view import GradeView

if TYPE_CHECKING:
    from quizmath.core.exercises.result import GradeResult
    from quizmath.core.items.exercise import ExerciseTask
    from quizmath.core.practice.exercise import ExercisePractice
    from quizmath.core.practice.exercise import Graded as Counted
    from quizmath.tui.app import QuizApp

RATING_WORDS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class ExerciseScreen(Screen[None]):
    DEFAULT_CSS = """
    ExerciseScreen > #exercise-task { height: 2fr; }
    ExerciseScreen > #exercise-results { height: 3fr; padding: 0 2; }
    ExerciseScreen #exercise-hints { margin-top: 1; color: $text; }
    ExerciseScreen #exercise-solution { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit in $EDITOR"),
        Binding("h,ctrl+t", "hint", "Hint"),
        Binding("s,ctrl+r", "solution", "Solution"),
        Binding("o", "concept", "Concept"),
        Binding("escape", "back", "Back"),
        Binding("pagedown", "scroll(1)", show=False),
        Binding("pageup", "scroll(-1)", show=False),
    ]

    @dataclass
    class Grading(Message):
        """The watcher saw a save and is grading it (from its thread)."""

    @dataclass
    class Graded(Message):
        """A save was graded (from the watcher's thread)."""

        source: str
        result: GradeResult | None  # None: grading failed, ``error`` says why
        error: str = ""

    def __init__(self, session: ExercisePractice, topic_title: str = "") -> None:
        super().__init__()
        self.session = session
        self.topic_title = topic_title
        self._stop = threading.Event()
        self.grades = 0  # results shown (tests wait on it)
        self._asked_solution = False

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def served(self) -> ExerciseTask:
        return self.session.task

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExerciseItem(submit_on_save=False, id="exercise-task")
        with VerticalScroll(id="exercise-results"):
            yield GradeView(id="exercise-grade")
            yield Static("", id="exercise-hints", markup=False)
            yield Static("", id="exercise-solution", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Exercise {self.served.id}"
        item = self.query_one(ExerciseItem)
        item.show(self.served, topic_title=self.topic_title)
        item.note("Edit the file in your editor (e opens $EDITOR): each save is graded below.")
        for widget in ("#exercise-hints", "#exercise-solution"):
            self.query_one(widget).display = False
        self.query_one("#exercise-results").focus()
        self._watch()

    # -- watching and grading (a worker thread) --------------------------------------------

    def _watch(self) -> None:
        stop = self._stop
        session = self.session

        def run() -> None:
            from quizmath.core.exercises.workspace import saves

            for source in saves(session.task.path, stop):
                self.post_message(self.Grading())
                try:
                    result = session.grade(source)
                except Exception as exc:  # a bug must not take the screen down
                    why = explained(self, f"grading {session.task.path}", exc)
                    self.post_message(self.Graded(source, None, why))
                    continue
                if stop.is_set():
                    return
                self.post_message(self.Graded(source, result))

        self.run_worker(run, thread=True, exit_on_error=False, group="exercise-grade")

    @on(Grading)
    def _grading(self) -> None:
        self.query_one(GradeView).grading("Saved: grading your file in the sandbox…")

    @on(Graded)
    def _graded(self, message: Graded) -> None:
        from quizmath.core.storage import StorageError

        if message.result is None:
            self.query_one(GradeView).not_graded(f"Not graded: {message.error}.")
            self.notify(
                f"Could not grade this save: {message.error}. Your file is kept: save it again "
                "to retry.",
                severity="error",
                markup=False,
            )
            return
        try:
            graded = self.session.record(message.source, message.result)
        except StorageError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        self.grades += 1
        self.query_one(GradeView).show(
            message.result, self._count_line(graded), time.strftime("%H:%M:%S")
        )
        self.query_one("#exercise-results", VerticalScroll).scroll_home(animate=False)
        if graded.recorded is not None:
            self.app.post_message(ProgressChanged())

    def _count_line(self, graded: Counted) -> Content:
        """How this grade counted, in words (the rules are the session's)."""
        from quizmath.core.practice.exercise import NotCounted

        why = graded.not_counted
        if why is NotCounted.STARTER:
            return Content.styled(
                "The starter as written: write your solution in the file and save it.",
                "$text-muted",
            )
        if why is NotCounted.AS_OPENED:
            return Content.styled(
                "Your file as it was when you opened the exercise (not counted: change it and "
                "save to be graded for this session).",
                "$text-muted",
            )
        if why is NotCounted.NOT_GRADED:
            return Content.styled("Not counted: this could not be graded.", "$warning")
        if why is NotCounted.RECORDED:
            return Content.styled("Graded (this session is already recorded).", "$text-muted")
        if graded.recorded is not None and graded.rating is not None:
            word = RATING_WORDS.get(int(graded.rating), str(graded.rating))
            return Content.assemble(
                ("Solved — well done. ", "bold $success"),
                (f"Recorded (review: {word}). s shows a model solution.", "$text-muted"),
            )
        return Content.styled(
            f"Save {graded.number} of this session. Keep going: the next save is graded.",
            "$text-muted",
        )

    # -- hints, solution, editor, concept ------------------------------------------------

    def action_hint(self) -> None:
        hint = self.session.hint()
        if hint is None:
            self.notify("No more hints.", severity="warning")
            return
        shown = self.query_one("#exercise-hints", Static)
        text = "\n".join(
            f"Hint {k} of {hint.total}: {h}"
            for k, h in enumerate(self.served.exercise.hints[: hint.number], start=1)
        )
        shown.update(neutralise(text))
        shown.display = True
        self.call_after_refresh(shown.scroll_visible, animate=False)

    def action_solution(self) -> None:
        from quizmath.core.storage import StorageError

        if not self.session.solution_is_free and not self._asked_solution:
            self._asked_solution = True
            self.notify(
                "The model solution now counts as not solved this time (review Again). "
                "Press s again to see it.",
                title="Model solution",
                severity="warning",
            )
            return
        try:
            shown = self.session.show_solution()
        except StorageError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        if shown.recorded is not None:
            self.app.post_message(ProgressChanged())
        widget = self.query_one("#exercise-solution", Static)
        widget.update(
            Content.assemble(
                ("A model solution (yours may differ and still pass):\n\n", "bold $accent"),
                neutralise(shown.text.rstrip("\n")),
            )
        )
        widget.display = True
        self.call_after_refresh(widget.scroll_visible, animate=False)

    def action_edit(self) -> None:
        self.query_one(ExerciseItem).action_edit()

    def action_concept(self) -> None:
        page = self.quiz.services.concept_for(
            self.served.exercise.topic, self.served.exercise.concept or None
        )
        if page is None:
            self.notify("This exercise has no concept page.", severity="warning")
        else:
            self.quiz.open_concept(page)

    def action_scroll(self, direction: int) -> None:
        results = self.query_one("#exercise-results", VerticalScroll)
        if direction > 0:
            results.scroll_page_down()
        else:
            results.scroll_page_up()

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action == "hint":
            return True if self.session.hints_left else None
        return True

    # -- leaving ---------------------------------------------------------------------------

    def action_back(self) -> None:
        self.end()
        self.dismiss(None)

    def end(self) -> None:
        """Stop watching; a session left after failing saves is recorded as given up."""
        from quizmath.core.storage import StorageError

        self._stop.set()
        try:
            gave_up = self.session.leave()
        except StorageError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        if gave_up is not None:
            self.app.post_message(ProgressChanged())
            self.notify(
                f"{self.served.title}: not solved this time; it comes back for review soon. "
                "Your file is kept.",
                title="Exercise",
            )

    def on_unmount(self) -> None:
        self._stop.set()

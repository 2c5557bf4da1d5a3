"""A running drill: a countdown always in view, a clock per question, one answer per item.

The rules are the core's (``quizmath.core.drill``): no hints, no retries, no solution until the
report; unreadable text is explained and may be retyped while time remains; when the time is up
the text in the box is submitted as it stands and the drill ends.

Time comes from the injected ``Services.drill_clock`` through ``DrillRun``; a TICK_S interval
only repaints the clocks, notices the deadline and checkpoints the time used every
CHECKPOINT_S of drill time (``DrillRun.checkpoint_if_due``: a crash or a kill loses at most
that). Leaving (Escape, ctrl+q)
pauses the drill: every answer is already saved and the next start offers to finish it.

Keys work while typing (the answer box and notes swallow printable keys): Enter submits, ctrl+g
skips, ctrl+r reveals an interview question's model answer; after the reveal its key points
have focus: space ticks one, Enter rates as the ticked points suggest, 1-4 rate otherwise
(``core.keypoints``; the points are stored with the rating). Escape leaves the box; then g,
r and a (back to the answer) work, and Escape again leaves the drill. There are deliberately
no hint or solution keys.

A coding exercise (``quizmath drill --code``) shows its task and the learner's file: each save
(or Enter) submits the file; one that does not pass yet is not counted and says how far it got,
one that passes ends the question; e opens the file in $EDITOR.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from quizmath.core.drill.outcomes import JudgementKind, RunEnding
from quizmath.core.items import Answering, ItemKind
from quizmath.core.items.types import item_type
from quizmath.core.keypoints import points_with_rating
from quizmath.core.terminal_text import error_text
from quizmath.tui.messages import ContentFailed, ContentReady, ProgressChanged
from quizmath.tui.widgets.answer_box import AnswerBox, printable
from quizmath.tui.widgets.drill_bar import DrillBar
from quizmath.tui.widgets.drill_multipart import DrillMultipart
from quizmath.tui.widgets.drill_problem import DrillProblem
from quizmath.tui.widgets.exercise_item import ExerciseItem
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.interview_item import InterviewItem
from quizmath.tui.widgets.key_points import KeyPointList
from quizmath.tui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.drill.outcomes import DrillJudgement, ItemResult
    from quizmath.core.drill.run import DrillRun
    from quizmath.tui.app import QuizApp
    from quizmath.tui.drill_controller import DrillController, Ready
    from quizmath.tui.messages import Loaded
    from quizmath.tui.screens.help import HelpSection

TICK_S = 0.2

# One widget per kind of item: ``show(served, number=…, topic_title=…)``, ``focus_input()``,
# ``scroll_page(direction)``; a judged kind's widget also has ``value`` (what submitting now
# sends), ``note(text, style)`` and ``unreadable(verdict)``, and posts its submissions (an
# AnswerBox's, or a coding exercise's file on a save or Enter); a self-rated kind's widget
# holds a notes box and a RatingBar.
# A multi-part problem's widget holds one AnswerBox per part and shows each part's verdict.
View = DrillProblem | InterviewItem | ExerciseItem | DrillMultipart
Judged = DrillProblem | ExerciseItem | DrillMultipart
VIEWS: dict[ItemKind, type[View]] = {
    ItemKind.PROBLEM: DrillProblem,
    ItemKind.INTERVIEW: InterviewItem,
    ItemKind.EXERCISE: ExerciseItem,
    ItemKind.MULTIPART: DrillMultipart,
}


class DrillScreen(Screen[int | None]):
    """Dismissed with the run id when the drill ends (the report follows), None when left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "skip", "Skip"),
        Binding("ctrl+r", "reveal", "Reveal"),
        Binding("escape", "back", "Leave"),
        # Letters once the box is left (Escape); hidden to keep the footer short, listed in help.
        Binding("g", "skip", "Skip", show=False),
        Binding("r", "reveal", "Reveal", show=False),
        Binding("a,i", "focus_answer", "Back to the answer box", show=False),
        Binding("1", "rate(1)", "Rate: again", show=False),
        Binding("2", "rate(2)", "Rate: hard", show=False),
        Binding("3", "rate(3)", "Rate: good", show=False),
        Binding("4", "rate(4)", "Rate: easy", show=False),
        Binding("up", "choice(-1)", "Previous choice", show=False),
        Binding("down", "choice(1)", "Next choice", show=False),
        Binding("pagedown", "scroll(1)", "Scroll down", show=False),
        Binding("pageup", "scroll(-1)", "Scroll up", show=False),
    ]

    @dataclass
    class Prepared(Message):
        ready: Ready | None  # None: it failed, and ``error`` says why
        error: str = ""

    @dataclass
    class Checked(Message):
        position: int
        judgement: DrillJudgement | None
        error: str = ""

    def __init__(
        self,
        drills: DrillController,
        *,
        options: DrillOptions | None = None,
        resume_id: int | None = None,
    ) -> None:
        super().__init__()
        assert (options is None) != (resume_id is None)
        self.drills = drills
        self.options = options
        self.resume_id = resume_id
        self.run: DrillRun | None = None
        self.loaded: Loaded | None = None  # the bank, once it is here
        self.checking = False
        self.timing_out = False
        self._skip_asked: tuple[int, str] | None = None  # skip asked to confirm: (answered, text)

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def bar(self) -> DrillBar:
        return self.query_one(DrillBar)

    @property
    def problem(self) -> DrillProblem:
        return self.query_one(DrillProblem)

    @property
    def interview(self) -> InterviewItem:
        return self.query_one(InterviewItem)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DrillBar(id="drill-bar")
        yield Static("", id="drill-wait", markup=False)
        for kind, view in VIEWS.items():
            yield view(id=f"drill-{kind}")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Drill" if self.resume_id is None else f"Drill {self.resume_id}"
        for view in self._views():
            view.display = False
        what = "Preparing the drill…" if self.resume_id is None else "Picking up the drill…"
        self.query_one("#drill-wait", Static).update(Content.styled(what, "italic $text-muted"))
        self.bar.show_message("The clock starts when the first question is on screen.")
        if self.quiz.loaded is not None:
            self._begin(self.quiz.loaded)
        elif self.quiz.bank_error:
            self._failed(f"the question bank did not load: {self.quiz.bank_error}")

    # -- preparing (a worker: the plan generates every problem before the clock starts) ---

    @on(ContentReady)
    def _content_ready(self, message: ContentReady) -> None:
        self._begin(message.loaded)

    @on(ContentFailed)
    def _content_failed(self, message: ContentFailed) -> None:
        self._failed(f"the question bank did not load: {message.error}")

    def _begin(self, loaded: Loaded) -> None:
        if self.loaded is None:
            self.loaded = loaded
            self._prepare(loaded)

    @work(thread=True, exclusive=True, exit_on_error=False, group="drill-prepare")
    def _prepare(self, loaded: Loaded) -> None:
        try:
            ready = self.drills.prepare(
                loaded, self.options, self.resume_id, self.app.call_from_thread
            )
        except Exception as exc:  # QuizmathError, or a bug: say so, keep the app up
            self.post_message(self.Prepared(None, error_text(exc)))
            return
        self.post_message(self.Prepared(ready))

    @on(Prepared)
    def _prepared(self, message: Prepared) -> None:
        from quizmath.core.errors import QuizmathError
        from quizmath.core.storage import StorageError

        if message.ready is None or self.loaded is None:
            self._failed(message.error)
            return
        try:
            run = self.drills.open_run(self.loaded, message.ready, self.options, self.resume_id)
        except (QuizmathError, StorageError) as exc:
            self._failed(error_text(exc))
            return
        self.run = run
        self.sub_title = f"Drill {run.id} · seed {run.seed}"
        self.query_one("#drill-wait").display = False
        self.set_interval(TICK_S, self._tick)
        self._show_current()
        self._tick()
        if self.resume_id is not None:
            self.notify(f"Drill {run.id}: {run.answered} of {run.total} already answered.")

    def _failed(self, error: str) -> None:
        self.query_one("#drill-wait", Static).update(
            Content.assemble(
                ("Cannot start the drill: ", "bold $error"),
                printable(error),
                ("\n\nEscape goes back.", "$text-muted"),
            )
        )
        self.bar.show_message("No drill.")

    # -- showing an item ---------------------------------------------------------------

    def _show_current(self) -> None:
        run = self.run
        assert run is not None
        item = run.current
        if item is None:
            self._end()
            return
        self.app.clear_notifications()
        curriculum = run.scheduler.bank.curriculum
        topic = curriculum.topic(item.topic)
        title = topic.title if topic else item.topic
        number = f"{item.position + 1} of {run.total}"
        self.bar.show_item(item.position + 1, run.total, title)
        view = self._view(item.kind)
        for other in self._views():
            other.display = other is view
        if isinstance(view, DrillMultipart) and item.steps is not None:
            # A drill resumed half-way through it goes on at its next part.
            view.show(item.served, number=number, topic_title=title, answers=item.steps.answers)
        else:
            view.show(item.served, number=number, topic_title=title)
        view.focus_input()
        self.refresh_bindings()

    def _views(self) -> list[View]:
        return [self._view(kind) for kind in VIEWS]

    def _view(self, kind: ItemKind) -> View:
        return self.query_one(f"#drill-{kind}", VIEWS[kind])

    def _judged_view(self) -> Judged:
        """The widget of the judged item on screen (call when ``_judged()``)."""
        item = self.run.current if self.run is not None else None
        view = self._view(item.kind) if item is not None else self.problem
        assert isinstance(view, DrillProblem | ExerciseItem | DrillMultipart)
        return view

    def _judged(self) -> bool:
        """The item on screen takes typed answers (one, or one per part)."""
        item = self.run.current if self.run is not None else None
        answering = item_type(item.kind).answering if item is not None else None
        return answering in (Answering.JUDGED, Answering.STEPS)

    def _asked(self) -> Problem | None:
        """The problem answered now: a multi-part problem's current part, or the problem."""
        item = self.run.current if self.run is not None else None
        p = item.problem if item is not None else None
        k = item.steps.current if item is not None and item.steps is not None else None
        return p.parts[k].problem if p is not None and k is not None else p

    def _box(self) -> AnswerBox | None:
        """The answer box taking input now (a multi-part problem's current part's)."""
        view = self._judged_view() if self._judged() else None
        if isinstance(view, DrillMultipart):
            return view.box
        return view.box if isinstance(view, DrillProblem) else None

    # -- the clock -----------------------------------------------------------------------

    def _tick(self) -> None:
        run = self.run
        if run is None or run.finished:
            return
        self.bar.set_time(run.remaining_ms(), run.item_elapsed_ms())
        if run.expired():
            if not self.checking and not self.timing_out:
                self._time_out()
            return
        from quizmath.core.storage import StorageError

        try:
            run.checkpoint_if_due()
        except StorageError as exc:
            self.notify(f"Time not saved: {exc}", severity="error", markup=False)

    def _time_out(self) -> None:
        """Time is up: what is typed is submitted as it stands, and the drill ends."""
        run = self.run
        assert run is not None
        self.timing_out = True
        self.refresh_bindings()
        item = run.current
        if item is None:
            self._end()
        elif self._judged():
            self.checking = True
            view = self._judged_view()
            view.note("Time is up: checking your answer as it stands…", "$error")
            self._check(item.position, view.value, True)
        else:
            self._saved(lambda: run.time_out(self.interview.notes.text))

    # -- answering -----------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, message: AnswerBox.Submitted) -> None:
        self._submit(message.text)

    @on(ExerciseItem.Submitted)
    def _file_submitted(self, message: ExerciseItem.Submitted) -> None:
        self._submit(message.text)

    def _submit(self, text: str) -> None:
        run = self.run
        item = run.current if run is not None else None
        if item is None or not self._judged() or self.checking or self.timing_out:
            return
        view = self._judged_view()
        if not text.strip():
            view.note("Type an answer, or ctrl+g to skip this question.")
            return
        self.checking = True
        self.refresh_bindings()
        view.note("Checking…", "italic $text-muted")
        self._check(item.position, text, False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="drill-check")
    def _check(self, position: int, text: str, timeout: bool) -> None:
        """The checker may be slow (sympy, the checking service): off the UI thread."""
        assert self.run is not None
        try:
            judgement = self.run.judge(text, timeout=timeout)
        except Exception as exc:  # a checker failure must not take the drill down
            self.post_message(self.Checked(position, None, error_text(exc)))
            return
        self.post_message(self.Checked(position, judgement))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        run = self.run
        assert run is not None
        self.checking = False
        self.refresh_bindings()
        j = message.judgement
        if j is None:
            self.notify(f"Could not check: {message.error}", severity="error", markup=False)
            if self.timing_out:  # the drill must still end: counted as not answered
                self._saved(lambda: run.time_out(""))
            else:
                self._judged_view().note("Could not check that; press Enter again.", "$error")
            return
        result = self._saved(lambda: run.record(j), show=False)
        if result is None and j.kind == JudgementKind.ROUNDED:  # problems only
            self.problem.rounded(j.verdict)
        elif result is None and j.kind == JudgementKind.INVALID:
            self._judged_view().unreadable(j.verdict)
        elif result is not None:
            self._after(result)

    def _saved(self, save: Any, *, show: bool = True) -> ItemResult | None:
        """Run a DrillRun call that saves (UI thread); errors are reported, never raised."""
        from quizmath.core.errors import QuizmathError
        from quizmath.core.storage import StorageError

        try:
            result: ItemResult | None = save()
        except (QuizmathError, StorageError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return None
        if show and result is not None:
            self._after(result)
        return result

    def _after(self, result: ItemResult) -> None:
        assert self.run is not None
        self.post_message(ProgressChanged())
        if result.more:  # a part of a multi-part problem: its verdict, then the next part
            view = self._judged_view()
            item = self.run.current
            steps = item.steps if item is not None else None
            if isinstance(view, DrillMultipart) and steps is not None and result.part is not None:
                view.show_answer(result.part, steps.current)
            return
        self.bar.show_last(result.position + 1, result.outcome, result.ms, result.score)
        if result.ended or self.run.finished:
            self._end()
        else:
            self._show_current()

    def _end(self) -> None:
        run = self.run
        assert run is not None
        if run.ended == RunEnding.TIMEOUT:  # (a finished drill needs no word: the report follows)
            self.notify("Time is up: the drill is over.", title="Drill", severity="warning")
        self.dismiss(run.id)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        """False hides a key that can do nothing now; None dims one that is only busy."""
        run = self.run
        item = run.current if run is not None else None
        if action in ("skip", "reveal", "rate", "choice", "focus_answer"):
            if item is None or self.timing_out:
                return False
            if action == "skip":
                return None if self.checking else True
            if action == "reveal":
                if self._judged():
                    return False  # hidden: problems have no solution until the report
                return not self.interview.revealed
            if action == "rate":
                return not self._judged() and self.interview.revealed
            if action == "choice":
                asked = self._asked()
                return asked is not None and asked.kind == "choice"
            return True
        return True

    def help_sections(self) -> list[HelpSection]:
        from quizmath.core.items.problem import format_help
        from quizmath.tui.screens.help import HelpSection

        sections = []
        asked = self._asked()  # a multi-part problem's current part
        if asked is not None:
            sections.append(HelpSection("How to type this answer", format_help(asked)))
        sections.append(
            HelpSection(
                "How a drill goes",
                "One answer per question: no hints, no retries, no solution until the report. "
                "An answer that cannot be read is explained and may be typed again while time "
                "remains; when the time is up, what is in the box is submitted as it stands. "
                "ctrl+g skips (it asks first when there is an answer in the box). An interview "
                "question: type notes if you like, ctrl+r reveals the model answer, then rate "
                "yourself 1 to 4. A problem in parts takes one answer per part, in order; a "
                "later part counts as right when it follows from your own earlier answers. "
                "Escape leaves the drill; it is kept and can be finished later from Drills on "
                "the home screen.",
            )
        )
        return sections

    def action_skip(self) -> None:
        run = self.run
        if self.check_action("skip", ()) is not True or run is None:
            return
        typed = self._typed()
        asked = (run.answered, typed)
        if typed.strip() and self._skip_asked != asked:
            # What is typed would be lost (a stray BEL is ctrl+g): ask first.
            self._skip_asked = asked
            message = "Skip without submitting your answer? ctrl+g again skips."
            if self._judged():
                self.problem.note(message, "$warning")
            else:
                self.notify(message, severity="warning")
            return
        self._skip_asked = None
        self._saved(run.skip)

    def _typed(self) -> str:
        """What is in the answer box, or the notes of an interview question."""
        return self.problem.value if self._judged() else self.interview.notes.text

    async def action_reveal(self) -> None:
        run = self.run
        if self.check_action("reveal", ()) is not True or run is None:
            return
        q = run.reveal()
        await self.interview.reveal(q)
        self.refresh_bindings()

    def action_rate(self, value: int) -> None:
        if self.check_action("rate", (value,)) is True:
            self.interview.rate(value)

    @on(RatingBar.Rated)
    def _rated(self, message: RatingBar.Rated) -> None:
        self._rate(message.rating, suggested=False)

    @on(KeyPointList.Accepted)
    def _accept_points(self) -> None:
        score = self.interview.score()
        if score is not None:
            self._rate(int(score.rating), suggested=True)

    def _rate(self, rating: int, *, suggested: bool) -> None:
        run = self.run
        if run is None or self.check_action("rate", ()) is not True:
            return
        notes = self.interview.notes.text
        points = points_with_rating(self.interview.score(), suggested)
        self._saved(lambda: run.rate(rating, notes, points))

    def action_focus_answer(self) -> None:
        item = self.run.current if self.run is not None else None
        if item is not None:
            self._view(item.kind).focus_input()

    def action_choice(self, delta: int) -> None:
        box = self._box()
        if box is not None:
            box.cycle_choice(delta)

    def action_scroll(self, direction: int) -> None:
        item = self.run.current if self.run is not None else None
        if item is not None:
            self._view(item.kind).scroll_page(direction)

    def action_back(self) -> None:
        """Escape: out of the answer or notes box first; then leave (the drill is kept)."""
        view = self._judged_view() if self._judged() else None
        box = self._box()
        if isinstance(view, DrillProblem | DrillMultipart) and box and self.focused is box.input:
            view.leave_box()
            return
        if isinstance(self.focused, TextArea):
            self.interview.query_one("#qa").focus()
            return
        run = self.run
        if run is not None and not run.finished:
            from quizmath.core.drill.clock import format_clock

            remaining = run.remaining_ms()
            left = "untimed" if remaining is None else f"{format_clock(remaining)} left"
            self.notify(
                f"Drill {run.id} is kept: {run.answered} of {run.total} answered, {left}. "
                "Drills on the home screen finishes it.",
                title="Drill paused",
            )
        self.dismiss(None)

    def on_unmount(self) -> None:
        # Leaving, the palette, or quitting the app: keep the time used (answers are saved).
        run = self.run
        if run is not None and not run.finished:
            from quizmath.core.storage import StorageError

            # The answers are saved already; at worst the last few seconds of time are lost.
            with contextlib.suppress(StorageError):
                run.pause()

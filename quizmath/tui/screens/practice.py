"""Practice: one problem at a time, checked off the UI thread.

The flow matches plain mode: a right answer ends the problem; after a wrong one the learner may
try again, ask for a hint or the solution, skip, or move on; after MAX_WRONG wrong answers the
worked solution is shown. Unreadable answers are explained, never counted, and stay in the box.

Keys work while typing (the answer box swallows printable keys): ctrl+t hint ("tip"), ctrl+r
reveal the worked solution, ctrl+o open the concept page, ctrl+g give up (skip), ctrl+n next.
Escape leaves the box; then h, s, c, g, n do the same and Escape again goes back home.

With confidence on (the setting), an answer that will count is followed by "How sure are
you?" before its verdict: 1 low, 2 medium, 3 high (``core.confidence``); Escape takes the
answer back to the box unsaved.

A multi-part problem shows every part with its own box, answered in order (``PartsPanel``):
each part's verdict appears under its box as it is checked, then the next part takes input;
ctrl+t and ctrl+r give the current part's hints and worked solution; after the last part, the
score, and ctrl+r shows the whole worked solution (``screens.practice_parts``).

At start-up the first problem may arrive before its practice (``premade``, see
``quizmath.tui.prefetch``): it is shown at once, and the practice is ``adopt``ed a moment later;
an answer typed in between is checked then.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from quizmath.core.confidence import Confidence
from quizmath.core.practice.rules import MAX_WRONG
from quizmath.core.practice.status import Status
from quizmath.core.terminal_text import error_text
from quizmath.tui.messages import ProblemPainted, ProgressChanged
from quizmath.tui.screens import practice_parts as parts
from quizmath.tui.widgets.answer_box import AnswerBox
from quizmath.tui.widgets.confidence_bar import ConfidenceBar
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.problem_sheet import ProblemSheet

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.practice.flow import Judgement, Practice
    from quizmath.core.practice.outcomes import Outcome
    from quizmath.tui.app import QuizApp
    from quizmath.tui.prefetch import Prefetched
    from quizmath.tui.screens.help import HelpSection

LETTERS_HELP = "h hint · s solution · c concept · g skip · n next · a answer · Esc home"


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


class PracticeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+r", "solution", "Solution"),
        Binding("ctrl+o", "concept", "Concept"),
        Binding("ctrl+g", "skip", "Skip"),
        Binding("ctrl+n", "next", "Next"),
        Binding("escape", "back", "Back"),
        # Single letters once the answer box is left (Escape); hidden to keep the footer short,
        # listed in help (F1).
        Binding("h", "hint", "Hint", show=False),
        Binding("s", "solution", "Solution", show=False),
        Binding("c", "concept", "Concept", show=False),
        Binding("g", "skip", "Skip", show=False),
        Binding("n", "next", "Next", show=False),
        Binding("a,i", "focus_answer", "Back to the answer box", show=False),
        Binding("up", "choice(-1)", "Previous choice", show=False),
        Binding("down", "choice(1)", "Next choice", show=False),
        Binding("1", "confidence('low')", "Not sure", show=False),
        Binding("2", "confidence('medium')", "Fairly sure", show=False),
        Binding("3", "confidence('high')", "Sure", show=False),
    ]

    # Plain classes: a dataclass would compile its methods before the first paint.
    class Ready(Message):
        def __init__(self, token: int, problem: Problem | None, error: str = "") -> None:
            self.token = token
            self.problem = problem
            self.error = error
            super().__init__()

    class TextsReady(Message):
        def __init__(self, problem: Problem) -> None:
            self.problem = problem
            super().__init__()

    class Checked(Message):
        def __init__(self, token: int, judgement: Judgement | None, error: str = "") -> None:
            self.token = token
            self.judgement = judgement
            self.error = error
            super().__init__()

    def __init__(
        self,
        practice: Practice | None,
        *,
        count: int | None = None,
        title: str = "",
        premade: Prefetched | None = None,
    ) -> None:
        super().__init__()
        self.practice = practice  # None until adopted (see the module docstring)
        self.premade = premade
        self.count = count
        self.title_text = title or "Practice"
        # The first problem when it is known already (made by the session before the first
        # frame, or before the app): the footer's first keys are then those of the problem,
        # not rebuilt once it shows (a second footer build before the first paint).
        first = practice.problem if practice else premade.problem if premade else None
        self.problem: Problem | None = first
        self._bar: ConfidenceBar | None = None  # "how sure?", mounted after the first frame
        self.loading = False
        self.checking = False
        self.failed = False  # the problem could not be made or cannot be checked
        self._pending: str | None = None  # an answer typed before the practice arrived
        self._texts_ready = False  # hints, solution and mistakes rendered (off this thread)
        self._token = 0
        self.checks_started = 0  # answers sent to the checker (tests wait on these)
        self.checks_done = 0
        self.painted = False  # its first problem (or error) is on screen
        self._ended = False
        self.unsure: Judgement | None = None  # checked, waiting for "how sure?" (confidence)
        self._skip_asked: tuple[int, str] | None = None  # skip asked to confirm: (token, text)
        self._checked_text: str | None = None  # the last answer sent to be checked
        self.solution_of: str | None = None  # a multi-part problem: whose solution is shown

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    @property
    def sheet(self) -> ProblemSheet:
        return self.query_one(ProblemSheet)

    @property
    def box(self) -> AnswerBox:
        """The box taking input: a multi-part problem's current part's, else the one below."""
        return self.sheet.parts.box or self.query_one("#answer-box", AnswerBox)

    @property
    def hints_shown(self) -> int:
        return self.sheet.hints_shown

    @property
    def finished(self) -> bool:
        """The problem is over (right, skipped, out of tries), or cannot be practised."""
        shown = self.practice.current if self.practice is not None else None
        return self.failed or (shown is not None and shown.done)

    @property
    def answered(self) -> bool:
        """An answer to the problem on screen was recorded (the learner may move on)."""
        shown = self.practice.current if self.practice is not None else None
        return shown is not None and shown.answered

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProblemSheet(id="sheet")
        yield AnswerBox(id="answer-box")
        yield Footer(show_command_palette=False)  # 80 columns: ctrl+p is in help (F1)

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.quiz.after_first_frame(self._mount_hidden_parts)
        if self.problem is not None:  # made before the first frame (start-up)
            self._token += 1
            self.post_message(self.Ready(self._token, self.problem))
        else:
            self.load_next()

    def _mount_hidden_parts(self) -> None:
        if self.is_attached:  # (not if the screen was left before the first frame)
            self._confidence_bar()  # hidden until asked

    def _confidence_bar(self) -> ConfidenceBar:
        if self._bar is None:
            self._bar = ConfidenceBar(id="confidence")
            self._bar.display = False
            self.mount(self._bar, before="#answer-box")
        return self._bar

    def _hide_confidence_bar(self) -> None:
        if self._bar is not None:
            self._bar.display = False

    def on_screen_resume(self) -> None:
        if self.problem is not None and self.query_children(ProblemSheet):
            self.box.input.focus()

    def adopt(self, practice: Practice) -> None:
        """The practice for the problem already on screen has arrived."""
        self.practice = practice
        self.refresh_bindings()
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start_check(pending)

    def practice_failed(self, error: str) -> None:
        self.notify(f"Cannot practise: {error}", severity="error", markup=False)
        self.failed = True
        self._finish("This problem cannot be checked: Escape goes home.")

    # -- showing a problem ---------------------------------------------------------------

    def load_next(self) -> None:
        self.loading = True
        self._token += 1
        self.box.note(Content.styled("Preparing a problem…", "italic $text-muted"))
        self.refresh_bindings()
        self._generate(self._token)

    @work(thread=True, exclusive=True, exit_on_error=False, group="generate")
    def _generate(self, token: int) -> None:
        """Generation may be slow (the engine, sometimes sympy); the practice's scheduler calls
        hop back to the UI thread (see ``quizmath.tui.ui_thread``)."""
        assert self.practice is not None
        try:
            problem = self.practice.next_problem()
        except Exception as exc:  # QuizmathError, or a bug: say so, keep the app up
            self.post_message(self.Ready(token, None, error_text(exc)))
            return
        self.post_message(self.Ready(token, problem))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.token != self._token:
            return
        self.loading = False
        self.failed = False
        p = self.problem = message.problem
        if p is None:
            self.failed = True
            self.sheet.show_error(message.error)
            self.box.note("")
        else:
            self._show(p)
        self.refresh_bindings()
        if not self.painted:
            self.painted = True
            if self.quiz.first_frame_done:  # else on_ready says so: the first frame has it
                self.call_after_refresh(self._announce_painted)

    def _announce_painted(self) -> None:
        self.app.post_message(ProblemPainted(time.monotonic_ns()))

    def _show(self, p: Problem) -> None:
        self.app.clear_notifications()
        self._checked_text = None
        served = len(self.practice.history) if self.practice else 1
        number = f"{served} of {self.count}" if self.count else str(served)
        if self.practice is not None:
            topic = self.practice.bank.curriculum.topic(p.topic)
            title = topic.title if topic else p.topic
        else:
            title = self.premade.topic_title if self.premade else p.topic
        self._texts_ready = False
        parts.prepare(self, p)
        self.sheet.show(p, number=number, topic_title=title)
        bottom = self.query_one("#answer-box", AnswerBox)
        bottom.display = not p.parts  # a multi-part problem's parts have their own boxes
        bottom.configure(p.kind, p.vars, p.choices, idle=self._idle(p))
        if not p.parts:
            bottom.input.focus()
        self._render_texts(p)

    def _idle(self, p: Problem) -> str:
        if not self._texts_ready:
            return "Enter checks · ctrl+t hint · F1 how to type answers"
        hints = f" · ctrl+t hint ({len(p.hints)} left)" if p.hints else ""
        return f"Enter checks{hints} · F1 how to type answers"

    @work(thread=True, exclusive=True, exit_on_error=False, group="texts")
    def _render_texts(self, p: Problem) -> None:
        """Hints, the solution and the mistakes are rendered on first read, which may need
        sympy: read them here, off the UI thread, while the learner reads the prompt."""
        try:
            for q in (p, *(part.problem for part in p.parts)):
                q.hints, q.solution, q.mistakes  # noqa: B018 - reading renders and caches them
        finally:
            self.post_message(self.TextsReady(p))

    @on(TextsReady)
    def _texts_rendered(self, message: TextsReady) -> None:
        if self.problem is None or message.problem is not self.problem:
            return
        self._texts_ready = True
        if self.problem.parts:
            self.refresh_bindings()
            return
        self.box.idle_text = self._idle(self.problem)
        if not self.box.value:
            self.box.note(muted(self.box.idle_text))
        self.refresh_bindings()

    # -- answering -------------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, message: AnswerBox.Submitted) -> None:
        if self.loading or self.checking or self.unsure is not None:
            return
        if self.finished:
            self.action_next()
            return
        if not message.text.strip():
            self.box.note(muted("Type an answer first (ctrl+t: a hint)."))
            return
        if self.practice is None:
            self._pending = message.text
            self.box.note(Content.styled("Checking in a moment…", "italic $text-muted"))
            return
        self._start_check(message.text)

    def _start_check(self, text: str) -> None:
        self._checked_text = text
        self.checks_started += 1
        self.checking = True
        self._token += 1
        self.box.note(Content.styled("Checking…", "italic $text-muted"))
        self.refresh_bindings()
        self._check(text, self._token)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def _check(self, text: str, token: int) -> None:
        """The checker (a worker process with a 2 s budget) answers off the UI thread."""
        assert self.practice is not None
        try:
            judgement = self.practice.judge(text)
        except Exception as exc:
            self.post_message(self.Checked(token, None, error_text(exc)))
            return
        self.post_message(self.Checked(token, judgement))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        if message.token != self._token or self.practice is None:
            return
        self.checks_done += 1
        self.checking = False
        self.refresh_bindings()
        judgement = message.judgement
        if judgement is None:
            self.box.note(Content.styled(f"Could not check: {message.error}", "$error"))
            return
        if self.practice.needs_confidence(judgement):
            self.unsure = judgement  # the verdict waits for "how sure?"
            self._confidence_bar().ask()
            self.box.note(muted("How sure are you? 1 low · 2 medium · 3 high · Esc: edit"))
            self.refresh_bindings()
            return
        self._record(judgement, None)

    def action_confidence(self, level: str) -> None:
        self._confidence_bar().choose(Confidence(level))

    @on(ConfidenceBar.Chosen)
    def _confidence_chosen(self, message: ConfidenceBar.Chosen) -> None:
        judgement, self.unsure = self.unsure, None
        self._hide_confidence_bar()
        self.box.input.focus()
        self.refresh_bindings()
        if judgement is not None:
            self._record(judgement, message.confidence)

    def _record(self, judgement: Judgement, confidence: Confidence | None) -> None:
        assert self.practice is not None
        from quizmath.core.storage import StorageError

        try:
            # sqlite: on this (the UI) thread
            outcome = self.practice.record(judgement, confidence)
        except StorageError as exc:
            self.notify(f"Progress not saved: {exc}", severity="error", markup=False)
            self.box.note(Content.styled("Not saved; press Enter to try again.", "$error"))
            return
        self._show_outcome(outcome)

    def _show_outcome(self, outcome: Outcome) -> None:
        if outcome.part is not None:
            parts.show_part_outcome(self, outcome)
            return
        p, panel = outcome.problem, self.sheet.verdict
        panel.show_outcome(outcome)
        if outcome.status == Status.CORRECT:
            self._finish("Correct. Enter or ctrl+n: next problem")
        elif outcome.out_of_tries:
            panel.show_given_up(p.answer_text, outcome.tries)
            self.sheet.reveal_solution(p, scroll_to="VerdictPanel")
            self._finish("Enter or ctrl+n: next problem")
        elif outcome.status == Status.WRONG:
            self.box.note(
                muted(
                    f"Try again ({outcome.tries_left} more), ctrl+t hint, ctrl+r solution, "
                    "ctrl+g skip, ctrl+n move on"
                )
            )
        elif outcome.status == Status.ROUNDED:
            self.box.note(
                Content.styled("Not counted: type the exact values and press Enter.", "$warning")
            )
        else:
            self.box.note(
                Content.styled("Not counted: edit your answer and press Enter.", "$warning")
            )
        if outcome.status.counts:
            self.post_message(ProgressChanged())
        panel.scroll_visible(animate=False)

    def _finish(self, note: str) -> None:
        self.box.note(muted(note))
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        """False hides a key that can do nothing for this problem now (ctrl+n before an answer,
        ctrl+t with no hint left); None dims one that is only busy (checking, loading)."""
        if action == "confidence":  # only while "how sure?" waits
            return self.unsure is not None
        p = self.problem
        if action in ("hint", "solution", "skip", "next", "concept") and p is None:
            return False
        if action == "choice":
            asked = parts.asked(self)
            return asked is not None and asked.kind == "choice"
        # Only the asked key's state is worked out: the footer asks about every key of the
        # screen on each build (80 calls before the first paint), and ctrl+r's reads the sheet.
        if action == "hint":
            shown = self.practice.current if self.practice is not None else None
            # (Counting hints before they are rendered would render them on this thread.)
            available: bool | None = not self.finished and not (
                self._texts_ready and shown is not None and shown.hints_left == 0
            )
        elif action == "solution":
            # (No sheet: the screen is not built yet or is being taken down; the footer asks.)
            has_sheet = bool(self.query_children(ProblemSheet))
            available = has_sheet and not parts.solution_shown_now(self)
        elif action == "skip":
            available = not self.finished
        elif action == "next":
            # Unanswered, skip is the way on (it is recorded); after a wrong answer, move on.
            available = self.finished or self.answered
        else:
            available = None
        if available is None:
            return True
        if not available:
            return False
        busy = self.loading or self.checking or self.practice is None or self.unsure is not None
        busy = busy or self._ended  # closed: leaving (the footer may still ask, late)
        return None if busy and action != "concept" else True

    def help_sections(self) -> list[HelpSection]:
        from quizmath.core.items.problem import format_help
        from quizmath.tui.screens.help import HelpSection

        sections = []
        asked = parts.asked(self)  # a multi-part problem's current part
        if asked is not None:
            sections.append(HelpSection("How to type this answer", format_help(asked)))
        sections.append(
            HelpSection(
                "How practice goes",
                "Enter checks your answer. A wrong answer can be tried again "
                f"({MAX_WRONG} tries), or ask for a hint or the worked solution; an answer "
                "that cannot be read is explained and not counted. ctrl+g skips (it asks "
                "first when there is an answer in the box). Escape leaves the answer box, "
                "then the single letters work; Escape again goes home.",
            )
        )
        if self.problem is not None and self.problem.parts:
            sections.append(HelpSection("A problem in parts", parts.HELP))
        return sections

    def action_hint(self) -> None:
        if self.practice is None or self.practice.problem is None:
            return
        hint = self.practice.hint()
        if hint is None:
            self.notify("No more hints. ctrl+r shows the worked solution.")
            return
        self.sheet.add_hint(hint.number, hint.total, hint.text, hint.part)
        left = hint.left
        self.box.note(
            muted(f"{left} more hint{'s' if left != 1 else ''}" if left else "No more hints")
        )
        self.refresh_bindings()

    def action_solution(self) -> None:
        if self.problem is None or self.practice is None:
            return
        if self.problem.parts:
            parts.reveal_part_solution(self)
            return
        self.practice.show_solution()  # counted: a right answer after it is rated Again
        self.sheet.reveal_solution(self.problem)
        if not self.finished:
            self.box.note(muted("Type the answer to practise it, or ctrl+g to skip."))
        self.refresh_bindings()

    def action_concept(self) -> None:
        p = self.problem
        if p is None:
            return
        page = self.quiz.services.concept_for(p.topic, p.concept)
        if page is None:
            self.notify("This topic has no concept page yet.", severity="warning")
            return
        self.quiz.open_concept(page)

    def action_skip(self) -> None:
        p = self.problem
        if p is None or self.finished or self.practice is None:
            return
        typed = self.box.value
        unchecked = typed.strip() and typed != self._checked_text
        if unchecked and self._skip_asked != (self._token, typed):
            # What is typed would be lost unchecked (a stray BEL is ctrl+g): ask first.
            self._skip_asked = (self._token, typed)
            self.box.note(
                Content.styled(
                    "Skip without checking your answer? ctrl+g again skips; "
                    "Enter checks it instead.",
                    "$warning",
                )
            )
            return
        self._skip_asked = None
        from quizmath.core.storage import StorageError

        try:
            self.practice.skip()
        except StorageError as exc:
            self.notify(f"Progress not saved: {exc}", severity="error", markup=False)
            return
        if p.parts:
            parts.parts_skipped(self)
            return
        self.sheet.verdict.show_skipped(p.answer_text)
        self.sheet.reveal_solution(p, scroll_to="VerdictPanel")
        self._finish("Skipped. Enter or ctrl+n: next problem")
        self.post_message(ProgressChanged())

    def action_next(self) -> None:
        if self.check_action("next", ()) is not True or self.practice is None:
            return
        if self.count is not None and len(self.practice.history) >= self.count:
            self._leave(done=True)
            return
        self.load_next()

    def action_back(self) -> None:
        if self.unsure is not None:  # not sure after all: back to the answer, nothing saved
            self.unsure = None
            self._hide_confidence_bar()
            self.box.input.focus()
            self.box.note(muted("Not saved: edit your answer and press Enter."))
            self.refresh_bindings()
            return
        if self.focused is self.box.input:
            self.sheet.focus()
            self.box.note(muted(LETTERS_HELP))
            return
        self._leave(done=False)

    def action_focus_answer(self) -> None:
        self.box.input.focus()

    def action_choice(self, delta: int) -> None:
        if self.problem is not None and not self.finished:
            self.box.cycle_choice(delta)

    def _leave(self, *, done: bool) -> None:
        self.end_practice(done=done)
        self.dismiss()

    def end_practice(self, *, done: bool = False) -> None:
        """Close the practice session and say how it went (once)."""
        if self._ended or self.practice is None:
            return
        self._ended = True
        tally = self.practice.close()
        if tally.shown:
            self.notify(tally.summary(), title="Session done" if done else "Practice", markup=False)
        self.post_message(ProgressChanged())

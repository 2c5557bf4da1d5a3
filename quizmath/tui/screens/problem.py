"""Practice: one problem at a time, checked off the UI thread.

The flow matches plain mode: a right answer ends the problem; after a wrong one the learner may
try again, ask for a hint or the solution, skip, or move on; after MAX_WRONG wrong answers the
worked solution is shown. Unreadable answers are explained, never counted, and stay in the box.

Keys work while typing (the answer box swallows printable keys): ctrl+t hint ("tip"), ctrl+r
reveal the worked solution, ctrl+o open the concept page, ctrl+g give up (skip), ctrl+n next.
Escape leaves the box; then h, s, c, g, n do the same and Escape again goes back home.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizmath.commands.practice import MAX_WRONG
from quizmath.tui.messages import ProblemPainted, ProgressChanged
from quizmath.tui.widgets.answer_box import AnswerBox, printable
from quizmath.tui.widgets.prompt_view import PromptView
from quizmath.tui.widgets.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.session import Judgement, Session
    from quizmath.tui.app import QuizApp

STARS = {1: "★", 2: "★★", 3: "★★★"}


class ProblemScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+r", "solution", "Solution"),
        Binding("ctrl+o", "concept", "Concept"),
        Binding("ctrl+g", "skip", "Skip"),
        Binding("ctrl+n", "next", "Next"),
        Binding("escape", "back", "Back"),
        Binding("f1", "format_help", "Format", show=False),
        # Single letters once the answer box is left (Escape); hidden to keep the footer short.
        Binding("h", "hint", show=False),
        Binding("s", "solution", show=False),
        Binding("c", "concept", show=False),
        Binding("g", "skip", show=False),
        Binding("n", "next", show=False),
        Binding("question_mark", "format_help", show=False),
        Binding("a,i", "focus_answer", show=False),
        Binding("up", "choice(-1)", show=False),
        Binding("down", "choice(1)", show=False),
    ]

    @dataclass
    class Ready(Message):
        token: int
        problem: Problem | None
        error: str = ""

    @dataclass
    class Checked(Message):
        token: int
        judgement: Judgement | None
        error: str = ""

    def __init__(self, session: Session, *, count: int | None = None, title: str = "") -> None:
        super().__init__()
        self.session = session
        self.count = count
        self.title_text = title or "Practice"
        self.problem: Problem | None = None
        self.loading = False
        self.checking = False
        self.finished = False  # right, skipped, or MAX_WRONG wrong answers
        self.wrong = 0
        self.hints_shown = 0
        self.solution_shown = False
        self._token = 0
        self._painted = False
        self._ended = False

    @property
    def quiz(self) -> QuizApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with ScrollableContainer(id="sheet"):
            yield Static("", id="meta", markup=False)
            yield Static("", id="problem-title", markup=False)
            yield PromptView(id="prompt")
            yield PromptView(id="choices")
            yield Static("", id="format", markup=False)
            yield Vertical(id="hints")
            yield VerdictPanel(id="verdict")
            with Vertical(id="solution-box"):
                yield Static("Worked solution", classes="heading")
                yield PromptView(id="solution")
                yield Static("Answer", classes="heading")
                yield PromptView(id="answer-block")
        yield AnswerBox(id="answer-box")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.load_next()

    def on_screen_resume(self) -> None:
        if self.problem is not None:
            self.box.input.focus()

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    # -- showing a problem ---------------------------------------------------------------

    def load_next(self) -> None:
        self.loading = True
        self._token += 1
        self.box.note(Content.styled("Preparing a problem…", "italic $text-muted"))
        self.refresh_bindings()
        self._generate(self._token)

    @work(thread=True, exclusive=True, exit_on_error=False, group="generate")
    def _generate(self, token: int) -> None:
        """Generation may be slow (the engine, sometimes sympy); the session's scheduler calls
        hop back to the UI thread (see ``quizmath.tui.ui_thread``)."""
        try:
            problem = self.session.next_problem()
        except Exception as exc:  # QuizmathError, or a bug: say so, keep the app up
            self.post_message(self.Ready(token, None, f"{exc}" or type(exc).__name__))
            return
        self.post_message(self.Ready(token, problem))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.token != self._token:
            return
        self.loading = False
        if message.problem is None:
            self._show_error(message.error)
        else:
            self._show(message.problem)
        self.refresh_bindings()
        if not self._painted:
            self._painted = True
            self.call_after_refresh(self.app.post_message, ProblemPainted())

    def _show(self, p: Problem) -> None:
        self.problem = p
        self.finished = False
        self.wrong = 0
        self.hints_shown = 0
        self.solution_shown = False
        served = len(self.session.history)
        of = f" of {self.count}" if self.count else ""
        topic = self.session.bank.curriculum.topic(p.topic)
        where = topic.title if topic else p.topic
        self.query_one("#meta", Static).update(
            f"Problem {served}{of} · {p.ref} · {where} · {STARS.get(p.difficulty, '')}"
        )
        self.query_one("#problem-title", Static).update(p.title)
        self.query_one("#prompt", PromptView).set_text(p.prompt)
        choices = "\n".join(f"{chr(65 + i)})  {c}" for i, c in enumerate(p.choices))
        self.query_one("#choices", PromptView).set_text(choices)
        self.query_one("#choices").display = bool(p.choices)
        self.query_one("#format", Static).update(Content.styled(p.format_note, "$text-muted"))
        self.query_one("#hints").remove_children()
        self.query_one(VerdictPanel).clear()
        self.query_one("#solution-box").display = False
        hints = len(p.hints)
        idle = "Enter checks" + (f" · ctrl+t hint ({hints} left)" if hints else "")
        idle += " · F1 how to type answers"
        self.box.configure(p.kind, p.vars, p.choices, idle=idle)
        self.box.input.focus()
        self.query_one("#sheet").scroll_home(animate=False)

    def _show_error(self, error: str) -> None:
        self.problem = None
        self.finished = True
        self.query_one("#meta", Static).update("")
        self.query_one("#problem-title", Static).update("Could not make a problem")
        self.query_one("#prompt", PromptView).set_text(printable(error))
        self.query_one("#choices").display = False
        self.query_one("#format", Static).update("Escape: back home · ctrl+n: try another")
        self.query_one("#hints").remove_children()
        self.query_one(VerdictPanel).clear()
        self.query_one("#solution-box").display = False
        self.box.note("")

    # -- answering -------------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, message: AnswerBox.Submitted) -> None:
        if self.loading or self.checking:
            return
        if self.finished:
            self.action_next()
            return
        text = message.text
        if not text.strip():
            self.box.note(Content.styled("Type an answer first (ctrl+t: a hint).", "$text-muted"))
            return
        self.checking = True
        self._token += 1
        self.box.note(Content.styled("Checking…", "italic $text-muted"))
        self.refresh_bindings()
        self._check(text, self._token)

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def _check(self, text: str, token: int) -> None:
        """The checker (a worker process with a 2 s budget) answers off the UI thread."""
        try:
            judgement = self.session.judge(text)
        except Exception as exc:
            self.post_message(self.Checked(token, None, f"{exc}" or type(exc).__name__))
            return
        self.post_message(self.Checked(token, judgement))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        if message.token != self._token:
            return
        self.checking = False
        self.refresh_bindings()
        judgement = message.judgement
        if judgement is None:
            self.box.note(Content.styled(f"Could not check: {message.error}", "$error"))
            return
        from quizmath.core.storage import StorageError

        try:
            self.session.record(judgement)  # sqlite: on this (the UI) thread
        except StorageError as exc:
            self.notify(f"Progress not saved: {exc}", severity="error", markup=False)
            self.box.note(Content.styled("Not saved; press Enter to try again.", "$error"))
            return
        p, verdict = judgement.shown.problem, judgement.verdict
        shown = judgement.shown
        panel = self.query_one(VerdictPanel)
        helped = "the solution" if judgement.solution_viewed else ""
        if judgement.hints and not helped:
            helped = f"{judgement.hints} hint{'s' if judgement.hints != 1 else ''}"
        panel.show_judgement(
            verdict,
            judgement.ms,
            kind=p.kind,
            typed=judgement.text,
            tries=shown.tries,
            helped=helped,
        )
        if verdict.verdict == "accept":
            self._finish("Correct. Enter or ctrl+n: next problem")
        elif verdict.verdict == "reject":
            self.wrong += 1
            if self.wrong >= MAX_WRONG:
                panel.show_given_up(p.answer_text, self.wrong)
                self._reveal_solution(p, scroll_to="VerdictPanel")
                self._finish("Enter or ctrl+n: next problem")
            else:
                left = MAX_WRONG - self.wrong
                self.box.note(
                    Content.styled(
                        f"Try again ({left} more), ctrl+t hint, ctrl+r solution, "
                        "ctrl+g skip, ctrl+n move on",
                        "$text-muted",
                    )
                )
        else:
            self.box.note(
                Content.styled("Not counted: edit your answer and press Enter.", "$warning")
            )
        if verdict.verdict != "invalid":
            self.post_message(ProgressChanged())
        panel.scroll_visible(animate=False)

    def _finish(self, note: str) -> None:
        self.finished = True
        self.box.note(Content.styled(note, "$text-muted"))
        self.refresh_bindings()

    def _reveal_solution(self, p: Problem, *, scroll_to: str = "#solution-box") -> None:
        self.query_one("#solution", PromptView).set_text(p.solution)
        self.query_one("#answer-block", PromptView).set_text(p.answer_block)
        self.query_one("#solution-box").display = True
        self.solution_shown = True
        target = self.query_one(scroll_to)
        self.call_after_refresh(target.scroll_visible, animate=False, top=True)

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        busy = self.loading or self.checking
        if action in ("hint", "solution", "concept", "skip", "format_help"):
            if self.problem is None or busy:
                return None
            if action == "hint" and (self.finished or self.session.hints_left == 0):
                return None
            if action == "solution" and self.solution_shown:
                return None
            if action == "skip" and self.finished:
                return None
        if action == "next":
            # Unanswered: skip is the way on (it is recorded); after a wrong answer, move on.
            return True if not busy and (self.finished or self.wrong) else None
        if action == "choice":
            return self.problem is not None and self.problem.kind == "choice"
        return True

    def action_hint(self) -> None:
        text = self.session.hint()
        if text is None:
            self.notify("No more hints. ctrl+r shows the worked solution.")
            return
        self.hints_shown += 1
        p = self.session.problem
        total = len(p.hints) if p else self.hints_shown
        hints = self.query_one("#hints")
        label = Static(f"Hint {self.hints_shown} of {total}", classes="heading")
        view = PromptView(text, style="", id=None)
        hints.mount(label, view)
        left = self.session.hints_left
        self.box.note(
            Content.styled(
                f"{left} more hint{'s' if left != 1 else ''}" if left else "No more hints",
                "$text-muted",
            )
        )
        self.refresh_bindings()
        self.call_after_refresh(view.scroll_visible, animate=False)

    def action_solution(self) -> None:
        if self.problem is None:
            return
        self.session.show_solution()  # counted: a right answer after it is rated Again
        self._reveal_solution(self.problem)
        if not self.finished:
            self.box.note(
                Content.styled("Type the answer to practise it, or ctrl+g to skip.", "$text-muted")
            )
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
        if p is None or self.finished:
            return
        from quizmath.core.storage import StorageError

        try:
            self.session.skip()
        except StorageError as exc:
            self.notify(f"Progress not saved: {exc}", severity="error", markup=False)
            return
        self.query_one(VerdictPanel).show_skipped(p.answer_text)
        self._reveal_solution(p, scroll_to="VerdictPanel")
        self._finish("Skipped. Enter or ctrl+n: next problem")
        self.post_message(ProgressChanged())

    def action_next(self) -> None:
        if self.loading or self.checking or not (self.finished or self.wrong):
            return
        if self.count is not None and len(self.session.history) >= self.count:
            self._leave(done=True)
            return
        self.load_next()

    def action_back(self) -> None:
        if self.focused is self.box.input:
            self.query_one("#sheet").focus()
            self.box.note(
                Content.styled(
                    "h hint · s solution · c concept · g skip · n next · a answer · Esc home",
                    "$text-muted",
                )
            )
            return
        self._leave(done=False)

    def action_focus_answer(self) -> None:
        self.box.input.focus()

    def action_format_help(self) -> None:
        from quizmath.core.session import answer_help

        p = self.problem
        if p is not None:
            self.notify(
                answer_help(p.kind) or p.format_note,
                title="How to type the answer",
                timeout=12,
                markup=False,
            )

    def action_choice(self, delta: int) -> None:
        p = self.problem
        if p is None or not p.choices or self.finished:
            return
        current = self.box.value.strip().strip("().").upper()[:1]
        index = ord(current) - 65 if current else -1
        if not 0 <= index < len(p.choices):
            index = -1 if delta > 0 else 0
        self.box.set_value(chr(65 + (index + delta) % len(p.choices)))

    def _leave(self, *, done: bool) -> None:
        self.end_session(done=done)
        self.dismiss()

    def end_session(self, *, done: bool = False) -> None:
        """Close the session and say how it went (once)."""
        if self._ended:
            return
        self._ended = True
        tally = self.session.close()
        if tally.shown:
            self.notify(tally.summary(), title="Session done" if done else "Practice", markup=False)
        self.post_message(ProgressChanged())

"""Placement: up to 25 questions along the curriculum's prerequisites, then the map on the
curriculum tree (``core.placement``: the walk, what is recorded and seeded, are the core's).

Each question is answered once: Enter checks, ctrl+g says "don't know" (as it gives up in
practice). An unreadable answer is explained and stays in the box. Escape stops early and keeps
what was placed. At the end the curriculum tree shows every topic as known, shaky or new, and
the line above it says where Continue starts now; Escape goes home.

The flow runs in workers whose database reads hop back to the UI thread (``tui.ui_thread``), as
practice does: making a problem and checking an answer are slow, recording is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from quizmath.core.placement.outcomes import ProbeStatus
from quizmath.tui.faults import explained
from quizmath.tui.messages import ContentFailed, ContentReady, ProgressChanged
from quizmath.tui.widgets.answer_box import AnswerBox, printable
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.problem_sheet import ProblemSheet
from quizmath.tui.widgets.topic_tree import TopicTree

if TYPE_CHECKING:
    from quizmath.core.placement.flow import Placement, ProbeJudgement
    from quizmath.core.placement.outcomes import PlacementResult, Probe, ProbeOutcome
    from quizmath.tui.app import QuizApp
    from quizmath.tui.messages import Loaded
    from quizmath.tui.screens.help import HelpSection

LEVEL_WORDS = {"known": "known", "shaky": "shaky", "new": "new", "untested": "not tested"}


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


class PlacementScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "dont_know", "Don't know"),
        Binding("escape", "stop", "Stop"),
        Binding("escape", "home", "Home"),  # once placed (``check_action`` shows one of them)
    ]

    @dataclass
    class Ready(Message):
        probe: Probe | None
        error: str = ""

    @dataclass
    class Checked(Message):
        judgement: ProbeJudgement | None
        error: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.placement: Placement | None = None
        self.probe: Probe | None = None
        self.busy = False  # making a problem or checking an answer
        self.result: PlacementResult | None = None
        self.last = ""  # what became of the previous answer

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="pl-status", markup=False)
        yield ProblemSheet(id="sheet")
        yield AnswerBox(id="answer-box")
        yield TopicTree(id="pl-map")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Placement"
        self.query_one(TopicTree).display = False
        self._status(muted("Loading the question bank…"))
        if self.quiz.loaded is not None:
            self._begin(self.quiz.loaded)
        elif self.quiz.bank_error:
            self._status(Content.styled(f"Cannot start: {self.quiz.bank_error}", "$error"))

    @on(ContentReady)
    def _content_ready(self, message: ContentReady) -> None:
        self._begin(message.loaded)

    @on(ContentFailed)
    def _content_failed(self, message: ContentFailed) -> None:
        self._status(Content.styled(f"Cannot start: {message.error}", "$error"))

    def _begin(self, loaded: Loaded) -> None:
        if self.placement is not None:
            return
        from quizmath.core.placement.flow import Placement
        from quizmath.tui.ui_thread import on_ui_thread

        self.placement = Placement(
            loaded.bank,
            on_ui_thread(loaded.scheduler, self.app),
            self.quiz.checker,
            clock=self.quiz.services.clock,
            generator=self.quiz.practice.generator,  # in the checking service's process
        )
        self.last = (
            f"Up to {self.placement.budget} questions along the prerequisites; a topic you do "
            "not know stops the ones that build on it."
        )
        self._next()

    # -- questions -------------------------------------------------------------------------

    def _next(self) -> None:
        self.busy = True
        self.box.note(Content.styled("Preparing a question…", "italic $text-muted"))
        self._make()

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    @work(thread=True, exclusive=True, exit_on_error=False, group="placement")
    def _make(self) -> None:
        assert self.placement is not None
        try:
            probe = self.placement.next_probe()
        except Exception as exc:  # a bug or a broken file: say so, keep the app up
            self.post_message(self.Ready(None, explained(self, "making a placement question", exc)))
            return
        self.post_message(self.Ready(probe))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.busy = False
        if message.error:
            self._status(Content.styled(f"Could not make a question: {message.error}", "$error"))
            return
        self.probe = message.probe
        if self.probe is None:
            self._finish()
            return
        p, ask = self.probe.problem, self.probe.ask
        second = " · a second question on this topic" if self.probe.confirming else ""
        self._status(
            Content.assemble((self.probe.area_title, "bold"), second, "\n", muted(self.last))
        )
        self.query_one(ProblemSheet).show(
            p,
            number=f"{ask.number} of at most {self.probe.budget}",
            topic_title=self.probe.topic_title,
        )
        self.box.configure(p.kind, p.vars, p.choices, idle="Enter checks · ctrl+g don't know")
        self.box.note(muted(self.box.idle_text))
        self.box.input.focus()
        self.refresh_bindings()

    @on(AnswerBox.Submitted)
    def _submitted(self, message: AnswerBox.Submitted) -> None:
        if self.busy or self.probe is None or self.placement is None:
            return
        if not message.text.strip():
            self.box.note(muted("Type an answer first, or ctrl+g if you don't know."))
            return
        self.busy = True
        self.box.note(Content.styled("Checking…", "italic $text-muted"))
        self._check(message.text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="placement-check")
    def _check(self, text: str) -> None:
        assert self.placement is not None
        try:
            judgement = self.placement.judge(text)
        except Exception as exc:
            self.post_message(
                self.Checked(None, explained(self, "checking a placement answer", exc))
            )
            return
        self.post_message(self.Checked(judgement))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        self.busy = False
        if message.judgement is None or self.placement is None:
            self.box.note(Content.styled(f"Could not check: {message.error}", "$error"))
            return
        self._answered(self.placement.record(message.judgement))

    def action_dont_know(self) -> None:
        if self.busy or self.probe is None or self.placement is None:
            return
        self._answered(self.placement.dont_know())

    def _answered(self, outcome: ProbeOutcome) -> None:
        if not outcome.counted:
            v = outcome.verdict
            why = (
                "Could not check that in time"
                if outcome.status == ProbeStatus.UNCHECKED
                else ("Could not read that")
            )
            reason = printable(v.reason) if v is not None and v.reason else ""
            reason = reason[:1].upper() + reason[1:]
            self.box.note(Content.styled(f"{why}; not counted. {reason}".strip(), "$warning"))
            return
        self.post_message(ProgressChanged())
        self.last = said(outcome)
        self._next()

    # -- the end ---------------------------------------------------------------------------

    def action_stop(self) -> None:
        if self.result is not None or self.placement is None:
            self.dismiss()
            return
        self._finish()

    def action_home(self) -> None:
        self.dismiss()

    def _finish(self) -> None:
        assert self.placement is not None
        self.workers.cancel_group(self, "placement")
        from quizmath.core.storage import StorageError

        try:
            result = self.result = self.placement.finish()
        except StorageError as exc:
            self.notify(f"Placement not saved: {exc}", severity="error", markup=False)
            return
        self.probe = None
        self.query_one(ProblemSheet).display = False
        self.box.display = False
        m = result.map
        counts = m.counts
        stopped = "" if m.complete else " (stopped early: the rest is not tested)"
        where = "nothing left to start"
        if result.next_pick is not None:
            template = self.placement.bank.templates.get(result.next_pick.template_id)
            topic = self.placement.bank.curriculum.topic(template.topic) if template else None
            where = topic.title if topic else result.next_pick.template_id
        self._status(
            Content.assemble(
                (f"Placed: {counts['known']} known", "bold $success"),
                f", {counts['shaky']} shaky, {counts['new']} new, "
                f"{counts['untested']} not tested, from {m.questions} "
                f"question{'s' if m.questions != 1 else ''}{stopped}.",
                "\n",
                ("Continue starts with: ", "bold"),
                where,
                muted("   Escape: home"),
            )
        )
        tree = self.query_one(TopicTree)
        tree.display = True
        scheduler = self.placement.scheduler
        placed = {t.topic: str(t.level) for t in m.topics}
        tree.set_progress(self.placement.bank.curriculum, scheduler.topic_progress(), placed=placed)
        tree.focus()
        self.post_message(ProgressChanged())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action == "dont_know":
            if self.result is not None:
                return False  # over: hidden
            return None if self.busy or self.probe is None else True
        if action == "stop":
            return self.result is None
        if action == "home":
            return self.result is not None
        return True

    def help_sections(self) -> list[HelpSection]:
        from quizmath.core.items.problem import format_help
        from quizmath.tui.screens.help import HelpSection

        sections = []
        if self.probe is not None and self.result is None:
            sections.append(HelpSection("How to type this answer", format_help(self.probe.problem)))
        budget = self.placement.budget if self.placement is not None else 25
        sections.append(
            HelpSection(
                "How placement goes",
                f"Up to {budget} questions along the curriculum's prerequisites mark each topic "
                "known, shaky or new; a topic you do not know stops the ones that build on it. "
                "Each question is answered once (no hints: placement measures, practice teaches); "
                "ctrl+g says you don't know it. An answer that cannot be read is explained and "
                "not counted. Escape stops early and keeps what was placed. At the end the "
                "curriculum shows the map, and known topics come back for review in days, so "
                "Continue starts where you are. Taking it again erases nothing.",
            )
        )
        return sections

    def _status(self, content: Content) -> None:
        self.query_one("#pl-status", Static).update(content)


def said(outcome: ProbeOutcome) -> str:
    """What became of an answer, for the line above the next question."""
    p = outcome.probe.problem
    if outcome.status == ProbeStatus.RIGHT:
        head = "Right."
    elif outcome.status == ProbeStatus.WRONG:
        head = f"Not right: the answer was {printable(p.answer_text)}."
    else:
        head = f"Noted: the answer was {printable(p.answer_text)}."
    if outcome.placed is not None:
        return f"{head} {outcome.placed.title}: {LEVEL_WORDS[str(outcome.placed.level)]}."
    return head

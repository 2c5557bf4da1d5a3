"""Interview Q&A: read the question, type or think an answer, reveal the model answer, tick
the key points your answer covered, rate yourself (Again / Hard / Good / Easy); the rating and
the points go to the scheduler.

Keys: ctrl+r reveals (the same key reveals a problem's solution); after the reveal the key
points have focus: space ticks one, Enter rates as the ticked points suggest
(``core.keypoints``), 1–4 rate otherwise; ctrl+n moves on without rating; Escape leaves the
notes box, then goes back home. A question without key points shows the rating buttons only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Markdown, SelectionList, Static, TextArea

from quizmath.core.items.interview import LEVELS
from quizmath.core.keypoints import points_with_rating
from quizmath.core.practice.interview import QuestionState
from quizmath.tui.messages import ProgressChanged
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.interview_item import answer_markdown
from quizmath.tui.widgets.key_points import KeyPointList, suggestion
from quizmath.tui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.keypoints import KeyPointScore
    from quizmath.core.practice.interview import InterviewPractice

STATES = {QuestionState.DUE: "review due", QuestionState.NEW: "new", QuestionState.REVIEW: "review"}


def until(due: datetime | None, now: datetime) -> str:
    """'in 10 minutes', 'in 3 days' …"""
    if due is None:
        return ""
    seconds = max(0.0, (due - now).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "in under a minute"


class InterviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "reveal", "Reveal"),
        Binding("ctrl+n", "next", "Next question"),
        Binding("escape", "back", "Back"),
        Binding("pagedown", "scroll(1)", "Scroll", show=False),
        Binding("pageup", "scroll(-1)", show=False),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
    ]

    def __init__(self, practice: InterviewPractice, *, first: str | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.first = first

    def compose(self) -> ComposeResult:
        yield Header()
        # The question stays in sight above the scrolling notes and answer.
        with Vertical(id="qa-head"):
            yield Static("", id="qa-meta", markup=False)
            yield Static("", id="qa-question", markup=False)
        with VerticalScroll(id="qa"):
            yield TextArea(
                id="qa-notes",
                soft_wrap=True,
                placeholder="Type or think your answer (not saved) · ctrl+r: reveal the answer",
            )
            yield Markdown("", id="qa-answer", open_links=False)
        # Outside the scroll: the rating stays in sight while the answer is read.
        with Vertical(id="qa-rate"):
            yield KeyPointList(id="qa-points")
            with Horizontal(id="qa-ask-row"):
                yield Static("How well did you answer?", id="qa-ask")
                yield RatingBar(id="qa-rating")
            yield Static("", id="qa-result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Interview Q&A"
        self.show(self.practice.show(self.first))

    @property
    def question(self) -> InterviewQuestion | None:
        return self.practice.current

    def show(self, q: InterviewQuestion | None) -> None:
        if q is None:
            self.query_one("#qa-question", Static).update("No interview questions.")
            return
        state = STATES[self.practice.state(q)]
        topic = self.practice.scheduler.bank.curriculum.topic(q.topic)
        self.query_one("#qa-meta", Static).update(
            f"{topic.title if topic else q.topic} · {LEVELS.get(q.difficulty, q.difficulty)}"
            f" · {state}"
        )
        self.query_one("#qa-question", Static).update(q.question)
        notes = self.query_one("#qa-notes", TextArea)
        notes.text = ""
        self.query_one("#qa-answer").display = False
        self.query_one(KeyPointList).display = False
        self.query_one("#qa-rate").display = False
        self.query_one("#qa-ask", Static).update("How well did you answer?")
        self.query_one("#qa-result", Static).update("")
        notes.focus()
        self.query_one("#qa").scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action == "reveal":
            return self.practice.can_reveal  # hidden once revealed (nothing to do)
        if action == "rate":
            return self.practice.can_rate
        return True

    async def action_reveal(self) -> None:
        q = self.practice.reveal()
        if q is None:
            return
        answer = self.query_one("#qa-answer", Markdown)
        points = self.query_one(KeyPointList)
        await answer.update(answer_markdown(q))
        answer.display = True
        points.load(q.key_points)
        self.query_one("#qa-rate").display = True
        self._suggest()
        (points if q.key_points else self.query_one("#rate-3")).focus()
        self.call_after_refresh(answer.scroll_visible, top=True, animate=False)
        self.refresh_bindings()

    def ticked(self) -> KeyPointScore | None:
        """The key points ticked so far, with the rating they suggest (None: no key points)."""
        return self.practice.score(self.query_one(KeyPointList).covered)

    def _suggest(self) -> None:
        self.query_one("#qa-ask", Static).update(suggestion(self.ticked()))

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self._suggest()

    @on(KeyPointList.Accepted)
    def _accept(self) -> None:
        score = self.ticked()
        if score is not None and self.practice.can_rate:
            self._rate(int(score.rating), suggested=True)

    def action_scroll(self, direction: int) -> None:
        qa = self.query_one("#qa", VerticalScroll)
        if direction > 0:
            qa.scroll_page_down()
        else:
            qa.scroll_page_up()

    def action_rate(self, value: int) -> None:
        self.query_one(RatingBar).rate(value)

    @on(RatingBar.Rated)
    def _rated(self, message: RatingBar.Rated) -> None:
        self._rate(message.rating, suggested=False)

    def _rate(self, value: int, *, suggested: bool) -> None:
        if not self.practice.can_rate:
            return
        from quizmath.core.storage import StorageError

        points = points_with_rating(self.ticked(), suggested)
        try:
            rated = self.practice.rate(value, points)
        except StorageError as exc:
            self.notify(f"Rating not saved: {exc}", severity="error", markup=False)
            return
        if rated is None:
            return
        when = until(rated.due, rated.at)
        covered = f" ({rated.points.describe()})" if rated.points else ""
        self.query_one("#qa-result", Static).update(
            Content.assemble(
                (f"Rated {rated.rating.label}{covered}", "bold $success"),
                (f" — this question comes back {when}. " if when else ". ", ""),
                ("ctrl+n: next question", "$text-muted"),
            )
        )
        self.post_message(ProgressChanged())
        self.refresh_bindings()

    def action_next(self) -> None:
        self.show(self.practice.next_question())

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.query_one("#qa").focus()
            return
        self.dismiss()

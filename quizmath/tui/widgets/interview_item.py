"""An interview question inside a drill: the question, a notes box, the model answer once
revealed with its key points to tick (``KeyPointList``: Enter posts ``KeyPointList.Accepted``),
and the Again/Hard/Good/Easy buttons (their ``RatingBar.Rated`` bubbles up).

It looks like the interview screen (same ids, same styles) but only renders: the drill screen
decides when to reveal and records the rating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Markdown, SelectionList, Static, TextArea

from quizmath.core.items.interview import LEVELS
from quizmath.core.keypoints import score_points
from quizmath.tui.widgets.key_points import KeyPointList, suggestion
from quizmath.tui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.keypoints import KeyPointScore


def answer_markdown(q: InterviewQuestion) -> str:
    """The model answer, its key points numbered (as ``KeyPointList`` numbers them to tick)
    and the follow-up questions, as Markdown."""
    parts = ["## Model answer", "", q.answer, "", "## Key points", ""]
    parts += [f"{n}. {point}" for n, point in enumerate(q.key_points, 1)]
    if q.follow_ups:
        parts += ["", "## Follow-up questions", ""]
        parts += [f"- {f}" for f in q.follow_ups]
    return "\n".join(parts)


NOTES_PLACEHOLDER = "Type or think your answer (kept with the drill) · ctrl+r: reveal the answer"


class InterviewItem(Vertical):
    _points = 0  # the revealed question's key points (0: none, or not revealed)

    def compose(self) -> ComposeResult:
        with Vertical(id="qa-head"):
            yield Static("", id="qa-meta", markup=False)
            yield Static("", id="qa-question", markup=False)
        with VerticalScroll(id="qa"):
            yield TextArea(id="qa-notes", soft_wrap=True, placeholder=NOTES_PLACEHOLDER)
            yield Markdown("", id="qa-answer", open_links=False)
        with Vertical(id="qa-rate"):
            yield KeyPointList(id="qa-points")
            with Horizontal(id="qa-ask-row"):
                yield Static("How well did you answer?", id="qa-ask")
                yield RatingBar(id="qa-rating")
            yield Static("3 Good or 4 Easy count as right.", id="qa-result", markup=False)

    @property
    def notes(self) -> TextArea:
        return self.query_one("#qa-notes", TextArea)

    @property
    def revealed(self) -> bool:
        return bool(self.query_one("#qa-answer").display)

    def show(self, q: InterviewQuestion, *, number: str, topic_title: str) -> None:
        level = LEVELS.get(q.difficulty, str(q.difficulty))
        meta = f"Interview question {number} · {topic_title} · {level}"
        self.query_one("#qa-meta", Static).update(meta)
        self.query_one("#qa-question", Static).update(q.question)
        self.notes.text = ""
        self.query_one("#qa-answer").display = False
        self.query_one(KeyPointList).display = False
        self.query_one("#qa-rate").display = False
        self.query_one("#qa-ask", Static).update("How well did you answer?")
        self.query_one("#qa", VerticalScroll).scroll_home(animate=False)
        self._points = 0

    async def reveal(self, q: InterviewQuestion) -> None:
        answer = self.query_one("#qa-answer", Markdown)
        points = self.query_one(KeyPointList)
        await answer.update(answer_markdown(q))
        answer.display = True
        points.load(q.key_points)
        self._points = len(q.key_points)
        self.query_one("#qa-rate").display = True
        self._suggest()
        (points if q.key_points else self.query_one("#rate-3")).focus()
        self.call_after_refresh(answer.scroll_visible, top=True, animate=False)

    def score(self) -> KeyPointScore | None:
        """The key points ticked, with the rating they suggest (None: the question has none)."""
        if not self._points:
            return None
        return score_points(self.query_one(KeyPointList).covered, self._points)

    def _suggest(self) -> None:
        self.query_one("#qa-ask", Static).update(suggestion(self.score()))

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self._suggest()

    def focus_input(self) -> None:
        self.notes.focus()

    def rate(self, value: int) -> None:
        self.query_one(RatingBar).rate(value)

    def scroll_page(self, direction: int) -> None:
        qa = self.query_one("#qa", VerticalScroll)
        if direction > 0:
            qa.scroll_page_down()
        else:
            qa.scroll_page_up()

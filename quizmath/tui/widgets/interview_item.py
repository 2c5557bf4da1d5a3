"""An interview question inside a drill: the question, a notes box, the model answer once
revealed, and the Again/Hard/Good/Easy buttons (their ``RatingBar.Rated`` bubbles up).

It looks like the interview screen (same ids, same styles) but only renders: the drill screen
decides when to reveal and records the rating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Markdown, Static, TextArea

from quizmath.core.items.interview import LEVELS
from quizmath.tui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion


def answer_markdown(q: InterviewQuestion) -> str:
    parts = ["## Model answer", "", q.answer, "", "## Key points", ""]
    parts += [f"- {point}" for point in q.key_points]
    if q.follow_ups:
        parts += ["", "## Follow-up questions", ""]
        parts += [f"- {f}" for f in q.follow_ups]
    return "\n".join(parts)


NOTES_PLACEHOLDER = "Type or think your answer (kept with the drill) · ctrl+r: reveal the answer"


class InterviewItem(Vertical):
    def compose(self) -> ComposeResult:
        with Vertical(id="qa-head"):
            yield Static("", id="qa-meta", markup=False)
            yield Static("", id="qa-question", markup=False)
        with VerticalScroll(id="qa"):
            yield TextArea(id="qa-notes", soft_wrap=True, placeholder=NOTES_PLACEHOLDER)
            yield Markdown("", id="qa-answer", open_links=False)
        with Vertical(id="qa-rate"):
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
        self.query_one("#qa-rate").display = False
        self.query_one("#qa", VerticalScroll).scroll_home(animate=False)

    async def reveal(self, q: InterviewQuestion) -> None:
        answer = self.query_one("#qa-answer", Markdown)
        await answer.update(answer_markdown(q))
        answer.display = True
        self.query_one("#qa-rate").display = True
        self.query_one("#rate-3").focus()
        self.call_after_refresh(answer.scroll_visible, top=True, animate=False)

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

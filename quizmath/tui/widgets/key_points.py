"""The key points of a revealed interview answer, as a list to tick (space) before rating
(``core.keypoints``): Enter rates as the ticked points suggest (``KeyPointList.Accepted``);
each tick posts ``SelectionList.SelectedChanged``. Used by the interview screen and by a
drill's interview item; the screens decide what a rating records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import SelectionList

from quizmath.core.keypoints import KeyPointScore
from quizmath.tui.widgets.answer_box import printable


class KeyPointList(SelectionList[int]):
    DEFAULT_CSS = """
    KeyPointList { height: auto; max-height: 9; border: round $panel; }
    KeyPointList:focus { border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Rate as ticked", show=False),
    ]

    class Accepted(Message):
        """Rate as the ticked points suggest."""

    def load(self, points: Sequence[str]) -> None:
        """A question's key points, none ticked; hidden when it has none."""
        self.clear_options()
        # One line each (a wrapped prompt breaks the checkbox); the answer above lists them in
        # full with the same numbers.
        self.add_options([(Content(f"{i + 1}. {printable(p)}"), i) for i, p in enumerate(points)])
        self.border_title = "Which key points did your answer cover?"
        self.border_subtitle = "space ticks · Enter rates as ticked · 1–4 rate yourself"
        self.display = bool(points)
        if points:
            self.highlighted = 0

    @property
    def covered(self) -> list[int]:
        return sorted(self.selected)

    def action_accept(self) -> None:
        self.post_message(self.Accepted())


def suggestion(score: KeyPointScore | None) -> Content:
    """The line above the rating buttons while points are ticked."""
    if score is None:
        return Content("How well did you answer?")
    return Content(f"{len(score.covered)} of {score.of} → {score.rating.label}")

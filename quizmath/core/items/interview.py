"""The interview-question item: read the question, answer it aloud or in notes, reveal the
model answer and its key points, then rate yourself 1–4 (fsrs Again … Easy).

Shown as the ``InterviewQuestion`` itself (``core.content``); judged by the self-rating;
recorded as a self-rating that reviews the question's card (``Scheduler.rate_interview``, or
inside a drill's transaction).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from quizmath.core.items import Answering, Ending, ItemKind
from quizmath.core.items.types import Answer, Details, NotAvailable, Saved, Sources
from quizmath.core.storage import drills as drill_rows

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.items.problem import Checker
    from quizmath.core.scheduler import Scheduler


class SelfRating(IntEnum):
    """The learner's own rating of an answer; the values are fsrs ratings."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


CORRECT_RATING = SelfRating.GOOD  # Good or Easy count as a right answer (drills, reports)

LEVELS = {1: "easy", 2: "medium", 3: "hard"}  # an interview question's difficulty, in words


def rating_ending(rating: int) -> Ending:
    """A self-rated answer is right when it is rated Good or Easy."""
    return Ending.CORRECT if rating >= CORRECT_RATING else Ending.WRONG


def self_rating(value: int) -> SelfRating:
    """``value`` as a SelfRating; raises ValueError outside 1–4."""
    try:
        return SelfRating(int(value))
    except ValueError:
        raise ValueError(f"a self-rating is 1 to 4, not {value!r}") from None


class InterviewItem:
    """The interview kind of item, for the flows (``items.types.ItemType``)."""

    kind = ItemKind.INTERVIEW
    answering = Answering.SELF_RATED

    def serve(self, item_id: str, seed: int | None, sources: Sources) -> InterviewQuestion:
        question = sources.interviews.get(item_id) if sources.interviews else None
        if question is None:
            raise NotAvailable(f'the interview question "{item_id}" is not available')
        return question

    def judge(self, served: InterviewQuestion, text: str, checker: Checker) -> Any:
        raise TypeError("an interview question is self-rated, not judged")

    def save(self, conn: sqlite3.Connection, scheduler: Scheduler, answer: Answer) -> Saved:
        """A rated question records the self-rating and reviews its card; a skipped or
        unanswered one records nothing."""
        if answer.rating is None:
            return Saved()
        scheduler.rate_interview_in(
            conn, answer.item_id, answer.rating, answer.at, answer.ms, points=answer.points
        )
        return Saved(answer.rating)

    def usual_ms(self, conn: sqlite3.Connection, item_id: str, before: datetime) -> list[int]:
        return drill_rows.usual_interview_ms(conn, item_id, before)

    def details(self, item_id: str, seed: int | None, sources: Sources, missed: bool) -> Details:
        """The question; for a missed one, its key points and model answer."""
        q = sources.interviews.get(item_id) if sources.interviews else None
        if q is None:
            return Details(item_id)
        points = "\n".join(f"- {p}" for p in q.key_points)
        return Details(q.question, points if missed else None, q.answer if missed else None)


ITEM = InterviewItem()

"""The interview-question item: read the question, answer it aloud or in notes, reveal the
model answer and its key points, then rate yourself 1–4 (fsrs Again … Easy).

Shown as the ``InterviewQuestion`` itself (``core.content``); judged by the self-rating;
recorded as a self-rating that reviews the question's card (``Scheduler.rate_interview``, or
inside a drill's transaction).
"""

from __future__ import annotations

from enum import IntEnum

from quizmath.core.items import Ending


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

"""Practising interview questions: one at a time, reveal the model answer, rate yourself.

The rules: the scheduler picks the next question (due first, then new ones in order, then the
one due soonest), but a question just rated is not served again straight away when nothing
else is due (the next one in order comes instead); a question is revealed once and rated once;
the rating reviews its card, with the time from when it was shown. Once revealed, the learner
may tick the key points their answer covered: the rating they suggest (``core.keypoints``) is
offered, the learner may rate otherwise, and the points are stored with the rating.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from quizmath.core.items.interview import SelfRating, self_rating
from quizmath.core.keypoints import KeyPointScore, score_points

if TYPE_CHECKING:
    from quizmath.core.content import InterviewBank, InterviewQuestion
    from quizmath.core.scheduler import Scheduler


class QuestionState(StrEnum):
    """Where a question stands for the scheduler, when it is shown."""

    DUE = "due"  # its card is due for review
    NEW = "new"  # never rated
    REVIEW = "review"  # rated before, not due yet


@dataclass(frozen=True)
class Rated:
    """A self-rating, recorded."""

    rating: SelfRating
    due: datetime | None  # when the question comes back
    at: datetime  # when it was rated (the scheduler's clock)
    points: KeyPointScore | None = None  # the key points ticked, when scored by them

    @property
    def overridden(self) -> bool:
        """Rated otherwise than the key points ticked suggest."""
        return self.points is not None and self.points.rating != self.rating


class InterviewPractice:
    """Interview questions one at a time; ``current`` is the one on screen."""

    def __init__(
        self,
        interviews: InterviewBank,
        scheduler: Scheduler,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interviews = interviews
        self.scheduler = scheduler
        self.clock = clock
        self.current: InterviewQuestion | None = None
        self.revealed = False
        self.rated: Rated | None = None
        self._shown_at = clock()

    def show(self, question_id: str | None = None) -> InterviewQuestion | None:
        """Show question ``question_id`` if it exists, else the next one (None: there are no
        questions)."""
        chosen = self.interviews.get(question_id) if question_id else None
        return self._show(chosen or self._next())

    def next_question(self) -> InterviewQuestion | None:
        """Move on (rated or not) to the scheduler's next question."""
        return self._show(self._next())

    def state(self, question: InterviewQuestion) -> QuestionState:
        if self.scheduler.due_interviews([question]):
            return QuestionState.DUE
        seen = self.scheduler.storage.interview_cards()
        return QuestionState.REVIEW if question.id in seen else QuestionState.NEW

    @property
    def can_reveal(self) -> bool:
        return self.current is not None and not self.revealed

    @property
    def can_rate(self) -> bool:
        return self.revealed and self.rated is None

    def reveal(self) -> InterviewQuestion | None:
        """The question on screen, to show its model answer (None if it cannot be revealed)."""
        if not self.can_reveal:
            return None
        self.revealed = True
        return self.current

    def score(self, covered: Iterable[int]) -> KeyPointScore | None:
        """The key points ticked (0-based) of the question on screen, with the rating they
        suggest (``core.keypoints``); None when it has no key points. Raises ValueError for
        a number out of range."""
        if self.current is None or not self.current.key_points:
            return None
        return score_points(covered, len(self.current.key_points))

    def rate(self, value: int, points: KeyPointScore | None = None) -> Rated | None:
        """Record the learner's rating (1–4) of the revealed question and review its card, with
        the key points ticked (``score``) when they were: the rating may differ from the one
        they suggest (the learner overrides it). None when it cannot be rated (not revealed, or
        rated already). Raises StorageError."""
        rating = self_rating(value)
        if not self.can_rate or self.current is None:
            return None
        if points is not None and points.of != len(self.current.key_points):
            raise ValueError("the key points ticked are not this question's")
        ms = round((self.clock() - self._shown_at) * 1000)
        recorded = self.scheduler.rate_interview(
            self.current.id, rating, duration_ms=ms, points=points
        )
        self.rated = Rated(rating, recorded.due, self.scheduler.now(), points)
        return self.rated

    def _next(self) -> InterviewQuestion | None:
        nxt = self.scheduler.next_interview(self.interviews.questions.values())
        if nxt is not None and self.current is not None and nxt.id == self.current.id:
            # Just rated "Again" and nothing else is due: take the next one in order.
            ordered = self.interviews.ordered()
            i = next((k for k, x in enumerate(ordered) if x.id == nxt.id), -1)
            nxt = ordered[(i + 1) % len(ordered)]
        return nxt

    def _show(self, question: InterviewQuestion | None) -> InterviewQuestion | None:
        self.current = question
        self.revealed = False
        self.rated = None
        self._shown_at = self.clock()
        return question

"""A target date (an interview, an exam) and what it does to scheduling.

Until the target date, reviews aim at the date:

- desired retention rises from 0.9 to TARGET_RETENTION, so fsrs schedules shorter intervals
  (the learner should still remember on the day, not just on average);
- no interval reaches past the **review-by** time, the start of the learner's last day before
  the target (``core.days``: days start at 4 am local): fsrs's ``maximum_interval`` is the
  whole days from the review to then, at least 1;
- a card scheduled before the target was set, or due after the review-by time, counts as due
  at the review-by time, unless it was already reviewed on that last day: so everything is
  reviewed at least once before the date, and a card reviewed on the last day is not asked
  again the same day.

From the target date on, scheduling is as without a target.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import msgspec
from fsrs import Card

from quizmath.core.days import LearnerDays

TARGET_RETENTION = 0.95
DAY = timedelta(days=1)


class Target(msgspec.Struct, frozen=True):
    until: date
    days: LearnerDays = msgspec.field(default_factory=LearnerDays)

    @property
    def review_by(self) -> datetime:
        """The start of the last learner day before the target date (UTC)."""
        return self.days.start(self.until - DAY)

    @property
    def deadline(self) -> datetime:
        """The start of the target date itself (UTC): the target ends then."""
        return self.days.start(self.until)

    def active(self, now: datetime) -> bool:
        return now < self.deadline

    def max_interval(self, now: datetime) -> int | None:
        """The longest interval (whole days) a review at ``now`` may be given; None when
        the target is over."""
        if not self.active(now):
            return None
        return max(1, (self.review_by - now) // DAY)

    def due(self, card: Card, now: datetime) -> datetime:
        """When ``card`` counts as due (see the module docstring)."""
        if not self.active(now) or card.due <= self.review_by:
            return card.due
        if card.last_review is not None and card.last_review >= self.review_by:
            return card.due  # reviewed on the last day already
        return self.review_by

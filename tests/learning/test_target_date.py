"""A target date: higher retention, intervals that end before it, every card due before it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, State

from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.days import LearnerDays
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt
from quizmath.core.target import TARGET_RETENTION, Target

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DAYS = LearnerDays(UTC)  # days start at 04:00 UTC


class Clock:
    def __init__(self) -> None:
        self.t = NOW

    def __call__(self) -> datetime:
        return self.t


class T:
    def __init__(self, id: str, topic: str = "linear-algebra/vectors") -> None:
        self.id, self.topic, self.difficulty = id, topic, 1
        self.title = id  # the bank lists templates by their summary (id, title, …)


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "p.db")
    yield s
    s.close()


def bank() -> Bank:
    ts = [T("a"), T("b")]
    return Bank({t.id: t for t in ts}, [], default_curriculum())  # type: ignore[misc]


def scheduler(storage: Storage, clock: Clock, until: date | None) -> Scheduler:
    s = Scheduler(storage, bank(), fuzzing=False, now=clock, rng=random.Random(1), until=until)
    if s.target is not None:
        s.target = Target(s.target.until, DAYS)
    return s


def right(template: str, at: datetime) -> Attempt:
    return Attempt(template, 1, "1", "accept", 5_000, at=at)


def graduate(s: Scheduler, clock: Clock, template: str, reviews: int) -> datetime:
    """Answer right whenever due; the due time after the last review."""
    due = clock.t
    for _ in range(reviews):
        clock.t = max(clock.t, due)
        recorded = s.record_attempt(right(template, clock.t))
        assert recorded.due is not None
        due = recorded.due
    return due


def test_without_a_target_intervals_grow_past_a_month(storage: Storage) -> None:
    clock = Clock()
    s = scheduler(storage, clock, None)
    due = graduate(s, clock, "a", 6)
    assert due - clock.t > timedelta(days=30)


def test_a_target_caps_every_interval_before_the_date(storage: Storage) -> None:
    clock = Clock()
    until = date(2026, 3, 21)
    s = scheduler(storage, clock, until)
    review_by = DAYS.start(until - timedelta(days=1))  # 2026-03-20 04:00 UTC
    assert s.target is not None and s.target.review_by == review_by
    deadline = DAYS.start(until)
    reviews = 0
    while clock.t < review_by:
        recorded = s.record_attempt(right("a", clock.t))
        reviews += 1
        assert recorded.card is not None and recorded.due is not None
        assert recorded.due < deadline  # whole days, ending on the last day at the latest
        due = s.due_at(recorded.card, clock.t)
        assert due <= max(review_by, clock.t + timedelta(days=1))
        clock.t = max(clock.t + timedelta(minutes=1), due)
    assert reviews >= 4  # without the target, 3 reviews would reach past a month
    # Reviewed on the last day: not asked again that same day.
    s.record_attempt(right("a", clock.t))
    clock.t += timedelta(hours=20)
    assert clock.t < deadline and not s.due_count()


def test_a_target_raises_desired_retention_and_shortens_intervals(storage: Storage) -> None:
    clock = Clock()
    plain = scheduler(storage, clock, None)
    aimed = scheduler(storage, clock, date(2027, 1, 1))  # far: the cap does not bind yet
    assert aimed.fsrs_at(clock.t).desired_retention == TARGET_RETENTION
    card = Card(state=State.Review, stability=30.0, difficulty=5.0, due=NOW, last_review=NOW)
    later = NOW + timedelta(days=30)
    c1, _ = plain.fsrs_at(later).review_card(card, Rating.Good, later)
    c2, _ = aimed.fsrs_at(later).review_card(card, Rating.Good, later)
    assert c2.due - later < c1.due - later
    assert plain.fsrs_at(later).desired_retention == 0.9


def test_cards_due_after_the_date_count_as_due_on_the_last_day(storage: Storage) -> None:
    clock = Clock()
    free = scheduler(storage, clock, None)
    due = graduate(free, clock, "a", 6)  # due in over a month, scheduled with no target
    until = clock.t.date() + timedelta(days=5)
    assert due.date() > until
    aimed = scheduler(storage, clock, until)
    assert aimed.target is not None
    clock.t = aimed.target.review_by - timedelta(minutes=1)
    assert aimed.due_count() == 0 and free.due_count() == 0
    clock.t = aimed.target.review_by
    assert aimed.due_count() == 1 and free.due_count() == 0
    assert aimed.pick() is not None and aimed.pick().reason == "due"  # type: ignore[union-attr]
    # Reviewed on the last day: not due again before the date.
    aimed.record_attempt(right("a", clock.t))
    clock.t += timedelta(hours=12)
    assert aimed.due_count() == 0


def test_after_the_date_scheduling_is_as_without_a_target(storage: Storage) -> None:
    clock = Clock()
    until = date(2026, 3, 5)
    s = scheduler(storage, clock, until)
    assert s.target is not None
    clock.t = s.target.deadline + timedelta(hours=1)
    assert s.fsrs_at(clock.t) is s.fsrs
    assert s.target.max_interval(clock.t) is None


def test_max_interval_is_whole_days_to_the_review_by_time() -> None:
    t = Target(date(2026, 3, 11), DAYS)  # review by 2026-03-10 04:00
    assert t.max_interval(NOW) == 8  # 2026-03-01 09:00 → 8 days 19 hours
    assert t.max_interval(datetime(2026, 3, 10, 5, 0, tzinfo=UTC)) == 1  # the last day


def test_due_later_today_ends_at_the_rollover_hour_not_midnight(storage: Storage) -> None:
    clock = Clock()  # 1 March, 09:00 UTC; the learner's day ends on 2 March at 04:00 UTC
    s = scheduler(storage, clock, None)

    def at(day: int, hour: int, minute: int = 0) -> Card:
        return Card(due=datetime(2026, 3, day, hour, minute, tzinfo=UTC))

    cards = {
        "a": at(1, 23),  # tonight
        "b": at(2, 3, 30),  # after midnight, before 4 am: still today
        "gone": at(1, 12),  # a template no longer in the bank
    }
    assert s.due_later_today(cards=cards, days=DAYS) == 2
    assert s.due_later_today(cards={"a": at(2, 4, 30)}, days=DAYS) == 0  # tomorrow
    assert s.due_later_today(cards={"a": at(1, 8)}, days=DAYS) == 0  # due now: not later
    assert s.due_count(cards={"a": at(1, 8)}) == 1
    # At 02:00 on 2 March it is still the learner's 1 March: 03:30 is later today.
    late = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert s.due_later_today(late, cards={"b": at(2, 3, 30)}, days=DAYS) == 1

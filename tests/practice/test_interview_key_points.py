"""Interview practice scored by key points: the suggested rating, an override, what is stored."""

from __future__ import annotations

import pytest
from practice_fakes import Monotonic

from quizmath.core.content import InterviewBank, InterviewQuestion
from quizmath.core.items.interview import SelfRating
from quizmath.core.keypoints import score_points
from quizmath.core.practice.interview import InterviewPractice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

FIVE = tuple(f"point {n}" for n in range(1, 6))
Q = InterviewQuestion("q.five", "Why?", "linear-algebra/vectors", 1, 1, "Because.", FIVE, (), "f")
BARE = InterviewQuestion("q.bare", "How?", "linear-algebra/vectors", 1, 2, "So.", (), (), "f")
BANK = InterviewBank({q.id: q for q in (Q, BARE)})


def stored(storage: Storage) -> list[tuple[object, ...]]:
    return storage.read(
        lambda c: c.execute("SELECT rating, score, points FROM interview_ratings").fetchall()
    )


def test_three_of_five_ticked_is_recorded_with_the_derived_rating(
    scheduler: Scheduler, storage: Storage
) -> None:
    flow = InterviewPractice(BANK, scheduler, clock=Monotonic())
    flow.show("q.five")
    flow.reveal()
    score = flow.score([0, 2, 4])
    assert score is not None and score.rating == SelfRating.HARD
    rated = flow.rate(score.rating, score)
    assert rated is not None and rated.points == score and not rated.overridden
    assert stored(storage) == [(2, 0.6, '{"of": 5, "covered": [0, 2, 4]}')]


def test_the_learner_may_override_the_suggestion(scheduler: Scheduler, storage: Storage) -> None:
    flow = InterviewPractice(BANK, scheduler, clock=Monotonic())
    flow.show("q.five")
    flow.reveal()
    score = flow.score(range(5))
    assert score is not None and score.rating == SelfRating.GOOD
    rated = flow.rate(SelfRating.EASY, score)
    assert rated is not None and rated.overridden
    assert stored(storage) == [(4, 1.0, '{"of": 5, "covered": [0, 1, 2, 3, 4]}')]


def test_points_of_another_question_or_out_of_range_are_refused(scheduler: Scheduler) -> None:
    flow = InterviewPractice(BANK, scheduler, clock=Monotonic())
    flow.show("q.five")
    flow.reveal()
    with pytest.raises(ValueError):
        flow.score([5])
    with pytest.raises(ValueError):
        flow.rate(3, score_points([0], 2))


def test_a_question_without_key_points_is_rated_as_before(
    scheduler: Scheduler, storage: Storage
) -> None:
    flow = InterviewPractice(BANK, scheduler, clock=Monotonic())
    flow.show("q.bare")
    flow.reveal()
    assert flow.score([]) is None
    assert flow.rate(3) is not None
    assert stored(storage) == [(3, None, None)]

"""Practice with confidence on: when the flow asks, what it records and rates, and the
outcome's misconception flag."""

from __future__ import annotations

import pytest
from fsrs import Rating
from practice_fakes import FakeChecker, Monotonic, fake_generate

from quizmath.core.confidence import Confidence
from quizmath.core.errors import QuizmathError
from quizmath.core.practice.flow import Practice
from quizmath.core.practice.outcomes import Status
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


def _practice(scheduler: Scheduler, confidence: bool = True) -> Practice:
    return Practice(
        scheduler.bank,
        scheduler,
        FakeChecker(),
        clock=Monotonic(),
        generator=fake_generate,
        confidence=confidence,
    )  # type: ignore[arg-type]


def test_a_sure_wrong_answer_is_a_misconception_and_rated_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice = _practice(scheduler)
    practice.next_problem("t.vec@1")
    judgement = practice.judge("7")
    assert practice.needs_confidence(judgement)
    with pytest.raises(QuizmathError):
        practice.record(judgement)  # a front end must ask first
    outcome = practice.record(judgement, Confidence.HIGH)
    assert outcome.status == Status.WRONG and outcome.misconception
    assert outcome.confidence == Confidence.HIGH
    (a,) = storage.attempts()
    assert (a.confidence, a.rating) == ("high", int(Rating.Again))


def test_an_unsure_right_answer_is_rated_hard(scheduler: Scheduler, storage: Storage) -> None:
    practice = _practice(scheduler)
    practice.next_problem("t.vec@1")
    outcome = practice.submit("2", Confidence.LOW)
    assert outcome.status == Status.CORRECT and not outcome.misconception
    assert outcome.recorded is not None and outcome.recorded.rating == Rating.Hard
    assert storage.attempts()[0].confidence == "low"


def test_a_sure_right_answer_is_good(scheduler: Scheduler) -> None:
    practice = _practice(scheduler)
    practice.next_problem("t.vec@1")
    outcome = practice.submit("2", Confidence.HIGH)
    assert outcome.recorded is not None and outcome.recorded.rating == Rating.Good
    assert not outcome.misconception


def test_unreadable_answers_and_finished_problems_are_not_asked(scheduler: Scheduler) -> None:
    practice = _practice(scheduler)
    practice.next_problem("t.vec@1")
    assert not practice.needs_confidence(practice.judge("seven"))
    assert practice.record(practice.judge("seven")).status == Status.INVALID
    practice.submit("2", Confidence.MEDIUM)
    assert not practice.needs_confidence(practice.judge("2"))  # over: nothing is recorded


def test_off_means_never_asked(scheduler: Scheduler, storage: Storage) -> None:
    practice = _practice(scheduler, confidence=False)
    practice.next_problem("t.vec@1")
    assert not practice.needs_confidence(practice.judge("2"))
    practice.submit("2")
    assert storage.attempts()[0].confidence is None

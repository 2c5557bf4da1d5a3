"""Interview practice: the next question, reveal once, rate once, the time taken."""

from __future__ import annotations

import pytest
from practice_fakes import Monotonic

from quizmath.core.content import InterviewBank, InterviewQuestion
from quizmath.core.items.interview import SelfRating
from quizmath.core.practice.interview import InterviewPractice, QuestionState
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


def question(qid: str, order: int) -> InterviewQuestion:
    return InterviewQuestion(
        qid, f"What is {qid}?", "linear-algebra/vectors", 1, order, "It is.", ("a",), (), "f"
    )


BANK = InterviewBank({q.id: q for q in (question("q.one", 1), question("q.two", 2))})


@pytest.fixture
def practice(scheduler: Scheduler) -> tuple[InterviewPractice, Monotonic]:
    clock = Monotonic()
    return InterviewPractice(BANK, scheduler, clock=clock), clock


def test_a_question_is_revealed_then_rated_once(
    practice: tuple[InterviewPractice, Monotonic], storage: Storage
) -> None:
    flow, clock = practice
    first = flow.show()
    assert first is not None and first.id == "q.one"  # new ones in order
    assert flow.state(first) == QuestionState.NEW
    assert flow.rate(3) is None and not flow.can_rate  # not revealed yet: nothing recorded
    assert flow.reveal() is first and flow.reveal() is None
    clock.t += 7
    rated = flow.rate(3)
    assert rated is not None and rated.rating == SelfRating.GOOD and rated.due is not None
    assert flow.rate(4) is None  # once
    assert storage.self_ratings("q.one") == [3]
    assert flow.state(first) == QuestionState.REVIEW


def test_a_question_just_rated_again_is_not_served_straight_back(
    practice: tuple[InterviewPractice, Monotonic],
) -> None:
    flow, _ = practice
    flow.show("q.two")
    flow.reveal()
    flow.rate(1)  # Again: due at once, but it was just seen
    nxt = flow.next_question()
    assert nxt is not None and nxt.id == "q.one"
    assert not flow.revealed and flow.rated is None


def test_a_rating_outside_one_to_four_is_refused(
    practice: tuple[InterviewPractice, Monotonic],
) -> None:
    flow, _ = practice
    flow.show()
    flow.reveal()
    with pytest.raises(ValueError, match="1 to 4"):
        flow.rate(5)

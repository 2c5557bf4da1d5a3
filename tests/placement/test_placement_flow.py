"""The placement flow over the real curriculum (stand-in templates): a learner who knows
linear algebra and nothing else; what is recorded, seeded and picked next."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fsrs import State
from placement_fakes import UtcClock, checker, fake_generate, scheduler

from quizmath.core.placement.flow import Placement
from quizmath.core.placement.outcomes import PlacementResult, ProbeStatus
from quizmath.core.placement.walk import Level
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt

LA = "linear-algebra/"


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "progress.db")
    yield s
    s.close()


def placement(sched: Scheduler, **kw: object) -> Placement:
    return Placement(
        sched.bank, sched, checker, generator=fake_generate, rng=random.Random(1), **kw
    )  # type: ignore[arg-type]


def knows_linear_algebra(topic: str) -> bool:
    return topic.startswith(LA)


def take(p: Placement, knows: Callable[[str], bool]) -> PlacementResult:
    while (probe := p.next_probe()) is not None:
        problem = probe.problem
        answer = problem.expected if knows(problem.topic) else "0"
        outcome = p.submit(answer)
        assert outcome.counted
    return p.finish()


def test_a_linear_algebra_learner_is_placed_and_continue_serves_calculus(
    storage: Storage,
) -> None:
    clock = UtcClock()
    sched = scheduler(storage, clock)
    result = take(placement(sched), knows_linear_algebra)
    placed = {t.topic: t for t in result.map.topics}
    la = [t for t in placed if t.startswith(LA)]
    assert la and all(placed[t].level == Level.KNOWN for t in la)
    assert all(placed[t].asked == 1 for t in la)
    # Calculus stops at its first topic: two questions there, none below.
    assert placed["calculus/derivatives"].level == Level.NEW
    assert placed["calculus/derivatives"].asked == 2
    calculus_asked = sum(t.asked for t in result.map.topics if t.topic.startswith("calculus/"))
    assert calculus_asked == 2
    assert placed["calculus/backpropagation"].below == "calculus/derivatives"
    assert 15 <= result.map.questions <= 25
    assert result.map.complete
    # Every answer was recorded as a placement attempt that reviewed no card.
    attempts = storage.attempts()
    assert len(attempts) == result.map.questions
    assert all(a.mode == "placement" and a.rating is None for a in attempts)
    # Known topics' templates are seeded; Continue serves calculus first.
    cards = storage.template_cards()
    assert set(cards) == {t.id for t in sched.bank.templates.values() if t.topic.startswith(LA)}
    assert result.map.seeded == len(cards)
    assert result.next_pick is not None
    assert result.next_pick.template_id.startswith("calculus.derivatives")
    assert sched.pick() == result.next_pick


def test_seeded_cards_are_learned_and_due_in_days(storage: Storage) -> None:
    clock = UtcClock()
    sched = scheduler(storage, clock)
    take(placement(sched), knows_linear_algebra)
    for card in storage.template_cards().values():
        assert card.state == State.Review
        assert timedelta(days=2) <= card.due - clock.t <= timedelta(days=14)
    assert sched.due_count() == 0
    clock.advance(days=30)
    assert sched.due_count() == len(storage.template_cards())  # and they do come back


def test_placement_never_overrides_practice_and_can_be_taken_again(storage: Storage) -> None:
    clock = UtcClock()
    sched = scheduler(storage, clock)
    practised = "linear-algebra.vectors.1"
    recorded = sched.record_attempt(Attempt(practised, 5, "0", "reject", 3000, at=clock.t))
    assert recorded.due is not None and recorded.due - clock.t < timedelta(hours=1)
    first = take(placement(sched), knows_linear_algebra)
    assert storage.template_cards()[practised].due == recorded.due  # untouched
    before = {k: c.due for k, c in storage.template_cards().items()}
    clock.advance(days=1)
    second = take(placement(sched), lambda topic: topic.startswith("linear-algebra/vec"))
    assert second.map.id != first.map.id and second.map.taken == 2
    assert {k: c.due for k, c in storage.template_cards().items()} == before  # nothing reseeded
    assert second.map.level_of("linear-algebra/norms") == Level.NEW
    n_attempts = 1 + first.map.questions + second.map.questions
    assert len(storage.attempts()) == n_attempts  # nothing erased


def test_a_target_date_caps_the_seeded_intervals(storage: Storage) -> None:
    clock = UtcClock()
    until = clock.t.date() + timedelta(days=5)
    sched = scheduler(storage, clock, until=until)
    take(placement(sched), knows_linear_algebra)
    assert sched.target is not None
    for card in storage.template_cards().values():
        assert card.due <= sched.target.review_by


def test_unreadable_answers_and_dont_know(storage: Storage) -> None:
    sched = scheduler(storage, UtcClock())
    p = placement(sched)
    probe = p.next_probe()
    assert probe is not None and probe.ask.number == 1
    outcome = p.submit("seven")
    assert outcome.status == ProbeStatus.INVALID and not outcome.counted
    assert p.next_probe() is probe and storage.attempts() == []
    outcome = p.dont_know()
    assert outcome.status == ProbeStatus.DONT_KNOW and outcome.placed is not None
    assert outcome.placed.level == Level.NEW and not outcome.confirm_next
    assert storage.attempts()[0].verdict == "skipped"


def test_a_wrong_first_answer_asks_a_confirming_question_from_another_template(
    storage: Storage,
) -> None:
    sched = scheduler(storage, UtcClock())
    p = placement(sched)
    first = p.next_probe()
    assert first is not None
    outcome = p.submit("0" if first.problem.expected != "0" else "1")
    assert outcome.status == ProbeStatus.WRONG and outcome.confirm_next and outcome.placed is None
    second = p.next_probe()
    assert second is not None and second.confirming
    assert second.ask.topic == first.ask.topic
    assert second.problem.template_id != first.problem.template_id
    outcome = p.submit(second.problem.expected)
    assert outcome.placed is not None and outcome.placed.level == Level.SHAKY


def test_stopping_early_saves_what_was_placed(storage: Storage) -> None:
    sched = scheduler(storage, UtcClock())
    p = placement(sched)
    for _ in range(3):
        probe = p.next_probe()
        assert probe is not None
        p.submit(probe.problem.expected)
    result = p.finish()
    assert not result.map.complete and result.map.questions == 3
    assert result.map.counts["known"] == 3
    assert result.map.counts["untested"] == len(result.map.topics) - 3
    assert p.finish() is result  # once


def test_the_first_question_prefers_a_typed_answer_at_middle_difficulty(storage: Storage) -> None:
    sched = scheduler(storage, UtcClock())
    p = placement(sched)
    probe = p.next_probe()
    assert probe is not None
    assert probe.problem.template_id.endswith(".1")  # median_low of difficulties 1 and 2


def test_with_a_target_date_from_the_settings(storage: Storage) -> None:
    from quizmath.core import settings

    settings.change(storage, until=date(2026, 3, 20))
    sched = Scheduler(storage, scheduler(storage, UtcClock()).bank)
    assert sched.target is not None and sched.target.until == date(2026, 3, 20)

"""Practice: show, hint, solution, judge/record (threads), submit, skip, timing."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from fsrs import Rating
from practice_fakes import TEMPLATES, FakeChecker, FakeTemplate, Monotonic, fake_generate, make_bank

from quizmath.core.errors import QuizmathError, TemplateError, UnknownTemplateError
from quizmath.core.practice.flow import NoProblemError, Practice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


def _session(scheduler: Scheduler, **kw: object) -> tuple[Practice, FakeChecker, Monotonic]:
    checker, clock = FakeChecker(), Monotonic()
    session = Practice(
        scheduler.bank, scheduler, checker, clock=clock, generator=fake_generate, **kw
    )  # type: ignore[arg-type]
    return session, checker, clock


def test_right_answer_is_recorded_with_time_from_showing(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, checker, clock = _session(scheduler, mode="plain")
    problem = session.next_problem("t.vec@41")
    assert problem.ref == "t.vec@41"
    clock.t += 12.5
    verdict = session.submit(" 42 ")
    assert verdict.verdict == "accept"
    assert checker.calls == [("integer", "42", " 42 ")]
    (a,) = storage.attempts()
    assert (a.template_id, a.seed, a.answer, a.verdict, a.ms, a.mode, a.try_no, a.rating) == (
        "t.vec",
        41,
        " 42 ",
        "accept",
        12_500,
        "plain",
        1,
        int(Rating.Good),
    )
    assert session.current is not None and session.current.outcome == "correct"
    assert session.submit("42").verdict == "accept"  # answering again records nothing
    assert len(storage.attempts()) == 1
    assert session.close().summary() == "1 problem: 1 correct (1 at the first try)."


def test_wrong_then_right(scheduler: Scheduler, storage: Storage) -> None:
    session, _, clock = _session(scheduler)
    session.next_problem("t.vec@1")
    clock.t += 3
    assert session.submit("7").verdict == "reject"
    clock.t += 4
    assert session.submit("2").verdict == "accept"
    rows = [(a.verdict, a.try_no, a.ms, a.rating) for a in storage.attempts()]
    assert rows == [("reject", 1, 3000, int(Rating.Again)), ("accept", 2, 7000, None)]
    tally = session.close()
    assert (tally.correct, tally.first_try, tally.wrong) == (1, 0, 0)


def test_invalid_is_returned_not_recorded_and_the_learner_can_retry(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    assert session.submit("two").verdict == "invalid"
    assert session.submit("").verdict == "invalid"
    assert storage.attempts() == []
    assert storage.card("template:t.vec") is None  # no review either
    assert session.submit("2").verdict == "accept"
    (a,) = storage.attempts()
    assert a.try_no == 1 and a.rating == int(Rating.Good)


def test_hints_are_counted_and_make_a_right_answer_hard(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    assert session.hints_left == 2
    assert session.hint() == "Count on from the seed."
    assert session.hint() == "It is one more."
    assert session.hint() is None  # no more hints; not counted
    assert session.hints_left == 0
    session.submit("2")
    (a,) = storage.attempts()
    assert (a.hints, a.rating) == (2, int(Rating.Hard))
    assert session.close().first_try == 0


def test_viewing_the_solution_is_counted_and_rated_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@5")
    assert session.show_solution() == "5 + 1 = 6"
    session.submit("6")
    (a,) = storage.attempts()
    assert (a.verdict, a.solution_viewed, a.rating) == ("accept", True, int(Rating.Again))
    assert storage.tallies()["t.vec"].earned == 0


def test_skip_is_recorded_as_skipped_and_rated_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, clock = _session(scheduler)
    session.next_problem("t.vec@1")
    clock.t += 2
    recorded = session.skip()
    assert recorded is not None and recorded.rating == Rating.Again
    (a,) = storage.attempts()
    assert (a.verdict, a.answer, a.ms, a.try_no) == ("skipped", "", 2000, 1)
    assert session.skip() is None  # already finished
    assert session.submit("2").verdict == "accept"  # judged, but the problem is over
    assert len(storage.attempts()) == 1


def test_skip_after_a_wrong_answer_does_not_review_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    session.submit("9")
    session.skip()
    assert [(a.verdict, a.try_no, a.rating) for a in storage.attempts()] == [
        ("reject", 1, 1),
        ("skipped", 2, None),
    ]
    assert len(storage.reviews("template:t.vec")) == 1


def test_judge_on_a_worker_thread_record_on_the_owner(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, clock = _session(scheduler)
    session.next_problem("t.vec@1")
    clock.t += 1
    results: dict[str, object] = {}

    def worker() -> None:
        results["judgement"] = session.judge("2")
        try:
            session.record(results["judgement"])  # type: ignore[arg-type]
        except sqlite3.ProgrammingError as exc:  # storage belongs to the other thread
            results["error"] = exc

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert isinstance(results["error"], sqlite3.ProgrammingError)
    judgement = results["judgement"]
    assert judgement.kind == "accept" and judgement.ms == 1000  # type: ignore[attr-defined]
    # The failed record changed nothing; recording on the owner thread works.
    assert session.current is not None and session.current.tries == 0
    session.record(judgement)  # type: ignore[arg-type]
    assert [a.verdict for a in storage.attempts()] == ["accept"]


def test_a_judgement_made_before_moving_on_is_still_recorded(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    judgement = session.judge("5")
    session.next_problem("t.norm@2")
    session.record(judgement)
    (a,) = storage.attempts()
    assert (a.template_id, a.seed, a.verdict) == ("t.vec", 1, "reject")


def test_a_late_right_answer_after_a_wrong_one_still_counts(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    session.submit("5")  # wrong
    late = session.judge("2")  # right, but recorded only after moving on
    session.next_problem("t.norm@2")
    assert session.tally.wrong == 1
    session.record(late)
    assert [(a.verdict, a.try_no) for a in storage.attempts()] == [("reject", 1), ("accept", 2)]
    tally = session.tally
    assert (tally.shown, tally.correct, tally.wrong) == (2, 1, 0)


def test_a_problem_that_fails_to_generate_is_not_counted(scheduler: Scheduler) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    session.submit("5")
    bank = scheduler.bank
    bank.templates["broken.x"] = FakeTemplate("broken.x", "linear-algebra/vectors")
    with pytest.raises(TemplateError):
        session.next_problem("broken.x@1")
    with pytest.raises(TemplateError):
        session.next_problem("broken.x@1")
    assert session.current is None
    assert session.close().summary() == "1 problem: 0 correct, 1 wrong."


def test_scheduler_picks_in_curriculum_order_with_fresh_seeds(
    scheduler: Scheduler, storage: Storage
) -> None:
    session, _, _ = _session(scheduler)
    served = []
    for _ in range(len(TEMPLATES)):
        p = session.next_problem()
        served.append(p.template_id)
        session.submit(p.expected)
    assert served == ["t.vec", "t.vec-hard", "t.norm", "t.eig"]
    p = session.next_problem()  # nothing due or new: soonest, not the one just done
    assert p.template_id != "t.eig"
    seeds = {a.seed for a in storage.attempts(p.template_id)}
    assert p.seed not in seeds


def test_topic_filter(scheduler: Scheduler) -> None:
    session, _, _ = _session(scheduler, topic="linear-algebra/norms")
    assert session.next_problem().template_id == "t.norm"
    session.submit("0")
    assert session.next_problem().template_id == "t.norm"
    empty, _, _ = _session(scheduler, topic="linear-algebra/svd")
    with pytest.raises(NoProblemError, match="linear-algebra/svd"):
        empty.next_problem()


def test_fixed_template_serves_its_seed_then_fresh_ones(scheduler: Scheduler) -> None:
    session, _, _ = _session(scheduler, template="t.eig@9")
    assert session.next_problem().ref == "t.eig@9"
    session.submit("10")
    second = session.next_problem()
    assert second.template_id == "t.eig" and second.seed != 9
    with pytest.raises(UnknownTemplateError, match=r"t\.eig"):
        _session(scheduler, template="t.eigg")


def test_a_template_that_fails_to_generate_is_passed_over(storage: Storage) -> None:
    bank = make_bank(FakeTemplate("broken.one", "linear-algebra/vectors"), *TEMPLATES)
    scheduler = Scheduler(storage, bank, fuzzing=False)
    session, _, _ = _session(scheduler)
    assert session.next_problem().template_id == "t.vec"
    assert storage.attempts() == []


def test_nothing_shown_yet(scheduler: Scheduler) -> None:
    session, _, _ = _session(scheduler)
    with pytest.raises(QuizmathError, match="next_problem"):
        session.submit("1")
    assert session.close().summary() == "No problems answered."


def test_summary_counts_each_ending(scheduler: Scheduler) -> None:
    session, _, _ = _session(scheduler)
    session.next_problem("t.vec@1")
    session.submit("2")
    session.next_problem("t.vec@2")
    session.submit("0")  # wrong, then moved on
    session.next_problem("t.vec@3")
    session.skip()
    session.next_problem("t.vec@4")  # left unanswered
    assert session.close().summary() == (
        "4 problems: 1 correct (1 at the first try), 1 wrong, 1 skipped, 1 not answered."
    )

"""Practice: show, hint, solution, judge/record (threads), submit, skip, timing."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from fsrs import Rating
from practice_fakes import TEMPLATES, FakeChecker, FakeTemplate, Monotonic, fake_generate, make_bank

from quizmath.core.errors import QuizmathError, TemplateError, UnknownTemplateError
from quizmath.core.practice.flow import NoProblemError, Practice
from quizmath.core.practice.outcomes import Hint, Status
from quizmath.core.practice.rules import MAX_WRONG
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


def _practice(scheduler: Scheduler, **kw: object) -> tuple[Practice, FakeChecker, Monotonic]:
    checker, clock = FakeChecker(), Monotonic()
    practice = Practice(
        scheduler.bank, scheduler, checker, clock=clock, generator=fake_generate, **kw
    )  # type: ignore[arg-type]
    return practice, checker, clock


def test_right_answer_is_recorded_with_time_from_showing(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, checker, clock = _practice(scheduler, mode="plain")
    problem = practice.next_problem("t.vec@41")
    assert problem.ref == "t.vec@41"
    clock.t += 12.5
    outcome = practice.submit(" 42 ")
    assert outcome.status == Status.CORRECT and outcome.finished and outcome.counted
    assert (outcome.tries, outcome.ms, outcome.verdict.interpreted) == (1, 12_500, "42")
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
    assert practice.current is not None and practice.current.outcome == "correct"
    again = practice.submit("42")  # answering again records nothing
    assert again.status == Status.CORRECT and not again.counted
    assert len(storage.attempts()) == 1
    assert practice.close().summary() == "1 problem: 1 correct (1 at the first try)."


def test_wrong_then_right(scheduler: Scheduler, storage: Storage) -> None:
    practice, _, clock = _practice(scheduler)
    practice.next_problem("t.vec@1")
    clock.t += 3
    wrong = practice.submit("7")
    assert (wrong.status, wrong.tries, wrong.tries_left, wrong.finished) == (
        Status.WRONG,
        1,
        MAX_WRONG - 1,
        False,
    )
    clock.t += 4
    assert practice.submit("2").status == Status.CORRECT
    rows = [(a.verdict, a.try_no, a.ms, a.rating) for a in storage.attempts()]
    assert rows == [("reject", 1, 3000, int(Rating.Again)), ("accept", 2, 7000, None)]
    tally = practice.close()
    assert (tally.correct, tally.first_try, tally.wrong) == (1, 0, 0)


def test_invalid_is_returned_not_recorded_and_the_learner_can_retry(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    unread = practice.submit("two")
    assert unread.status == Status.INVALID and not unread.counted and not unread.finished
    assert unread.verdict.reason == "could not read that"
    assert practice.submit("").status == Status.INVALID
    assert storage.attempts() == []
    assert storage.card("template:t.vec") is None  # no review either
    assert practice.submit("2").status == Status.CORRECT
    (a,) = storage.attempts()
    assert a.try_no == 1 and a.rating == int(Rating.Good)


def test_hints_are_counted_and_make_a_right_answer_hard(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    assert practice.hints_left == 2
    assert practice.hint() == Hint("Count on from the seed.", 1, 2)
    second = practice.hint()
    assert second == Hint("It is one more.", 2, 2) and second.left == 0
    assert practice.hint() is None  # no more hints; not counted
    assert practice.hints_left == 0
    assert practice.submit("2").hints == 2
    (a,) = storage.attempts()
    assert (a.hints, a.rating) == (2, int(Rating.Hard))
    assert practice.close().first_try == 0


def test_viewing_the_solution_is_counted_and_rated_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@5")
    assert practice.show_solution() == "5 + 1 = 6"
    assert practice.submit("6").solution_viewed
    (a,) = storage.attempts()
    assert (a.verdict, a.solution_viewed, a.rating) == ("accept", True, int(Rating.Again))
    assert storage.tallies()["t.vec"].earned == 0


def test_skip_is_recorded_as_skipped_and_rated_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, clock = _practice(scheduler)
    practice.next_problem("t.vec@1")
    clock.t += 2
    skipped = practice.skip()
    assert skipped is not None and skipped.status == Status.SKIPPED and skipped.finished
    assert skipped.recorded is not None and skipped.recorded.rating == Rating.Again
    (a,) = storage.attempts()
    assert (a.verdict, a.answer, a.ms, a.try_no) == ("skipped", "", 2000, 1)
    assert practice.skip() is None  # already finished
    late = practice.submit("2")  # judged, but the problem is over
    assert late.status == Status.CORRECT and not late.counted
    assert len(storage.attempts()) == 1


def test_skip_after_a_wrong_answer_does_not_review_again(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    practice.submit("9")
    practice.skip()
    assert [(a.verdict, a.try_no, a.rating) for a in storage.attempts()] == [
        ("reject", 1, 1),
        ("skipped", 2, None),
    ]
    assert len(storage.reviews("template:t.vec")) == 1


def test_judge_on_a_worker_thread_record_on_the_owner(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, clock = _practice(scheduler)
    practice.next_problem("t.vec@1")
    clock.t += 1
    results: dict[str, object] = {}

    def worker() -> None:
        results["judgement"] = practice.judge("2")
        try:
            practice.record(results["judgement"])  # type: ignore[arg-type]
        except sqlite3.ProgrammingError as exc:  # storage belongs to the other thread
            results["error"] = exc

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert isinstance(results["error"], sqlite3.ProgrammingError)
    judgement = results["judgement"]
    assert judgement.kind == "accept" and judgement.ms == 1000  # type: ignore[attr-defined]
    # The failed record changed nothing; recording on the owner thread works.
    assert practice.current is not None and practice.current.tries == 0
    practice.record(judgement)  # type: ignore[arg-type]
    assert [a.verdict for a in storage.attempts()] == ["accept"]


def test_a_judgement_made_before_moving_on_is_still_recorded(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    judgement = practice.judge("5")
    practice.next_problem("t.norm@2")
    practice.record(judgement)
    (a,) = storage.attempts()
    assert (a.template_id, a.seed, a.verdict) == ("t.vec", 1, "reject")


def test_a_late_right_answer_after_a_wrong_one_still_counts(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    practice.submit("5")  # wrong
    late = practice.judge("2")  # right, but recorded only after moving on
    practice.next_problem("t.norm@2")
    assert practice.tally.wrong == 1
    practice.record(late)
    assert [(a.verdict, a.try_no) for a in storage.attempts()] == [("reject", 1), ("accept", 2)]
    tally = practice.tally
    assert (tally.shown, tally.correct, tally.wrong) == (2, 1, 0)


def test_a_problem_that_fails_to_generate_is_not_counted(scheduler: Scheduler) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    practice.submit("5")
    bank = scheduler.bank
    bank.templates["broken.x"] = FakeTemplate("broken.x", "linear-algebra/vectors")
    with pytest.raises(TemplateError):
        practice.next_problem("broken.x@1")
    with pytest.raises(TemplateError):
        practice.next_problem("broken.x@1")
    assert practice.current is None
    assert practice.close().summary() == "1 problem: 0 correct, 1 wrong."


def test_scheduler_picks_in_curriculum_order_with_fresh_seeds(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    served = []
    for _ in range(len(TEMPLATES)):
        p = practice.next_problem()
        served.append(p.template_id)
        practice.submit(p.expected)
    assert served == ["t.vec", "t.vec-hard", "t.norm", "t.eig"]
    p = practice.next_problem()  # nothing due or new: soonest, not the one just done
    assert p.template_id != "t.eig"
    seeds = {a.seed for a in storage.attempts(p.template_id)}
    assert p.seed not in seeds


def test_topic_filter(scheduler: Scheduler) -> None:
    practice, _, _ = _practice(scheduler, topic="linear-algebra/norms")
    assert practice.next_problem().template_id == "t.norm"
    practice.submit("0")
    assert practice.next_problem().template_id == "t.norm"
    empty, _, _ = _practice(scheduler, topic="linear-algebra/svd")
    with pytest.raises(NoProblemError, match="linear-algebra/svd"):
        empty.next_problem()


def test_fixed_template_serves_its_seed_then_fresh_ones(scheduler: Scheduler) -> None:
    practice, _, _ = _practice(scheduler, template="t.eig@9")
    assert practice.next_problem().ref == "t.eig@9"
    practice.submit("10")
    second = practice.next_problem()
    assert second.template_id == "t.eig" and second.seed != 9
    with pytest.raises(UnknownTemplateError, match=r"t\.eig"):
        _practice(scheduler, template="t.eigg")


def test_a_template_that_fails_to_generate_is_passed_over(storage: Storage) -> None:
    bank = make_bank(FakeTemplate("broken.one", "linear-algebra/vectors"), *TEMPLATES)
    scheduler = Scheduler(storage, bank, fuzzing=False)
    practice, _, _ = _practice(scheduler)
    assert practice.next_problem().template_id == "t.vec"
    assert storage.attempts() == []


def test_nothing_shown_yet(scheduler: Scheduler) -> None:
    practice, _, _ = _practice(scheduler)
    with pytest.raises(QuizmathError, match="next_problem"):
        practice.submit("1")
    assert practice.close().summary() == "No problems answered."


def test_summary_counts_each_ending(scheduler: Scheduler) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    practice.submit("2")
    practice.next_problem("t.vec@2")
    practice.submit("0")  # wrong, then moved on
    practice.next_problem("t.vec@3")
    practice.skip()
    practice.next_problem("t.vec@4")  # left unanswered
    assert practice.close().summary() == (
        "4 problems: 1 correct (1 at the first try), 1 wrong, 1 skipped, 1 not answered."
    )


def test_after_max_wrong_answers_the_problem_is_over(
    scheduler: Scheduler, storage: Storage
) -> None:
    practice, _, _ = _practice(scheduler)
    practice.next_problem("t.vec@1")
    outcomes = [practice.submit(str(10 + k)) for k in range(MAX_WRONG)]
    assert [o.tries_left for o in outcomes] == [*range(MAX_WRONG - 1, -1, -1)]
    assert [o.out_of_tries for o in outcomes] == [False] * (MAX_WRONG - 1) + [True]
    last = outcomes[-1]
    assert last.finished and last.tries == MAX_WRONG
    assert practice.skip() is None  # over: nothing more is recorded
    assert not practice.submit("2").counted
    assert len(storage.attempts()) == MAX_WRONG
    assert practice.close().summary() == "1 problem: 0 correct, 1 wrong."


def test_an_answer_that_could_not_be_checked_in_time_is_not_counted(
    scheduler: Scheduler, storage: Storage
) -> None:
    from quizmath.core.answers.verdict import INVALID, Verdict

    def slow(*_args: object, **_kw: object) -> Verdict:
        return Verdict(INVALID, "could not check in time", timed_out=True)

    practice = Practice(scheduler.bank, scheduler, slow, generator=fake_generate)
    practice.next_problem("t.vec@1")
    outcome = practice.submit("2")
    assert outcome.status == Status.UNCHECKED and not outcome.counted
    assert storage.attempts() == []

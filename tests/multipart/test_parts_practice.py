"""The practice flow with a multi-part problem: one answer per part, hints and the solution of
the part on screen, one attempt with every part and the score, rated from the score."""

from __future__ import annotations

from fsrs import Rating
from mp_fakes import Mono

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.items import Ending
from quizmath.core.items.multipart import PartStatus
from quizmath.core.practice.flow import Practice
from quizmath.core.practice.outcomes import Status
from quizmath.core.scheduler import Scheduler, rate_attempt
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt, PartResult


def _practice(bank: Bank, scheduler: Scheduler, mono: Mono) -> Practice:
    practice = Practice(bank, scheduler, check, template="test.chain@3", clock=mono)
    practice.next_problem()
    return practice


def test_one_answer_per_part_then_one_attempt(
    bank: Bank, scheduler: Scheduler, storage: Storage, mono: Mono
) -> None:
    practice = _practice(bank, scheduler, mono)
    p = practice.problem
    assert p is not None and p.multipart
    truth = [q.problem.typed_answer for q in p.parts]
    first = practice.submit("98765")
    assert first.status == Status.WRONG and first.part is not None
    assert first.part.status == PartStatus.WRONG and not first.finished and not first.counted
    assert first.tries_left == 0 and not first.out_of_tries  # no retries: the next part follows
    assert practice.submit("1 +").status == Status.INVALID  # not counted: typed again
    second = practice.submit(truth[1])
    assert second.part is not None and second.part.status == PartStatus.CORRECT
    mono.tick(30)
    last = practice.submit(truth[2])
    assert last.finished and last.counted and last.score == 2 / 3
    shown = practice.current
    assert shown is not None and shown.ending == Ending.WRONG and not shown.first_try
    [attempt] = storage.attempts()
    assert (attempt.verdict, attempt.correct, attempt.try_no) == ("reject", False, 1)
    assert attempt.score == 2 / 3 and attempt.points == 2 / 3
    assert [r.verdict for r in attempt.parts or ()] == ["wrong", "correct", "correct"]
    assert attempt.answer == f"(a) 98765; (b) {truth[1]}; (c) {truth[2]}"
    assert attempt.rating == Rating.Hard  # most parts right
    assert attempt.ms == 30_000
    # the problem is over: nothing more is recorded
    assert practice.submit(truth[2]).recorded is None and len(storage.attempts()) == 1


def test_all_parts_right_is_good_and_carried_counts_as_right(
    bank: Bank, scheduler: Scheduler, storage: Storage, mono: Mono
) -> None:
    practice = _practice(bank, scheduler, mono)
    p = practice.problem
    assert p is not None
    outcome = None
    for q in p.parts:
        outcome = practice.submit(q.problem.typed_answer)
    assert outcome is not None and outcome.score == 1.0
    [attempt] = storage.attempts()
    assert attempt.verdict == "accept" and attempt.rating == Rating.Good
    assert practice.current is not None and practice.current.first_try
    # the first part wrong, the rest computed from it: carried forward, each said so
    practice.next_problem("test.chain@3")
    assert p.carry is not None
    s1 = int(p.parts[0].problem.expected) + 10
    s2 = p.carry.expected(1, {"s1": s1})
    assert s2 is not None
    practice.submit(str(s1))
    b = practice.submit(s2.expected)
    assert b.status == Status.CORRECT and b.part is not None
    assert (
        b.part.status == PartStatus.CARRIED and b.part.note == "carried forward from your part (a)"
    )
    s3 = p.carry.expected(2, {"s1": s1, "s2": int(s2.expected)})
    assert s3 is not None
    c = practice.submit(s3.expected)
    assert c.part is not None and c.part.carried_from == ("a", "b") and c.score == 2 / 3
    assert [r.verdict for r in storage.attempts()[-1].parts or ()] == [
        "wrong",
        "carried",
        "carried",
    ]


def test_hints_and_solution_are_the_current_parts(
    bank: Bank, scheduler: Scheduler, storage: Storage, mono: Mono
) -> None:
    practice = _practice(bank, scheduler, mono)
    p = practice.problem
    assert p is not None
    hint = practice.hint()
    assert hint is not None and (hint.part, hint.number, hint.total) == ("a", 1, 2)
    assert hint.text == p.parts[0].problem.hints[0]
    assert practice.hints_left == 1
    practice.submit(p.parts[0].problem.typed_answer)
    hint = practice.hint()
    assert hint is not None and hint.part == "b" and hint.text == p.parts[1].problem.hints[0]
    assert practice.hint() is None  # part (b) has one hint
    # the solution of an answered part is free; of the part on screen it counts
    assert practice.show_solution(0) == p.parts[0].problem.solution
    assert practice.current is not None and not practice.current.solution_viewed
    assert practice.show_solution() == p.parts[1].problem.solution
    assert practice.current.solution_viewed
    practice.submit(p.parts[1].problem.typed_answer)
    practice.submit(p.parts[2].problem.typed_answer)
    [attempt] = storage.attempts()
    assert attempt.score == 1.0 and attempt.hints == 2 and attempt.solution_viewed
    assert attempt.rating == Rating.Again  # right after reading a solution


def test_skip_keeps_the_parts_answered(
    bank: Bank, scheduler: Scheduler, storage: Storage, mono: Mono
) -> None:
    practice = _practice(bank, scheduler, mono)
    p = practice.problem
    assert p is not None
    practice.submit(p.parts[0].problem.typed_answer)
    outcome = practice.skip()
    assert outcome is not None and outcome.status == Status.SKIPPED
    [attempt] = storage.attempts()
    assert [r.verdict for r in attempt.parts or ()] == ["correct", "skipped", "skipped"]
    assert attempt.score == 1 / 3 and attempt.verdict == "reject" and attempt.rating == Rating.Again
    practice.next_problem("test.chain@4")
    practice.skip()
    assert storage.attempts()[-1].verdict == "skipped"


def test_rating_from_the_score() -> None:
    def attempt(right: int, n: int, **kw: object) -> Attempt:
        parts = tuple(
            PartResult(chr(97 + k), "correct" if k < right else "wrong") for k in range(n)
        )
        verdict = "accept" if right == n else "reject"
        return Attempt("t.x", 1, "", verdict, 1000, parts=parts, score=right / n, **kw)  # type: ignore[arg-type]

    assert rate_attempt(attempt(3, 3), []) == Rating.Good
    assert rate_attempt(attempt(2, 3), []) == Rating.Hard
    assert rate_attempt(attempt(3, 4), []) == Rating.Hard
    assert rate_attempt(attempt(2, 4), []) == Rating.Again  # half is not most
    assert rate_attempt(attempt(1, 3), []) == Rating.Again
    assert rate_attempt(attempt(3, 3, hints=1), []) == Rating.Hard
    assert rate_attempt(attempt(2, 3, solution_viewed=True), []) == Rating.Again


def test_confidence_is_not_asked_part_by_part(
    bank: Bank, scheduler: Scheduler, storage: Storage, mono: Mono
) -> None:
    # With confidence on, a single answer waits for "how sure?"; a part does not (the score
    # says more than one part's confidence), and recording it without one is allowed.
    practice = Practice(
        bank, scheduler, check, template="test.chain@3", clock=mono, confidence=True
    )
    p = practice.next_problem()
    for q in p.parts:
        j = practice.judge(q.problem.typed_answer)
        assert not practice.needs_confidence(j)
        practice.record(j)
    [attempt] = storage.attempts()
    assert attempt.verdict == "accept" and attempt.confidence is None
    single = practice.next_problem("test.single@3")
    assert practice.needs_confidence(practice.judge(single.typed_answer))

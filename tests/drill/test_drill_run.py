"""A running drill with injected clocks: answers, per-question times, skip, no hints, the
time-out, interview items, resume and discard. The real checker runs in process."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from drill_fakes import Mono, right, wrong

from quizmath.core.answers import check
from quizmath.core.content import InterviewBank
from quizmath.core.drill.clock import format_clock
from quizmath.core.drill.plan import DrillError
from quizmath.core.drill.run import DrillRun
from quizmath.core.drill.runs import discard, drill_history, find_unfinished
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

Start = Callable[..., DrillRun]


def q(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def problem(run: DrillRun):  # type: ignore[no-untyped-def]
    assert run.current is not None and run.current.problem is not None
    return run.current.problem


def test_answers_are_saved_one_by_one_with_their_times(start: Start, mono: Mono, db: Path) -> None:
    run = start(questions=3, minutes=1)
    assert run.remaining_ms() == 60_000 and run.current.position == 0  # type: ignore[union-attr]
    mono.tick(12)
    assert run.item_elapsed_ms() == 12_000
    first = problem(run)
    _, r1 = run.submit(right(first))
    assert r1 is not None and (r1.outcome, r1.ms, r1.rating, r1.ended) == (
        "correct",
        12_000,
        3,
        False,
    )
    assert run.remaining_ms() == 48_000 and run.item_elapsed_ms() == 0
    # Saved at once: the attempt, its card review, the item and the time used.
    assert q(
        db,
        "SELECT template_id, seed, verdict, ms, hints, try, mode, drill_id, rating FROM attempts",
    ) == [(first.template_id, first.seed, "accept", 12_000, 0, 1, "drill", run.id, 3)]
    assert q(db, "SELECT count(*) FROM reviews") == [(1,)]
    assert q(db, "SELECT used_ms, status FROM drill_runs") == [(12_000, "running")]
    mono.tick(7)
    _, r2 = run.submit(wrong(problem(run)))
    assert r2 is not None and (r2.outcome, r2.ms, r2.rating) == ("wrong", 7_000, 1)
    assert q(db, "SELECT position, outcome, ms FROM drill_items WHERE outcome IS NOT NULL") == [
        (0, "correct", 12_000),
        (1, "wrong", 7_000),
    ]
    mono.tick(1)
    _, r3 = run.submit(right(problem(run)))
    assert r3 is not None and r3.ended and run.finished and run.ended == "completed"
    assert (run.correct, run.answered, run.total) == (2, 3, 3)
    assert q(db, "SELECT status, ended, used_ms FROM drill_runs") == [
        ("finished", "completed", 20_000)
    ]
    assert format_clock(run.remaining_ms()) == "0:40"


def test_unreadable_input_is_not_counted_before_the_deadline(start: Start, db: Path) -> None:
    run = start()
    j, result = run.submit("((((")
    assert j.kind == "invalid" and result is None
    assert run.current is not None and run.current.position == 0
    assert q(db, "SELECT count(*) FROM attempts") == [(0,)]


def test_skip_counts_as_missed_and_reviews_again(start: Start, mono: Mono, db: Path) -> None:
    run = start()
    mono.tick(4)
    result = run.skip()
    assert (result.outcome, result.ms, result.rating) == ("skipped", 4_000, 1)
    assert q(db, "SELECT answer, verdict, rating, mode FROM attempts") == [
        ("", "skipped", 1, "drill")
    ]
    assert run.current is not None and run.current.position == 1


def test_no_hints_in_a_drill(start: Start, db: Path) -> None:
    run = start()
    # The run offers no way to a hint or the solution while it lasts …
    assert not hasattr(run, "hint") and not hasattr(run, "show_solution")
    run.submit(right(problem(run)))
    # … and every attempt it saves says so.
    assert q(db, "SELECT hints, solution_viewed FROM attempts") == [(0, 0)]


@pytest.mark.parametrize(
    ("typed", "outcome", "attempts"),
    [("right", "correct", 1), ("wrong", "wrong", 1), ("((((", "wrong", 1), ("", "unanswered", 0)],
)
def test_time_out_submits_the_answer_as_it_stands_and_ends(
    start: Start, mono: Mono, db: Path, typed: str, outcome: str, attempts: int
) -> None:
    run = start(questions=3, minutes=1)
    mono.tick(20)
    run.submit(right(problem(run)))
    mono.tick(45)  # 65 s in: past the minute
    assert run.expired() and run.remaining_ms() == 0
    text = {"right": right(problem(run)), "wrong": wrong(problem(run))}.get(typed, typed)
    result = run.time_out(text)
    assert result is not None
    assert (result.outcome, result.timed_out, result.ended, result.ms) == (
        outcome,
        True,
        True,
        40_000,  # the item's clock stops at the deadline
    )
    assert run.finished and run.ended == "timeout" and run.current is None
    assert q(db, "SELECT status, ended, used_ms FROM drill_runs") == [
        ("finished", "timeout", 60_000)
    ]
    assert q(db, "SELECT position, outcome, timed_out, answer FROM drill_items") == [
        (0, "correct", 0, right(run.items[0].problem)),  # type: ignore[arg-type]
        (1, None if outcome == "unanswered" else outcome, 1, text),
        (2, None, 0, None),  # never reached
    ]
    assert q(db, "SELECT count(*) FROM attempts") == [(1 + attempts,)]
    assert [i.ending for i in run.items] == ["correct", outcome, "unanswered"]
    with pytest.raises(DrillError):
        run.skip()


def test_a_line_judged_after_the_deadline_is_the_last_one(start: Start, mono: Mono) -> None:
    run = start(questions=2, minutes=1)
    mono.tick(61)
    j, result = run.submit(right(problem(run)))  # plain mode: typed after the deadline
    assert j.final and result is not None and result.outcome == "correct" and result.ended
    assert run.ended == "timeout" and run.items[1].ending == "unanswered"


def test_an_answer_judged_in_time_but_saved_late_still_counts(start: Start, mono: Mono) -> None:
    run = start(questions=2, minutes=1)
    mono.tick(59)
    j = run.judge(right(problem(run)))  # judged in a worker just before the deadline …
    mono.tick(2)
    result = run.record(j)  # … saved just after it
    assert result is not None and result.outcome == "correct" and not result.timed_out
    assert result.ended and run.ended == "timeout" and run.correct == 1


def test_untimed_drill_never_runs_out(start: Start, mono: Mono) -> None:
    run = start(minutes=None)
    mono.tick(10_000)
    assert run.remaining_ms() is None and not run.expired()
    assert run.submit(right(problem(run)))[1].outcome == "correct"  # type: ignore[union-attr]


def test_interview_items_are_self_rated(
    start: Start, mono: Mono, db: Path, interviews: InterviewBank
) -> None:
    run = start(questions=4, seed=1)  # P P I P
    assert [i.kind for i in run.items] == ["problem", "problem", "interview", "problem"]
    run.skip()
    run.skip()
    item = run.current
    assert item is not None and item.kind == "interview" and item.question is not None
    with pytest.raises(DrillError):
        run.judge("1")  # not a problem
    mono.tick(30)
    assert run.reveal().answer.startswith("Positive")
    result = run.rate(4, "acute, orthogonal, obtuse")
    assert (result.outcome, result.rating, result.ms) == ("correct", 4, 30_000)
    assert q(db, "SELECT interview_id, rating, duration_ms FROM interview_ratings") == [
        ("drillfix-dot-meaning", 4, 30_000)
    ]
    assert q(db, "SELECT key FROM cards WHERE key LIKE 'interview:%'") == [
        ("interview:drillfix-dot-meaning",)
    ]
    assert q(db, "SELECT outcome, rating, answer FROM drill_items WHERE position = 2") == [
        ("correct", 4, "acute, orthogonal, obtuse")
    ]
    # An interview item is not an attempt (attempts are answers to problems).
    assert q(db, "SELECT count(*) FROM attempts") == [(2,)]


@pytest.mark.parametrize(("rating", "outcome"), [(1, "wrong"), (2, "wrong"), (3, "correct")])
def test_good_or_easy_count_as_correct(start: Start, rating: int, outcome: str) -> None:
    run = start(questions=4, seed=1)
    run.skip()
    run.skip()
    assert run.rate(rating).outcome == outcome


def test_interview_item_at_the_time_out_is_unanswered(start: Start, mono: Mono, db: Path) -> None:
    run = start(questions=4, seed=1)
    run.skip()
    run.skip()
    mono.tick(61)
    result = run.time_out("half a thought")
    assert result is not None and (result.outcome, result.timed_out) == ("unanswered", True)
    assert q(db, "SELECT count(*) FROM interview_ratings") == [(0,)]
    assert q(db, "SELECT answer, timed_out FROM drill_items WHERE position = 2") == [
        ("half a thought", 1)
    ]


def test_resume_continues_at_the_next_item_with_the_time_it_had(
    start: Start,
    mono: Mono,
    storage: Storage,
    scheduler: Scheduler,
    interviews: InterviewBank,
    db: Path,
) -> None:
    run = start(questions=3, minutes=1)
    mono.tick(10)
    first = right(problem(run))
    run.submit(first)
    mono.tick(5)
    run.checkpoint()  # a UI saves the time used every few seconds
    mono.tick(3)  # … and these 3 s are lost with the crash: the learner gets them back
    second = problem(run).ref
    del run  # the process dies here: no pause, no finish

    [row] = find_unfinished(storage)
    assert (row.answered, row.used_ms, row.status) == (1, 15_000, "running")
    mono.tick(3600)  # the app was closed for an hour: the countdown was paused
    again = DrillRun.resume(storage, scheduler, row.id, check, interviews=interviews, clock=mono)
    assert again.remaining_ms() == 45_000
    assert again.current is not None and again.current.ref == second
    assert [i.ending for i in again.items] == ["correct", "unanswered", "unanswered"]
    assert again.items[0].answer == first
    mono.tick(2)
    again.submit(right(problem(again)))
    again.skip()
    assert again.finished and again.ended == "completed"
    assert find_unfinished(storage) == []
    assert q(db, "SELECT outcome FROM drill_items ORDER BY position") == [
        ("correct",),
        ("correct",),
        ("skipped",),
    ]
    assert q(db, "SELECT used_ms FROM drill_runs") == [(17_000,)]


def test_a_resumed_question_keeps_the_time_already_spent_on_it(
    start: Start,
    mono: Mono,
    storage: Storage,
    scheduler: Scheduler,
    interviews: InterviewBank,
    db: Path,
) -> None:
    run = start(questions=3, minutes=5)
    mono.tick(10)
    run.submit(right(problem(run)))
    mono.tick(40)  # 40 s on the second question …
    run.checkpoint()
    mono.tick(3)  # … and 3 s more that the kill loses, as it loses them from the countdown
    del run

    mono.tick(3600)
    again = DrillRun.resume(storage, scheduler, 1, check, interviews=interviews, clock=mono)
    assert again.item_elapsed_ms() == 40_000  # not 0: its clock goes on from the saved time
    mono.tick(5)
    assert again.item_elapsed_ms() == 45_000
    again.pause()  # quit again: the 45 s are kept
    third = DrillRun.resume(storage, scheduler, 1, check, interviews=interviews, clock=mono)
    mono.tick(2)
    third.submit(wrong(problem(third)))
    assert q(db, "SELECT ms FROM drill_items ORDER BY position") == [
        (10_000,),
        (47_000,),
        (None,),
    ]
    assert third.item_elapsed_ms() == 0  # the next question's clock starts at 0


def test_discard_keeps_the_drill_as_discarded(
    start: Start, storage: Storage, scheduler: Scheduler, db: Path, wall
) -> None:  # type: ignore[no-untyped-def]
    run = start(questions=3)
    run.submit(right(problem(run)))
    assert discard(storage, run.id, wall())
    assert find_unfinished(storage) == []
    assert drill_history(storage) == []
    [kept] = drill_history(storage, include_discarded=True)
    assert (kept.status, kept.ended, kept.answered) == ("discarded", "discarded", 1)
    assert q(db, "SELECT count(*) FROM attempts") == [(1,)]  # the answer given is kept
    with pytest.raises(DrillError, match="discarded"):
        DrillRun.resume(storage, scheduler, run.id, check)
    assert not discard(storage, run.id, wall())  # once only


def test_two_windows_cannot_answer_one_item_twice(
    start: Start, storage: Storage, scheduler: Scheduler, interviews: InterviewBank, db: Path
) -> None:
    run = start(questions=2)
    other = DrillRun.resume(storage, scheduler, run.id, check, interviews=interviews)
    run.submit(right(problem(run)))
    with pytest.raises(DrillError, match="elsewhere"):
        other.submit(right(problem(other)))
    assert q(db, "SELECT count(*) FROM attempts") == [(1,)]  # rolled back whole


def test_the_time_used_is_saved_every_checkpoint_interval(
    start: Start, mono: Mono, storage: Storage
) -> None:
    from quizmath.core.drill.clock import CHECKPOINT_S
    from quizmath.core.drill.runs import get_run

    run = start(questions=2, minutes=1)
    mono.tick(CHECKPOINT_S - 1)
    assert not run.checkpoint_if_due()
    mono.tick(1)
    assert run.checkpoint_if_due()
    saved = get_run(storage, run.id)
    assert saved is not None and saved.used_ms == round(CHECKPOINT_S * 1000)
    assert not run.checkpoint_if_due()  # just saved


def test_an_interview_item_scored_by_key_points_stores_them(start: Start, db: Path) -> None:
    from quizmath.core.keypoints import score_points

    run = start(questions=4, seed=1)  # P P I P
    run.skip()
    run.skip()
    question = run.reveal()
    points = score_points([1], len(question.key_points))  # 1 of 2: Hard
    result = run.rate(points.rating, "", points)
    assert (result.outcome, result.rating) == ("wrong", 2)
    assert q(db, "SELECT rating, score, points FROM interview_ratings") == [
        (2, 0.5, '{"of": 2, "covered": [1]}')
    ]

"""The exercise screen's rules (``core.practice.exercise``): which grades count, the one attempt
a session records and the rating it gives the card; and exercises in topic progress.

Grades are made by a stand-in grader (the sandbox itself is tested in tests/exercises)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fsrs import Rating
from practice_fakes import Monotonic, UtcClock

from quizmath.core.exercises.catalog import exercises_root, load_exercises
from quizmath.core.exercises.result import CaseResult, GradeResult, Status
from quizmath.core.exercises.starter import starter_source
from quizmath.core.items.exercise import ExerciseTask, task
from quizmath.core.practice.exercise import (
    FAILING_SAVES_HARD,
    ExercisePractice,
    NotCounted,
    SessionEnd,
)
from quizmath.core.scheduler import ExerciseState, Scheduler
from quizmath.core.storage import Storage

VECTOR_OPS = "linalg.vector-ops"
TOPIC = "linear-algebra/vectors"


@pytest.fixture(scope="module")
def exercise():  # type: ignore[no-untyped-def]
    bank = load_exercises([exercises_root() / "linalg" / "vector-ops.yaml"])
    return bank.exercises[VECTOR_OPS]


@pytest.fixture
def served(exercise, tmp_path: Path) -> ExerciseTask:  # type: ignore[no-untyped-def]
    return task(exercise, None, tmp_path / "ws")


def result(passed: bool, status: Status | None = None) -> GradeResult:
    cases = (CaseResult("seed 1", True), CaseResult("seed 2", passed, "" if passed else "no"))
    status = status or (Status.PASSED if passed else Status.FAILED)
    return GradeResult(VECTOR_OPS, status, cases)


PASS, FAIL = result(True), result(False)


def session(
    served: ExerciseTask, scheduler: Scheduler, mono: Monotonic | None = None
) -> ExercisePractice:
    return ExercisePractice(served, scheduler, clock=mono or Monotonic())


def write(served: ExerciseTask, text: str) -> str:
    served.path.write_text(text, encoding="utf-8")
    return text


def test_the_starter_and_the_file_as_opened_do_not_count(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    starter = served.path.read_text(encoding="utf-8")
    assert s.record(starter, FAIL).not_counted is NotCounted.STARTER
    done = write(served, "def dot(u, v):\n    return 0\n")
    again = session(served, scheduler)  # opened on a file from an earlier session
    graded = again.record(done, PASS)
    assert graded.not_counted is NotCounted.AS_OPENED and graded.recorded is None
    assert again.record(done + "# more\n", result(True, Status.ERROR)).not_counted is (
        NotCounted.NOT_GRADED
    )
    assert storage.attempts() == []


def test_a_first_pass_records_one_attempt_rated_good(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    mono = Monotonic()
    s = session(served, scheduler, mono)
    mono.t += 95
    graded = s.record("def dot(u, v): ...\n", PASS)
    assert graded.counted and graded.end is SessionEnd.SOLVED and graded.rating == Rating.Good
    (a,) = storage.attempts(VECTOR_OPS)
    assert (a.verdict, a.mode, a.try_no, a.ms, a.hints) == ("accept", "exercise", 1, 95_000, 0)
    assert a.answer.startswith("def dot")
    later = s.record("def dot(u, v): ...  # tidied\n", PASS)
    assert later.not_counted is NotCounted.RECORDED
    assert len(storage.attempts(VECTOR_OPS)) == 1  # one outcome per session


def test_a_pass_after_hints_or_many_failing_saves_is_hard(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    hint = s.hint()
    assert hint is not None and hint.number == 1 and s.hints_left == hint.total - 1
    assert s.record("a = 1\n", PASS).rating == Rating.Hard
    assert storage.attempts(VECTOR_OPS)[0].hints == 1

    s = session(served, scheduler)
    for k in range(FAILING_SAVES_HARD):
        graded = s.record(f"a = {k}\n", FAIL)
        assert graded.counted and graded.recorded is None and graded.number == k + 1
    passed = s.record("a = 99\n", PASS)
    assert passed.rating == Rating.Hard
    assert storage.attempts(VECTOR_OPS)[-1].try_no == FAILING_SAVES_HARD + 1


def test_a_few_failing_saves_before_a_pass_are_still_good(
    served: ExerciseTask, scheduler: Scheduler
) -> None:
    s = session(served, scheduler)
    for k in range(FAILING_SAVES_HARD - 1):
        s.record(f"a = {k}\n", FAIL)
    assert s.record("a = 99\n", PASS).rating == Rating.Good


def test_the_solution_before_passing_is_recorded_as_skipped_and_rated_again(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    assert not s.solution_is_free
    shown = s.show_solution()
    assert "def dot" in shown.text
    assert shown.recorded is not None and shown.recorded.rating == Rating.Again
    (a,) = storage.attempts(VECTOR_OPS)
    assert (a.verdict, a.solution_viewed, a.mode) == ("skipped", True, "exercise")
    assert s.solution_is_free and s.show_solution().recorded is None  # counted once
    copied = s.record("def dot(u, v): ...\n", PASS)
    assert copied.not_counted is NotCounted.RECORDED
    assert len(storage.attempts(VECTOR_OPS)) == 1
    assert s.leave() is None


def test_the_solution_after_passing_costs_nothing(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    s.record("a = 1\n", PASS)
    assert s.solution_is_free
    assert s.show_solution().recorded is None
    assert [a.verdict for a in storage.attempts(VECTOR_OPS)] == ["accept"]


def test_leaving_after_failing_saves_is_giving_up(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    assert s.leave() is None  # nothing tried: nothing recorded
    s.record("a = 1\n", FAIL)
    s.record("a = 2\n", FAIL)
    gave_up = s.leave()
    assert gave_up is not None and gave_up.rating == Rating.Again
    (a,) = storage.attempts(VECTOR_OPS)
    assert (a.verdict, a.try_no, a.answer) == ("reject", 2, "a = 2\n")
    assert s.leave() is None


def test_leaving_after_passing_records_nothing_more(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    s = session(served, scheduler)
    s.record("a = 1\n", FAIL)
    s.record("a = 2\n", PASS)
    assert s.leave() is None
    assert [a.verdict for a in storage.attempts(VECTOR_OPS)] == ["accept"]


def test_the_hints_run_out(served: ExerciseTask, scheduler: Scheduler) -> None:
    s = session(served, scheduler)
    total = len(served.exercise.hints)
    assert [s.hint() is not None for _ in range(total + 1)] == [True] * total + [False]


def test_exercises_count_in_their_topic_and_have_a_state(
    served: ExerciseTask, scheduler: Scheduler, clock: UtcClock
) -> None:
    scheduler.exercises = {VECTOR_OPS: TOPIC}
    before = next(p for p in scheduler.topic_progress() if p.topic_id == TOPIC)
    assert (before.exercises, before.exercises_seen, before.attempts) == (1, 0, 0)
    assert scheduler.exercise_progress()[0].state is ExerciseState.NEW
    s = session(served, scheduler)
    s.record("a = 1\n", FAIL)
    s.leave()
    assert scheduler.exercise_progress()[0].state is ExerciseState.TRIED
    clock.advance(minutes=30)
    assert scheduler.exercise_progress()[0].state is ExerciseState.DUE  # Again: due soon
    ExercisePractice(served, scheduler, clock=Monotonic()).record("a = 3\n", PASS)
    after = next(p for p in scheduler.topic_progress() if p.topic_id == TOPIC)
    assert (after.exercises, after.exercises_seen, after.attempts) == (1, 1, 2)
    assert after.seen == before.seen  # templates seen are counted apart
    assert after.mastery is not None and after.mastery > (before.mastery or 0)
    (state,) = scheduler.exercise_progress()
    assert (state.state, state.attempts, state.solved) == (ExerciseState.SOLVED, 2, 1)


def test_a_topic_with_only_an_exercise_has_mastery(scheduler: Scheduler) -> None:
    scheduler.exercises = {VECTOR_OPS: "linear-algebra/projections"}
    topic = next(
        p for p in scheduler.topic_progress() if p.topic_id == "linear-algebra/projections"
    )
    assert (topic.templates, topic.exercises, topic.mastery) == (0, 1, 0.0)


def test_the_starter_check_ignores_line_endings(served: ExerciseTask, scheduler: Scheduler) -> None:
    s = session(served, scheduler)
    crlf = starter_source(served.exercise).replace("\n", "\r\n")
    assert s.record(crlf, FAIL).not_counted is NotCounted.STARTER

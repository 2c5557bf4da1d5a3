"""The coding-exercise item (``core.items.exercise``): served with the learner's file, judged in
the real sandbox, saved like a problem, shown in a report."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.exercises.catalog import ExerciseBank, exercises_root, load_exercises
from quizmath.core.exercises.starter import starter_source
from quizmath.core.items import Answering, Ending, ItemKind
from quizmath.core.items.exercise import ITEM, ExerciseTask, submission, task
from quizmath.core.items.types import Answer, NotAvailable, Sources, item_type
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

SOLUTIONS = Path(__file__).resolve().parent / "solutions"
VECTOR_OPS = "linalg.vector-ops"
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def exercises() -> ExerciseBank:
    bank = load_exercises([exercises_root() / "linalg" / "vector-ops.yaml"])
    assert not bank.errors and VECTOR_OPS in bank.exercises
    return bank


@pytest.fixture
def sources(exercises: ExerciseBank, tmp_path: Path) -> Sources:
    empty = Bank({}, [], default_curriculum())
    return Sources(empty, exercises=exercises, workspace=tmp_path / "ws")


def solution(name: str) -> str:
    return (SOLUTIONS / VECTOR_OPS / f"{name}.py").read_text(encoding="utf-8")


def test_the_kind_is_registered_and_judged() -> None:
    assert item_type("exercise") is ITEM
    assert ITEM.kind == ItemKind.EXERCISE
    assert ITEM.answering == Answering.JUDGED


def test_serving_writes_the_starter_once_and_keeps_the_learners_file(sources: Sources) -> None:
    served = ITEM.serve(VECTOR_OPS, None, sources)
    assert served.created
    assert served.path == sources.workspace / "linalg_vector_ops.py"  # type: ignore[operator]
    assert served.path.read_text(encoding="utf-8") == starter_source(served.exercise)
    served.path.write_text("# mine\n", encoding="utf-8")
    again = ITEM.serve(VECTOR_OPS, None, sources)
    assert not again.created
    assert again.path.read_text(encoding="utf-8") == "# mine\n"  # never overwritten


def test_a_drill_serves_its_own_file_named_by_the_seed(sources: Sources) -> None:
    own = ITEM.serve(VECTOR_OPS, None, sources)
    own.path.write_text(solution("solution"), encoding="utf-8")  # solved outside the drill
    drilled = ITEM.serve(VECTOR_OPS, 4321, sources)
    assert drilled.path.parent.name == "drills"
    assert drilled.path.name == "linalg_vector_ops_4321.py"
    assert submission(drilled) == ""  # a fresh starter, not the solution
    drilled.path.write_text("def dot(u, v):\n    return 1\n", encoding="utf-8")
    resumed = ITEM.serve(VECTOR_OPS, 4321, sources)  # a resumed drill finds the work so far
    assert not resumed.created and submission(resumed) == str(drilled.path)
    assert drilled.path.read_text(encoding="utf-8").startswith("def dot")


def test_an_unknown_or_unloaded_exercise_is_not_available(sources: Sources) -> None:
    with pytest.raises(NotAvailable, match=r"nope\.nothing"):
        ITEM.serve("nope.nothing", None, sources)
    with pytest.raises(NotAvailable):
        ITEM.serve(VECTOR_OPS, None, Sources(sources.bank))


def test_a_file_that_cannot_be_written_is_not_available(sources: Sources, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(NotAvailable, match="cannot write"):
        task(sources.exercises.exercises[VECTOR_OPS], None, blocker)  # type: ignore[union-attr]


def test_submission_is_empty_until_the_learner_writes_something(sources: Sources) -> None:
    served = ITEM.serve(VECTOR_OPS, 7, sources)
    assert submission(served) == ""
    served.path.write_text(starter_source(served.exercise).replace("\n", "\r\n"), "utf-8")
    assert submission(served) == ""  # line endings alone are not work
    served.path.write_text(solution("norm-l1"), encoding="utf-8")
    assert submission(served) == str(served.path)  # the file is the answer; the text names it
    served.path.unlink()
    assert submission(served) == ""


def submit(served: ExerciseTask, source: str):  # type: ignore[no-untyped-def]
    """Save ``source`` as the learner's file and judge it as a drill does."""
    served.path.write_text(source, encoding="utf-8")
    return ITEM.judge(served, submission(served), checker=None)  # type: ignore[arg-type]


def test_judging_runs_the_sandbox_a_pass_is_accepted(sources: Sources) -> None:
    served = ITEM.serve(VECTOR_OPS, 1, sources)
    v = submit(served, solution("solution"))
    assert v.verdict == VerdictKind.ACCEPT and v.accepted
    assert v.result is not None and v.result.passed
    assert v.reason == f"all {len(v.result.cases)} cases pass"


def test_a_failing_file_is_not_counted_yet_and_says_how_far_it_got(sources: Sources) -> None:
    served = ITEM.serve(VECTOR_OPS, 1, sources)
    v = submit(served, solution("norm-l1"))
    assert v.verdict == VerdictKind.INVALID
    assert v.result is not None and not v.result.passed
    assert f"of {len(v.result.cases)} cases pass" in v.reason
    nothing = ITEM.judge(served, "", checker=None)  # type: ignore[arg-type]
    assert nothing.verdict == VerdictKind.INVALID and nothing.result is None
    starter = submit(served, starter_source(served.exercise))
    assert starter.result is None and "starter" in starter.reason


def test_a_syntax_error_is_the_reason(sources: Sources) -> None:
    served = ITEM.serve(VECTOR_OPS, 1, sources)
    v = submit(served, "def dot(u, v)\n    return 0\n")
    assert v.verdict == VerdictKind.INVALID
    assert v.reason.startswith("SyntaxError")


def test_saving_records_an_attempt_that_reviews_the_exercise_card(tmp_path: Path) -> None:
    storage = Storage.open(tmp_path / "p.db")
    try:
        empty = Bank({}, [], default_curriculum())
        scheduler = Scheduler(storage, empty, fuzzing=False, now=lambda: AT, rng=random.Random(1))
        answer = Answer(0, VECTOR_OPS, 4321, Ending.CORRECT, "def dot(u, v): ...", 90_000, AT)
        saved = storage.write(lambda c: ITEM.save(c, scheduler, answer))
        assert saved.rating == 3 and saved.attempt_id is not None
        (attempt,) = storage.attempts(VECTOR_OPS)
        assert (attempt.verdict, attempt.mode, attempt.seed) == ("accept", "drill", 4321)
        assert VECTOR_OPS in storage.template_cards()
        unanswered = Answer(0, VECTOR_OPS, 4321, None, "", 1, AT)
        assert storage.write(lambda c: ITEM.save(c, scheduler, unanswered)).attempt_id is None
        assert storage.read(lambda c: ITEM.usual_ms(c, VECTOR_OPS, datetime.now(UTC))) == [90_000]
    finally:
        storage.close()


def test_a_report_shows_the_title_and_for_a_missed_one_the_model_solution(
    sources: Sources,
) -> None:
    exercise = sources.exercises.exercises[VECTOR_OPS]  # type: ignore[union-attr]
    assert ITEM.details(VECTOR_OPS, 1, sources, missed=False).title == exercise.title
    missed = ITEM.details(VECTOR_OPS, 1, sources, missed=True)
    assert missed.solution is not None and "def dot" in missed.solution
    gone = ITEM.details("gone.away", 1, Sources(sources.bank), missed=True)
    assert gone.title == "gone.away" and gone.solution  # never raises


def test_the_task_says_what_to_write_and_what_is_graded(sources: Sources) -> None:
    served: ExerciseTask = ITEM.serve(VECTOR_OPS, None, sources)
    assert "def dot(u, v):" in served.code and "import" not in served.code
    assert "NotImplementedError" in served.code  # the starter's bodies, nothing to copy
    assert f"{served.exercise.seeds} fresh random instances" in served.graded_on
    assert served.banned == served.exercise.banned

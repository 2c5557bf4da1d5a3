"""``quizmath code ID`` as a practice session (``commands.code_practice``): every save graded and
counted by the exercise screen's rules, typed commands, and the one attempt recorded.

Grades are made by a stand-in grader (the sandbox is tested in tests/exercises; the command end
to end, with the real sandbox, in tests/exercises/test_code_cli.py)."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from fsrs import Rating
from practice_fakes import Monotonic

from quizmath.commands.code_practice import CodePractice
from quizmath.commands.code_text import Renderer
from quizmath.core.exercises.catalog import exercises_root, load_exercises
from quizmath.core.exercises.result import CaseResult, GradeResult, Status
from quizmath.core.items.exercise import ExerciseTask, task
from quizmath.core.practice.exercise import ExercisePractice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

VECTOR_OPS = "linalg.vector-ops"
MINE = "def dot(u, v):\n    return 0\n"


@pytest.fixture(scope="module")
def exercise():  # type: ignore[no-untyped-def]
    bank = load_exercises([exercises_root() / "linalg" / "vector-ops.yaml"])
    return bank.exercises[VECTOR_OPS]


@pytest.fixture
def served(exercise, tmp_path: Path) -> ExerciseTask:  # type: ignore[no-untyped-def]
    return task(exercise, None, tmp_path / "ws")


def result(passed: bool) -> GradeResult:
    cases = (CaseResult("seed 1", True), CaseResult("seed 2", passed, "" if passed else "no"))
    return GradeResult(VECTOR_OPS, Status.PASSED if passed else Status.FAILED, cases)


def grader(served: ExerciseTask, source: str) -> GradeResult:
    """Passes a file that says so."""
    return result("# right" in source)


class Printed:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, *lines: str) -> None:
        self.lines.extend(lines)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def practice(
    served: ExerciseTask, scheduler: Scheduler | None, printed: Printed
) -> tuple[CodePractice, ExercisePractice | None]:
    session = None
    if scheduler is not None:
        session = ExercisePractice(served, scheduler, clock=Monotonic(), grader=grader)
    return CodePractice(served, session, Renderer(), printed, grader), session


def test_saves_are_graded_and_a_pass_is_recorded_once(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    printed = Printed()
    starter = served.path.read_text(encoding="utf-8")
    p, _ = practice(served, scheduler, printed)
    sources = [starter, MINE, MINE + "# right\n", MINE + "# right\n# again\n"]
    p.run(sources, None, threading.Event())
    text = printed.text
    assert "The starter as written" in text
    assert "Save 1 of this session" in text
    assert "Solved — well done. Recorded (review: Good)." in text
    assert "this session is already recorded" in text
    assert "--solution" not in text  # the session offers its own: type solution
    assert text.rstrip().endswith("Stopped watching.")
    [attempt] = storage.attempts()
    assert attempt.template_id == VECTOR_OPS and attempt.mode == "exercise"
    assert attempt.verdict == "accept" and attempt.try_no == 2
    assert VECTOR_OPS in storage.template_cards()


def test_leaving_after_failing_saves_is_giving_up(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    printed = Printed()
    p, _ = practice(served, scheduler, printed)
    p.graded(MINE)
    assert "Save 1 of this session" in printed.text and storage.attempts() == []
    p.leave()
    assert "Not passed this time: Recorded (review: Again)." in printed.text
    [attempt] = storage.attempts()
    assert attempt.verdict == "reject" and attempt.answer == MINE


def test_quit_ends_the_session_and_stops_the_watching(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    stop = threading.Event()

    def no_saves_until_stopped():  # type: ignore[no-untyped-def]
        stop.wait(30)
        yield from ()

    printed = Printed()
    p, _ = practice(served, scheduler, printed)
    p.run(no_saves_until_stopped(), io.StringIO("help\nquit\n"), stop)
    assert stop.is_set()
    assert "Type hint (or ?)" in printed.text and "Stopped watching." in printed.text
    assert storage.attempts() == []  # nothing tried: nothing recorded


def test_hints_are_counted_and_a_pass_after_one_is_hard(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    printed = Printed()
    p, session = practice(served, scheduler, printed)
    assert session is not None
    assert p.command("hint") and p.command("?")
    assert "Hint 1 of" in printed.text and "Hint 2 of" in printed.text
    assert session.hints == 2
    p.graded(MINE + "# right\n")
    assert "Recorded (review: Hard)." in printed.text
    [attempt] = storage.attempts()
    assert attempt.hints == 2


def test_the_solution_before_passing_is_asked_twice_and_counts_as_again(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    printed = Printed()
    p, _ = practice(served, scheduler, printed)
    p.command("solution")
    assert "Type solution again" in printed.text
    assert "A model solution:" not in printed.text and storage.attempts() == []
    p.command("hint")  # another command in between: asked again
    p.command("solution")
    assert "A model solution:" not in printed.text
    p.command("solution")
    assert "A model solution:" in printed.text and "def dot" in printed.text
    assert "Recorded (review: Again)." in printed.text
    [attempt] = storage.attempts()
    assert attempt.solution_viewed
    assert scheduler.storage.template_cards()[VECTOR_OPS].last_review is not None
    # After passing, the solution is free.
    printed.lines.clear()
    p.graded(MINE + "# right\n")
    assert "already recorded" in printed.text


def test_after_passing_the_solution_is_free(
    served: ExerciseTask, scheduler: Scheduler, storage: Storage
) -> None:
    printed = Printed()
    p, _ = practice(served, scheduler, printed)
    p.graded(MINE + "# right\n")
    p.command("solution")
    assert "A model solution:" in printed.text
    [attempt] = storage.attempts()
    assert attempt.verdict == "accept" and not attempt.solution_viewed


def test_without_a_database_it_grades_and_records_nothing(
    served: ExerciseTask, storage: Storage
) -> None:
    printed = Printed()
    p, _ = practice(served, None, printed)
    p.run([MINE + "# right\n"], None, threading.Event())
    p.command("hint")
    p.command("solution")  # nothing to lose: shown at once
    assert "✓" in printed.text and "Recorded" not in printed.text
    assert "A model solution:" in printed.text
    assert storage.attempts() == []


def test_unknown_commands_are_named_and_cut(served: ExerciseTask, scheduler: Scheduler) -> None:
    printed = Printed()
    p, _ = practice(served, scheduler, printed)
    assert p.command("x" * 500)
    assert "Not a command" in printed.text and "x" * 41 not in printed.text
    assert p.command("") and not p.command("quit")


def test_a_rating_is_named(served: ExerciseTask, scheduler: Scheduler) -> None:
    from quizmath.core.scheduler import Recorded

    p, _ = practice(served, scheduler, Printed())
    assert p._recorded(Recorded(1, Rating.Easy, None)) == "Recorded (review: Easy)."
    assert p._recorded(Recorded(1, None, None)) == "Recorded."


def test_lines_are_cut_to_the_terminal_as_it_is_now(served: ExerciseTask) -> None:
    """The width is read at each result: the editor's pane halves the terminal after start."""
    long = GradeResult(VECTOR_OPS, Status.FAILED, (CaseResult("case " * 40, False, "x" * 200),))
    widths = iter([120, 50])
    printed = Printed()
    p = CodePractice(
        served, None, Renderer(width=200), printed, lambda s, t: long, lambda: next(widths)
    )
    p.graded("a")
    p.graded("b")
    first, second = [[line for line in printed.lines if line.startswith("  ✗")][k] for k in (0, 1)]
    assert 100 < len(first) <= 120 and len(second) <= 50

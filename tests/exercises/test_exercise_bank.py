"""Every built-in exercise, run for real: its model solution passes, each declared
misconception (written as code in tests/exercises/solutions/<id>/<misconception>.py) fails with
its own feedback, and the generated starter fails every case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.core.exercises.catalog import load_exercises
from quizmath.core.exercises.grade import grade
from quizmath.core.exercises.result import Status
from quizmath.core.exercises.starter import starter_source
from tests.exercises.conftest import SOLUTIONS

BANK = load_exercises()
EXERCISES = BANK.ordered()
SEEDS = (0, 1, 2, 3, 4)
PROBES = [(x.id, p.id) for x in EXERCISES for p in x.misconceptions]


def test_the_bank_loads_without_errors() -> None:
    assert not BANK.errors, [str(e) for e in BANK.errors]
    assert len(EXERCISES) >= 1


@pytest.mark.parametrize("exercise_id", [x.id for x in EXERCISES])
def test_the_model_solution_is_the_text_shown_and_passes(exercise_id: str) -> None:
    exercise = BANK.get(exercise_id)
    path = SOLUTIONS / exercise_id / "solution.py"
    assert path.read_text(encoding="utf-8") == exercise.solution
    result = grade(exercise, exercise.solution, seeds=SEEDS)
    assert result.status is Status.PASSED, (result.problem, result.cases, result.failure)
    assert not result.feedback


@pytest.mark.parametrize(("exercise_id", "probe_id"), PROBES)
def test_each_misconception_is_recognised(exercise_id: str, probe_id: str) -> None:
    exercise = BANK.get(exercise_id)
    path = SOLUTIONS / exercise_id / f"{probe_id}.py"
    result = grade(exercise, path.read_text(encoding="utf-8"), file_name=path.name, seeds=SEEDS)
    assert result.status is Status.FAILED
    ids = [f.id for f in result.feedback]
    assert probe_id in ids, (ids, result.cases)
    text = next(f.text for f in result.feedback if f.id == probe_id)
    assert text == next(p.feedback for p in exercise.misconceptions if p.id == probe_id)


@pytest.mark.parametrize("exercise_id", [x.id for x in EXERCISES])
def test_the_starter_fails_every_case(exercise_id: str) -> None:
    exercise = BANK.get(exercise_id)
    result = grade(exercise, starter_source(exercise), seeds=SEEDS[:2])
    assert result.status is Status.FAILED
    assert not any(c.passed for c in result.cases)
    assert all("NotImplementedError" in c.message for c in result.cases), result.cases


def test_no_stray_solution_folders() -> None:
    folders = {p.name for p in SOLUTIONS.iterdir() if p.is_dir()}
    assert folders <= {x.id for x in EXERCISES}
    for x in EXERCISES:
        files = {p.stem for p in (SOLUTIONS / x.id).glob("*.py")}
        expected = {"solution"} | {p.id for p in x.misconceptions}
        assert expected <= files, (x.id, expected - files)
        assert files - expected <= {"curriculum"}, (x.id, files - expected)


def test_solutions_live_next_to_the_tests() -> None:
    assert Path(SOLUTIONS).is_dir()


def test_exercise_ids_are_not_template_ids() -> None:
    """Exercises will be reviewed and counted like problems, by id: the two must not collide."""
    from quizmath.core.bank.bank import load_bank

    shared = set(BANK.exercises) & set(load_bank().templates)
    assert not shared, shared

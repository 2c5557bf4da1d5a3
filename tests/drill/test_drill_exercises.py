"""Coding exercises in drills (``quizmath drill --code``): in the plan only when asked, last, in
the drill's topics; served from a drill file; a failing submission is not counted while time
remains, a passing one is correct; the time-out submits the file as it stands. Real sandbox
runs of the model solution and a buggy one from tests/exercises/solutions."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from drill_fakes import BANK, INTERVIEWS, Mono

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.content import InterviewBank
from quizmath.core.drill.plan import DrillError, make_plan, plan_drill
from quizmath.core.drill.report import build_report
from quizmath.core.drill.run import DrillRun
from quizmath.core.exercises.catalog import ExerciseBank, exercises_root, load_exercises
from quizmath.core.items import Ending, ItemKind
from quizmath.core.items.exercise import submission
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.plain.drill_report import report_text

SOLUTIONS = Path(__file__).resolve().parents[1] / "exercises" / "solutions"
VECTOR_OPS, MATMUL = "linalg.vector-ops", "linalg.matmul-loops"
VECTORS, MATRICES = "linear-algebra/vectors", "linear-algebra/matrices"


@pytest.fixture(scope="module")
def exercises() -> ExerciseBank:
    root = exercises_root() / "linalg"
    bank = load_exercises([root / "vector-ops.yaml", root / "matmul-loops.yaml"])
    assert not bank.errors
    return bank


def solution(exercise_id: str, name: str) -> str:
    return (SOLUTIONS / exercise_id / f"{name}.py").read_text(encoding="utf-8")


def kinds(plan: Any) -> list[ItemKind]:
    return [item.kind for item in plan.items]


def test_a_drill_has_exercises_only_when_asked(
    bank: Bank, interviews: InterviewBank, exercises: ExerciseBank
) -> None:
    plain = plan_drill(bank, interviews, questions=10, seed=5)
    assert ItemKind.EXERCISE not in kinds(plain)
    coded = plan_drill(
        bank, interviews, questions=10, seed=5, exercises=exercises.exercises.values()
    )
    assert kinds(coded).count(ItemKind.EXERCISE) == 1
    assert coded.items[-1].kind == ItemKind.EXERCISE  # last, with the time that is left
    assert len(coded.items) == 10 and coded.items[-1].seed is not None
    assert "--code" in coded.share_args(15) and "--code" not in plain.share_args(15)
    again = plan_drill(
        bank, interviews, questions=10, seed=5, exercises=exercises.exercises.values()
    )
    assert [i.ref for i in again.items] == [i.ref for i in coded.items]  # fixed by the seed


def test_one_exercise_per_ten_questions_within_the_topics(
    bank: Bank, interviews: InterviewBank, exercises: ExerciseBank
) -> None:
    every = exercises.exercises.values()
    big = plan_drill(bank, interviews, questions=20, seed=3, exercises=every)
    assert sorted(i.item_id for i in big.items if i.kind == ItemKind.EXERCISE) == [
        MATMUL,
        VECTOR_OPS,
    ]
    only = plan_drill(bank, interviews, questions=4, seed=3, topics=[VECTORS], exercises=every)
    assert [(i.item_id, i.topic) for i in only.items if i.kind == ItemKind.EXERCISE] == [
        (VECTOR_OPS, VECTORS)
    ]
    one = plan_drill(bank, interviews, questions=1, seed=3, exercises=every)
    assert kinds(one) == [ItemKind.EXERCISE]


def test_topics_without_exercises_are_refused_unless_they_were_chosen_for_the_learner(
    bank: Bank, interviews: InterviewBank, exercises: ExerciseBank, scheduler: Scheduler
) -> None:
    every = exercises.exercises.values()
    with pytest.raises(DrillError, match="no coding exercises"):
        plan_drill(
            bank,
            interviews,
            questions=4,
            seed=3,
            topics=["linear-algebra/determinants"],
            exercises=every,
        )
    weighted = plan_drill(
        bank,
        interviews,
        questions=4,
        seed=3,
        topics=["linear-algebra/determinants"],
        weighted=True,
        exercises=every,
    )
    assert kinds(weighted).count(ItemKind.EXERCISE) == 1
    made = make_plan(
        bank,
        interviews,
        questions=4,
        progress=scheduler.topic_progress(),
        rng=random.Random(1),
        exercises=every,
    )
    assert kinds(made).count(ItemKind.EXERCISE) == 1


@pytest.fixture
def code_drill(
    storage: Storage,
    scheduler: Scheduler,
    bank: Bank,
    interviews: InterviewBank,
    exercises: ExerciseBank,
    mono: Mono,
    tmp_path: Path,
) -> Callable[..., DrillRun]:
    """A one-question drill: the vector-operations exercise."""

    def go(minutes: float | None = 10) -> DrillRun:
        vectors = [exercises.exercises[VECTOR_OPS]]
        plan = plan_drill(bank, interviews, questions=1, seed=11, exercises=vectors)
        return DrillRun.start(
            storage,
            scheduler,
            plan,
            check,
            interviews=interviews,
            minutes=minutes,
            clock=mono,
            exercises=exercises,
            workspace=tmp_path / "ws",
        )

    return go


def test_a_failing_file_is_not_counted_and_a_passing_one_is_correct(
    code_drill: Callable[..., DrillRun], storage: Storage, exercises: ExerciseBank
) -> None:
    run = code_drill()
    item = run.current
    assert item is not None and item.kind == ItemKind.EXERCISE
    served = item.served
    assert served.path.parent.name == "drills" and served.path.exists()
    assert submission(served) == ""
    served.path.write_text(solution(VECTOR_OPS, "norm-l1"), encoding="utf-8")
    judgement, result = run.submit(submission(served))
    assert result is None and "cases pass" in judgement.verdict.reason
    assert run.current is item and storage.attempts() == []
    served.path.write_text(solution(VECTOR_OPS, "solution"), encoding="utf-8")
    judgement, result = run.submit(submission(served))
    assert result is not None and result.outcome == Ending.CORRECT and result.ended
    (attempt,) = storage.attempts(VECTOR_OPS)
    assert (attempt.verdict, attempt.mode) == ("accept", "drill")
    assert attempt.answer == str(served.path)  # where the work is (the file is kept)
    report = build_report(storage, run.id, run.scheduler.bank, exercises=exercises)
    assert report.items[0].title == exercises.exercises[VECTOR_OPS].title
    assert "--code" in report.share_args and "--code" in run.share_args


def test_the_time_out_submits_the_file_as_it_stands(
    code_drill: Callable[..., DrillRun], mono: Mono, storage: Storage, exercises: ExerciseBank
) -> None:
    run = code_drill(minutes=1)
    served = run.current.served  # type: ignore[union-attr]
    served.path.write_text(solution(VECTOR_OPS, "norm-l1"), encoding="utf-8")
    mono.tick(61)
    result = run.time_out(submission(served))
    assert result is not None and result.outcome == Ending.WRONG and result.timed_out
    assert [a.verdict for a in storage.attempts(VECTOR_OPS)] == ["reject"]
    report = build_report(storage, run.id, run.scheduler.bank, exercises=exercises)
    (missed,) = report.missed
    assert missed.solution is not None and "def dot" in missed.solution
    text = report_text(report)
    assert f"Your file: {served.path}" in text
    assert f"Practise it: quizmath code {VECTOR_OPS}" in text and "--template" not in text


def test_the_starter_at_the_time_out_is_unanswered(
    code_drill: Callable[..., DrillRun], mono: Mono, storage: Storage
) -> None:
    run = code_drill(minutes=1)
    mono.tick(61)
    result = run.time_out(submission(run.current.served))  # type: ignore[union-attr]
    assert result is not None and result.outcome == Ending.UNANSWERED
    assert storage.attempts() == []


def test_a_resumed_drill_finds_the_work_so_far(
    code_drill: Callable[..., DrillRun],
    storage: Storage,
    scheduler: Scheduler,
    interviews: InterviewBank,
    exercises: ExerciseBank,
    mono: Mono,
    tmp_path: Path,
) -> None:
    run = code_drill()
    served = run.current.served  # type: ignore[union-attr]
    served.path.write_text("def dot(u, v):\n    return 0  # halfway\n", encoding="utf-8")
    run.pause()
    again = DrillRun.resume(
        storage,
        scheduler,
        run.id,
        check,
        interviews=interviews,
        clock=mono,
        exercises=exercises,
        workspace=tmp_path / "ws",
    )
    same = again.current.served  # type: ignore[union-attr]
    assert same.path == served.path and submission(same) == str(served.path)
    assert "halfway" in same.path.read_text(encoding="utf-8")
    assert again.has_code


def test_a_plain_drill_with_a_coding_exercise(
    bank: Bank, interviews: InterviewBank, exercises: ExerciseBank, db: Path, tmp_path: Path
) -> None:
    """``quizmath drill --plain --code`` as a person runs it: the task and the file are shown;
    submit with a wrong file (not counted), fix the file, submit again (correct); the report."""
    plan = plan_drill(
        bank,
        interviews,
        questions=1,
        seed=8,
        topics=[VECTORS],
        exercises=[exercises.exercises[VECTOR_OPS]],
    )
    (item,) = plan.items
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    env |= {"XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "quizmath", "drill", "--plain", "--code", "--seed", "8"]
    cmd += ["--questions", "1", "--topics", "vectors", "--bank", str(BANK)]
    cmd += ["--interviews", str(INTERVIEWS), "--db", str(db)]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    assert proc.stdin is not None and proc.stdout is not None

    def read_until(marker: str) -> str:
        seen = []
        while marker not in (line := proc.stdout.readline()):  # type: ignore[union-attr]
            assert line, "".join(seen)
            seen.append(line)
        return "".join([*seen, line])

    try:
        shown = read_until("Edit it in your editor")
        assert f"Question 1 of 1: {item.ref}" in shown
        assert "def dot(u, v):" in shown and "Not allowed: numpy.dot" in shown
        path = Path(re.search(r"Your file \(written from the starter\): (.+)", shown)[1])  # type: ignore[index]
        assert path == tmp_path / "xdg" / "quizmath" / "exercises" / "drills" / path.name
        path.write_text(solution(VECTOR_OPS, "norm-l1"), encoding="utf-8")
        proc.stdin.write("submit\n")
        proc.stdin.flush()
        told = read_until("type submit again")
        assert "Not passing yet; not counted." in told and "cases pass" in told
        path.write_text(solution(VECTOR_OPS, "solution"), encoding="utf-8")
        proc.stdin.write("submit\n")
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait() == 0, proc.stderr.read()  # type: ignore[union-attr]
    finally:
        watchdog.cancel()
        proc.kill()
    assert re.search(r"Correct\. \d:\d\d on this question", rest)
    assert "Score: 1 of 1 (100%)" in rest
    assert "--code" in rest.splitlines()[-1]  # the share line

"""``quizmath code`` as a person (or a script) uses it: the done-when checks of the issue."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from quizmath.cli import main
from tests.exercises.conftest import SOLUTIONS

LINREG = "ml.linreg-from-scratch"
CURRICULUM = SOLUTIONS / LINREG / "curriculum.py"


def quizmath(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )


def variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    source = CURRICULUM.read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / name
    path.write_text(source.replace(old, new), encoding="utf-8")
    return path


def test_the_list_names_the_exercises(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["code", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert LINREG in [r["id"] for r in rows] and len(rows) >= 16
    assert set(rows[0]) == {"id", "title", "topic", "difficulty"}
    assert main(["code"]) == 0
    assert LINREG in capsys.readouterr().out


def test_the_curriculums_own_class_passes() -> None:
    out = quizmath("code", LINREG, "--check", str(CURRICULUM))
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"✓ {LINREG}: all" in out.stdout


def test_without_the_1_over_n_factor_it_fails_naming_the_factor(tmp_path: Path) -> None:
    path = variant(tmp_path, "no_n.py", "(1 / n_samples) * ", "")
    out = quizmath("code", LINREG, "--check", str(path), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert set(data) >= {"id", "passed", "cases", "feedback", "banned", "timed_out", "ms"}
    assert data["id"] == LINREG and data["passed"] is False and data["timed_out"] is False
    assert all(set(c) == {"name", "passed", "message"} for c in data["cases"])
    (feedback,) = [f for f in data["feedback"] if f["id"] == "missing-1-over-n"]
    assert "missing the factor 1/n" in feedback["text"]


def test_an_endless_fit_fails_with_a_time_limit_message(tmp_path: Path) -> None:
    path = variant(tmp_path, "loop.py", "for _ in range(self.n_iterations):", "while True:")
    out = quizmath("code", LINREG, "--check", str(path), timeout=30)  # the default 10 s limit
    assert out.returncode == 1
    assert "stopped at the time limit of 10 s" in out.stdout


def test_a_huge_allocation_fails_with_a_memory_message(tmp_path: Path) -> None:
    path = variant(
        tmp_path, "huge.py", "self.weights = np.zeros(n_features)", "self.weights = np.ones(10**11)"
    )
    out = quizmath("code", LINREG, "--check", str(path), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert all("ran out of memory" in c["message"] for c in data["cases"])
    assert os.getloadavg() is not None  # still here, and so is the machine


def test_lstsq_is_not_allowed(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "lstsq.py",
        "self.bias = 0\n",
        "self.bias = 0\n        np.linalg.lstsq(X, y, rcond=None)\n",
    )
    out = quizmath("code", LINREG, "--check", str(path), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert [b["name"] for b in data["banned"]] == ["numpy.linalg.lstsq"]
    assert "not allowed in this exercise" in data["problem"]
    assert all("not allowed in this exercise" in c["message"] for c in data["cases"])


def test_errors_exit_2(tmp_path: Path) -> None:
    out = quizmath("code", LINREG, "--check", str(tmp_path / "missing.py"))
    assert out.returncode == 2 and "cannot read" in out.stderr
    out = quizmath("code", "ml.linreg-from-scrach", "--check", str(CURRICULUM))
    assert out.returncode == 2 and "did you mean ml.linreg-from-scratch" in out.stderr


def test_hints_and_solution(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["code", LINREG, "--hints"]) == 0
    assert capsys.readouterr().out.startswith("1. ")
    assert main(["code", LINREG, "--solution"]) == 0
    assert "class LinearRegression" in capsys.readouterr().out


def test_watching_writes_the_starter_and_grades_every_save(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    env = {**os.environ, "NO_COLOR": "1", "EDITOR": "", "QUIZMATH_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizmath.cli", "code", LINREG, "--dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []

        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                line = proc.stdout.readline()  # type: ignore[union-attr]
                if not line:
                    break
                lines.append(line)
                if text in line:
                    return
            raise AssertionError(f"{text!r} never came:\n{''.join(lines)}")

        wait_for("Waiting for the next save")  # the starter, graded once
        path = tmp_path / "ml_linreg_from_scratch.py"
        assert "NotImplementedError" in "".join(lines)
        source = CURRICULUM.read_text(encoding="utf-8")
        path.write_text(source.replace("(1 / n_samples) * ", ""), encoding="utf-8")
        wait_for("✗ ml.linreg-from-scratch")
        wait_for("Waiting for the next save")
        assert "missing the factor 1/n" in "".join(lines)
        assert "Save 1 of this session" in "".join(lines)  # a failing save, counted
        path.write_text(source, encoding="utf-8")
        wait_for("✓ ml.linreg-from-scratch: all")
        wait_for("Solved — well done. Recorded (review: Good).")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    # The session is in the progress database, as the app would have recorded it.
    from quizmath.core.storage import Storage

    with Storage.open(db) as storage:
        [attempt] = storage.attempts()
        assert (attempt.template_id, attempt.mode, attempt.verdict) == (
            LINREG,
            "exercise",
            "accept",
        )
        assert LINREG in storage.template_cards()


def test_the_learners_work_is_never_overwritten(tmp_path: Path) -> None:
    mine = tmp_path / "ml_linreg_from_scratch.py"
    mine.write_text("# my work\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizmath.cli", "code", LINREG, "--dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "EDITOR": "", "QUIZMATH_DB": str(tmp_path / "p.db")},
    )
    try:
        out = ""
        while "Waiting for the next save" not in out:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            assert line, out
            out += line
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert "kept as it is" in out
    assert mine.read_text(encoding="utf-8") == "# my work\n"


def test_each_case_is_one_line_cut_to_the_width() -> None:
    from quizmath.commands.code_text import Renderer
    from quizmath.core.exercises.result import CaseResult, GradeResult, Status

    long = "x" * 300
    result = GradeResult(
        LINREG, Status.FAILED, cases=(CaseResult("a case with a long name " * 5, False, long),)
    )
    lines = Renderer(width=60).result(result)
    case_lines = [line for line in lines if line.startswith("  ✗")]
    assert case_lines and all(len(line) <= 60 for line in case_lines)

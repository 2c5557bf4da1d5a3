"""quizmath report ID@SEED: the problem, the answers recorded for it read again, the versions;
the progress file is read, never created."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizmath import __version__
from quizmath.core.bank.bank import load_one
from quizmath.core.bank.generate import generate
from quizmath.core.storage import Attempt, Storage

REF = "linalg.dot-product@3"


def _report(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "quizmath", "report", *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def test_report_reads_the_answers_given(tmp_path: Path) -> None:
    problem = generate(load_one("linalg.dot-product"), 3)
    db = tmp_path / "progress.db"
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Storage.open(db) as s:
        s.add_attempt(Attempt("linalg.dot-product", 3, "12", "reject", 9000, at=start))
        s.add_attempt(
            Attempt("linalg.dot-product", 3, problem.answer_text, "accept", 4000, try_no=2,
                    at=start + timedelta(seconds=30))
        )  # fmt: skip
        s.add_attempt(Attempt("linalg.dot-product", 4, "999", "reject", 100, at=start))
        s.add_attempt(Attempt("linalg.dot-product", 3, "\x1b[2Jx", "reject", 100, at=start))
    done = _report(REF, "--db", str(db))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith(f"quizmath problem report: {REF}")
    assert f"quizmath {__version__}, bank " in text
    assert problem.prompt.splitlines()[0] in text and problem.format_note in text
    assert f"Expected answer: {problem.answer_text}" in text
    assert f"Answers recorded for {REF}, latest first (from {db})" in text
    latest = text.index(f'typed "{problem.answer_text}"')
    assert latest < text.index('typed "12"')  # latest first
    assert "try 2" in text and "judged now: accept" in text
    assert "read now as: 12" in text and "judged now: reject" in text
    assert "999" not in text  # another seed's answer
    assert "\x1b" not in text and "␛" in text  # a control character shown, not obeyed


def test_report_never_creates_a_progress_file(tmp_path: Path) -> None:
    db = tmp_path / "none" / "progress.db"
    done = _report(REF, "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"Answers recorded for {REF}: none (no progress read:" in done.stdout
    assert not db.parent.exists()


def test_report_needs_a_seed_and_a_known_template(tmp_path: Path) -> None:
    assert "say which instance" in _report("linalg.dot-product").stderr
    bad = _report("linalg.dot-prodcut@1", "--db", str(tmp_path / "x.db"))
    assert bad.returncode == 1 and "did you mean linalg.dot-product" in bad.stderr

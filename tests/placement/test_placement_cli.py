"""The done-when, end to end: ``quizmath placement --plain --db X`` answered by a script that
knows linear algebra and nothing else (it works out each linear-algebra answer from the
problem's ref, as someone who knows the subject would, and gets everything else wrong); then
``quizmath stats --json`` shows the placement and Continue serves calculus first."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from quizmath.core.bank.bank import load_one
from quizmath.core.bank.generate import generate

QUESTION = re.compile(r"^Question (\d+) of at most (\d+): ([a-z0-9.-]+)@(\d+)$")


def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    e["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    e["PYTHONIOENCODING"] = "utf-8"
    return e


def quizmath(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env(tmp_path),
        cwd=tmp_path,
        encoding="utf-8",
    )


def answer_as_a_linear_algebra_learner(proc: subprocess.Popen[str]) -> list[str]:
    """Read the questions as they come and answer them; returns everything printed."""
    assert proc.stdin is not None and proc.stdout is not None
    seen: list[str] = []
    ref: tuple[str, int] | None = None
    knows = False
    for raw in proc.stdout:
        line = raw.rstrip("\n")
        seen.append(line)
        m = QUESTION.match(line)
        if m:
            ref = (m.group(3), int(m.group(4)))
        elif line.startswith("Type your answer") and ref is not None:
            problem = generate(load_one(ref[0]), ref[1])
            knows = problem.topic.startswith("linear-algebra/")
            proc.stdin.write((problem.answer_text if knows else "12345") + "\n")
            proc.stdin.flush()
            ref = None
        elif line.startswith("Could not read that"):
            proc.stdin.write("dont know\n")  # a wrong guess it could not even write
            proc.stdin.flush()
    return seen


def test_a_linear_algebra_learner_is_placed_and_continue_serves_calculus(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizmath", "placement", "--plain", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env(tmp_path),
        cwd=tmp_path,
    )
    killer = threading.Timer(150, proc.kill)  # never hang the suite
    killer.start()
    try:
        seen = answer_as_a_linear_algebra_learner(proc)
        proc.wait()
    finally:
        killer.cancel()
    text = "\n".join(seen)
    assert proc.returncode == 0, text + proc.stderr.read()  # type: ignore[union-attr]
    asked = [QUESTION.match(line) for line in seen if QUESTION.match(line)]
    assert 15 <= len(asked) <= 25, text
    assert seen.count("Right.") == 9, text  # every linear-algebra question, nothing else
    calculus = [m for m in asked if m and m.group(3).startswith("calc.")]
    assert len(calculus) == 2, text  # stopped at its first topic: one question and its check

    stats = quizmath(tmp_path, "stats", "--json", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    placement = json.loads(stats.stdout)["placement"]
    levels = {t["topic"]: t["level"] for t in placement["topics"]}
    la = [t for t in levels if t.startswith("linear-algebra/")]
    assert len(la) == 9 and all(levels[t] == "known" for t in la)
    assert levels["calculus/derivatives"] == "new"
    assert all(
        levels[t] == "new" for t in levels if t.startswith("calculus/")
    )  # and placed without a question below derivatives
    below = [t for t in placement["topics"] if t["topic"] == "calculus/backpropagation"]
    assert below[0]["asked"] == 0 and below[0]["below"] == "calculus/derivatives"
    assert placement["complete"] and placement["questions"] == len(asked)
    assert placement["seeded"] > 0

    practice = quizmath(
        tmp_path, "practice", "--plain", "--count", "1", "--db", str(db), stdin="quit\n"
    )
    first = practice.stdout.splitlines()[0]
    assert first.startswith("Problem 1 of 1: calc."), practice.stdout

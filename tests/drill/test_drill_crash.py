"""Crash safety: a plain drill is SIGKILLed between two answers; reopening finds it unfinished
with exactly the answers given, and it resumes at the next item (or is discarded, and kept)."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from drill_fakes import plain_drill_command, right, subprocess_env

from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.problem import parse_ref
from quizmath.core.drill.runs import find_unfinished
from quizmath.core.storage import Storage

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


class Lines:
    """A child's stdout, line by line, with a timeout (a reader thread feeds a queue)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.q: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert proc.stdout is not None
        stdout = proc.stdout

        def pump() -> None:
            for line in stdout:
                self.q.put(line)
            self.q.put(None)

        threading.Thread(target=pump, daemon=True).start()

    def until(self, text: str, timeout: float = 120) -> str:
        while True:
            line = self.q.get(timeout=timeout)
            assert line is not None, "the drill ended early:\n" + "".join(self.seen)
            self.seen.append(line)
            if text in line:
                return line


def answer_to(header: str, bank: Bank) -> str:
    ref = header.rsplit(": ", 1)[1].strip()
    template_id, seed = parse_ref(ref)
    assert seed is not None
    return right(generate(bank.get(template_id), seed))


def test_killed_mid_drill_keeps_the_answers_and_resumes(bank: Bank, db: Path) -> None:
    env = subprocess_env()
    proc = subprocess.Popen(
        plain_drill_command(db, "--questions", "3", "--minutes", "5", "--seed", "17"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        lines = Lines(proc)
        first = answer_to(lines.until("Question 1 of 3: "), bank)
        assert proc.stdin is not None
        proc.stdin.write(first + "\n")
        proc.stdin.flush()
        second_header = lines.until("Question 2 of 3: ")  # printed once the answer is saved
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    with Storage.open(db) as storage:
        [run] = find_unfinished(storage)
        assert (run.id, run.status, run.answered, run.questions) == (1, "running", 1, 3)
        items = storage.read(
            lambda c: c.execute(
                "SELECT position, outcome, answer FROM drill_items ORDER BY position"
            ).fetchall()
        )
        assert items == [(0, "correct", first), (1, None, None), (2, None, None)]
        assert storage.read(lambda c: c.execute("SELECT answer FROM attempts").fetchall()) == [
            (first,)
        ]
        used = run.used_ms

    second = answer_to(second_header, bank)
    out = subprocess.run(
        plain_drill_command(db, "--resume"),
        input=f"{second}\nskip\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert "Resuming drill 1: 1 of 3 answered" in out.stdout
    assert "Question 1 of 3" not in out.stdout
    assert second_header.split("]", 1)[1].strip() in out.stdout  # the same question 2
    # The countdown picks up where the saved time left it (a second less if the clock has
    # just ticked over while resuming).
    shown = out.stdout.split("Question 2")[0]
    assert any(
        f"{left // 60_000}:{left // 1000 % 60:02d} left" in shown
        for left in (300_000 - used, 300_000 - used - 1000)
    ), shown
    assert "Score: 2 of 3 (67%), 1 skipped." in out.stdout
    with Storage.open(db) as storage:
        assert find_unfinished(storage) == []
        assert storage.read(
            lambda c: c.execute("SELECT outcome FROM drill_items ORDER BY position").fetchall()
        ) == [("correct",), ("correct",), ("skipped",)]


def test_a_killed_drill_can_be_discarded_and_is_kept(bank: Bank, db: Path) -> None:
    env = subprocess_env()
    proc = subprocess.Popen(
        plain_drill_command(db, "--questions", "2", "--seed", "4"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        Lines(proc).until("Question 1 of 2: ")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    out = subprocess.run(
        plain_drill_command(db, "--discard", "--questions", "1", "--seed", "4"),
        input="skip\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert "Drill 1 discarded (it stays in the history)." in out.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "quizmath", "drill", "--list", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
        timeout=120,
    ).stdout
    assert re.search(r"^\s+1\s.*discarded$", listing, re.M), listing
    assert re.search(r"^\s+2\s.*0/1\s.*all answered$", listing, re.M), listing

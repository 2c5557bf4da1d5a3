"""Two processes on one file, and a process killed mid-stream, lose nothing judged."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from quizmath.core.storage import Storage

# Records N attempts through the scheduler (attempt + card review + review log per
# transaction), printing each attempt id once it is committed. Waits for the GO file, so two
# writers start together and race even on creating and migrating a new file.
WRITER = """
import os, sys, time
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Attempt, Storage

path, name, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not os.path.exists(go):
    time.sleep(0.002)
storage = Storage.open(path)
scheduler = Scheduler(storage, None, fuzzing=False)
for i in range(n):
    verdict = "reject" if i % 3 == 0 else "accept"
    attempt = Attempt(f"shared.t{i % 5}", i, f"{name}-{i}", verdict, 100 + i, mode="plain")
    print(scheduler.record_attempt(attempt).attempt_id, flush=True)
storage.close()
"""


def _writer(db: Path, name: str, n: int, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), name, str(n), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=db.parent,
    )


def test_two_processes_write_200_attempts_each(tmp_path: Path) -> None:
    db, go = tmp_path / "progress.db", tmp_path / "go"
    procs = [_writer(db, name, 200, go) for name in ("a", "b")]
    go.touch()
    outputs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert err == ""
        assert len(out.split()) == 200
    printed = {int(x) for out, _ in outputs for x in out.split()}
    assert len(printed) == 400
    with Storage.open(db) as storage:
        attempts = storage.attempts()
        assert {a.id for a in attempts} == printed
        assert sorted(a.answer for a in attempts) == sorted(
            f"{n}-{i}" for n in ("a", "b") for i in range(200)
        )
        # Every first try reviewed its card exactly once, with no update lost.
        assert sum(len(storage.reviews(f"template:shared.t{k}")) for k in range(5)) == 400
        assert set(storage.template_cards()) == {f"shared.t{k}" for k in range(5)}


def test_a_killed_process_loses_no_recorded_attempt(tmp_path: Path) -> None:
    db, go = tmp_path / "progress.db", tmp_path / "go"
    go.touch()
    proc = _writer(db, "k", 1_000_000, go)
    assert proc.stdout is not None
    printed: list[int] = []
    while len(printed) < 40:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "writer ended early"
        printed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    # Lines printed before the kill are committed; a cut-off last line is ignored.
    printed += [int(x) for x in rest.splitlines(keepends=True) if x.endswith("\n")]
    with Storage.open(db) as storage:  # opens cleanly: integrity check passes
        ids = {a.id for a in storage.attempts()}
        # The totals kept by triggers committed with each attempt: none half-counted.
        counted = {k: (v.attempts, v.earned) for k, v in storage.tallies().items()}
        by_rows = storage.read(
            lambda c: {
                r[0]: (r[1], r[2])
                for r in c.execute(
                    "SELECT template_id, count(*), sum(correct AND NOT solution_viewed) "
                    "FROM attempts GROUP BY template_id"
                )
            }
        )
        slots = storage.read(lambda c: c.execute("SELECT sum(attempts) FROM activity").fetchone())
    assert set(printed) <= ids
    assert counted == by_rows and slots == (len(ids),)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

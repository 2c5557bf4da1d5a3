"""A plain drill waits for a long write lock instead of ending (issue 13 item 9): the answer
and the skip are saved once the other program lets go. The pauses are the test's; the lock is
released from inside the first one, so nothing here depends on timing."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from drill_fakes import right

from quizmath.core.drill.run import DrillRun
from quizmath.core.storage import Storage
from quizmath.core.storage import db as storage_db
from quizmath.plain.drill import Loop, PlainDrill
from quizmath.plain.lines import LineReader
from quizmath.plain.output import Output


def test_answers_wait_for_the_lock_and_are_saved(
    start: Callable[..., DrillRun],
    storage: Storage,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = start(questions=2, minutes=None)
    first = run.current
    assert first is not None and first.problem is not None
    monkeypatch.setattr(storage_db, "WRITE_RETRIES", 1)
    storage._db.conn.execute("PRAGMA busy_timeout = 10")
    out = io.StringIO()
    plain = PlainDrill(run, LineReader(io.StringIO(right(first.problem) + "\nskip\n")), Output(out))
    holder = sqlite3.connect(db, isolation_level=None)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        holder.execute("COMMIT")  # the other program is done

    plain.sleep = pause
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert plain.ask(first) == Loop.NEXT
        second = run.current
        assert second is not None
        holder.execute("BEGIN IMMEDIATE")
        plain.ask(second)
    finally:
        holder.close()
    assert pauses == [1.0, 1.0]
    assert out.getvalue().count("The progress file is locked by another program") == 2
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT verdict FROM attempts ORDER BY id").fetchall()[:2] == [
        ("accept",),
        ("skipped",),
    ]
    conn.close()

"""Plain mode waits for a long write lock instead of ending (issue 13 item 9).

Another connection holds the progress file's write lock past the storage's own retries; plain
practice says it is waiting, tries again with pauses, and saves the answer once the lock is
released. The pauses are the test's (nothing sleeps); the lock is released from inside the
second pause, so nothing here depends on timing.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.practice.flow import Practice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage, StorageError
from quizmath.core.storage import db as storage_db
from quizmath.plain.practice import PlainPractice

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def locked_session(db: Path, lines: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(storage_db, "WRITE_RETRIES", 1)  # the storage gives up at once…
    storage = Storage.open(db)
    storage._db.conn.execute("PRAGMA busy_timeout = 10")  # …after 10 ms, not 5 s
    bank = load_bank([FIXTURES])
    practice = Practice(bank, Scheduler(storage, bank), check, template="testfix.add@3")
    out = io.StringIO()
    plain = PlainPractice(practice, io.StringIO(lines), out, count=1)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program's long write
    return storage, plain, out, holder


def test_a_long_lock_is_waited_for_and_the_answer_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.db"
    storage, plain, out, holder = locked_session(db, "[7, 4, 6]\n", monkeypatch)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            holder.execute("COMMIT")  # the other program is done

    plain.sleep = pause
    try:
        assert plain.run() == 0
    finally:
        storage.close()
        holder.close()
    text = out.getvalue()
    assert pauses == [1.0, 2.0]
    assert text.count("The progress file is locked by another program") == 2
    assert "trying again in 1 s" in text and "trying again in 2 s" in text
    assert "1 problem: 1 correct" in text
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT answer, verdict, try FROM attempts").fetchall() == [
        ("[7, 4, 6]", "accept", 1)
    ]
    conn.close()


def test_a_skip_waits_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "progress.db"
    storage, plain, out, holder = locked_session(db, "skip\n", monkeypatch)
    plain.sleep = lambda seconds: holder.execute("COMMIT")
    try:
        assert plain.run() == 0
    finally:
        storage.close()
        holder.close()
    assert "The progress file is locked" in out.getvalue() and "Skipped." in out.getvalue()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT verdict FROM attempts").fetchall() == [("skipped",)]
    conn.close()


def test_other_storage_errors_are_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.db"
    storage, plain, _, holder = locked_session(db, "[7, 4, 6]\n", monkeypatch)
    holder.execute("COMMIT")
    holder.close()

    def broken(*args: object, **kwargs: object) -> None:
        raise StorageError("could not save progress: disk I/O error", db)

    monkeypatch.setattr(plain.practice.scheduler, "record_attempt", broken)
    plain.sleep = lambda seconds: pytest.fail("waited for an error that waiting cannot fix")
    try:
        with pytest.raises(StorageError, match="disk I/O"):
            plain.run()
    finally:
        storage.close()

"""Every page is read only when there is reason to doubt the file (issue 13 item 23: a
quick_check on every open cost 0.6 s at a million attempts): after a process was killed with
the file open, before a migration, or on demand. A file cut short is refused on every open."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizmath.core.storage import Attempt, Storage, StorageError, marks
from quizmath.core.storage import db as dbmod
from quizmath.core.storage.attempts import insert_attempt

DAMAGED = "is damaged|malformed"  # found by the page check, or by SQLite on the way
HOLDER = """
import sys, time
from quizmath.core.storage import Storage
storage = Storage.open(sys.argv[1])
print("open", flush=True)
time.sleep(600)
"""


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files whose every page was read, in order."""
    seen: list[Path] = []
    real = dbmod.integrity_check

    def counting(conn: sqlite3.Connection, path: Path) -> None:
        seen.append(path)
        real(conn, path)

    monkeypatch.setattr(dbmod, "integrity_check", counting)
    return seen


def _attempts(path: Path, n: int = 300) -> None:
    with Storage.open(path) as s:
        s.write(
            lambda conn: [
                insert_attempt(conn, Attempt("t.x", i, "y" * 200, "accept", 5), None)
                for i in range(n)
            ]
        )


def _killed_while_open(path: Path) -> None:
    """A process opens the file and is killed with kill -9 (it never closes it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "open\n"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _scribble(path: Path) -> None:
    """Garbage in the middle of a table page: only reading every page finds it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle + 100 : middle + 3000] = random.Random(0).randbytes(2900)
    path.write_bytes(bytes(data))


def test_a_clean_file_is_not_read_whole_on_open(db_path: Path, checks: list[Path]) -> None:
    _attempts(db_path)
    for _ in range(3):
        with Storage.open(db_path) as s:
            assert len(s.attempts()) == 300
    with Storage.open_for_reading(db_path):
        pass
    assert checks == []
    with Storage.open(db_path, check=True):  # on demand
        pass
    assert checks == [db_path]


def test_the_file_is_checked_once_after_a_process_was_killed(
    db_path: Path, checks: list[Path]
) -> None:
    _attempts(db_path)
    _killed_while_open(db_path)
    with Storage.open(db_path) as s:
        assert len(s.attempts()) == 300
    assert checks == [db_path]
    with Storage.open(db_path):  # the dead process's mark is gone: no second check
        pass
    assert checks == [db_path]


def test_another_running_process_is_not_a_crash(db_path: Path, checks: list[Path]) -> None:
    _attempts(db_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "open\n"
        with Storage.open(db_path):
            pass
        assert checks == []
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_damage_is_found_after_a_crash_or_on_demand(db_path: Path) -> None:
    _attempts(db_path, 3000)
    _scribble(db_path)
    with pytest.raises(StorageError, match=DAMAGED):
        Storage.open(db_path, check=True)
    _killed_while_open_without_checking(db_path)
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match=DAMAGED) as err:
        Storage.open(db_path)
    assert "untouched" in str(err.value)
    assert db_path.read_bytes() == before


def _killed_while_open_without_checking(path: Path) -> None:
    """As if a process had the damaged file open and was killed: its mark stays behind."""
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO open_marks VALUES ('dead', ?, ?, '2026-01-01T00:00:00.000000+00:00')",
        (_dead_pid(), marks.socket.gethostname()),
    )
    conn.commit()
    conn.close()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_mark_from_another_host_counts_as_gone_after_a_day(db_path: Path) -> None:
    _attempts(db_path, 1)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO open_marks VALUES ('old', 1, 'elsewhere', '2020-01-01T00:00:00.000000+00:00'),"
        " ('new', 1, 'elsewhere', '2999-01-01T00:00:00.000000+00:00')"
    )
    assert marks.stale_marks(conn) == ["old"]
    conn.close()


def test_a_file_cut_short_is_refused_without_reading_it_all(
    db_path: Path, checks: list[Path]
) -> None:
    _attempts(db_path, 3000)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[:-4096])
    with pytest.raises(StorageError, match="cut short") as err:
        Storage.open(db_path)
    assert "untouched" in str(err.value)
    assert db_path.read_bytes() == data[:-4096]
    assert checks == []


def test_a_migration_checks_the_file_first(
    db_path: Path, checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:  # a file of the schema before this one
        old.setattr(dbmod, "MIGRATIONS", dbmod.MIGRATIONS[:-1])
        old.setattr(dbmod, "SCHEMA_VERSION", dbmod.SCHEMA_VERSION - 1)
        with Storage.open(db_path) as s:
            s.add_attempt(Attempt("t.x", 1, "y", "accept", 5))
    assert checks == []
    with Storage.open(db_path) as s:
        assert len(s.attempts()) == 1
    assert checks == [db_path]


def test_stats_check_reads_the_whole_file(
    db_path: Path, checks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from quizmath.cli import main

    _attempts(db_path, 3)
    assert main(["stats", "--json", "--db", str(db_path)]) == 0
    assert checks == []
    assert main(["stats", "--check", "--json", "--db", str(db_path)]) == 0
    assert checks == [db_path]
    capsys.readouterr()

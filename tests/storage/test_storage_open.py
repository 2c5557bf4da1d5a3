"""Opening the progress file: schema, migrations, refusals, paths."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from quizmath.core.storage import Attempt, Storage, StorageError, resolve_db_path
from quizmath.core.storage import db as dbmod
from quizmath.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION


def _pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _attempt(i: int = 0, **kw: object) -> Attempt:
    fields: dict[str, object] = {
        "template_id": "linalg.dot-product",
        "seed": i,
        "answer": str(i),
        "verdict": "accept",
        "ms": 1000 + i,
    }
    fields.update(kw)
    return Attempt(**fields)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file in a folder and its hash: proves a refused file was left alone."""
    return {p.name: (digest(p) if p.is_file() else "dir") for p in sorted(folder.iterdir())}


# -- creating and reopening -----------------------------------------------------------------


def test_new_file_gets_current_schema_in_wal_mode(db_path: Path) -> None:
    with Storage.open(db_path) as storage:
        assert storage.path == db_path
    assert db_path.is_file()  # the missing folder was created
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION
    assert _pragma(db_path, "application_id") == dbmod.APPLICATION_ID
    assert _pragma(db_path, "journal_mode") == "wal"
    assert {"attempts", "cards", "reviews", "interview_ratings"} <= _tables(db_path)


def test_reopen_is_idempotent_and_keeps_data(db_path: Path) -> None:
    with Storage.open(db_path) as storage:
        storage.add_attempt(_attempt(1))
    schema = _tables(db_path)
    with Storage.open(db_path) as storage:
        assert [a.seed for a in storage.attempts()] == [1]
        storage.add_attempt(_attempt(2))
    with Storage.open(db_path) as storage:
        assert [a.seed for a in storage.attempts()] == [1, 2]
    assert _tables(db_path) == schema
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION


def test_empty_file_is_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with Storage.open(db_path) as storage:
        assert storage.attempts() == []
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION


def test_attempt_round_trip(db_path: Path) -> None:
    a = _attempt(7, verdict="reject", hints=2, solution_viewed=True, try_no=3, mode="plain")
    with Storage.open(db_path) as storage:
        a_id = storage.add_attempt(a)
        (back,) = storage.attempts()
    assert back.id == a_id
    assert (
        back.template_id,
        back.seed,
        back.answer,
        back.verdict,
        back.ms,
        back.hints,
        back.solution_viewed,
        back.try_no,
        back.mode,
        back.rating,
    ) == (a.template_id, 7, "7", "reject", 1007, 2, True, 3, "plain", None)
    assert back.at == a.at and back.at.tzinfo is not None


def test_unknown_verdict_or_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        _attempt(verdict="invalid")
    with pytest.raises(ValueError):
        _attempt(mode="exam")


def test_a_later_migration_upgrades_an_existing_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Storage.open(db_path) as storage:
        storage.add_attempt(_attempt(1))
    drills = (
        "CREATE TABLE drills (id INTEGER PRIMARY KEY, started TEXT NOT NULL)",
        "INSERT INTO drills (started) VALUES ('2026-01-01')",
    )
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*MIGRATIONS, drills))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Storage.open(db_path) as storage:
        assert [a.seed for a in storage.attempts()] == [1]
    with Storage.open(db_path):
        pass  # reopening does not run the migration again
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION + 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM drills").fetchone()[0] == 1
    conn.close()


def test_a_failing_migration_is_rolled_back_whole(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Storage.open(db_path):
        pass
    broken = ("CREATE TABLE half_done (x)", "THIS IS NOT SQL")
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StorageError):
        Storage.open(db_path)
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION
    assert "half_done" not in _tables(db_path)


# -- refusing files -------------------------------------------------------------------------


def test_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    with Storage.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(StorageError) as err:
        Storage.open(db_path)
    message = str(err.value)
    assert str(db_path) in message and "newer" in message and "untouched" in message
    assert _snapshot(db_path.parent) == before
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION + 5


def _real_database(path: Path, n: int = 3000) -> None:
    with Storage.open(path) as storage:
        storage.write(
            lambda conn: [
                conn.execute(
                    "INSERT INTO attempts (template_id, seed, answer, verdict, correct, ms, "
                    "mode, at) VALUES ('t.x', ?, ?, 'accept', 1, 5, 'plain', '2026-01-01')",
                    (i, "x" * 100),
                )
                for i in range(n)
            ]
        )
    conn = sqlite3.connect(path)  # fold the WAL back so the main file holds everything
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _truncated_half(path: Path) -> None:
    _real_database(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_last_page(path: Path) -> None:
    _real_database(path)
    data = path.read_bytes()
    path.write_bytes(data[:-4096])


def _scribbled_page(path: Path) -> None:
    """Garbage in the middle of a table page: only an integrity check finds it."""
    _real_database(path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle + 100 : middle + 3000] = os.urandom(2900)
    path.write_bytes(bytes(data))


def _header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        _random_bytes,
        _truncated_half,
        _truncated_last_page,
        _header_only,
        _other_program,
    ],
)
def test_corrupt_or_foreign_file_is_refused_and_left_alone(db_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    db_path.parent.mkdir(parents=True)
    make(db_path)
    before = _snapshot(db_path.parent)
    with pytest.raises(StorageError) as err:
        Storage.open(db_path)
    assert str(db_path) in str(err.value)
    assert "untouched" in str(err.value)
    assert err.value.path == db_path
    assert _snapshot(db_path.parent) == before  # same bytes, no -wal or -shm left behind


def test_a_directory_is_refused(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    (db_path / "keep.txt").write_text("mine")
    with pytest.raises(StorageError, match="is a directory"):
        Storage.open(db_path)
    assert (db_path / "keep.txt").read_text() == "mine"
    assert [p.name for p in db_path.iterdir()] == ["keep.txt"]


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot create the folder"):
        Storage.open(blocker / "progress.db")
    assert blocker.read_text() == "not a folder"


def _open_without_permission(path: Path) -> str:
    """Storage.open as a user without access to the file: ourselves, or "nobody" when the
    tests run as root (root ignores file permissions), in a forked child."""

    def attempt() -> str:
        try:
            Storage.open(path).close()
        except StorageError as exc:
            return f"REFUSED {exc}"
        return "OPENED"

    if os.geteuid() != 0:
        return attempt()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, try, report, exit without running pytest's atexit
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = attempt()
        except BaseException as exc:
            result = f"ERROR {exc!r}"
        os.write(write_end, result.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        result = f.read().decode()
    os.waitpid(pid, 0)
    return result


def test_a_file_without_permission_is_refused() -> None:
    folder = Path(tempfile.mkdtemp(prefix="quizmath-perm-"))  # under /tmp, reachable by nobody
    try:
        os.chmod(folder, 0o755)
        path = folder / "progress.db"
        with Storage.open(path) as storage:
            storage.add_attempt(_attempt(1))
        os.chmod(path, 0o000)
        before = _snapshot(folder)
        result = _open_without_permission(path)
        os.chmod(path, 0o600)
        assert result.startswith("REFUSED"), result
        assert str(path) in result and "untouched" in result
        assert _snapshot(folder) == before
        with Storage.open(path) as storage:
            assert len(storage.attempts()) == 1
    finally:
        shutil.rmtree(folder)


# -- paths and threads ---------------------------------------------------------------------


def test_path_resolution_order(tmp_path: Path) -> None:
    env = {"QUIZMATH_DB": str(tmp_path / "from-env.db")}
    assert resolve_db_path(str(tmp_path / "cli.db"), env) == tmp_path / "cli.db"
    assert resolve_db_path(None, env) == tmp_path / "from-env.db"
    default = resolve_db_path(None, {})
    assert default.name == "progress.db" and default.parent.name == "quizmath"
    assert str(default).startswith(str(tmp_path / "xdg"))  # XDG_DATA_HOME from the fixture


def test_default_path_is_used_when_nothing_is_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("QUIZMATH_DB")
    with Storage.open() as storage:
        assert storage.path == tmp_path / "xdg" / "quizmath" / "progress.db"
    assert storage.path.is_file()


def test_a_connection_stays_on_its_thread(db_path: Path) -> None:
    errors: list[BaseException] = []
    with Storage.open(db_path) as storage:

        def other() -> None:
            try:
                storage.add_attempt(_attempt(1))
            except BaseException as exc:
                errors.append(exc)

        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert storage.attempts() == []
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)


def test_only_the_open_marks_skip_the_disk_sync(db_path: Path) -> None:
    # Each start and each quit synced the disk once just for the open mark (issue 13 item
    # 24). The mark may wait for the next durable commit; an answer may not.
    from quizmath.core.storage import db as database

    levels: list[tuple[str, int]] = []  # (first statement, PRAGMA synchronous) per commit
    transaction = database.Database._transaction

    def traced(self: database.Database, fn: Any) -> Any:
        statements: list[str] = []
        self.conn.set_trace_callback(statements.append)
        try:
            return transaction(self, fn)
        finally:
            self.conn.set_trace_callback(None)
            level = int(self.conn.execute("PRAGMA synchronous").fetchone()[0])
            kind = next(s.split()[0] for s in statements if not s.startswith(("BEGIN", "SELECT")))
            levels.append((kind, level))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database.Database, "_transaction", traced)
        storage = Storage.open(db_path)
        storage.add_attempt(_attempt())
        storage.close()
    # 1 is NORMAL, 2 FULL: the mark in, the answer, the mark out.
    assert [level for _, level in levels[-3:]] == [1, 2, 1]
    assert levels[-2][0] == "INSERT" and "open_marks" not in str(levels[-2])
    assert Storage.open(db_path).attempts()[0].seed == 0  # and the answer is there

"""The SQLite connection: safe opening, pragmas, migrations, and retried write transactions.

Rules this module keeps:

- A file that is not ours, is corrupt, is newer than this app, or cannot be read is refused with
  a ``StorageError`` naming the path; it is never written, renamed, truncated or recreated.
  Every check that can refuse runs before the first write (setting WAL mode is that write).
- WAL journal, ``synchronous=FULL`` and a busy timeout: two processes can share one file, and a
  commit survives the process being killed right after it returns.
- Every write runs in ``BEGIN IMMEDIATE … COMMIT`` (see ``Database.write``), retried a few times
  if another process holds the lock longer than the busy timeout.
- A connection belongs to the thread that opened it (sqlite3's ``check_same_thread``).
- Every page is read (``PRAGMA quick_check``) before the first write only when there is reason
  to doubt the file: a process crashed or was killed while it had it open (``marks.py``), a
  migration is about to change it, or the caller asks (``check=True``). A file shorter than its
  header says is refused on every open (that check costs nothing).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from quizmath.core.errors import QuizmathError
from quizmath.core.storage import marks
from quizmath.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")

APPLICATION_ID = 0x517A4D68  # "QzMh": marks a file as a quizmath progress database
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
BUSY_TIMEOUT_S = 5.0
WRITE_RETRIES = 5
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
UNTOUCHED = "the file was left untouched"


class StorageError(QuizmathError):
    """Progress cannot be read or saved; the message names the file and what to do."""

    def __init__(self, message: str, path: Path | str | None = None, *, busy: bool = False) -> None:
        super().__init__(message)
        self.path = None if path is None else Path(path)
        self.busy = busy  # another connection held the write lock: trying later may work


class Database:
    """One open progress file. Create with ``Database.open(path)``."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._mark: str | None = None  # this connection's row in open_marks

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        create: bool = True,
        check: bool = False,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> Database:
        """``create`` False (commands that only read): a missing or empty file is refused and
        nothing is created, not even its folder. ``check``: read every page first, whatever
        the marks say."""
        path = Path(path)
        existed = _preflight(path, create=create)
        try:
            conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open {path}: {exc}; {UNTOUCHED}", path) from None
        db = cls(path, conn)
        try:
            stale = db._check(existed, check)
            _retry(lambda: _set_wal(conn))
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            db._migrate()
            db._mark = db.write(lambda c: marks.mark_open(c, stale), durable=False)
        except StorageError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StorageError(
                f"cannot use {path} as a progress database: {exc}; {UNTOUCHED}", path
            ) from None
        return db

    def reader(self, *, busy_timeout: float = BUSY_TIMEOUT_S) -> Database:
        """A second connection to this open file, for reading off the UI thread. Any thread
        may use it, one at a time (keep it for the app's run: its page cache stays warm). It
        cannot write (``query_only``), leaves no open mark and runs no check or migration:
        this connection did."""
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=busy_timeout,
                isolation_level=None,
                check_same_thread=False,  # the caller keeps to one thread at a time
            )
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open {self.path}: {exc}", self.path) from None
        return Database(self.path, conn)

    def close(self) -> None:
        """Remove this connection's open mark (a clean shutdown) and close."""
        token, self._mark = self._mark, None
        if token is not None:
            # Locked for long, or the disk went away: the next open checks the file.
            with contextlib.suppress(StorageError):
                self.write(lambda c: marks.remove_marks(c, [token]), durable=False)
        self.conn.close()

    # -- reading and writing ------------------------------------------------------------------

    def read(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.ProgrammingError:
            raise  # a bug (wrong thread, closed connection), not a problem with the file
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot read progress from {self.path}: {exc}", self.path) from None

    def write(self, fn: Callable[[sqlite3.Connection], T], *, durable: bool = True) -> T:
        """Run ``fn`` in one write transaction and commit; retried whole if the file is locked,
        so ``fn`` must only touch the database.

        ``durable=False`` (the open marks only): the commit need not reach the disk before
        this returns. It is in the write-ahead log, which the next durable commit syncs with
        its own; a power cut before that loses the mark and nothing else, and a lost mark
        costs at most one needless integrity check. It saves a disk sync on every start and
        every quit (issue 13 item 24)."""
        if not durable:
            with contextlib.suppress(sqlite3.Error):  # if it cannot be set: durable after all
                self.conn.execute("PRAGMA synchronous = NORMAL")
            try:
                return self.write(fn)
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA synchronous = FULL")
        try:
            return _retry(lambda: self._transaction(fn))
        except sqlite3.ProgrammingError:
            raise  # a bug (wrong thread, closed connection), not a problem with the file
        except sqlite3.Error as exc:
            busy = isinstance(exc, sqlite3.OperationalError) and _is_busy(exc)
            raise StorageError(
                f"could not save progress to {self.path}: {exc}", self.path, busy=busy
            ) from None

    def _transaction(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        try:
            result = fn(conn)
        except BaseException:
            if conn.in_transaction:  # some errors (disk full) have rolled back already
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    # -- opening ---------------------------------------------------------------------------

    def _check(self, existed: bool, check: bool) -> list[str]:
        """Refuse, before any write, a file that is not a healthy quizmath database we know.
        Returns the open marks of processes that are gone (see ``marks.py``)."""
        conn, path = self.conn, self.path
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, APPLICATION_ID):
            raise StorageError(
                f"{path} is an SQLite database of another program, not quizmath "
                f"progress; {UNTOUCHED}",
                path,
            )
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{path} was written by a newer quizmath (schema version {version}; this one "
                f"knows up to {SCHEMA_VERSION}). Upgrade quizmath to use it; {UNTOUCHED}",
                path,
            )
        if (
            version == 0
            and app_id == 0
            and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        ):
            raise StorageError(
                f"{path} is an SQLite database of another program, not quizmath "
                f"progress; {UNTOUCHED}",
                path,
            )
        stale = marks.stale_marks(conn)
        if existed and (check or stale or version < SCHEMA_VERSION):
            # A damaged file can still answer the pragmas above; writing into it could make
            # things worse, so after a crash, or before a migration, read every page first.
            integrity_check(conn, path)
        return stale

    def _migrate(self) -> None:
        def step(conn: sqlite3.Connection) -> bool:
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                return False
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            return True

        while self.write(step):
            pass


def integrity_check(conn: sqlite3.Connection, path: Path) -> None:
    """Read every page; a StorageError if the file is damaged."""
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in result[:3])
        raise StorageError(
            f"{path} is damaged ({detail}); {UNTOUCHED}. Move it aside "
            "to start afresh, or restore a backup",
            path,
        )


def _preflight(path: Path, *, create: bool = True) -> bool:
    """Checks that need no SQLite; returns whether a non-empty file is already there."""
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a progress database; {UNTOUCHED}", path)
    if not path.exists() and not create:
        raise StorageError(
            f"{path} does not exist: no progress has been saved there (nothing was created; "
            "check the path, or practise first)",
            path,
        )
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the folder {path.parent}: {exc.strerror or exc}", path
            ) from None
        return False
    if not path.is_file():
        raise StorageError(f"{path} is not a regular file; {UNTOUCHED}", path)
    try:
        with path.open("r+b") as f:  # r+ proves we may write without writing anything
            head = f.read(HEADER_BYTES)
            size = f.seek(0, 2)
    except OSError as exc:
        raise StorageError(
            f"cannot open {path}: {exc.strerror or exc}; {UNTOUCHED}", path
        ) from None
    if not head:
        if not create:
            raise StorageError(
                f"{path} is empty (0 bytes): no progress has been saved in it; {UNTOUCHED}",
                path,
            )
        return False  # an empty file given to practise in is a new database
    if head[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise StorageError(
            f"{path} is not an SQLite database (quizmath progress is kept in SQLite); {UNTOUCHED}",
            path,
        )
    expected = _size_in_header(head)
    if expected and size < expected and not _has_wal(path):
        raise StorageError(
            f"{path} is damaged (cut short: {size} of {expected} bytes); {UNTOUCHED}. Move it "
            "aside to start afresh, or restore a backup",
            path,
        )
    return True


def _size_in_header(head: bytes) -> int:
    """The file size the SQLite header promises (page size × page count), or 0 when the header
    does not say (too short, or its page count is not marked valid)."""
    if len(head) < HEADER_BYTES or head[24:28] != head[92:96]:
        return 0
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(head[28:32], "big")


def _has_wal(path: Path) -> bool:
    """A write-ahead log with content: the main file may be behind it (a checkpoint can stop
    between writing the header and the last page), and opening replays it."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _set_wal(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL journal mode (got {mode})")


def _retry(fn: Callable[[], T]) -> T:
    """Run ``fn``; if the database is busy beyond the busy timeout, wait and try again."""
    for attempt in range(WRITE_RETRIES):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == WRITE_RETRIES - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)

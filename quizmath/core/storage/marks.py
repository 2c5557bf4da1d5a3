"""Open marks: how an open tells a clean shutdown from a crash, to check the file only then.

Reading every page (``PRAGMA quick_check``) takes ~0.6 s at a million attempts, too slow for
every start. So each open connection leaves a row in ``open_marks`` (its process id and host)
and removes it when it is closed. A row whose process is gone means that process crashed or
was killed while it had the file open: the next open checks the file before writing, then
removes the row. Rows of processes still running (another terminal) are left alone. A row from
another host (a shared folder) cannot be asked about; it counts as gone after ``MAX_AGE``.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
import uuid
from datetime import datetime, timedelta

from quizmath.core.storage.times import from_iso, to_iso, utc_now

MAX_AGE = timedelta(days=1)


def has_marks(conn: sqlite3.Connection) -> bool:
    """Whether the file has the table yet (it comes with schema version 3)."""
    return bool(
        conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'open_marks'"
        ).fetchone()[0]
    )


def stale_marks(conn: sqlite3.Connection, now: datetime | None = None) -> list[str]:
    """Tokens of marks left by processes that did not close the file."""
    if not has_marks(conn):
        return []
    now = now or utc_now()
    host = socket.gethostname()
    stale = []
    for token, pid, mark_host, opened_at in conn.execute(
        "SELECT token, pid, host, opened_at FROM open_marks"
    ):
        here = mark_host == host
        if (here and not _alive(pid)) or (not here and now - _when(opened_at, now) > MAX_AGE):
            stale.append(token)
    return stale


def mark_open(
    conn: sqlite3.Connection, clear: list[str], now: datetime | None = None
) -> str | None:
    """In a write transaction: remove the ``clear`` marks (the file was checked) and add this
    connection's mark; returns its token (None for a schema without marks: tests)."""
    if not has_marks(conn):
        return None
    remove_marks(conn, clear)
    token = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO open_marks (token, pid, host, opened_at) VALUES (?, ?, ?, ?)",
        (token, os.getpid(), socket.gethostname(), to_iso(now or utc_now())),
    )
    return token


def remove_marks(conn: sqlite3.Connection, tokens: list[str]) -> None:
    conn.executemany("DELETE FROM open_marks WHERE token = ?", [(t,) for t in tokens])


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) is not a harmless probe there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, as another user
        return True
    return True


def _when(text: str, fallback: datetime) -> datetime:
    try:
        return from_iso(text)
    except ValueError:
        return fallback - 2 * MAX_AGE  # unreadable: old enough to count as gone

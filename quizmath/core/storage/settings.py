"""The ``settings`` table: a few named values, kept in the progress database.

Why the database and not a config file: a setting here is about this learner's progress (a
target date caps the intervals of the cards in the same file; confidence changes how the
attempts in it are rated), so it travels with the file (``--db``, ``$QUIZMATH_DB``, a copy
to another machine), is written with the same crash safety, and needs no second path. Values
are text; ``core.settings`` gives them types and checks them.
"""

from __future__ import annotations

import sqlite3


def read_all(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM settings").fetchall())


def put(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set ``key`` to ``value``; None removes it (back to the default)."""
    if value is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

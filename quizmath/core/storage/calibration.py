"""Reading answers given with a confidence (``attempts.confidence``) for the calibration
table and the list of confident misses. Answers given after viewing the solution are left
out: they say nothing about what the learner knew. Both queries read the partial index
``attempts_by_confidence`` only."""

from __future__ import annotations

import sqlite3

from quizmath.core.storage.times import from_iso
from quizmath.core.terminal_text import neutralise

_COUNTED = "confidence IS NOT NULL AND solution_viewed = 0 AND verdict IN ('accept', 'reject')"


def counts(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """confidence → (answers, right)."""
    rows = conn.execute(
        f"SELECT confidence, count(*), sum(verdict = 'accept') FROM attempts WHERE {_COUNTED} "
        "GROUP BY confidence"
    ).fetchall()
    return {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}


_MISSES = "FROM attempts WHERE confidence = 'high' AND verdict = 'reject' AND solution_viewed = 0"


def miss_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute(f"SELECT count(*) {_MISSES}").fetchone()[0])


def misses(conn: sqlite3.Connection, limit: int) -> list[tuple[int, str, int, str, object]]:
    """(attempt id, template id, seed, answer as typed, when) of the latest confident wrong
    answers, newest first."""
    rows = conn.execute(
        f"SELECT id, template_id, seed, answer, at {_MISSES} ORDER BY id DESC LIMIT ?",
        (max(0, limit),),
    ).fetchall()
    return [(r[0], r[1], r[2], neutralise(r[3]), from_iso(r[4])) for r in rows]

"""The ``placements`` and ``placement_topics`` tables: one row per placement taken, and where
it placed each topic.

A placement is written whole when it ends, in the transaction that seeds its cards; its
answers were recorded as they were given (attempts with mode "placement"), so stopping half-way
loses none of them. Placements are never deleted: the latest one is the learner's map.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

import msgspec

from quizmath.core.storage.times import from_iso, to_iso

LEVELS = ("known", "shaky", "new", "untested")  # core.placement.walk.Level


class TopicRow(msgspec.Struct, frozen=True):
    topic: str
    level: str  # one of LEVELS
    asked: int
    right: int
    below: str | None = None


class PlacementRow(msgspec.Struct, frozen=True):
    id: int
    started_at: datetime
    finished_at: datetime
    questions: int
    right: int
    complete: bool
    seeded: int
    topics: tuple[TopicRow, ...]


def insert(
    conn: sqlite3.Connection,
    started_at: datetime,
    finished_at: datetime,
    complete: bool,
    seeded: int,
    topics: Iterable[TopicRow],
) -> int:
    rows = list(topics)
    for t in rows:
        if t.level not in LEVELS:
            raise ValueError(f"a placement level is one of {LEVELS}, not {t.level!r}")
    cur = conn.execute(
        "INSERT INTO placements (started_at, finished_at, questions, right, complete, seeded) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            to_iso(started_at),
            to_iso(finished_at),
            sum(t.asked for t in rows),
            sum(t.right for t in rows),
            int(complete),
            seeded,
        ),
    )
    placement_id = cur.lastrowid
    assert placement_id is not None
    conn.executemany(
        "INSERT INTO placement_topics (placement_id, topic, level, asked, right, below) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(placement_id, t.topic, t.level, t.asked, t.right, t.below) for t in rows],
    )
    return placement_id


def latest(conn: sqlite3.Connection) -> PlacementRow | None:
    """The most recent placement, its topics in the order they were written."""
    row = conn.execute(
        "SELECT id, started_at, finished_at, questions, right, complete, seeded "
        "FROM placements ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    topics = conn.execute(
        "SELECT topic, level, asked, right, below FROM placement_topics "
        "WHERE placement_id = ? ORDER BY rowid",
        (row[0],),
    ).fetchall()
    return PlacementRow(
        row[0],
        from_iso(row[1]),
        from_iso(row[2]),
        row[3],
        row[4],
        bool(row[5]),
        row[6],
        tuple(TopicRow(*t) for t in topics if t[1] in LEVELS),
    )


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM placements").fetchone()[0])

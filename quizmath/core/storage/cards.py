"""fsrs cards (one per template and per interview question), the review log, self-ratings.

A card is stored as the JSON of ``fsrs.Card.to_dict()`` under a key ``template:<id>`` or
``interview:<id>``; its due time is copied into a column so "what is due" is one indexed query.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import datetime
from typing import TYPE_CHECKING

from quizmath.core.storage.times import to_iso

if TYPE_CHECKING:
    from fsrs import Card

TEMPLATE = "template:"
INTERVIEW = "interview:"


def template_key(template_id: str) -> str:
    return TEMPLATE + template_id


def interview_key(interview_id: str) -> str:
    return INTERVIEW + interview_id


def new_card(key: str, now: datetime) -> Card:
    from fsrs import Card  # here: opening the storage need not import fsrs (start-up time)

    # A stable id (Card() without one uses the clock and sleeps 1 ms).
    return Card(card_id=zlib.crc32(key.encode()), due=now)


def get_card(conn: sqlite3.Connection, key: str) -> Card | None:
    row = conn.execute("SELECT data FROM cards WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    from fsrs import Card

    return Card.from_dict(json.loads(row[0]))


def put_card(conn: sqlite3.Connection, key: str, card: Card, now: datetime) -> None:
    conn.execute(
        "INSERT INTO cards (key, data, due, updated) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET data = excluded.data, due = excluded.due, "
        "updated = excluded.updated",
        (key, json.dumps(card.to_dict()), to_iso(card.due), to_iso(now)),
    )


def cards_with_prefix(conn: sqlite3.Connection, prefix: str) -> dict[str, Card]:
    """Every card whose key starts with ``prefix`` (``TEMPLATE`` or ``INTERVIEW``), keyed by
    the id after the prefix."""
    rows = conn.execute(
        "SELECT key, data FROM cards WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
    ).fetchall()
    from fsrs import Card

    return {key[len(prefix) :]: Card.from_dict(json.loads(data)) for key, data in rows}


def insert_review(
    conn: sqlite3.Connection,
    key: str,
    rating: int,
    at: datetime,
    duration_ms: int | None,
    attempt_id: int | None = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO reviews (card_key, rating, at, duration_ms, attempt_id) "
        "VALUES (?, ?, ?, ?, ?)",
        (key, int(rating), to_iso(at), duration_ms, attempt_id),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def insert_self_rating(
    conn: sqlite3.Connection,
    interview_id: str,
    rating: int,
    at: datetime,
    duration_ms: int | None,
    *,
    score: float | None = None,
    points: str | None = None,
) -> int:
    """A self-rating; ``score`` and ``points`` when it was scored by key points (the share
    covered, and ``core.keypoints.KeyPointScore.encode()``)."""
    columns = "interview_id, rating, at, duration_ms"
    values: tuple[object, ...] = (interview_id, int(rating), to_iso(at), duration_ms)
    if points is not None:  # a rating without points is written as before they existed
        columns += ", score, points"
        values += (score, points)
    marks = ", ".join("?" * len(values))
    cur = conn.execute(f"INSERT INTO interview_ratings ({columns}) VALUES ({marks})", values)
    assert cur.lastrowid is not None
    return cur.lastrowid


def scored_ratings(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(interview id, points) of every self-rating scored by key points, oldest first."""
    return conn.execute(
        "SELECT interview_id, points FROM interview_ratings WHERE points IS NOT NULL ORDER BY id"
    ).fetchall()


def reviews(conn: sqlite3.Connection, key: str) -> list[tuple[int, str, int | None]]:
    """(rating, at, duration_ms) of a card's reviews, oldest first."""
    return conn.execute(
        "SELECT rating, at, duration_ms FROM reviews WHERE card_key = ? ORDER BY id", (key,)
    ).fetchall()

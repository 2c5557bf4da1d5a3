"""UTC timestamps as stored: aware datetimes in, fixed-width ISO 8601 text out.

A fixed width (always microseconds, always ``+00:00``) makes text order equal time order, so
SQL can compare and sort the stored strings directly.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(when: datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("naive datetime: pass an aware UTC time (fsrs refuses naive ones)")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)

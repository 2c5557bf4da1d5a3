"""Totals kept as attempts and self-ratings are written (``template_totals`` and ``activity``,
maintained by triggers: see migration 3), and the reads that use them instead of every row.

``activity`` counts answers per 15-minute slot of UTC time. A learner's day (local, starting at
the rollover hour: ``quizmath.core.days``) is a whole number of slots, because every time-zone
offset and every daylight-saving change is a multiple of 15 minutes. So the answers of each day
are a sum of slots, computed in SQL: the history is cut where the zone's offset changes, and
within each piece ``day = (slot start + offset − rollover) // 86400``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import msgspec

from quizmath.core.days import LearnerDays
from quizmath.core.storage.migrations import SLOT_S

DAY_S = 86_400
EPOCH = date(1970, 1, 1)
# Offsets are sampled daily and each change is then found to the slot; a zone that changed
# its offset and back within one day (none does today) would be missed.
_SAMPLE_S = DAY_S


class Tally(msgspec.Struct, frozen=True):
    attempts: int = 0
    earned: int = 0  # correct without the solution viewed


class DayTotals(msgspec.Struct, frozen=True):
    attempts: int = 0
    earned: int = 0
    ratings: int = 0  # interview self-ratings

    @property
    def answers(self) -> int:
        return self.attempts + self.ratings


def template_tallies(conn: sqlite3.Connection) -> dict[str, Tally]:
    """Per template: attempts recorded and how many were earned-correct."""
    rows = conn.execute(
        "SELECT template_id, attempts, earned FROM template_totals WHERE attempts > 0"
    ).fetchall()
    return {r[0]: Tally(r[1], r[2]) for r in rows}


def template_tally(conn: sqlite3.Connection, template_id: str) -> Tally:
    row = conn.execute(
        "SELECT attempts, earned FROM template_totals WHERE template_id = ?", (template_id,)
    ).fetchone()
    return Tally() if row is None else Tally(row[0], row[1])


def days(conn: sqlite3.Connection, learner: LearnerDays) -> dict[date, DayTotals]:
    """Answers per learner's day, every day with at least one answer."""
    first, last = conn.execute("SELECT min(slot), max(slot) FROM activity").fetchone()
    if first is None:
        return {}
    out: dict[date, DayTotals] = {}
    for lo, hi, shift in offset_pieces(learner, first * SLOT_S, (last + 1) * SLOT_S):
        rows = conn.execute(
            f"SELECT (slot * {SLOT_S} + ?) / {DAY_S} AS d, sum(attempts), sum(earned), "
            "sum(ratings) FROM activity WHERE slot >= ? AND slot < ? GROUP BY d",
            (shift, lo // SLOT_S, hi // SLOT_S),
        ).fetchall()
        for d, attempts, earned, ratings in rows:
            if attempts + ratings <= 0:
                continue  # every answer of the day was deleted
            day = EPOCH + timedelta(days=d)
            old = out.get(day, DayTotals())  # a day cut by an offset change
            out[day] = DayTotals(
                old.attempts + attempts, old.earned + earned, old.ratings + ratings
            )
    return out


def offset_pieces(learner: LearnerDays, start_s: int, end_s: int) -> Iterator[tuple[int, int, int]]:
    """``(from_s, to_s, shift_s)``: the span [start_s, end_s) of UTC seconds (multiples of
    SLOT_S) cut where the zone's UTC offset changes; within a piece a time t lies in the
    learner's day ``(t + shift_s) // 86400`` days after 1970-01-01."""
    rollover = learner.rollover_hour * 3600

    def shift(t: int) -> int:
        offset = learner.local(datetime.fromtimestamp(t, UTC)).utcoffset()
        return int(offset.total_seconds()) - rollover if offset is not None else -rollover

    lo, current = start_s, shift(start_s)
    last = end_s - SLOT_S  # the start of the last slot in the span
    t = start_s
    while t < last:
        ahead = min(t + _SAMPLE_S, last)
        if shift(ahead) == current:
            t = ahead
            continue
        a, b = t, ahead  # shift(a) == current != shift(b): find the first slot that changed
        while b - a > SLOT_S:
            mid = (a + b) // 2 // SLOT_S * SLOT_S
            if shift(mid) == current:
                a = mid
            else:
                b = mid
        yield lo, b, current
        lo, current, t = b, shift(b), b
    yield lo, end_s, current

"""Totals kept as rows are written (issue 13 item 23): they always equal what the rows say, an
older file gets them built by its migration, and per-day figures computed from 15-minute slots
equal converting every timestamp, in any zone and across daylight-saving changes."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizmath.core.days import LearnerDays
from quizmath.core.storage import Attempt, Storage, totals
from quizmath.core.storage import db as dbmod
from quizmath.core.storage.attempts import insert_attempt
from quizmath.core.storage.cards import insert_self_rating
from quizmath.core.storage.migrations import MIGRATIONS

T0 = datetime(2025, 10, 20, tzinfo=UTC)  # spans the autumn and spring daylight-saving changes


def _random_history(s: Storage, rng: random.Random, n: int) -> None:
    def tx(conn: sqlite3.Connection) -> None:
        for i in range(n):
            at = T0 + timedelta(seconds=rng.randrange(200 * 86_400))
            if rng.random() < 0.2:
                insert_self_rating(conn, f"q{rng.randrange(3)}", rng.randint(1, 4), at, 1000)
                continue
            a = Attempt(
                f"t.{rng.randrange(5)}",
                i,
                "x",
                rng.choice(("accept", "reject", "skipped")),
                1000,
                solution_viewed=rng.random() < 0.2,
                at=at,
            )
            insert_attempt(conn, a, None)

    s.write(tx)


def _expected_totals(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT template_id, count(*), sum(correct AND NOT solution_viewed) FROM attempts "
            "GROUP BY template_id"
        )
    }


def _expected_days(conn: sqlite3.Connection, learner: LearnerDays) -> dict[date, tuple]:  # type: ignore[type-arg]
    """Every timestamp converted one by one (what stats did before)."""
    attempts: Counter[date] = Counter()
    earned: Counter[date] = Counter()
    ratings: Counter[date] = Counter()
    for at, right in conn.execute("SELECT at, correct AND NOT solution_viewed FROM attempts"):
        d = learner.day_of(datetime.fromisoformat(at))
        attempts[d] += 1
        earned[d] += right
    for (at,) in conn.execute("SELECT at FROM interview_ratings"):
        ratings[learner.day_of(datetime.fromisoformat(at))] += 1
    return {d: (attempts[d], earned[d], ratings[d]) for d in attempts | ratings}


def _days(conn: sqlite3.Connection, learner: LearnerDays) -> dict[date, tuple]:  # type: ignore[type-arg]
    return {d: (t.attempts, t.earned, t.ratings) for d, t in totals.days(conn, learner).items()}


def _zones() -> list[object]:
    zones: list[object] = [
        UTC,
        timezone(timedelta(hours=-5)),
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=5, minutes=45)),
        timezone(timedelta(hours=-9, minutes=-30)),
    ]
    try:
        import zoneinfo

        for name in ("America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"):
            zones.append(zoneinfo.ZoneInfo(name))
    except Exception:  # no time-zone database: the fixed offsets still run
        pass
    return zones


@pytest.mark.parametrize("zone", _zones(), ids=str)
def test_days_from_slots_equal_converting_every_timestamp(db_path: Path, zone) -> None:  # type: ignore[no-untyped-def]
    with Storage.open(db_path) as s:
        _random_history(s, random.Random(str(zone)), 3000)
        conn = s.read(lambda c: c)
        for hour in (0, 4, 23):
            learner = LearnerDays(zone, hour)  # type: ignore[arg-type]
            assert _days(conn, learner) == _expected_days(conn, learner), hour


def test_days_follow_the_system_time_zone(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    if not hasattr(time, "tzset") or not Path("/usr/share/zoneinfo/America/New_York").exists():
        pytest.skip("needs tzset and the system time-zone database")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        with Storage.open(db_path) as s:
            _random_history(s, random.Random(7), 2000)
            conn = s.read(lambda c: c)
            assert _days(conn, LearnerDays()) == _expected_days(conn, LearnerDays())
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_totals_follow_inserts_deletes_and_updates(db_path: Path) -> None:
    rng = random.Random(3)
    learner = LearnerDays(UTC)
    with Storage.open(db_path) as s:
        _random_history(s, rng, 500)

        def edit(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM attempts WHERE id % 7 = 0")
            conn.execute(
                "UPDATE attempts SET solution_viewed = 1 - solution_viewed WHERE id % 5 = 0"
            )
            conn.execute("UPDATE attempts SET template_id = 't.moved' WHERE id % 11 = 0")
            conn.execute(
                "UPDATE attempts SET at = '2026-06-01T12:00:00.000000+00:00' WHERE id % 13 = 0"
            )
            conn.execute("DELETE FROM interview_ratings WHERE id % 3 = 0")

        s.write(edit)
        conn = s.read(lambda c: c)
        assert {k: (v.attempts, v.earned) for k, v in s.tallies().items()} == _expected_totals(conn)
        assert _days(conn, learner) == _expected_days(conn, learner)


def test_a_migration_builds_the_totals_of_an_existing_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:
        old.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
        old.setattr(dbmod, "SCHEMA_VERSION", 2)
        with Storage.open(db_path) as s:
            _random_history(s, random.Random(5), 1000)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    learner = LearnerDays(timezone(timedelta(hours=-5)))
    with Storage.open(db_path) as s:
        conn = s.read(lambda c: c)
        assert s.read(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == len(MIGRATIONS)
        assert {k: (v.attempts, v.earned) for k, v in s.tallies().items()} == _expected_totals(conn)
        assert _days(conn, learner) == _expected_days(conn, learner)
        # and they are kept from then on
        s.add_attempt(Attempt("t.0", 1, "x", "accept", 1, at=T0))
        assert {k: (v.attempts, v.earned) for k, v in s.tallies().items()} == _expected_totals(conn)


def test_recent_results_merge_templates_newest_first(db_path: Path) -> None:
    with Storage.open(db_path) as s:
        for i, (tid, verdict) in enumerate(
            [("a", "accept"), ("b", "reject"), ("a", "reject"), ("c", "accept"), ("b", "accept")]
        ):
            s.add_attempt(Attempt(tid, i, "x", verdict, 1))
        assert s.recent_results(["a", "b"], 3) == [True, False, False]
        assert s.recent_results(["a", "b", "c", "a"], 10) == [True, True, False, False, True]
        assert s.recent_results([], 3) == [] and s.recent_results(["a"], 0) == []

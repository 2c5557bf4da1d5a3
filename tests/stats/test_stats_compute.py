"""Statistics from a database built here (a stand-in bank of five templates).

Local days are in UTC−5 unless said. The learner practised
  Mar 3, 4, 5, 6   one right attempt a day                 (a 4-day run)
  Mar 16           one wrong attempt at 22:00 local (Mar 17 03:00 UTC)
  Mar 17           vectors: right, right after viewing the solution, wrong; norms: right, right
  Mar 18 (today)   one interview self-rating only
so the current streak is 3 (Mar 16–18) and the longest 4; Mar 17 has 5 attempts, 3 earned.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizmath.commands.stats import stats_text
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.scheduler import Scheduler
from quizmath.core.stats import compute_stats, level, streaks
from quizmath.core.storage import Storage
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt

TZ = timezone(timedelta(hours=-5), "UTC-05")
NOW = datetime(2026, 3, 18, 15, 0, tzinfo=UTC)  # Wednesday, 10:00 local
VECTORS, NORMS = "linear-algebra/vectors", "linear-algebra/norms"


@dataclass(frozen=True)
class FakeTemplate:
    id: str
    topic: str
    difficulty: int = 1
    title: str = "a template"  # the bank lists templates by their summary (id, title…)


def make_bank() -> Bank:
    ts = [
        FakeTemplate("t.vec1", VECTORS),
        FakeTemplate("t.vec2", VECTORS),
        FakeTemplate("t.norm", NORMS),
        FakeTemplate("t.det", "linear-algebra/determinants"),
        FakeTemplate("t.eig", "linear-algebra/eigen"),
    ]
    return Bank({t.id: t for t in ts}, [], default_curriculum())  # type: ignore[misc]


def utc(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    path = tmp_path / "progress.db"
    bank = make_bank()
    with Storage.open(path) as s:
        sched = Scheduler(s, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(1))
        for day in (3, 4, 5, 6):
            s.add_attempt(Attempt("t.vec1", day, "1", "accept", 9000, at=utc(3, day, 17)))
        s.add_attempt(Attempt("t.vec2", 16, "1", "reject", 9000, at=utc(3, 17, 3)))
        s.add_attempt(Attempt("t.vec1", 1, "1", "accept", 9000, at=utc(3, 17, 14)))
        s.add_attempt(
            Attempt("t.vec1", 2, "1", "accept", 9000, solution_viewed=True, at=utc(3, 17, 14))
        )
        s.add_attempt(Attempt("t.vec2", 3, "1", "reject", 9000, at=utc(3, 17, 14)))
        for seed in (1, 2):  # norms: right and reviewed Good: a mastered topic
            sched.record_attempt(Attempt("t.norm", seed, "1", "accept", 5000, at=utc(3, 17, 15)))
        sched.rate_interview("some-question", 3, duration_ms=1000, at=utc(3, 18, 14))
        drills(s)
    return path


def drills(s: Storage) -> None:
    """A finished drill (1 of 2, started Mar 16 local), a discarded and a running one."""

    def run(at: datetime, correct: tuple[str, ...], end: str | None) -> None:
        def tx(conn):  # type: ignore[no-untyped-def]
            rid = drill_rows.insert_run(
                conn,
                seed=1,
                seeded=True,
                weighted=False,
                topics=(),
                limit_ms=60_000,
                code="c0de",
                at=at,
                items=[("problem", "t.vec1", 9, VECTORS)] * 2,
            )
            for pos, outcome in enumerate(correct):
                drill_rows.save_item(conn, rid, pos, outcome=outcome, answer="", ms=1, at=at)
            if end:
                status = "finished" if end != "discarded" else "discarded"
                drill_rows.end_run(conn, rid, status=status, ended=end, at=at)

        s.write(tx)

    run(utc(3, 17, 3), ("correct", "wrong"), "completed")
    run(utc(3, 17, 4), ("correct",), "discarded")
    run(utc(3, 18, 4), (), None)


def stats_of(db: Path, **kw):  # type: ignore[no-untyped-def]
    with Storage.open(db) as s:
        return compute_stats(s, make_bank(), now=kw.pop("now", NOW), tz=TZ, **kw)


def test_streaks_across_a_gap(db: Path) -> None:
    st = stats_of(db).streak
    assert (st.current, st.longest, st.last_day, st.practiced_today) == (
        3,
        4,
        date(2026, 3, 18),
        True,
    )
    # Tomorrow, before practising, the streak still stands; the day after it is gone.
    tomorrow = stats_of(db, now=NOW + timedelta(days=1)).streak
    assert (tomorrow.current, tomorrow.practiced_today) == (3, False)
    assert stats_of(db, now=NOW + timedelta(days=2)).streak.current == 0
    assert streaks([], date(2026, 1, 1)).current == 0


def test_days_are_local_days(db: Path) -> None:
    s = stats_of(db)
    by_day = {p.day: p for p in s.daily}
    # 03:00 UTC on Mar 17 is 22:00 on Mar 16 in UTC−5.
    assert by_day[date(2026, 3, 16)].attempts == 1
    assert s.drills[0].day == date(2026, 3, 16)
    with Storage.open(db) as storage:
        in_utc = compute_stats(storage, make_bank(), now=NOW, tz=UTC, rollover_hour=0)
    assert {p.day: p.attempts for p in in_utc.daily}[date(2026, 3, 16)] == 0


def test_per_day_attempts_and_accuracy(db: Path) -> None:
    s = stats_of(db, weeks=3)
    assert s.daily[0].day == date(2026, 3, 2) and s.daily[-1].day == date(2026, 3, 18)
    by_day = {p.day: p for p in s.daily}
    mar17 = by_day[date(2026, 3, 17)]
    assert (mar17.attempts, mar17.correct, mar17.accuracy) == (5, 3, 0.6)  # solution viewed
    assert by_day[date(2026, 3, 18)].accuracy is None  # an interview rating is not an attempt
    t = s.totals
    assert (t.attempts, t.correct, t.answers, t.practice_days, t.drills, t.first_day) == (
        10,
        7,
        11,
        7,
        1,
        date(2026, 3, 3),
    )


def test_calendar_grid(db: Path) -> None:
    c = stats_of(db, weeks=3).calendar
    assert (c.start, c.end, c.busiest, len(c.weeks)) == (
        date(2026, 3, 2),
        date(2026, 3, 18),
        5,
        3,
    )
    first, _, last = c.weeks
    assert [(x.day.day, x.answers, x.level) for x in first if x] == [
        (2, 0, 0),
        (3, 1, 1),
        (4, 1, 1),
        (5, 1, 1),
        (6, 1, 1),
        (7, 0, 0),
        (8, 0, 0),
    ]
    assert [None if x is None else (x.answers, x.level) for x in last] == [
        (1, 1),
        (5, 4),
        (1, 1),
        None,
        None,
        None,
        None,  # Thursday on: the future
    ]
    assert [len(row) for row in c.rows()] == [3] * 7
    assert [level(n, 8) for n in (0, 1, 2, 3, 4, 6, 8)] == [0, 1, 1, 2, 2, 3, 4]


def test_drill_history_and_weakest_topics(db: Path) -> None:
    s = stats_of(db)
    assert [(d.drill_id, d.correct, d.total, d.percent) for d in s.drills] == [(1, 1, 2, 50.0)]
    norms = next(t for t in s.topics if t.topic_id == NORMS)
    assert norms.mastery is not None and norms.mastery > 0.8
    assert [(w.topic_id, w.reason) for w in s.weakest] == [
        (VECTORS, "weak"),
        ("linear-algebra/determinants", "not started"),
        ("linear-algebra/eigen", "not started"),
    ]
    vectors = s.weakest[0]
    assert (
        vectors.attempts == 8 and vectors.accuracy == 5 / 8
    )  # the solution-viewed one: not earned


def test_json_and_text(db: Path) -> None:
    s = stats_of(db, weeks=3)
    data = json.loads(json.dumps(s.to_json()))
    assert data["streak"] == {
        "current": 3,
        "longest": 4,
        "last_day": "2026-03-18",
        "practiced_today": True,
    }
    assert data["timezone"] == "UTC-05"
    assert data["daily"][-2] == {"day": "2026-03-17", "attempts": 5, "correct": 3, "accuracy": 0.6}
    assert data["calendar"]["weeks"][2][3] is None
    assert data["weakest"][0]["topic_id"] == VECTORS
    text = stats_text(s)
    assert "10 problem attempts (70% right) and 1 interview self-rating on 7 days" in text
    assert "Streak: 3 days (longest 4)." in text
    assert "  Mon · · ░\n      ░ · █\n" in text  # Mondays Mar 2, 9, 16; Tuesdays 3, 10, 17
    assert f"  {VECTORS:<40} Vectors and the dot product — mastery" in text


def test_local_days_follow_daylight_saving(tmp_path: Path) -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        ny = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database")
    with Storage.open(tmp_path / "p.db") as s:
        # 04:30 UTC is 23:30 the day before in winter (UTC−5) and 00:30 in summer (UTC−4);
        # days start at midnight here (the rollover hour has its own tests).
        s.add_attempt(
            Attempt("t.vec1", 1, "1", "accept", 1, at=datetime(2026, 1, 15, 4, 30, tzinfo=UTC))
        )
        s.add_attempt(
            Attempt("t.vec1", 2, "1", "accept", 1, at=datetime(2026, 7, 15, 4, 30, tzinfo=UTC))
        )
        st = compute_stats(
            s, make_bank(), now=datetime(2026, 7, 20, tzinfo=UTC), tz=ny, rollover_hour=0, weeks=30
        )
    days = {p.day for p in st.daily if p.attempts}
    assert days == {date(2026, 1, 14), date(2026, 7, 15)}


def test_system_time_zone_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(time, "tzset") or not Path("/usr/share/zoneinfo/America/New_York").exists():
        pytest.skip("needs tzset and the system time-zone database")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        with Storage.open(tmp_path / "p.db") as s:
            s.add_attempt(
                Attempt("t.vec1", 1, "1", "accept", 1, at=datetime(2026, 1, 15, 4, 30, tzinfo=UTC))
            )
            st = compute_stats(s, make_bank(), now=datetime(2026, 1, 20, tzinfo=UTC))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert st.totals.first_day == date(2026, 1, 14)


def test_stats_command_prints_json(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "stats", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["totals"]["attempts"] == 10 and data["totals"]["drills"] == 1
    assert data["drills"][0]["percent"] == 50.0
    assert {"topics", "daily", "calendar", "streak", "weakest"} <= set(data)
    plain = subprocess.run(
        [sys.executable, "-m", "quizmath", "stats", "--db", str(db)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert plain.returncode == 0 and "Practice calendar since" in plain.stdout


def test_coding_exercises_count_and_stats_json_lists_them(tmp_path: Path) -> None:
    """An exercise solved on its screen (an attempt in mode "exercise" that reviewed its card)
    is in ``stats --json``: its own entry, its topic's counts, the day's attempts."""
    from quizmath.core.exercises.catalog import load_exercises

    path = tmp_path / "p.db"
    with Storage.open(path) as s:
        sched = Scheduler(s, make_bank(), fuzzing=False, now=lambda: NOW, rng=random.Random(1))
        attempt = Attempt("linalg.vector-ops", 0, "f.py", "accept", 60_000, mode="exercise", at=NOW)
        sched.record_attempt(attempt, review=True)
        st = compute_stats(s, make_bank(), now=NOW, tz=TZ, exercises=load_exercises())
    vectors = next(t for t in st.topics if t.topic_id == VECTORS)
    assert (vectors.exercises, vectors.exercises_seen, vectors.attempts) == (1, 1, 1)
    assert vectors.mastery is not None and vectors.mastery > 0
    (solved,) = [x for x in st.exercises if x.attempts]
    assert (solved.exercise_id, solved.solved, solved.state) == ("linalg.vector-ops", 1, "solved")
    assert len(st.exercises) >= 16 and st.daily[-1].attempts == 1
    assert "Coding exercises: 1 of" in stats_text(st)
    from quizmath.tui.screens.stats import summary  # the stats screen says it the same way

    assert f"Coding exercises: 1 of {len(st.exercises)} solved." in summary(st).plain
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "stats", "--json", "--db", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    entry = next(x for x in data["exercises"] if x["exercise_id"] == "linalg.vector-ops")
    assert (
        entry["attempts"] == entry["solved"] == 1 and entry["due"]
    )  # (due by now: the real clock)
    topic = next(t for t in data["topics"] if t["topic_id"] == VECTORS)
    assert topic["exercises"] == 1 and topic["exercises_seen"] == 1

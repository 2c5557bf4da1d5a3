"""The learner's day starts at the rollover hour (4 am local), not at midnight (issue 13 item
19, issue 14 item 4); the stats text says "1 attempt" and "—" for a topic not started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizmath.commands.stats import stats_text
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.days import ROLLOVER_HOUR, LearnerDays
from quizmath.core.stats import compute_stats
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt

TZ = timezone(timedelta(hours=-5), "UTC-05")


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True)
class FakeTemplate:
    id: str
    topic: str
    difficulty: int = 1
    title: str = "a template"  # the bank lists templates by their summary (id, title…)


def bank() -> Bank:
    ts = [
        FakeTemplate("t.vec1", "linear-algebra/vectors"),
        FakeTemplate("t.norm", "linear-algebra/norms"),
        FakeTemplate("t.det", "linear-algebra/determinants"),
    ]
    return Bank({t.id: t for t in ts}, [], default_curriculum())  # type: ignore[misc]


def test_a_day_starts_at_the_rollover_hour() -> None:
    days = LearnerDays(TZ)
    assert ROLLOVER_HOUR == 4 and days.rollover_hour == 4
    assert days.day_of(local(3, 18, 3, 59)) == date(2026, 3, 17)
    assert days.day_of(local(3, 18, 4, 0)) == date(2026, 3, 18)
    assert days.day_of(local(3, 18, 23, 59)) == date(2026, 3, 18)
    assert days.start(date(2026, 3, 18)) == local(3, 18, 4)
    assert LearnerDays(TZ, 0).day_of(local(3, 18, 0, 30)) == date(2026, 3, 18)
    with pytest.raises(ValueError):
        LearnerDays(TZ, 24)


def test_the_start_of_a_day_follows_daylight_saving() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        ny = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database")
    days = LearnerDays(ny)
    # 2026-03-08: clocks go forward at 2 am; 4 am is EDT (UTC−4) that day, EST the day before.
    assert days.start(date(2026, 3, 7)) == datetime(2026, 3, 7, 9, tzinfo=UTC)
    assert days.start(date(2026, 3, 8)) == datetime(2026, 3, 8, 8, tzinfo=UTC)
    assert days.day_of(datetime(2026, 3, 8, 7, 59, tzinfo=UTC)) == date(2026, 3, 7)


@pytest.fixture
def night_owl(tmp_path: Path) -> Path:
    """Practice on Mar 16 at 21:00, at 01:30 that night, and on Mar 18 at 00:30 (the night of
    the 17th): three learner days in a row, though midnight days would have a gap."""
    path = tmp_path / "p.db"
    with Storage.open(path) as s:
        for at in (local(3, 16, 21), local(3, 17, 1, 30), local(3, 18, 0, 30)):
            s.add_attempt(Attempt("t.vec1", at.hour, "1", "accept", 1000, at=at))
    return path


def test_stats_count_late_practice_for_the_evening_before(night_owl: Path) -> None:
    now = local(3, 18, 2)  # 2 am on Mar 18: still the learner's Mar 17
    with Storage.open(night_owl) as s:
        st = compute_stats(s, bank(), now=now, tz=TZ)
        at_midnight = compute_stats(s, bank(), now=now, tz=TZ, rollover_hour=0)
    assert st.today == date(2026, 3, 17) and st.day_starts_at == 4
    assert {p.day: p.attempts for p in st.daily if p.attempts} == {
        date(2026, 3, 16): 2,
        date(2026, 3, 17): 1,
    }
    assert (st.streak.current, st.streak.practiced_today) == (2, True)
    assert st.totals.practice_days == 2
    assert st.to_json()["day_starts_at"] == 4
    assert at_midnight.today == date(2026, 3, 18)
    assert {p.day for p in at_midnight.daily if p.attempts} == {
        date(2026, 3, 16),
        date(2026, 3, 17),
        date(2026, 3, 18),
    }
    assert "(days in UTC-05, starting at 04:00)" in stats_text(st)


def test_stats_text_counts_one_attempt_and_dashes_topics_not_started(night_owl: Path) -> None:
    with Storage.open(night_owl) as s:
        s.add_attempt(Attempt("t.norm", 1, "1", "accept", 1000, at=local(3, 17, 12)))
        text = stats_text(compute_stats(s, bank(), now=local(3, 18, 12), tz=TZ))
    norms = next(line for line in text.splitlines() if line.strip().startswith("Norms"))
    assert norms.endswith("1 attempt, 100% right"), norms
    determinants = next(line for line in text.splitlines() if "Determinant" in line)
    assert "0%" not in determinants and determinants.endswith("—  not started"), determinants
    assert "1 attempts" not in text

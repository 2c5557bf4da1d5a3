"""Confidence before feedback: the ratings it changes, and the calibration table and the
confident misses read from a database built here."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.calibration import load_calibration
from quizmath.core.confidence import Confidence, misconception, parse_confidence
from quizmath.core.scheduler import Scheduler, rate_attempt
from quizmath.core.stats import compute_stats
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class T:
    def __init__(self, id: str, title: str) -> None:
        self.id, self.title, self.topic, self.difficulty = id, title, "linear-algebra/vectors", 1


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "p.db")
    yield s
    s.close()


def bank() -> Bank:
    ts = [T("a", "Dot product"), T("b", "Angle")]
    return Bank({t.id: t for t in ts}, [], default_curriculum())  # type: ignore[misc]


def attempt(verdict: str, confidence: str | None, **kw: object) -> Attempt:
    return Attempt("a", 1, "7", verdict, 4_000, confidence=confidence, at=NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verdict", "confidence", "rating"),
    [
        ("accept", "low", Rating.Hard),  # right but unsure
        ("accept", "medium", Rating.Good),
        ("accept", "high", Rating.Good),
        ("accept", None, Rating.Good),
        ("reject", "high", Rating.Again),  # sure and wrong: Again, a misconception
        ("reject", "low", Rating.Again),
    ],
)
def test_ratings_with_confidence(verdict: str, confidence: str | None, rating: Rating) -> None:
    assert rate_attempt(attempt(verdict, confidence), []) == rating


def test_solution_viewed_still_rates_again_even_when_unsure() -> None:
    assert rate_attempt(attempt("accept", "low", solution_viewed=True), []) == Rating.Again


def test_misconception_is_a_confident_wrong_answer_only() -> None:
    assert misconception("high", False)
    assert not misconception("high", True)
    assert not misconception("medium", False) and not misconception(None, False)


@pytest.mark.parametrize(
    ("text", "level"),
    [("1", "low"), ("2", "medium"), ("3", "high"), ("h", "high"), (" Low ", "low"), ("x", None)],
)
def test_parse_confidence(text: str, level: str | None) -> None:
    assert parse_confidence(text) == level


def test_an_unknown_confidence_is_refused() -> None:
    with pytest.raises(ValueError):
        attempt("accept", "certain")


def test_calibration_table_and_confident_misses_from_a_database(storage: Storage) -> None:
    # high: 8 answers, 6 right; medium: 4, 2 right; low: 5, 1 right; plus answers that do not
    # count (no confidence; after the solution; skipped).
    plan = [("high", 6, 2), ("medium", 2, 2), ("low", 1, 4)]
    n = 0
    for level, right, wrong in plan:
        for verdict, count in (("accept", right), ("reject", wrong)):
            for _ in range(count):
                n += 1
                at = NOW + timedelta(minutes=n)
                a = Attempt(
                    "b" if n % 2 else "a", n, f"ans{n}", verdict, 1000, at=at, confidence=level
                )
                storage.add_attempt(a)
    storage.add_attempt(Attempt("a", 99, "x", "reject", 1000, at=NOW))  # no confidence
    storage.add_attempt(
        Attempt("a", 98, "x", "reject", 1000, solution_viewed=True, confidence="high", at=NOW)
    )
    cal = load_calibration(storage, bank())
    table = {str(r.confidence): (r.answers, r.right) for r in cal.rows}
    assert table == {"low": (5, 1), "medium": (4, 2), "high": (8, 6)}
    shares = {str(r.confidence): r.share for r in cal.rows}
    assert shares == {"low": 0.2, "medium": 0.5, "high": 0.75}
    assert cal.misses_total == 2
    assert [m.answer for m in cal.misses] == ["ans8", "ans7"]  # newest first
    assert {m.title for m in cal.misses} <= {"Dot product", "Angle"}
    j = cal.to_json()
    assert [lv["share_right"] for lv in j["levels"]] == [0.2, 0.5, 0.75]
    assert j["confident_misses"]["total"] == 2


def test_an_empty_table_has_every_level(storage: Storage) -> None:
    cal = load_calibration(storage)
    assert [str(r.confidence) for r in cal.rows] == ["low", "medium", "high"]
    assert all(r.answers == 0 and r.share is None for r in cal.rows)


def test_confidence_is_stored_with_the_attempt_and_stats_json_has_the_table(
    storage: Storage,
) -> None:
    s = Scheduler(storage, bank(), fuzzing=False, now=lambda: NOW, rng=random.Random(1))
    recorded = s.record_attempt(attempt("accept", Confidence.LOW))
    assert recorded.rating == Rating.Hard
    assert storage.attempts()[0].confidence == "low"
    stats = compute_stats(storage, bank(), now=NOW + timedelta(hours=1), tz=UTC).to_json()
    levels = {lv["confidence"]: lv for lv in stats["calibration"]["levels"]}
    assert levels["low"]["answers"] == 1 and levels["low"]["share_right"] == 1.0
    assert stats["placement"] is None
    assert stats["settings"] == {"confidence": False, "until": None}

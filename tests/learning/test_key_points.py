"""Interview answers scored by key points: the derived rating, plain mode's numbers, what is
stored, and the points most often missed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from quizmath.core.items.interview import SelfRating
from quizmath.core.keypoint_stats import missed_points
from quizmath.core.keypoints import (
    KeyPointScore,
    derived_rating,
    parse_point_numbers,
    score_points,
)
from quizmath.core.storage import Storage
from quizmath.core.storage import cards as card_rows

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("covered", "of", "rating"),
    [
        (5, 5, SelfRating.GOOD),
        (4, 5, SelfRating.HARD),
        (3, 5, SelfRating.HARD),  # the example: 3 of 5
        (2, 5, SelfRating.AGAIN),
        (0, 5, SelfRating.AGAIN),
        (1, 2, SelfRating.HARD),
        (1, 1, SelfRating.GOOD),
        (0, 1, SelfRating.AGAIN),
    ],
)
def test_the_rating_follows_the_share_covered(covered: int, of: int, rating: SelfRating) -> None:
    assert derived_rating(covered, of) == rating
    assert score_points(range(covered), of).rating == rating


def test_a_score_knows_its_share_and_missed_points_and_round_trips() -> None:
    s = score_points([4, 0, 2], 5)
    assert s.covered == (0, 2, 4) and s.share == 0.6 and s.missed == (1, 3)
    assert s.describe() == "3 of 5 key points"
    assert KeyPointScore.decode(s.encode()) == s
    assert KeyPointScore.decode(None) is None and KeyPointScore.decode("{oops") is None
    assert KeyPointScore.decode('{"of": 2, "covered": [5]}') is None  # out of range


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("1 3 5", (0, 2, 4)),
        ("1,3,5", (0, 2, 4)),
        ("2-4", (1, 2, 3)),
        ("all", (0, 1, 2, 3, 4)),
        ("none", ()),
        ("0", ()),
        ("3 3 1", (0, 2)),
    ],
)
def test_plain_mode_numbers(text: str, covered: tuple[int, ...]) -> None:
    assert parse_point_numbers(text, 5).covered == covered


@pytest.mark.parametrize("text", ["6", "1 x", "4-2", "-1", "1.5"])
def test_plain_mode_refuses_other_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_point_numbers(text, 5)


def test_out_of_range_indices_are_refused() -> None:
    with pytest.raises(ValueError):
        score_points([5], 5)
    with pytest.raises(ValueError):
        score_points([], 0)


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "p.db")
    yield s
    s.close()


def q(id: str, points: int) -> SimpleNamespace:
    return SimpleNamespace(
        id=id, question=f"Question {id}?", key_points=tuple(f"point {i + 1}" for i in range(points))
    )


def rate(storage: Storage, question: str, score: KeyPointScore | None, n: int) -> None:
    storage.write(
        lambda c: card_rows.insert_self_rating(
            c,
            question,
            int(score.rating if score else 3),
            NOW + timedelta(minutes=n),
            1000,
            score=score.share if score else None,
            points=score.encode() if score else None,
        )
    )


def test_the_points_most_often_missed_per_question(storage: Storage) -> None:
    rate(storage, "x", score_points([0, 1, 2], 5), 1)  # missed 4, 5
    rate(storage, "x", score_points([0, 2, 3], 5), 2)  # missed 2, 5
    rate(storage, "x", score_points([0, 1, 2, 3, 4], 5), 3)
    rate(storage, "x", None, 4)  # rated without points: not counted
    rate(storage, "x", score_points([0], 3), 5)  # the file had 3 points then: left out
    rate(storage, "y", score_points([0, 1], 2), 6)
    got = missed_points(storage, [q("x", 5), q("y", 2), q("z", 4)])
    assert [g.question_id for g in got] == ["x", "y"]  # weakest first; z never scored
    x = got[0]
    assert x.scored == 3 and abs(x.mean_share - (0.6 + 0.6 + 1.0) / 3) < 1e-9
    assert [(p.number, p.missed) for p in x.most_missed] == [(5, 2), (2, 1), (4, 1)]
    assert x.most_missed[0].text == "point 5"
    assert got[1].most_missed == ()
    j = x.to_json()
    assert j["most_missed"][0] == {"point": 5, "text": "point 5", "missed": 2, "of": 3}
    row = storage.read(
        lambda c: c.execute("SELECT score, points FROM interview_ratings WHERE id = 1").fetchone()
    )
    assert row == (0.6, '{"of": 5, "covered": [0, 1, 2]}')

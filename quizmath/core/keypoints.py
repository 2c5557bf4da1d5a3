"""Interview answers scored by key points (issue 14, item 3; PrairieLearn's rubrics).

After answering (aloud, in notes or in the head) the learner reveals the model answer and
ticks the key points their answer covered (each interview question lists them). The
self-rating follows from the share covered:

  every point                → Good
  at least half of them      → Hard
  fewer than half            → Again

The learner may override it (Easy is only ever chosen, never derived: covering every point is
a complete answer, not necessarily an effortless one). The score (share covered) and which
points were covered are stored with the rating (``interview_ratings.score`` and ``points``),
in practice and in drills alike; stats list, per question, the points most often missed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizmath.core.items.interview import SelfRating

HALF = 0.5


def derived_rating(covered: int, of: int) -> SelfRating:
    """The self-rating that covering ``covered`` of ``of`` key points earns."""
    if of <= 0:
        raise ValueError("a question without key points cannot be scored by them")
    if covered >= of:
        return SelfRating.GOOD
    if covered / of >= HALF:
        return SelfRating.HARD
    return SelfRating.AGAIN


@dataclass(frozen=True)
class KeyPointScore:
    """Which of a question's key points an answer covered (0-based, ascending)."""

    covered: tuple[int, ...]
    of: int

    def __post_init__(self) -> None:
        if self.of <= 0:
            raise ValueError("a question without key points cannot be scored by them")
        if any(not 0 <= i < self.of for i in self.covered) or len(set(self.covered)) != len(
            self.covered
        ):
            raise ValueError(f"key points are numbered 1 to {self.of}")

    @property
    def share(self) -> float:
        return len(self.covered) / self.of

    @property
    def rating(self) -> SelfRating:
        """The derived self-rating (see the module docstring)."""
        return derived_rating(len(self.covered), self.of)

    @property
    def missed(self) -> tuple[int, ...]:
        return tuple(i for i in range(self.of) if i not in self.covered)

    def describe(self) -> str:
        """ "3 of 5 key points", for a line of feedback."""
        return f"{len(self.covered)} of {self.of} key point{'s' if self.of != 1 else ''}"

    def encode(self) -> str:
        """As stored in ``interview_ratings.points``."""
        return json.dumps({"of": self.of, "covered": list(self.covered)})

    @classmethod
    def decode(cls, text: str | None) -> KeyPointScore | None:
        """A stored value back; None for NULL or anything this version cannot read."""
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(tuple(sorted(int(i) for i in data["covered"])), int(data["of"]))
        except (ValueError, TypeError, KeyError):
            return None


def score_points(covered: Iterable[int], of: int) -> KeyPointScore:
    """A score from 0-based indices (any order); raises ValueError outside 0…of−1."""
    return KeyPointScore(tuple(sorted(set(covered))), of)


_NUMBERS = re.compile(r"[\s,;]+")
ALL, NONE = ("all", "every", "*"), ("none", "no", "0", "-")


def parse_point_numbers(text: str, of: int) -> KeyPointScore:
    """Plain mode's way to tick points: their numbers from 1 (``1 3 4``, ``1,3``, ``2-4``),
    ``all``, or ``none``. Raises ValueError with a message for anything else."""
    words = [w for w in _NUMBERS.split(text.strip().lower()) if w]
    if len(words) == 1 and words[0] in ALL:
        return score_points(range(of), of)
    if len(words) == 1 and words[0] in NONE:
        return score_points((), of)
    covered: set[int] = set()
    for w in words:
        low, dash, high = w.partition("-")
        try:
            first = int(low)
            last = int(high) if dash else first
        except ValueError:
            raise ValueError(
                f'type the numbers of the points you covered (1 to {of}), "all" or "none", '
                f'not "{w}"'
            ) from None
        if not 1 <= first <= last <= of:
            raise ValueError(f"the key points are numbered 1 to {of}")
        covered.update(range(first - 1, last))
    return score_points(covered, of)


def points_with_rating(score: KeyPointScore | None, suggested: bool) -> KeyPointScore | None:
    """The points to store with a rating: the ones ticked, unless none was ticked and the
    learner rated directly (they did not score by points; "none covered" is said by rating
    the suggestion with nothing ticked)."""
    if score is None or (not score.covered and not suggested):
        return None
    return score

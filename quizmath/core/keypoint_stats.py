"""Per interview question, the key points the learner's answers miss most often (from the
self-ratings scored by key points, ``core.keypoints``).

A rating scored when the question had a different number of key points (the file changed
since) is left out: its numbers no longer name the same points.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizmath.core.keypoints import KeyPointScore
from quizmath.core.storage import cards as card_rows

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.storage.store import Storage

SHOWN = 3  # most-missed points listed per question


@dataclass(frozen=True)
class PointMisses:
    number: int  # 1-based, as the learner ticks it
    text: str
    missed: int  # answers that did not cover it
    scored: int  # answers scored

    @property
    def share(self) -> float:
        return self.missed / self.scored if self.scored else 0.0


@dataclass(frozen=True)
class QuestionPoints:
    question_id: str
    question: str
    scored: int  # answers scored by key points
    mean_share: float  # mean share of points covered
    most_missed: tuple[PointMisses, ...]  # missed at least once, most missed first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question_id,
            "question": self.question,
            "scored": self.scored,
            "mean_covered": round(self.mean_share, 4),
            "most_missed": [
                {"point": p.number, "text": p.text, "missed": p.missed, "of": p.scored}
                for p in self.most_missed
            ],
        }


def missed_points(
    storage: Storage, questions: Iterable[InterviewQuestion], shown: int = SHOWN
) -> tuple[QuestionPoints, ...]:
    """Questions answered with key points, the weakest (lowest mean share) first."""
    scores: dict[str, list[KeyPointScore]] = {}
    for interview_id, text in storage.read(card_rows.scored_ratings):
        score = KeyPointScore.decode(text)
        if score is not None:
            scores.setdefault(interview_id, []).append(score)
    out = []
    for q in questions:
        usable = [s for s in scores.get(q.id, []) if s.of == len(q.key_points)]
        if not usable:
            continue
        missed = Counter(i for s in usable for i in s.missed)
        points = tuple(
            PointMisses(i + 1, q.key_points[i], n, len(usable))
            for i, n in sorted(missed.items(), key=lambda x: (-x[1], x[0]))
        )[:shown]
        mean = sum(s.share for s in usable) / len(usable)
        out.append(QuestionPoints(q.id, q.question, len(usable), mean, points))
    return tuple(sorted(out, key=lambda x: (x.mean_share, x.question_id)))

"""Calibration: how often the learner is right at each confidence level, and the answers they
were sure of and got wrong (likely misconceptions; see ``core.confidence``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizmath.core.confidence import Confidence
from quizmath.core.storage import calibration as rows
from quizmath.core.storage.times import to_iso

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.storage.store import Storage

MISSES = 20  # confident misses listed (the newest)


@dataclass(frozen=True)
class CalibrationRow:
    confidence: Confidence
    answers: int
    right: int

    @property
    def share(self) -> float | None:
        """The share of these answers that was right; None without answers."""
        return self.right / self.answers if self.answers else None


@dataclass(frozen=True)
class ConfidentMiss:
    attempt_id: int
    template_id: str
    seed: int
    title: str  # the template's title ("" when it is no longer in the bank)
    topic: str
    answer: str
    at: datetime

    @property
    def ref(self) -> str:
        return f"{self.template_id}@{self.seed}"


@dataclass(frozen=True)
class Calibration:
    rows: tuple[CalibrationRow, ...]  # low, medium, high: every level, even without answers
    misses: tuple[ConfidentMiss, ...]  # newest first, at most MISSES
    misses_total: int

    @property
    def answers(self) -> int:
        return sum(r.answers for r in self.rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "levels": [
                {
                    "confidence": str(r.confidence),
                    "answers": r.answers,
                    "right": r.right,
                    "share_right": None if r.share is None else round(r.share, 4),
                }
                for r in self.rows
            ],
            "confident_misses": {
                "total": self.misses_total,
                "latest": [
                    {
                        "ref": m.ref,
                        "title": m.title,
                        "topic": m.topic,
                        "answer": m.answer,
                        "at": to_iso(m.at),
                    }
                    for m in self.misses
                ],
            },
        }


def load_calibration(
    storage: Storage, bank: Bank | None = None, limit: int = MISSES
) -> Calibration:
    """The table and the latest confident misses, from the database."""

    def read(conn: Any) -> tuple[dict[str, tuple[int, int]], int, list[Any]]:
        return rows.counts(conn), rows.miss_count(conn), rows.misses(conn, limit)

    counts, total, latest = storage.read(read)
    table = tuple(CalibrationRow(level, *counts.get(level.value, (0, 0))) for level in Confidence)
    templates = bank.templates if bank is not None else {}
    misses = []
    for attempt_id, template_id, seed, answer, at in latest:
        template = templates.get(template_id)
        misses.append(
            ConfidentMiss(
                attempt_id,
                template_id,
                seed,
                template.title if template else "",
                template.topic if template else "",
                answer,
                at,
            )
        )
    return Calibration(table, tuple(misses), total)

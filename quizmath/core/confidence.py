"""Confidence before feedback (issue 14, item 2; Moodle's certainty-based marking).

When the setting is on (``core.settings``, or ``--confidence`` in plain practice), the learner
says how sure they are after typing an answer and before the verdict: low, medium or high,
one key (1/2/3 or l/m/h). It is stored with the attempt (``attempts.confidence``) and changes
two ratings (``scheduler.rate_attempt``):

- a wrong answer said with high confidence is rated Again (as any wrong answer) and flagged as
  a likely **misconception**: the learner believes something false, which is worse than not
  knowing; the stats list these ("confident misses");
- a right answer said with low confidence is rated Hard: it was partly a guess.

Stats show the calibration table: of the answers at each level, the share that was right
(``core.calibration``). A well calibrated learner is right far more often when sure.
"""

from __future__ import annotations

from enum import StrEnum


class Confidence(StrEnum):
    """How sure the learner is (the values are stored)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def key(self) -> str:
        return KEYS_BY_LEVEL[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


KEYS_BY_LEVEL = {Confidence.LOW: "1", Confidence.MEDIUM: "2", Confidence.HIGH: "3"}
_WORDS = {
    **{key: level for level, key in KEYS_BY_LEVEL.items()},
    **{level.value: level for level in Confidence},
    **{level.value[0]: level for level in Confidence},
    "unsure": Confidence.LOW,
    "sure": Confidence.HIGH,
}
QUESTION = "How sure are you? 1 low, 2 medium, 3 high"


def parse_confidence(text: str) -> Confidence | None:
    """1/2/3, l/m/h, or the word; None for anything else."""
    return _WORDS.get(text.strip().lower())


def misconception(confidence: str | None, correct: bool) -> bool:
    """A wrong answer given with high confidence: a likely misconception."""
    return confidence == Confidence.HIGH and not correct


def unsure_right(confidence: str | None, correct: bool) -> bool:
    """A right answer given with low confidence: rated Hard."""
    return confidence == Confidence.LOW and correct

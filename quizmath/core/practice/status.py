"""What became of an answer (or a skip): the word the flow decides and the screens style.

Its own module, light to import: the problem screen needs it for its first frame, and the rest
of ``outcomes`` (with the checker's verdict types) need not load before that frame (issue 13
item 24). ``outcomes`` re-exports it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict


class Status(StrEnum):
    """What became of an answer (or a skip)."""

    CORRECT = "correct"  # accepted: the problem is over
    WRONG = "wrong"  # rejected: try again while tries are left, else the problem is over
    INVALID = "invalid"  # could not be read: not counted, type it again
    UNCHECKED = "unchecked"  # could not be checked in time: not counted, type it again
    ROUNDED = "rounded"  # wrong only by rounding where exact values are asked: not counted
    SKIPPED = "skipped"  # given up: recorded, the problem is over

    @classmethod
    def of(cls, verdict: Verdict) -> Status:
        from quizmath.core.answers.verdict import INVALID, REJECT

        if verdict.verdict == INVALID:
            return cls.UNCHECKED if verdict.timed_out else cls.INVALID
        if verdict.verdict == REJECT:
            return cls.ROUNDED if getattr(verdict, "rounded", False) else cls.WRONG
        return cls.CORRECT

    @property
    def counts(self) -> bool:
        """An answer with this status is recorded (and uses a try when wrong)."""
        return self in (Status.CORRECT, Status.WRONG)

"""What the practice flow returns: the tally of a practice session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from quizmath.core.items import Ending


class Finished(Protocol):
    """A problem shown in practice, as far as the tally needs it (``flow.Shown``)."""

    @property
    def ending(self) -> Ending: ...

    @property
    def first_try(self) -> bool: ...


@dataclass(frozen=True)
class PracticeTally:
    """Problems in this practice session and how they ended."""

    shown: int = 0
    correct: int = 0  # accepted (at any try)
    first_try: int = 0  # accepted at the first try, without hints or the solution
    wrong: int = 0  # answered, never accepted, not skipped
    skipped: int = 0

    @classmethod
    def of(cls, history: Iterable[Finished]) -> PracticeTally:
        shown = list(history)
        endings = [s.ending for s in shown]
        return cls(
            len(shown),
            endings.count(Ending.CORRECT),
            sum(s.first_try for s in shown),
            endings.count(Ending.WRONG),
            endings.count(Ending.SKIPPED),
        )

    def summary(self) -> str:
        if not self.shown:
            return "No problems answered."
        noun = "problem" if self.shown == 1 else "problems"
        parts = [f"{self.correct} correct"]
        if self.correct:
            parts[0] += f" ({self.first_try} at the first try)"
        if self.wrong:
            parts.append(f"{self.wrong} wrong")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        unanswered = self.shown - self.correct - self.wrong - self.skipped
        if unanswered:
            parts.append(f"{unanswered} not answered")
        return f"{self.shown} {noun}: " + ", ".join(parts) + "."

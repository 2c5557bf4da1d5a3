"""What the practice flow returns: the outcome of an answer, a hint, the session's tally.

Front ends render these and decide nothing: whether the learner may try again, how many tries
are left, whether the problem is over and why, which known mistake the answer matches and which
entries are wrong are all here, as data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from quizmath.core.items import Ending
from quizmath.core.practice.status import Status

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.problem import Problem
    from quizmath.core.confidence import Confidence
    from quizmath.core.items.multipart import PartAnswer
    from quizmath.core.scheduler import Recorded


@dataclass(frozen=True)
class Outcome:
    """An answer to the problem on screen, judged and (when it counts) recorded."""

    status: Status
    problem: Problem
    verdict: Verdict | None  # the checker's (reason, reading, entries, mistake); None: skipped
    text: str  # as typed ("" for a skip)
    ms: int  # from when the problem was shown
    tries: int  # answers recorded for this problem, this one included
    tries_left: int  # wrong answers the learner may still give before the solution is shown
    finished: bool  # the problem is over: right, skipped, or out of tries
    hints: int  # hints seen before this answer
    solution_viewed: bool  # the solution was seen before this answer
    recorded: Recorded | None  # None: nothing saved (not counted, or the problem was over)
    confidence: Confidence | None = None  # said before the verdict (``core.confidence``)
    misconception: bool = False  # wrong, said with high confidence: a likely misconception
    part: PartAnswer | None = None  # a multi-part problem: the part judged (verdict, note)
    score: float | None = None  # a multi-part problem, once over: parts right / parts

    @property
    def out_of_tries(self) -> bool:
        """The last wrong answer allowed: the worked solution and the answer follow."""
        return self.status == Status.WRONG and self.finished and self.part is None

    @property
    def counted(self) -> bool:
        return self.recorded is not None


@dataclass(frozen=True)
class Hint:
    """A hint, counted when it was asked for."""

    text: str
    number: int  # 1-based
    total: int
    part: str | None = None  # a multi-part problem: the label of the part it is for

    @property
    def left(self) -> int:
        return self.total - self.number


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

"""Helpers for the drill tests: the fixture bank, settable clocks, right and wrong answers.

(A uniquely named module, not conftest, so imports never pick another folder's conftest.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizmath.core.bank.problem import Problem

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = FIXTURES / "bank"
INTERVIEWS = FIXTURES / "interview"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class UtcClock:
    """A settable wall clock (the scheduler's ``now``)."""

    def __init__(self, start: datetime = T0) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


class Mono:
    """A settable monotonic clock in seconds (the drill's ``clock``); ``tick`` moves the wall
    clock along with it when one is attached."""

    def __init__(self, wall: UtcClock | None = None) -> None:
        self.t = 1000.0
        self.wall = wall

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds
        if self.wall is not None:
            self.wall.advance(seconds=seconds)


def right(p: Problem) -> str:
    return p.typed_answer


def wrong(p: Problem) -> str:
    if p.kind == "integer":
        return str(int(p.expected) + 1)
    return "[100, 100, 100]"

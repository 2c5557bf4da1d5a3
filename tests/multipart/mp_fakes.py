"""Helpers for the multi-part tests: the fixture bank, settable clocks, the problems' answers.

(A uniquely named module, not conftest, so imports never pick another folder's conftest.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = FIXTURES / "bank"
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
    """A settable monotonic clock in seconds (the flows' ``clock``)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds

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


def plain_drill_command(db: Path, *args: str) -> list[str]:
    """``quizmath drill --plain`` over the fixture bank and interviews and the database ``db``."""
    import sys

    return [
        sys.executable,
        "-m",
        "quizmath",
        "drill",
        "--plain",
        "--bank",
        str(BANK),
        "--interviews",
        str(INTERVIEWS),
        "--db",
        str(db),
        *args,
    ]


def subprocess_env() -> dict[str, str]:
    """The environment for a quizmath subprocess: UTF-8 output, no inherited QUIZMATH_DB."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env

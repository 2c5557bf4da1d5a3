"""Helpers for the drill, report and stats tests: the app over a database in tmp_path with a
settable drill clock (tests move time forward instead of sleeping), and waits for screens.

Fixture plans (the TUI fixture bank): seed 1 with 2 questions serves tuifix.dot@78095 (Vectors,
answer 18) then tuifix.pick@50408 (Eigenvalues, a choice, answer C).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import INTERVIEWS, NOW, TEMPLATES, StepClock
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import wait_until

from quizmath.core.drill.options import DrillOptions
from quizmath.core.storage import Storage
from quizmath.tui.app import QuizApp
from quizmath.tui.screens.drill import DrillScreen
from quizmath.tui.screens.drill_report import DrillReportScreen
from quizmath.tui.services import Services, StartSpec, in_process_checker

SIZE = (100, 30)
DOT, PICK = "tuifix.dot@78095", "tuifix.pick@50408"  # the seed-1 drill of two questions


class Mono:
    """A settable monotonic clock in seconds: the drill's countdown and item clocks."""

    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def mono() -> Mono:
    return Mono()


@pytest.fixture
def utc_days(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC (dates on screen, the stats' days) whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


MakeDrillApp = Callable[..., QuizApp]


@pytest.fixture
def drill_app(db_path: Path, mono: Mono, tmp_path: Path) -> Iterator[MakeDrillApp]:
    """``drill_app(drill=DrillOptions(...))`` opens like ``quizmath drill``; ``drill_app()``
    opens on home. Coding exercises only when given (``exercises=[paths]``)."""
    opened: list[Storage] = []

    def make(
        *,
        drill: DrillOptions | None = None,
        resume: str | None = None,
        discard: str | None = None,
        exercises: Sequence[Path] = (),
    ) -> QuizApp:
        storage = Storage.open(db_path)
        opened.append(storage)
        services = Services(
            storage,
            bank_paths=[TEMPLATES],
            interview_paths=[INTERVIEWS],
            checker_factory=in_process_checker,
            fuzzing=False,
            now=lambda: NOW,
            rng=random.Random(7),
            clock=StepClock(),
            drill_clock=mono,
            exercise_paths=exercises,
            workspace=tmp_path / "workspace",
        )
        return QuizApp(services, StartSpec(drill=drill, resume=resume, discard=discard))

    yield make
    for storage in opened:
        storage.close()


def options(**kw: Any) -> DrillOptions:
    return DrillOptions(**{"minutes": 1, "questions": 2, "seed": 1, **kw})


async def drill_screen(pilot: Pilot[Any]) -> DrillScreen:
    """The drill screen once its first (or next) question is on screen."""
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, DrillScreen) and app.screen.run is not None
    )
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    return screen


async def report_screen(pilot: Pilot[Any]) -> DrillReportScreen:
    app = pilot.app
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, DrillReportScreen) and app.screen.report is not None,
    )
    screen = app.screen
    assert isinstance(screen, DrillReportScreen)
    return screen


async def submit(pilot: Pilot[Any], screen: DrillScreen, text: str) -> None:
    """Type ``text`` in the answer box and press Enter; wait until it is saved (the next item
    is on screen, or the drill is over)."""
    assert screen.run is not None
    answered = screen.run.answered
    box = screen.query_one("#answer", Input)
    box.value = text
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.run.answered > answered and not screen.checking)


def current_ref(screen: DrillScreen) -> str | None:
    item = screen.run.current if screen.run is not None else None
    return item.ref if item is not None else None


def text_of(widget: Static) -> str:
    return str(widget.render())

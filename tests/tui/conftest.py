"""TUI tests build the app over a database in tmp_path and the fixture templates and interview
questions in ``fixtures/`` (concept pages are the bank's own)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quizmath.core.storage import Storage
from quizmath.tui.app import QuizApp
from quizmath.tui.services import Services, StartSpec, in_process_checker

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATES = FIXTURES / "templates"
INTERVIEWS = FIXTURES / "interview"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class StepClock:
    """A session clock that moves 4.5 s per reading: time taken is always the same."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        self.t += 4.5
        return self.t


@pytest.fixture(autouse=True)
def _no_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZMATH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # never the real user dir


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


MakeApp = Callable[..., QuizApp]


@pytest.fixture
def make_app(db_path: Path, tmp_path: Path) -> Iterator[MakeApp]:
    """``make_app(template="tuifix.dot@3")`` opens on practice; ``make_app()`` on home.
    Coding exercises only when given (``exercises=[paths]``), their files under tmp_path."""
    opened: list[Storage] = []

    def make(
        *,
        topic: str | None = None,
        template: str | None = None,
        count: int | None = None,
        checker: Callable[..., Any] = in_process_checker,
        exercises: Sequence[Path] = (),
        confidence: bool = False,
    ) -> QuizApp:
        from quizmath.core.bank.bank import load_bank

        storage = Storage.open(db_path)
        opened.append(storage)
        start = StartSpec(topic=topic, template=template, count=count)
        services = Services(
            storage,
            bank_paths=[TEMPLATES],
            interview_paths=[INTERVIEWS],
            checker_factory=checker,
            fuzzing=False,
            now=lambda: NOW,
            rng=random.Random(7),
            clock=StepClock(),
            prestarted_bank=load_bank([TEMPLATES]) if start.practice else None,
            exercise_paths=exercises,
            workspace=tmp_path / "workspace",
            confidence=confidence,
        )
        return QuizApp(services, start)

    yield make
    for storage in opened:
        storage.close()


@pytest.fixture
def rows(db_path: Path) -> Callable[[str], list[tuple[Any, ...]]]:
    def query(sql: str) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(db_path)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    return query

"""Fixtures for scheduler and session tests (helpers live in ``practice_fakes``)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice_fakes import TEMPLATES, UtcClock, make_bank

from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "progress.db")
    yield s
    s.close()


@pytest.fixture
def clock() -> UtcClock:
    return UtcClock()


@pytest.fixture
def scheduler(storage: Storage, clock: UtcClock) -> Scheduler:
    return Scheduler(storage, make_bank(*TEMPLATES), fuzzing=False, now=clock, rng=random.Random(7))

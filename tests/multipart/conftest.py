"""Multi-part tests run over the fixture templates in ``fixtures/bank`` and a database under
tmp_path (the six built-in ids of the issue are driven through the CLI in test_done_when)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from mp_fakes import BANK, Mono, UtcClock

from quizmath.core.bank.bank import Bank, load_bank
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("QUIZMATH_NO_CACHE", "1")


@pytest.fixture(scope="session")
def bank() -> Bank:
    b = load_bank([BANK])
    assert not b.errors, b.errors
    return b


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = Storage.open(tmp_path / "data" / "progress.db")
    yield s
    s.close()


@pytest.fixture
def wall() -> UtcClock:
    return UtcClock()


@pytest.fixture
def mono() -> Mono:
    return Mono()


@pytest.fixture
def scheduler(storage: Storage, bank: Bank, wall: UtcClock) -> Scheduler:
    return Scheduler(storage, bank, fuzzing=False, now=wall, rng=random.Random(7))

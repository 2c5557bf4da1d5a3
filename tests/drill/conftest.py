"""Drill tests run over the fixture templates in ``fixtures/`` and a database under tmp_path;
never the real user directory, never the built-in bank (its content changes)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from drill_fakes import BANK, INTERVIEWS, Mono, UtcClock

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank, load_bank
from quizmath.core.content import InterviewBank, load_interviews
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.run import DrillRun
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="session")
def bank() -> Bank:
    b = load_bank([BANK])
    assert not b.errors, b.errors
    return b


@pytest.fixture(scope="session")
def interviews(bank: Bank) -> InterviewBank:
    return load_interviews([INTERVIEWS], set(bank.curriculum.topics))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


@pytest.fixture
def storage(db: Path) -> Iterator[Storage]:
    s = Storage.open(db)
    yield s
    s.close()


@pytest.fixture
def wall() -> UtcClock:
    return UtcClock()


@pytest.fixture
def mono(wall: UtcClock) -> Mono:
    return Mono(wall)


@pytest.fixture
def scheduler(storage: Storage, bank: Bank, wall: UtcClock) -> Scheduler:
    return Scheduler(storage, bank, fuzzing=False, now=wall, rng=random.Random(7))


@pytest.fixture
def start(
    storage: Storage, scheduler: Scheduler, bank: Bank, interviews: InterviewBank, mono: Mono
) -> Callable[..., DrillRun]:
    """Start a drill over the fixture bank with the real checker (in process) and fake clocks."""

    def go(*, questions: int = 2, seed: int = 42, minutes: float | None = 1, **kw: Any) -> DrillRun:
        plan = plan_drill(bank, interviews, questions=questions, seed=seed, **kw)
        return DrillRun.start(
            storage, scheduler, plan, check, interviews=interviews, minutes=minutes, clock=mono
        )

    return go


@pytest.fixture
def cli(tmp_path: Path, db: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``quizmath ARGS… --db DB`` in a subprocess with piped stdin, over the fixture bank."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHONIOENCODING"] = "utf-8"

    def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "quizmath", *args, "--db", str(db)]
        if args and args[0] == "drill":
            cmd[4:4] = ["--bank", str(BANK), "--interviews", str(INTERVIEWS)]
        return subprocess.run(
            cmd,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
            env=env,
            cwd=tmp_path,
        )

    return run

"""Placement tests: every database in the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

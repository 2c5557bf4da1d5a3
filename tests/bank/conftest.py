"""Fixtures of the template cache's tests: a private cache folder, a copy of a small bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.core.bank import cache

FIXTURE_BANK = Path(__file__).resolve().parents[1] / "drill" / "fixtures" / "bank"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The templates' cache folder (not created yet), for this test only."""
    root = tmp_path / "cache"
    root.mkdir()
    monkeypatch.setenv(cache.ENV_DIR, str(root))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return root / "templates"


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A copy of the drill fixture bank that a test may edit."""
    bank = tmp_path / "bank"
    bank.mkdir()
    for f in FIXTURE_BANK.glob("*.yaml"):
        (bank / f.name).write_bytes(f.read_bytes())
    return bank

"""The cycle collector is off while the app starts, and back on once its content has loaded.

Two full collections on the way to the first problem cost about 30 ms of the start (issue 13
item 24); ``tui/gc_pause.py`` says why pausing is safe. These tests hold the other half of the
bargain: the collector always comes back, whichever way start-up ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from quizmath.tui import gc_pause
from quizmath.tui.app import QuizApp
from tests.tui.tui_helpers import wait_until


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Every test starts and ends with the collector on (a failure must not leave it off)."""
    gc.enable()
    yield
    gc_pause.resume()
    gc.enable()
    gc.unfreeze()  # freeze() in a test process would keep its garbage for the whole run


def test_pause_and_resume() -> None:
    gc_pause.pause()
    assert not gc.isenabled() and gc_pause.paused()
    before = gc.get_freeze_count()
    gc_pause.resume()
    assert gc.isenabled() and not gc_pause.paused()
    assert gc.get_freeze_count() > before  # what start-up made is no longer walked
    gc_pause.resume()  # a second resume changes nothing
    assert gc.isenabled()


def test_resume_leaves_a_collector_it_did_not_turn_off() -> None:
    gc.disable()  # somebody else's pause (Textual pauses it while scrolling)
    gc_pause.pause()
    gc_pause.resume()
    assert not gc.isenabled()


def test_open_app_pauses_until_the_app_returns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import quizmath.commands.full_screen as full_screen
    import quizmath.tui.launch as launch

    during: list[bool] = []

    def run_app(services: Any, start: Any, *, program: str = "quizmath") -> int:
        during.append(gc.isenabled())
        return 0  # as when the app is quit before its content loaded

    monkeypatch.setattr(launch, "run_app", run_app)
    monkeypatch.setattr(full_screen, "has_terminal", lambda: True)
    db = str(tmp_path / "p.db")
    assert full_screen.open_app(program="quizmath", plain="p", db=db) == 0
    assert during == [False]
    assert gc.isenabled()


def test_open_app_resumes_when_the_storage_does_not_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import quizmath.commands.full_screen as full_screen

    monkeypatch.setattr(full_screen, "has_terminal", lambda: True)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    code = full_screen.open_app(program="quizmath", plain="p", db=str(a_file / "p.db"))
    assert code == 1
    assert gc.isenabled()


async def test_the_app_resumes_once_its_content_has_loaded(make_app: Any) -> None:
    app: QuizApp = make_app()
    gc_pause.pause()  # as open_app does
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.loaded is not None)
        await pilot.pause()
        assert gc.isenabled() and not gc_pause.paused()


async def test_the_app_resumes_when_the_bank_fails(make_app: Any, monkeypatch: Any) -> None:
    app: QuizApp = make_app()

    def broken() -> Any:
        raise OSError("disk on fire")

    monkeypatch.setattr(app.services, "load_bank", broken)
    gc_pause.pause()
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.bank_error is not None)
        await pilot.pause()
        assert gc.isenabled()

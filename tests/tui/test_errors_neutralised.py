"""Exception text shown in the app is neutralised (issue 13 item 1, the TUI's part): sqlite and
the OS quote file names and rows, and nothing may reach the terminal raw."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static
from tui_helpers import problem_screen, reading, wait_until

from quizmath.core.terminal_text import CONTROL
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.services import Services

SIZE = (100, 30)
HOSTILE = "bad \x1b]0;pwned\x07 file \x1b[2J\u202e"


def raising_checker(_on_fallback: Any) -> Any:
    def check(*args: Any, **kwargs: Any) -> Any:
        raise OSError(HOSTILE)

    return check


async def test_a_checker_failure_is_shown_neutralised(make_app) -> None:
    app = make_app(template="tuifix.dot@3", checker=raising_checker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        screen.box.input.value = "1"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Could not check" in reading(screen))
        assert CONTROL.search(reading(screen)) is None
        assert "␛]0;pwned␇" in reading(screen)  # visible, harmless


async def test_notifications_are_neutralised(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.notify(HOSTILE, title="t\x9bx", markup=False)
        await pilot.pause()
        shown = [(n.message, n.title) for n in app._notifications]
        assert shown and all(CONTROL.search(m + t) is None for m, t in shown)


async def test_a_bank_that_fails_to_load_is_said_neutralised(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Services) -> Any:
        raise OSError(HOSTILE)

    monkeypatch.setattr(Services, "load_bank", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.bank_error is not None)
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        status = str(home.query_one("#status", Static).render())
        assert "did not load" in status and CONTROL.search(status) is None
        assert all(CONTROL.search(n.message) is None for n in app._notifications)

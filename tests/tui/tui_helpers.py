"""Helpers for the TUI tests: wait for a condition (never for a fixed time), read the screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from quizmath.tui.screens.practice import PracticeScreen


async def wait_until(pilot: Pilot[Any], condition: Callable[[], Any], timeout: float = 30) -> None:
    """Let the app run until ``condition()`` is true (workers finish at their own pace)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)
    await pilot.pause()


async def problem_screen(pilot: Pilot[Any]) -> PracticeScreen:
    """The problem screen, once its problem is on screen."""
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, PracticeScreen) and app.screen.problem is not None
    )
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text."""
    return str(widget.render())


def verdict_text(screen: PracticeScreen) -> str:
    return text_of(screen.query_one("VerdictPanel", Static))


def reading(screen: PracticeScreen) -> str:
    return text_of(screen.query_one("#reading", Static))


async def answer(pilot: Pilot[Any], screen: PracticeScreen, text: str) -> None:
    """Put ``text`` in the answer box, press Enter, wait until it is checked."""
    box = screen.query_one("#answer", Input)
    box.value = text
    await pilot.pause()
    before = screen.checks_done
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.checks_done > before and not screen.checking)

"""Keys that arrive together are applied in the order they were typed.

Textual inserts a printable key in the answer box at once, but runs the box's own bound keys
(backspace, ctrl+u, the arrows …) only after the key has travelled up to the app: when several
keys arrive in one read (a busy machine, a terminal over ssh, a fast typist) the editing keys
landed after the characters typed behind them (textual#6605). ``99``, ctrl+u, ``31`` left an
empty box, and Enter then checked nothing or the wrong answer. The concept filter and the
drill's fields are the same kind of box (``OrderedInput``).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input
from tui_helpers import problem_screen, wait_until

from quizmath.tui.paste_guard import PasteGuardParser
from quizmath.tui.screens.concept_index import ConceptIndexScreen
from quizmath.tui.screens.drill_setup import DrillSetupScreen
from quizmath.tui.screens.home import HomeScreen

SIZE = (100, 30)


async def one_read(pilot: Pilot[Any], typed: str, settle: bool = True) -> None:
    """Post ``typed`` as the driver posts one read: every key at once, no pause between."""
    for event in PasteGuardParser().feed(typed):
        pilot.app.post_message(event)
    for _ in range(5 if settle else 0):
        await pilot.pause()


async def from_home(pilot: Pilot[Any], key: str, screen: type[Screen[Any]]) -> Screen[Any]:
    """The screen ``key`` opens from home, once the bank has loaded."""
    app = pilot.app
    await wait_until(pilot, lambda: app.bank is not None and isinstance(app.screen, HomeScreen))
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, screen))
    return app.screen


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("99\x1531", "31"),  # ctrl+u: delete everything to the left
        ("12\x7f3", "13"),  # backspace
        ("12\x1b[D3", "132"),  # left arrow
        ("ab\x01c", "cab"),  # ctrl+a: to the start
    ],
)
async def test_keys_in_one_read_apply_in_order(make_app, typed: str, value: str) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await one_read(pilot, typed)
        assert screen.box.value == value


async def test_enter_in_the_same_read_checks_what_was_typed(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await one_read(pilot, "7\x7f55\r", settle=False)
        await wait_until(pilot, lambda: screen.finished or bool(rows("SELECT 1 FROM attempts")))
        await pilot.pause()
    assert rows("SELECT answer FROM attempts") == [("55",)]


async def test_the_concept_filter_applies_keys_in_order_too(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await from_home(pilot, "k", ConceptIndexScreen)
        await one_read(pilot, "eigx\x7fen")
        assert screen.query_one("#concept-filter", Input).value == "eigen"


async def test_tab_in_the_same_read_moves_to_the_next_field_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await from_home(pilot, "d", DrillSetupScreen)
        await one_read(pilot, "7\t3")  # typing replaces a field's default
        fields = {i.id: i.value for i in screen.query(Input)}
        assert (fields["questions"], fields["minutes"]) == ("7", "3")

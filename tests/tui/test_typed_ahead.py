"""Keys that arrive together are applied in the order they were typed.

Textual inserts a printable key in the answer box at once, but runs the box's own bound keys
(backspace, ctrl+u, the arrows …) only after the key has travelled up to the app: when several
keys arrive in one read (a busy machine, a terminal over ssh, a fast typist) the editing keys
landed after the characters typed behind them (textual#6605). ``99``, ctrl+u, ``31`` left an
empty box, and Enter then checked nothing or the wrong answer. The concept filter and the
drill's fields are the same kind of box (``OrderedInput``).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import problem_screen, wait_until

from quizmath.tui.paste_guard import PasteGuardParser
from quizmath.tui.screens.concept_index import ConceptIndexScreen
from quizmath.tui.screens.drill_setup import DrillSetupScreen
from quizmath.tui.screens.home import HomeScreen

SIZE = (100, 30)


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
        for event in PasteGuardParser().feed(typed):  # as the driver posts one read
            app.post_message(event)
        for _ in range(5):
            await pilot.pause()
        assert screen.box.value == value


async def test_enter_in_the_same_read_checks_what_was_typed(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        for event in PasteGuardParser().feed("7\x7f55\r"):
            app.post_message(event)
        await wait_until(pilot, lambda: screen.finished or bool(rows("SELECT 1 FROM attempts")))
        await pilot.pause()
    assert rows("SELECT answer FROM attempts") == [("55",)]


async def test_the_concept_filter_applies_keys_in_order_too(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.bank is not None and isinstance(app.screen, HomeScreen))
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, ConceptIndexScreen))
        for event in PasteGuardParser().feed("eigx\x7fen"):
            app.post_message(event)
        for _ in range(5):
            await pilot.pause()
        assert app.screen.query_one("#concept-filter", Input).value == "eigen"


async def test_tab_in_the_same_read_moves_to_the_next_field_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.bank is not None and isinstance(app.screen, HomeScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DrillSetupScreen))
        for event in PasteGuardParser().feed("7\t3"):  # typing replaces a field's default
            app.post_message(event)
        for _ in range(5):
            await pilot.pause()
        fields = {i.id: i.value for i in app.screen.query(Input)}
        assert (fields["questions"], fields["minutes"]) == ("7", "3")

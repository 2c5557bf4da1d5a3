"""Help on every screen, keys that do nothing are hidden, a skip with an answer typed asks first
(issue 13 items 11, 12, 13)."""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

from typing import Any

from drill_helpers import (  # noqa: F401 - fixtures
    PICK,
    current_ref,
    drill_app,
    drill_screen,
    mono,
    options,
)
from textual.widgets import Input, Static
from tui_helpers import answer, problem_screen, reading, wait_until

from quizmath.tui.screens.help import HelpScreen
from quizmath.tui.screens.home import HomeScreen

SIZE = (100, 30)


def shown_actions(screen: Any) -> set[str]:
    """Actions of the screen's keys that are active now (shown or dimmed, not hidden)."""
    return {b.binding.action for b in screen.active_bindings.values()}


def help_text(app: Any) -> str:
    assert isinstance(app.screen, HelpScreen)
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_f1_and_question_mark_open_help_on_home_and_escape_closes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.bank)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen | HelpScreen))
            text = help_text(app)
            assert "Keys on this screen" in text and "Quit" in text and "Continue" in text
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_help_on_a_problem_says_how_to_type_it_and_covers_nothing(make_app) -> None:
    app = make_app(template="tuifix.mat@5")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("f1")  # while the answer box has focus
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_text(app)
        assert "How to type this answer" in text and "Rows in brackets" in text
        assert "ctrl+t / h" in text  # the letter keys are listed with their control keys
        assert not app._notifications  # no toast over the answer box
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.focused is screen.box.input


async def test_the_palette_keys_command_opens_the_same_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys and help" in titles and "Keys" not in titles


async def test_next_is_hidden_until_there_is_an_answer(make_app) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        assert "next" not in shown_actions(screen)
        await pilot.press("ctrl+n")  # does nothing, as before, but is not offered
        assert screen.problem is not None and not screen.answered
        await answer(pilot, screen, "12345")
        assert "next" in shown_actions(screen)
        await answer(pilot, screen, screen.problem.typed_answer)
        assert "skip" not in shown_actions(screen) and "hint" not in shown_actions(screen)


async def test_skip_asks_first_when_an_answer_is_typed(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        screen.query_one("#answer", Input).value = "1"
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Skip without checking your answer?" in reading(screen)
        assert not screen.finished
        assert rows("SELECT verdict FROM attempts") == []
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.finished)
    assert rows("SELECT verdict FROM attempts") == [("skipped",)]


async def test_editing_the_answer_makes_skip_ask_again(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        box = screen.query_one("#answer", Input)
        box.value = "1"
        await pilot.press("ctrl+g")
        box.value = "12"
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not screen.finished and "Skip without checking" in reading(screen)
    assert rows("SELECT verdict FROM attempts") == []


async def test_a_drill_skip_asks_first_when_an_answer_is_typed(drill_app, rows) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        screen.query_one("#answer", Input).value = "17"
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.run is not None and screen.run.answered == 0
        assert "Skip without submitting" in str(screen.query_one("#reading").render())
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: current_ref(screen) == PICK)
    assert rows("SELECT outcome FROM drill_items ORDER BY position") == [("skipped",), (None,)]


async def test_skip_after_a_wrong_answer_does_not_ask(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await answer(pilot, screen, "12345")  # checked and recorded: nothing would be lost
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.finished)
    assert rows("SELECT verdict FROM attempts ORDER BY id") == [("reject",), ("skipped",)]

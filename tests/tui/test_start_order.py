"""What loads when, after home's first paint (issue 13 item 24: home usable within 1.3× of its
paint). Home is usable with the bank alone; the interview questions, the exercises and the
checking service's warm-up come after home has shown the bank's figures, so that they do not
compete with home's progress read for the interpreter."""

from __future__ import annotations

from typing import Any

import pytest
from test_home_flow import SIZE
from tui_helpers import wait_until

from quizmath.tui import app as app_module
from quizmath.tui.screens.home import HomeScreen


async def test_the_rest_loads_after_home_has_shown_the_bank(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    seen: dict[str, Any] = {}
    load_interviews, load_exercises = app.services.load_interviews, app.services.load_exercises

    def home_figures() -> Any:
        home = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
        return home.figures

    def interviews(bank: Any = None) -> Any:
        seen["interviews"] = home_figures()  # read on the worker: only compared with None
        return load_interviews(bank)

    def exercises() -> Any:
        seen["exercises"] = home_figures()
        return load_exercises()

    warm_ups: list[bool] = []
    monkeypatch.setattr(app.services, "load_interviews", interviews)
    monkeypatch.setattr(app.services, "load_exercises", exercises)
    monkeypatch.setattr(type(app), "_warm_up", lambda self: warm_ups.append(self.loaded is None))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.loaded is not None)
        assert seen["interviews"] is not None and seen["exercises"] is not None
        assert warm_ups == [False]  # once, with everything loaded
        status = str(app.screen.query_one("#status").render())
        assert "Reviews due" in status


async def test_the_rest_loads_even_if_home_never_shows_the_bank(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    monkeypatch.setattr(type(app), "home_shown", lambda self: None)  # never says so
    monkeypatch.setattr(app_module, "EXTRAS_WAIT", 0.2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.loaded is not None)
        assert app.interviews is not None


@pytest.mark.parametrize("start", [{}, {"topic": "vectors"}, {"template": "tuifix.dot@3"}])
async def test_the_rest_never_waits_for_the_backstop(
    make_app, monkeypatch: pytest.MonkeyPatch, start: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    # Home says it has shown the bank whether or not it is the screen on top (a start on a
    # problem), or there is no home to wait for: the rest loads without the 2 s backstop.
    monkeypatch.setattr(app_module, "EXTRAS_WAIT", 600.0)
    app = make_app(**start)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.loaded is not None, timeout=30)


async def test_interview_questions_that_fail_to_load_leave_the_rest_working(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # They load after the bank now: a failure there must not be reported as the bank's, nor
    # keep the content from arriving.
    app = make_app()

    def broken(bank: Any = None) -> Any:
        raise OSError("disk on fire")

    monkeypatch.setattr(app.services, "load_interviews", broken)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.loaded is not None)
        assert app.bank_error is None
        assert app.interviews is not None and not app.interviews.questions
        messages = [str(n.message) for n in app._notifications]
        assert any("interview questions: OSError: disk on fire" in m for m in messages)
        await pilot.press("c")  # practice still works
        await wait_until(pilot, lambda: type(app.screen).__name__ == "PracticeScreen")

"""An exception a screen did not expect is said in words, not shown as its own text, and the
detail (the exception and its traceback) goes to the app's log (``TEXTUAL_LOG``): grading a
coding exercise's save, and starting the practice of a problem made before the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_exercise_screen import EXERCISES, RIGHT, open_exercise
from test_practice_flow import prefetched
from textual import constants
from tui_helpers import problem_screen, wait_until

from quizmath.core.errors import QuizmathError
from quizmath.core.terminal_text import CONTROL

SIZE = (100, 30)
INNER = "internal-key-\x1b[2J"  # what an exception's own text may be: no message, and raw


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "quizmath.log"
    monkeypatch.setattr(constants, "LOG_FILE", str(path))  # as TEXTUAL_LOG=path does
    return path


def messages(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_grader_failure_is_said_in_words_and_logged(make_app, log: Path) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)

        def broken(task: Any, source: str) -> Any:
            raise KeyError(INNER)

        screen.session.grader = broken
        screen.served.path.write_text(RIGHT, encoding="utf-8")  # an editor saves
        await wait_until(pilot, lambda: any("Could not grade" in m for m in messages(app)))
        [said] = [m for m in messages(app) if "Could not grade" in m]
        assert said == (
            "Could not grade this save: something went wrong inside quizmath. Your file is "
            "kept: save it again to retry."
        )
        line = str(screen.query_one("#grade-count").render())  # no longer "grading…"
        assert line == "Not graded: something went wrong inside quizmath."
    text = log.read_text(encoding="utf-8")
    assert "grading " in text and "KeyError" in text and "Traceback" in text


async def test_an_os_error_says_what_the_system_refused(make_app, log: Path) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)

        def full(task: Any, source: str) -> Any:
            raise OSError(28, "No space left on device", f"/tmp/{INNER}")

        screen.session.grader = full
        screen.served.path.write_text(RIGHT, encoding="utf-8")
        await wait_until(pilot, lambda: any("Could not grade" in m for m in messages(app)))
        assert any(
            m.startswith("Could not grade this save: No space left on device.")
            for m in messages(app)
        )
        assert not any("internal-key" in m for m in messages(app))
    assert "internal-key" in log.read_text(encoding="utf-8")  # the path, for a bug report


async def test_a_practice_that_cannot_start_says_why_neutralised_and_logs_it(
    make_app, log: Path
) -> None:
    app = make_app(template="tuifix.dot@3")
    app.services.prestarted_bank = None  # as launched with a prefetch
    app.first = prefetched("tuifix.dot@3")

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise QuizmathError(f"template {INNER} cannot be practised")

    app.practice.new = refused
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: screen.failed)
        [said] = [m for m in messages(app) if m.startswith("Cannot practise")]
        assert "cannot be practised" in said and CONTROL.search(said) is None
        assert "␛[2J" in said  # visible, harmless
    text = log.read_text(encoding="utf-8")
    assert "starting the practice" in text and "QuizmathError" in text


async def test_a_placement_question_that_fails_is_said_in_words(
    make_app, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizmath.core.placement.flow import Placement
    from quizmath.tui.screens.home import HomeScreen
    from quizmath.tui.screens.placement import PlacementScreen

    def broken(self: Any) -> Any:
        raise ZeroDivisionError(INNER)

    monkeypatch.setattr(Placement, "next_probe", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.bank is not None)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PlacementScreen))
        screen = app.screen
        status = screen.query_one("#pl-status")
        await wait_until(pilot, lambda: "Could not make a question" in str(status.render()))
        shown = str(status.render())
        assert "something went wrong inside quizmath" in shown and "internal-key" not in shown
    assert "making a placement question" in log.read_text(encoding="utf-8")

"""SVG snapshots of the main screens (fixed seeds, a fixed clock, no cursor blink).

Update after looking at ``snapshot_report.html``: ``pytest tests/tui/test_snapshots.py
--snapshot-update``. Snapshots depend on the Textual version (pinned in pyproject.toml).
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import problem_screen, wait_until

from quizmath.tui.screens.interview import InterviewScreen


async def still_cursors(pilot: Pilot) -> None:
    """Stop cursor blink so the screenshot never races the blink timer."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


def test_home(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: app.bank is not None and app.interviews is not None)
        await still_cursors(pilot)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(100, 30))


def test_problem_with_a_wrong_matrix(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        screen = await problem_screen(pilot)
        box = screen.query_one("#answer", Input)
        box.value = "1 2; 3 4"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.query_one("VerdictPanel").status is not None)
        await still_cursors(pilot)

    app = make_app(template="tuifix.mat@5")
    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))


def test_problem_at_80x24_with_a_hint(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        screen = await problem_screen(pilot)
        await pilot.press("ctrl+t")
        await pilot.press(*"1 2;")
        await still_cursors(pilot)
        assert screen.hints_shown == 1

    app = make_app(template="tuifix.mat@5")
    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_interview_after_reveal(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: app.interviews is not None)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await pilot.press(*"positive means acute")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: app.screen.query_one("#qa-answer").display)
        await still_cursors(pilot)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(100, 30))

"""The other screens' styles (app_rest.tcss) are read when the first screen that needs them is
pushed, not with app.tcss before every start (``tui/rest_styles.py``, issue 13 item 24)."""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

from pathlib import Path

from drill_helpers import drill_app, drill_screen, mono, options  # noqa: F401 - fixtures
from test_home_flow import SIZE
from textual.geometry import Spacing
from tui_helpers import wait_until

from quizmath.tui import rest_styles
from quizmath.tui.screens.help import HelpScreen
from quizmath.tui.screens.stats import StatsScreen

APP_TCSS = Path(rest_styles.__file__).with_name("app.tcss")


async def test_home_and_a_problem_never_read_the_other_screens_styles(make_app) -> None:
    for app in (make_app(), make_app(template="tuifix.dot@3")):
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.loaded is not None)  # noqa: B023 - awaited here
            await pilot.press("f1")  # help is styled by app.tcss too
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))  # noqa: B023
            assert not rest_styles.loaded(app)


async def test_a_screen_that_needs_them_has_them_from_its_first_frame(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.loaded is not None)
        assert not rest_styles.loaded(app)
        await pilot.press("s")  # stats
        assert rest_styles.loaded(app)  # before the screen was pushed
        await wait_until(pilot, lambda: isinstance(app.screen, StatsScreen))
        assert app.screen.query_one("#stats").styles.padding == Spacing(0, 1, 0, 1)
        sources = dict(app.stylesheet.source)
        rest_styles.load(app)  # once
        assert app.stylesheet.source == sources


async def test_a_drill_start_has_them_in_its_first_frame(drill_app) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        assert str(screen.query_one("#drill-bar").styles.height) == "2"


def test_the_two_style_sheets_style_different_ids() -> None:
    # A rule for the same selector in both would depend on which was read first; the one
    # shared id (#topics: home and a drill's set-up) has one rule, in app.tcss.
    def selectors(path: Path) -> set[str]:
        found, depth, head = set(), 0, ""
        for ch in path.read_text(encoding="utf-8"):
            if ch == "{":
                if depth == 0:
                    found |= {s.strip().split("*/")[-1].strip() for s in head.split(",")}
                depth, head = depth + 1, ""
            elif ch == "}":
                depth, head = depth - 1, ""
            elif depth == 0:
                head += ch
        return found - {""}

    first, rest = selectors(APP_TCSS), selectors(rest_styles.PATH)
    assert "#topics" in first and "#drill-bar" in rest
    assert first & rest == set()

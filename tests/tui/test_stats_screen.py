"""Pilot tests of the stats screen over the database described in ``stats_data`` (today is
Monday 2 March 2026, days in UTC), and over an empty one (a new learner)."""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import pytest
from drill_helpers import SIZE, drill_app, mono, text_of, utc_days  # noqa: F401 - fixtures
from stats_data import build_progress
from textual.widgets import OptionList
from tui_helpers import problem_screen, wait_until

from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.screens.stats import StatsScreen
from quizmath.tui.widgets.series_plot import SeriesPlot

pytestmark = pytest.mark.usefixtures("utc_days")


async def stats_screen(pilot) -> StatsScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("s")
    await wait_until(
        pilot, lambda: isinstance(app.screen, StatsScreen) and app.screen.stats is not None
    )
    return app.screen


def weakest_ids(screen: StatsScreen) -> list[str | None]:
    options = screen.query_one("#weakest", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_mastery_streak_calendar_and_weakest(drill_app, db_path) -> None:
    build_progress(db_path)
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await stats_screen(pilot)
        summary = text_of(screen.query_one("#stats-summary"))
        assert "13 problem attempts (69% right) on 9 days since 10 Feb 2026" in summary
        assert "1 drill finished" in summary
        assert "Streak 4 days · longest 5" in text_of(screen.query_one("#stats-streak"))
        calendar = text_of(screen.query_one("#calendar")).splitlines()
        assert calendar[1].startswith("Mon") and calendar[1].rstrip().endswith("▒")  # 2 of 4
        assert calendar[7].rstrip().endswith("█")  # Sunday 1 March, the busiest day (4)
        assert weakest_ids(screen) == [
            "linear-algebra/eigen",
            "linear-algebra/matrices",
            "calculus/derivatives",
        ]
        mastery = text_of(screen.query_one("#mastery"))
        assert "Vectors and the dot product" in mastery
        line = next(x for x in mastery.splitlines() if "Matrices" in x)
        assert "30%" in line and "2 attempts, 0% right" in line
        assert "not started" not in mastery  # only topics with templates, all practised here
        for plot in screen.query(SeriesPlot):
            assert plot.blank == (plot.id == "plot-calibration")  # no confidence given here


async def test_the_weakest_topic_key_starts_practice_on_it(drill_app, db_path) -> None:
    build_progress(db_path)
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await stats_screen(pilot)
        assert screen.focused is screen.query_one("#weakest")
        await pilot.press("enter")
        problem = await problem_screen(pilot)
        assert problem.practice.topic == "linear-algebra/eigen"
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = await stats_screen(pilot)
        await pilot.press("down", "p")  # p practises the highlighted one too
        problem = await problem_screen(pilot)
        assert problem.practice.topic == "linear-algebra/matrices"


async def test_a_new_learner_sees_friendly_messages_not_empty_plots(drill_app) -> None:
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await stats_screen(pilot)
        assert "Nothing practised yet" in text_of(screen.query_one("#stats-summary"))
        assert "Streak 0 days" in text_of(screen.query_one("#stats-streak"))
        attempts = screen.query_one("#plot-attempts", SeriesPlot)
        drills = screen.query_one("#plot-drills", SeriesPlot)
        assert attempts.blank and "No problems answered yet" in text_of(
            attempts.query_one(".empty")
        )
        assert drills.blank and "No drills finished yet" in text_of(drills.query_one(".empty"))
        # Topics not started are still offered, in curriculum order.
        assert weakest_ids(screen)[0] == "linear-algebra/vectors"


async def test_calibration_confident_misses_and_key_points(drill_app, db_path) -> None:
    from datetime import timedelta

    from conftest import NOW

    from quizmath.core.keypoints import score_points
    from quizmath.core.storage import Storage
    from quizmath.core.storage import cards as card_rows
    from quizmath.core.storage.attempts import Attempt

    db_path.parent.mkdir(parents=True, exist_ok=True)
    with Storage.open(db_path) as s:
        for n, (verdict, level) in enumerate(
            [("accept", "high"), ("accept", "high"), ("reject", "high"), ("reject", "low")]
        ):
            at = NOW - timedelta(hours=n + 1)
            s.add_attempt(Attempt("tuifix.dot", n, f"{n}", verdict, 1000, at=at, confidence=level))
        points = score_points([0], 2)
        s.write(
            lambda c: card_rows.insert_self_rating(
                c, "tui-dot-meaning", 2, NOW, 1000, score=points.share, points=points.encode()
            )
        )
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await stats_screen(pilot)
        assert not screen.query_one("#plot-calibration", SeriesPlot).blank
        misses = text_of(screen.query_one("#stats-misses"))
        assert "Sure but wrong: 1" in misses and "tuifix.dot@2" in misses
        points_text = text_of(screen.query_one("#stats-key-points"))
        assert "What does the sign of a dot product tell you?" in points_text
        assert "missed 1/1" in points_text and "Positive, zero, negative" in points_text
        assert "No placement yet" in text_of(screen.query_one("#stats-placement"))
    assert screen.stats is not None and screen.stats.calibration is not None
    shares = [r.share for r in screen.stats.calibration.rows]
    assert shares == [0.0, None, 2 / 3]

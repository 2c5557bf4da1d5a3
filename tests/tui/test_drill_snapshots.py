"""SVG snapshots of the drill report and the stats screen over fixed data (``stats_data``), a
fixed clock and days in UTC, with no cursor blink.

Update after looking at ``snapshot_report.html``: ``pytest tests/tui/test_drill_snapshots.py
--snapshot-update``.
"""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import pytest
from drill_helpers import (  # noqa: F401 - fixtures
    drill_app,
    drill_screen,
    mono,
    options,
    report_screen,
    submit,
    utc_days,
)
from stats_data import build_progress
from test_snapshots import still_cursors
from textual.pilot import Pilot
from tui_helpers import wait_until

from quizmath.tui.screens.stats import StatsScreen

pytestmark = pytest.mark.usefixtures("utc_days")


def test_drill_report(snap_compare, drill_app, mono, db_path) -> None:
    """Drill 2 (seed 1) after drill 1 of ``stats_data``: right in 12 s (usual 9 s), then wrong."""
    build_progress(db_path)

    async def run_before(pilot: Pilot) -> None:
        screen = await drill_screen(pilot)
        mono.tick(12)
        await submit(pilot, screen, "18")
        mono.tick(30)
        await submit(pilot, screen, "A")
        await report_screen(pilot)
        pilot.app.clear_notifications()
        await still_cursors(pilot)

    app = drill_app(drill=options())
    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))


def test_stats(snap_compare, drill_app, db_path) -> None:
    build_progress(db_path)

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: app.bank is not None)
        app.open_stats()
        await wait_until(
            pilot, lambda: isinstance(app.screen, StatsScreen) and app.screen.stats is not None
        )
        await still_cursors(pilot)

    assert snap_compare(drill_app(), run_before=run_before, terminal_size=(100, 30))

"""The drill report's question table uses the terminal's width: a title is shown whole where it
fits and wraps onto more lines where it does not, never cut (it was cut at 30 characters)."""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import random

import pytest
from conftest import INTERVIEWS, NOW, TEMPLATES
from drill_helpers import drill_app, mono, report_screen, utc_days  # noqa: F401 - fixtures
from tui_helpers import wait_until

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.content import load_interviews
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.run import DrillRun
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.widgets.fitted_table import FittedTable

pytestmark = pytest.mark.usefixtures("utc_days")
QUESTION = "Interview: What does the sign of a dot product tell you?"  # 56 characters


def skipped_drill(db_path) -> None:  # type: ignore[no-untyped-def]
    """Four questions on vectors, every one skipped: P P I P, the third an interview question."""
    bank = load_bank([TEMPLATES])
    interviews = load_interviews([INTERVIEWS], set(bank.curriculum.topics))
    with Storage.open(db_path) as s:
        sched = Scheduler(s, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(1))
        plan = plan_drill(bank, interviews, questions=4, seed=3, topics=["linear-algebra/vectors"])
        run = DrillRun.start(s, sched, plan, check, interviews=interviews, minutes=1)
        while not run.finished:
            run.skip()


def question_cell(table: FittedTable, row: int) -> tuple[str, int]:
    """The question column's text of a row, its lines joined by spaces, and its height."""
    cell = str(table.get_row_at(row)[2])
    return " ".join(cell.split()), table.rows[table.coordinate_to_cell_key((row, 0)).row_key].height


async def test_the_question_column_uses_the_width_and_wraps_rather_than_cuts(
    drill_app, db_path
) -> None:
    skipped_drill(db_path)
    app = drill_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.drills.open_report(1, from_home=False)
        report = await report_screen(pilot)
        table = report.query_one("#report-items", FittedTable)
        await pilot.pause()
        assert question_cell(table, 2) == (QUESTION, 1)  # whole, on one line
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling

        await pilot.resize_terminal(80, 30)
        await wait_until(pilot, lambda: question_cell(table, 2)[1] > 1)
        text, height = question_cell(table, 2)
        assert text == QUESTION and height == len(str(table.get_row_at(2)[2]).splitlines())
        assert table.cursor_row == 0

        await pilot.resize_terminal(120, 40)  # and back: one line again
        await wait_until(pilot, lambda: question_cell(table, 2) == (QUESTION, 1))

"""The interview screen scores an answer by key points: tick 3 of 5 (space), Enter rates as
they suggest (Hard), and the score, the points and the rating are recorded; 1–4 override."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import SelectionList
from tui_helpers import wait_until

from quizmath.core.storage import Storage
from quizmath.tui.app import QuizApp
from quizmath.tui.screens.interview import InterviewScreen
from quizmath.tui.services import Services, StartSpec, in_process_checker

SIZE = (100, 34)
TEMPLATES = Path(__file__).resolve().parent / "fixtures" / "templates"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class StepClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        self.t += 4.5
        return self.t


QUESTION = """id: tui-five-points
question: Why does the base rate matter for a positive test?
topic: probability/bayes
difficulty: 1
order: 1
answer: |
  Bayes' theorem weighs the test's accuracy by the prevalence.
key_points:
  - Bayes' theorem with the prevalence as prior.
  - The denominator by total probability.
  - Most positives are false when the condition is rare.
  - The base-rate fallacy confuses P(+|D) with P(D|+).
  - A second test uses the first posterior as its prior.
"""


@pytest.fixture
def app(tmp_path: Path, db_path: Path) -> QuizApp:
    folder = tmp_path / "interview"
    folder.mkdir()
    (folder / "tui-five-points.yaml").write_text(QUESTION, encoding="utf-8")
    storage = Storage.open(db_path)
    services = Services(
        storage,
        bank_paths=[TEMPLATES],
        interview_paths=[folder],
        checker_factory=in_process_checker,
        fuzzing=False,
        now=lambda: NOW,
        rng=random.Random(7),
        clock=StepClock(),
    )
    return QuizApp(services, StartSpec())


async def open_question(pilot) -> InterviewScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_until(pilot, lambda: app.bank is not None and app.interviews is not None)
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(app.screen, InterviewScreen))
    screen = app.screen
    await pilot.press(*"base rate, bayes")
    await pilot.press("ctrl+r")
    await wait_until(pilot, lambda: screen.query_one("#qa-points").display)
    return screen


async def test_three_of_five_ticked_records_the_score_and_hard(app: QuizApp, rows) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_question(pilot)
        points = screen.query_one("#qa-points", SelectionList)
        assert screen.focused is points
        await pilot.press("space", "down", "down", "space", "down", "down", "space")
        assert sorted(points.selected) == [0, 2, 4]
        assert "3 of 5 → Hard" in str(screen.query_one("#qa-ask").render())
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.practice.rated is not None)
        assert "Rated Hard (3 of 5 key points)" in str(screen.query_one("#qa-result").render())
    assert rows("SELECT interview_id, rating, score, points FROM interview_ratings") == [
        ("tui-five-points", 2, 0.6, '{"of": 5, "covered": [0, 2, 4]}')
    ]


async def test_a_number_overrides_the_suggestion_and_keeps_the_points(app: QuizApp, rows) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_question(pilot)
        await pilot.press("space", "down", "space")
        await pilot.press("3")  # Good, though 2 of 5 suggest Again
        await wait_until(pilot, lambda: screen.practice.rated is not None)
    assert rows("SELECT rating, score, points FROM interview_ratings") == [
        (3, 0.4, '{"of": 5, "covered": [0, 1]}')
    ]


async def test_rating_without_ticking_stores_no_points(app: QuizApp, rows) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_question(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: screen.practice.rated is not None)
    assert rows("SELECT rating, score, points FROM interview_ratings") == [(4, None, None)]

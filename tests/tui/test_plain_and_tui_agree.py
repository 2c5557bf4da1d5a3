"""Plain mode and the TUI are two renderings of one core: the same answers, given through each,
leave the same rows in the database (issue 8 item 9).

One script, played twice over fresh databases with the same clocks:

- practice ``tuifix.dot@3``: a hint, a wrong answer, an unreadable one, the right one;
  practice ``tuifix.mat@5``: skipped;
- a drill (seed 3, four questions on one topic: problem, problem, interview, problem, one
  minute): unreadable text then the right answer; a wrong answer; notes, the model answer, both
  key points ticked and the rating they suggest taken; then the time runs out with the last
  answer typed but not sent (plain mode: the line arrives after the deadline), so it is
  submitted as it stands.

Every stored column is compared except row times that only the wall clock knows (a drill
item's ``answered_at``, a run's start and end), and the mode of a practice attempt, which names
its front end ("plain" or "practice").
"""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import argparse
import io
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import INTERVIEWS, NOW, TEMPLATES, StepClock
from drill_helpers import (  # noqa: F401 - fixtures
    SIZE,
    Mono,
    drill_app,
    drill_screen,
    mono,
    options,
    report_screen,
    utc_days,
)
from textual.widgets import Input, TextArea
from tui_helpers import answer, problem_screen, wait_until

from quizmath.commands.drill import run_plain
from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.content import load_interviews
from quizmath.core.drill.plan import plan_drill
from quizmath.core.items.problem import generate
from quizmath.core.practice.flow import Practice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.plain.practice import PlainPractice

pytestmark = pytest.mark.usefixtures("utc_days")

TOPIC = "linear-algebra/vectors"
WRONG, UNREADABLE = "12345", "3 +"
# Seconds the learner takes before each step of the drill.
FIRST_TRY, RIGHT_AFTER, WRONG_AFTER, RATED_AFTER, TYPED_AFTER, PAST_DEADLINE = 4, 6, 9, 7, 5, 40


def drill_plan() -> Any:
    bank = load_bank([TEMPLATES])
    interviews = load_interviews([INTERVIEWS], set(bank.curriculum.topics))
    return plan_drill(bank, interviews, questions=4, seed=3, topics=(TOPIC,))


def right(plan: Any, position: int) -> str:
    return plan.problems[plan.items[position].ref].typed_answer


def table(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stored(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "attempts": table(
            db,
            "SELECT template_id, seed, answer, verdict, ms, hints, solution_viewed, try, "
            "drill_id, rating, CASE WHEN drill_id IS NULL THEN at END FROM attempts ORDER BY id",
        ),
        "drill_runs": table(
            db,
            "SELECT id, seed, seeded, weighted, topics, questions, limit_ms, used_ms, status, "
            "ended, code FROM drill_runs ORDER BY id",
        ),
        "drill_items": table(
            db,
            "SELECT drill_id, position, kind, item_id, seed, topic, outcome, answer, ms, rating, "
            "timed_out, attempt_id FROM drill_items ORDER BY drill_id, position",
        ),
        "interview_ratings": table(
            db,
            "SELECT interview_id, rating, duration_ms, score, points FROM interview_ratings "
            "ORDER BY id",
        ),
        "modes": table(db, "SELECT DISTINCT mode FROM attempts ORDER BY mode"),
    }


class Lines(io.StringIO):
    """Plain mode's input: each line arrives after the learner has taken some seconds."""

    def __init__(self, steps: list[tuple[float, str]], clock: Mono) -> None:
        super().__init__()
        self.steps = list(steps)
        self.clock = clock

    def readline(self, size: int | None = -1) -> str:
        if not self.steps:
            return ""
        seconds, line = self.steps.pop(0)
        self.clock.tick(seconds)
        return line + "\n"


def plain_run(db: Path) -> str:
    """The script through plain mode; what it printed."""
    printed = io.StringIO()
    bank = load_bank([TEMPLATES])
    typed = generate(bank.get("tuifix.dot"), 3).typed_answer
    with Storage.open(db) as storage:
        # What the app's services give the TUI: a fixed now, no fuzzing, a seeded generator,
        # and a practice clock per session that moves 4.5 s a reading.
        scheduler = Scheduler(storage, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(7))
        for ref, script in (
            ("tuifix.dot@3", f"hint\n{WRONG}\n{UNREADABLE}\n{typed}\n"),
            ("tuifix.mat@5", "skip\n"),
        ):
            practice = Practice(
                bank, scheduler, check, mode="plain", template=ref, clock=StepClock()
            )
            PlainPractice(practice, io.StringIO(script), printed, count=1).run()

    plan = drill_plan()
    mono = Mono()
    steps = [
        (FIRST_TRY, UNREADABLE),
        (RIGHT_AFTER, right(plan, 0)),
        (WRONG_AFTER, WRONG),
        (0, "sign of cos"),
        (0, "reveal"),
        (RATED_AFTER, "1 2"),  # both key points covered
        (0, ""),  # the rating they suggest (Good)
        (TYPED_AFTER + PAST_DEADLINE, right(plan, 3)),  # sent after the time ran out
    ]
    args = argparse.Namespace(
        db=str(db),
        bank=[TEMPLATES],
        interviews=[INTERVIEWS],
        topics=TOPIC,
        questions=4,
        minutes=1.0,
        seed=3,
        resume=None,
        discard=None,
        code=False,
    )
    code = run_plain(args, Lines(steps, mono), printed, clock=mono, checker=check)
    assert code == 0, printed.getvalue()
    return printed.getvalue()


async def tui_run(make_app: Any, drill_app: Any, mono: Mono) -> None:
    """The same script through the TUI, with Pilot."""
    app = make_app(template="tuifix.dot@3", count=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: screen.check_action("hint", ()) is True)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: screen.hints_shown == 1)
        await answer(pilot, screen, WRONG)
        await answer(pilot, screen, UNREADABLE)
        assert screen.problem is not None
        await answer(pilot, screen, screen.problem.typed_answer)
        assert screen.finished
    app = make_app(template="tuifix.mat@5", count=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: screen.check_action("skip", ()) is True)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.finished)

    plan = drill_plan()
    app = drill_app(drill=options(questions=4, seed=3, topics=(TOPIC,)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        box = screen.query_one("#answer", Input)

        async def send(text: str, seconds: float) -> None:
            before = screen.run.answered
            mono.tick(seconds)
            box.value = text
            await pilot.press("enter")
            await wait_until(pilot, lambda: not screen.checking)
            if text != UNREADABLE:
                await wait_until(pilot, lambda: screen.run.answered > before)

        await send(UNREADABLE, FIRST_TRY)
        await send(right(plan, 0), RIGHT_AFTER)
        await send(WRONG, WRONG_AFTER)
        notes = screen.query_one("#qa-notes", TextArea)
        await wait_until(pilot, lambda: screen.focused is notes)
        await pilot.press(*"sign of cos")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#qa-points"))
        await pilot.press("space", "down", "space")  # both key points covered
        mono.tick(RATED_AFTER)
        await pilot.press("enter")  # the rating they suggest (Good)
        await wait_until(pilot, lambda: screen.run.answered == 3)
        mono.tick(TYPED_AFTER)
        box.value = right(plan, 3)  # typed, Enter never pressed
        mono.tick(PAST_DEADLINE)
        await report_screen(pilot)


async def test_plain_mode_and_the_tui_store_the_same_rows(
    make_app: Any, drill_app: Any, mono: Mono, db_path: Path, tmp_path: Path
) -> None:
    plain_db = tmp_path / "plain" / "progress.db"
    printed = plain_run(plain_db)
    assert "Hint 1 of 2" in printed and "Time is up" in printed  # the script did what it says
    await tui_run(make_app, drill_app, mono)

    plain, tui = stored(plain_db), stored(db_path)
    assert plain.pop("modes") == [("drill",), ("plain",)]
    assert tui.pop("modes") == [("drill",), ("practice",)]
    assert plain == tui
    # And the script really covered each case.
    verdicts = [row[3] for row in tui["attempts"]]
    assert verdicts == ["reject", "accept", "skipped", "accept", "reject", "accept"]
    assert [row[6] for row in tui["drill_items"]] == ["correct", "wrong", "correct", "correct"]
    assert tui["drill_items"][3][10] == 1  # the last one was submitted by the time-out
    assert tui["drill_runs"][0][8:10] == ("finished", "timeout")
    assert [row[1:] for row in tui["interview_ratings"]] == [
        (3, 7000, 1.0, '{"of": 2, "covered": [0, 1]}')
    ]

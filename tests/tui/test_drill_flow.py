"""Pilot tests of drills: a short drill answered right then wrong (the report's numbers against a
hand-computed case), skip, the time-out, an interview item, unreadable answers, leaving and
resuming (the answers given so far intact), discarding, and the drill history.

Time is the settable ``Mono`` clock (see drill_helpers): tests move it, never sleep.
"""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from conftest import INTERVIEWS, NOW, TEMPLATES
from drill_helpers import (  # noqa: F401 - fixtures
    DOT,
    PICK,
    SIZE,
    current_ref,
    drill_app,
    drill_screen,
    mono,
    options,
    report_screen,
    submit,
    text_of,
    utc_days,
)
from textual.widgets import Input, TextArea
from tui_helpers import wait_until

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.content import load_interviews
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.run import DrillRun
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt
from quizmath.tui.screens.drill import DrillScreen
from quizmath.tui.screens.drill_history import DrillHistoryScreen
from quizmath.tui.screens.drill_setup import DrillSetupScreen
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.screens.resume_dialog import ResumeDialog
from quizmath.tui.widgets.countdown import Countdown

pytestmark = pytest.mark.usefixtures("utc_days")


def drill_rows(rows, drill_id: int = 1) -> list[tuple]:
    return rows(
        f"SELECT position, outcome, answer, ms, timed_out FROM drill_items "
        f"WHERE drill_id = {drill_id} ORDER BY position"
    )


async def test_right_then_wrong_report_matches_a_hand_computed_case(
    drill_app, mono, db_path, rows
) -> None:
    # Usual time on tuifix.dot: the median of two earlier first-try right answers, 10 s and 20 s.
    with Storage.open(db_path) as s:
        for seed, ms in ((3, 10_000), (4, 20_000)):
            s.add_attempt(Attempt("tuifix.dot", seed, "1", "accept", ms, at=NOW - timedelta(1)))
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        assert current_ref(screen) == DOT
        assert screen.run.remaining_ms() == 60_000
        mono.tick(12)
        await submit(pilot, screen, "18")  # right
        assert current_ref(screen) == PICK
        assert "Q1 ✓ correct 0:12" in text_of(screen.query_one("#drill-last"))
        mono.tick(30)
        await submit(pilot, screen, "A")  # wrong (C is right)
        report = await report_screen(pilot)
        r = report.report
        assert (r.correct, r.total, r.percent) == (1, 2, 50.0)
        assert [(t.title, t.correct, t.total) for t in r.topics] == [
            ("Vectors and the dot product", 1, 1),
            ("Eigenvalues and eigenvectors", 0, 1),
        ]
        assert [(i.outcome, i.ms, i.usual_ms) for i in r.items] == [
            ("correct", 12_000, 15_000),
            ("wrong", 30_000, None),
        ]
        assert r.run.used_ms == 42_000 and r.run.ended == "completed"
        # ...and what the screen shows.
        score = text_of(report.query_one("#report-score"))
        assert "Score 1 of 2 (50%)" in score and "1 wrong" in score
        assert "Time used 0:42 of 1:00" in score
        topics = text_of(report.query_one("#report-topics"))
        assert "1/1  100%" in topics and "0/1    0%" in topics
        table = report.query_one("#report-items")
        first = [str(c) for c in table.get_row_at(0)]
        assert first[1:2] == ["✓ right"] and first[3:6] == ["0:12", "0:15", "−0:03"]
        assert [str(c) for c in table.get_row_at(1)][6] == PICK
        missed = " ".join(text_of(w) for w in report.query("#report-missed Static"))
        assert "Your answer: A" in missed and "Answer: C" in missed
        assert f"quizmath practice --template {PICK}" in missed
        assert "quizmath drill --seed 1 --questions 2 --minutes 1" in text_of(
            report.query_one("#report-share")
        )
    assert drill_rows(rows) == [(0, "correct", "18", 12_000, 0), (1, "wrong", "A", 30_000, 0)]
    assert rows("SELECT status, ended FROM drill_runs") == [("finished", "completed")]


async def test_skip_counts_as_missed_and_moves_on(drill_app, mono, rows) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        mono.tick(5)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: current_ref(screen) == PICK)
        assert "Q1 ↷ skipped 0:05" in text_of(screen.query_one("#drill-last"))
        await submit(pilot, screen, "C")
        report = await report_screen(pilot)
        assert [i.outcome for i in report.report.items] == ["skipped", "correct"]
    assert rows("SELECT verdict, mode FROM attempts ORDER BY id") == [
        ("skipped", "drill"),
        ("accept", "drill"),
    ]


async def test_time_out_submits_the_text_as_it_stands_and_ends(drill_app, mono, rows) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        mono.tick(50)
        await pilot.pause()
        await wait_until(pilot, lambda: screen.query_one(Countdown).low)  # the last 10 s
        box = screen.query_one("#answer", Input)
        box.value = "18"  # typed, Enter never pressed
        mono.tick(11)
        report = await report_screen(pilot)
        r = report.report
        assert r.run.ended == "timeout" and r.run.used_ms == 60_000
        first, second = r.items
        assert (first.outcome, first.answer, first.timed_out) == ("correct", "18", True)
        assert (second.outcome, second.reached) == ("unanswered", False)
        assert "Not reached when time ran out: " + PICK in " ".join(
            text_of(w) for w in report.query("#report-missed Static")
        )
    assert drill_rows(rows) == [(0, "correct", "18", 60_000, 1), (1, None, None, None, 0)]


async def test_unreadable_answer_is_explained_and_may_be_retyped(drill_app, rows) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        screen.query_one("#answer", Input).value = "3 +"
        await pilot.press("enter")
        reading = screen.query_one("#reading")
        await wait_until(pilot, lambda: "Could not read that" in text_of(reading))
        assert current_ref(screen) == DOT and screen.run.answered == 0
        await submit(pilot, screen, "18")
        assert current_ref(screen) == PICK
    assert rows("SELECT count(*) FROM attempts") == [(1,)]


async def test_interview_item_reveal_and_rate_inside_a_drill(drill_app, rows) -> None:
    # Four questions on one topic: P P I P (an interview question for every three problems).
    app = drill_app(drill=options(questions=4, seed=3, topics=("linear-algebra/vectors",)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.run.answered == 1)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: current_ref(screen) == "tui-dot-meaning")
        notes = screen.query_one("#qa-notes", TextArea)
        await wait_until(pilot, lambda: screen.focused is notes)
        await pilot.press(*"sign of cos")
        assert screen.check_action("rate", ()) is False  # not before the reveal
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: screen.query_one("#qa-answer").display)
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.run.answered == 3)
        assert current_ref(screen) == "tuifix.dot@81027"
    assert rows("SELECT outcome, answer, rating FROM drill_items WHERE position = 2") == [
        ("correct", "sign of cos", 3)
    ]
    assert rows("SELECT interview_id, rating FROM interview_ratings") == [("tui-dot-meaning", 3)]


async def test_interview_item_in_a_drill_is_scored_by_key_points(drill_app, rows) -> None:
    app = drill_app(drill=options(questions=4, seed=3, topics=("linear-algebra/vectors",)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.run.answered == 1)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: current_ref(screen) == "tui-dot-meaning")
        await pilot.press("ctrl+r")
        points = screen.query_one("#qa-points")
        await wait_until(pilot, lambda: screen.focused is points)
        await pilot.press("down", "space")  # the second of two key points
        assert "1 of 2 → Hard" in str(screen.query_one("#qa-ask").render())
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.run.answered == 3)
    assert rows("SELECT outcome, rating FROM drill_items WHERE position = 2") == [("wrong", 2)]
    assert rows("SELECT rating, score, points FROM interview_ratings") == [
        (2, 0.5, '{"of": 2, "covered": [1]}')
    ]


async def test_there_are_no_hint_or_solution_keys(drill_app) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        await pilot.press("ctrl+t", "ctrl+r")
        await pilot.pause()
        assert not screen.query("#solution-box").first().display
        assert screen.check_action("reveal", ()) is False  # hidden on a problem
        assert current_ref(screen) == DOT and screen.run.answered == 0


def unfinished_drill(db_path, *, answer: str = "18") -> None:
    """What a killed ``quizmath drill --seed 1 --questions 2``  leaves: one answer saved."""
    bank = load_bank([TEMPLATES])
    interviews = load_interviews([INTERVIEWS], set(bank.curriculum.topics))
    clock = [100.0]
    with Storage.open(db_path) as s:
        sched = Scheduler(s, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(1))
        plan = plan_drill(bank, interviews, questions=2, seed=1)
        run = DrillRun.start(
            s, sched, plan, check, interviews=interviews, minutes=1, clock=lambda: clock[0]
        )
        clock[0] += 20
        run.submit(answer)
        clock[0] += 5
        run.checkpoint()  # then the kill: no pause()


async def test_home_offers_to_resume_and_the_answers_are_intact(drill_app, db_path, rows) -> None:
    unfinished_drill(db_path)
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog))
        text = text_of(app.screen.query_one("#resume-text"))
        assert "Drill 1" in text and "1 of 2 answered, 0:35 left" in text
        await pilot.press("r")
        screen = await drill_screen(pilot)
        assert current_ref(screen) == PICK  # continues at the next item
        assert screen.run.remaining_ms() == 35_000
        assert screen.run.item_elapsed_ms() == 5_000  # its clock goes on from the saved 0:05
        assert [i.outcome for i in screen.run.items] == ["correct", None]
        await submit(pilot, screen, "C")
        report = await report_screen(pilot)
        assert [(i.outcome, i.answer) for i in report.report.items] == [
            ("correct", "18"),
            ("correct", "C"),
        ]
    assert rows("SELECT status, ended FROM drill_runs") == [("finished", "completed")]


async def test_discard_keeps_it_in_history_as_discarded(drill_app, db_path, rows) -> None:
    unfinished_drill(db_path)
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.drills.open_history()
        await wait_until(pilot, lambda: isinstance(app.screen, DrillHistoryScreen))
        row = [str(c) for c in app.screen.query_one("#drill-list").get_row_at(0)]
        assert row[0] == "1" and row[5] == "discarded"
    assert rows("SELECT status, ended FROM drill_runs") == [("discarded", "discarded")]
    assert drill_rows(rows)[0][:3] == (0, "correct", "18")  # the answer is kept


async def test_quitting_mid_drill_keeps_the_answers_and_the_time(
    drill_app, mono, db_path, rows
) -> None:
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        mono.tick(8)
        await submit(pilot, screen, "18")
        mono.tick(4)
        await pilot.press("ctrl+q")
    assert rows("SELECT status, used_ms FROM drill_runs") == [("running", 12_000)]
    assert drill_rows(rows)[0][:3] == (0, "correct", "18")

    again = drill_app(drill=options())  # `quizmath drill` again: offered first
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, ResumeDialog))
        assert again.screen.context == "cli"
        await pilot.press("r")
        screen = await drill_screen(pilot)
        assert current_ref(screen) == PICK and screen.run.remaining_ms() == 48_000


async def test_escape_leaves_the_box_then_the_drill(drill_app, mono, rows) -> None:
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DrillSetupScreen))
        for field, value in (("#questions", "2"), ("#minutes", "1"), ("#seed", "1")):
            app.screen.query_one(field, Input).value = value
        await pilot.pause()
        assert "quizmath drill --seed 1 --questions 2 --minutes 1" in text_of(
            app.screen.query_one("#setup-share")
        )
        await pilot.click("#start")
        screen = await drill_screen(pilot)
        assert current_ref(screen) == DOT and screen.run.limit_ms == 60_000
        mono.tick(3)
        await pilot.press("escape")
        assert isinstance(app.screen, DrillScreen)  # out of the box only
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "unfinished drill 1" in str(
            app.screen.query_one("#menu").get_option("drills").prompt
        )
    assert rows("SELECT status, used_ms FROM drill_runs") == [("running", 3_000)]


async def test_setup_rejects_bad_fields(drill_app) -> None:
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DrillSetupScreen))
        app.screen.query_one("#questions", Input).value = "0"
        await pilot.pause()
        assert "Questions: 1 to 100" in text_of(app.screen.query_one("#setup-error"))
        await pilot.click("#start")
        assert isinstance(app.screen, DrillSetupScreen)


async def test_cli_resume_and_discard_need_no_dialog(drill_app, db_path, rows) -> None:
    unfinished_drill(db_path)
    app = drill_app(drill=options(), resume="last")  # quizmath drill --resume
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        assert screen.run.id == 1 and current_ref(screen) == PICK
        await pilot.press("ctrl+q")
    again = drill_app(drill=options(seed=2), discard="last")  # quizmath drill --discard
    async with again.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        assert screen.run.id == 2 and screen.run.seed == 2
    assert rows("SELECT id, status FROM drill_runs") == [(1, "discarded"), (2, "running")]


def test_drill_command_reports_an_unknown_topic_before_the_ui(tmp_path, capsys) -> None:
    import argparse

    from quizmath.commands.drill import open_full_screen

    args = argparse.Namespace(
        db=str(tmp_path / "p.db"), topics="eigne", minutes=1, questions=2, seed=None
    )
    assert open_full_screen(args) == 2
    assert 'no topic "eigne"; did you mean eigen' in capsys.readouterr().err


async def test_an_untimed_drill_has_no_deadline(drill_app, mono) -> None:
    app = drill_app(drill=options(minutes=0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        mono.tick(3600)
        await wait_until(pilot, lambda: "1:00:00" in text_of(screen.query_one("#drill-item-clock")))
        assert text_of(screen.query_one(Countdown)) == "untimed"
        assert current_ref(screen) == DOT and not screen.timing_out


async def test_a_drill_started_from_home_ends_on_its_report(drill_app, rows) -> None:
    # Seen in tmux: a drill started from the home screen's menu ended back on home, without
    # its report (a drill started with `quizmath drill` showed it).
    app = drill_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DrillSetupScreen))
        for field, value in (("#questions", "1"), ("#minutes", "1"), ("#seed", "1")):
            app.screen.query_one(field, Input).value = value
        await pilot.pause()
        await pilot.press("enter")
        screen = await drill_screen(pilot)
        await submit(pilot, screen, "0")
        report = await report_screen(pilot)
        assert report.report is not None and report.report.total == 1
        await pilot.pause(0.3)
        assert app.screen is report


async def test_a_bank_that_does_not_load_is_said_on_the_drill_screen(
    drill_app, monkeypatch
) -> None:
    # The drill screen waits for the bank's arrival as a message (ContentReady); a failure
    # arrives the same way (ContentFailed), and nothing polls.
    from quizmath.tui.services import Services

    def broken(self: Services) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Services, "load_bank", broken)
    app = drill_app(drill=options())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DrillScreen))
        wait = app.screen.query_one("#drill-wait")
        await wait_until(pilot, lambda: "Cannot start the drill" in text_of(wait))
        assert "the question bank did not load: RuntimeError: disk on fire" in text_of(wait)
        assert app.screen.run is None


async def test_a_rounded_answer_is_explained_and_may_be_retyped(drill_app, rows) -> None:
    # Issue 13 item 10 in a drill: decimals a little off where exact entries are asked are not
    # the one answer the drill allows; the core says so (verdict.rounded), the screen shows it.
    app = drill_app(drill=options(topics=("linear-algebra/matrices",), questions=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        item = screen.run.current
        assert item is not None and item.problem is not None and item.problem.kind == "matrix"
        exact = json.loads(item.problem.expected)  # [[a, b], [c, d]]
        assert any(x for r in exact for x in r)  # a zero stays exact: 0.0000
        off = "; ".join(" ".join(f"{x * 1.001:.4f}" for x in r) for r in exact)
        screen.query_one("#answer", Input).value = off
        await pilot.press("enter")
        reading = screen.query_one("#reading")
        await wait_until(pilot, lambda: "Not counted" in text_of(reading))
        assert "exact entries are asked" in text_of(reading)
        assert screen.run.answered == 0
        await submit(pilot, screen, item.problem.expected)
        await report_screen(pilot)
    assert rows("SELECT verdict FROM attempts") == [("accept",)]


async def test_the_report_shows_the_feedback_of_a_typical_mistake(drill_app) -> None:
    # Issue 13 item 14: tuifix.mat's typical mistake is A − B; the drill says nothing while it
    # runs, its report says what the template has for that answer.
    app = drill_app(drill=options(topics=("linear-algebra/matrices",), questions=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await drill_screen(pilot)
        item = screen.run.current
        assert item is not None and item.problem is not None
        (mistake,) = item.problem.mistakes
        await submit(pilot, screen, mistake.expected)
        report = await report_screen(pilot)
        assert report.report.items[0].mistake == mistake.feedback
        missed = " ".join(text_of(w) for w in report.query("#report-missed Static"))
        assert f"A common mistake: {mistake.feedback}" in missed

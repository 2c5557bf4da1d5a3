"""Pilot tests of coding exercises in the app: the exercise screen (a save is graded in the
real sandbox and its result appears with no key press; hints; the model solution asked twice
before passing, free after; leaving after failing saves), exercises under their topics on home
and in the palette, and a drill with coding exercises (a save submits; a file that does not
pass is not counted; the time-out grades the file as it stands).

Files are written by the test as an editor would save them; time in drills is the settable
``Mono`` clock."""

# ruff: noqa: F811 - the fixtures imported from drill_helpers are used as test arguments
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from drill_helpers import (  # noqa: F401 - fixtures
    SIZE,
    drill_app,
    drill_screen,
    mono,
    options,
    report_screen,
    utc_days,
)
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import text_of, wait_until

from quizmath.core.exercises.catalog import exercises_root
from quizmath.core.items import ItemKind
from quizmath.tui.screens.exercise import ExerciseScreen
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.widgets.exercise_item import ExerciseItem
from quizmath.tui.widgets.topic_tree import ExerciseRef, TopicTree

VECTOR_OPS = "linalg.vector-ops"
EXERCISES = [exercises_root() / "linalg" / "vector-ops.yaml"]
SOLUTIONS = Path(__file__).resolve().parents[1] / "exercises" / "solutions" / VECTOR_OPS
RIGHT = (SOLUTIONS / "solution.py").read_text(encoding="utf-8")
WRONG = (SOLUTIONS / "norm-l1.py").read_text(encoding="utf-8")  # the L1 norm


async def loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: app.loaded is not None and app.exercises is not None)
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def open_exercise(pilot: Pilot[Any]) -> ExerciseScreen:
    """Open the vector-operations exercise; wait until its file as it stands is graded."""
    app = pilot.app
    await loaded(pilot)
    app.open_exercise(VECTOR_OPS)
    await wait_until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
    screen = app.screen
    assert isinstance(screen, ExerciseScreen)
    await wait_until(pilot, lambda: screen.grades >= 1, timeout=60)
    return screen


async def save(pilot: Pilot[Any], screen: ExerciseScreen, source: str) -> None:
    """Write the learner's file as an editor saves it; wait for its grade (no key pressed)."""
    before = screen.grades
    screen.served.path.write_text(source, encoding="utf-8")
    await wait_until(pilot, lambda: screen.grades > before, timeout=60)


def result_text(screen: ExerciseScreen) -> str:
    return (
        text_of(screen.query_one("#grade-count", Static))
        + "\n"
        + text_of(screen.query_one("#grade-result", Static))
    )


def exercise_nodes(tree: TopicTree) -> list[Any]:
    """The tree's exercise nodes, depth first."""
    out, todo = [], list(tree.root.children)
    while todo:
        node = todo.pop(0)
        if isinstance(node.data, ExerciseRef):
            out.append(node)
        todo[:0] = node.children
    return out


def attempts(rows) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    return rows(
        f"SELECT verdict, mode, try, hints, solution_viewed, rating FROM attempts "
        f"WHERE template_id = '{VECTOR_OPS}' ORDER BY id"
    )


async def test_each_save_is_graded_and_shown_without_a_key_press(make_app, rows, tmp_path) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        task = text_of(screen.query_one("#ex-task", Static))
        assert "dot(u, v)" in task and "def dot(u, v):" in text_of(screen.query_one("#ex-code"))
        assert str(tmp_path / "workspace") in text_of(screen.query_one("#ex-file", Static))
        assert "The starter as written" in result_text(screen)  # shown, not counted
        assert "NotImplementedError" in result_text(screen)
        await save(pilot, screen, WRONG)
        shown = result_text(screen)
        # Cases are drawn fresh: an L1 norm is right on a vector with one nonzero entry, so
        # how many cases pass varies; that not all do is the point.
        assert re.search(r"✗ [0-5] of 6 cases pass", shown), shown
        assert "Save 1 of this session" in shown
        assert "What went wrong:" in shown and "L1 norm" in shown  # the misconception
        assert "First failure:" in shown and "expected" in shown
        assert attempts(rows) == []  # a failing save is not the session's outcome
        await save(pilot, screen, RIGHT)
        shown = result_text(screen)
        assert "✓ all 6 cases pass" in shown and "Solved" in shown and "Good" in shown
        assert attempts(rows) == [("accept", "exercise", 2, 0, 0, 3)]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        refs = [n.data for n in exercise_nodes(app.screen.query_one(TopicTree))]
        assert [(r.exercise_id, r.state) for r in refs] == [(VECTOR_OPS, "solved")]


async def test_print_output_and_control_characters_arrive_as_plain_text(make_app) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        hostile = WRONG.replace(
            "def dot(u, v):", "def dot(u, v):\n    print('[bold]x[/bold] \\x1b[2J')", 1
        )
        await save(pilot, screen, hostile)
        shown = result_text(screen)
        assert "[bold]x[/bold]" in shown  # markup shown as typed, not applied
        assert "\x1b" not in shown and "␛[2J" in shown


async def test_hints_come_one_at_a_time_and_make_a_pass_hard(make_app, rows) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        hints = screen.query_one("#exercise-hints", Static)
        assert not hints.display
        await pilot.press("h")
        assert hints.display and "Hint 1 of 2" in text_of(hints)
        await pilot.press("h")
        assert "Hint 2 of 2" in text_of(hints)
        assert screen.check_action("hint", ()) is None  # none left: shown dimmed
        await save(pilot, screen, RIGHT)
        assert "Hard" in result_text(screen)
        assert attempts(rows) == [("accept", "exercise", 1, 2, 0, 2)]


async def test_the_solution_is_asked_twice_before_passing_and_counts(make_app, rows) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        solution = screen.query_one("#exercise-solution", Static)
        await pilot.press("s")
        assert not solution.display and attempts(rows) == []  # a warning first
        await pilot.press("s")
        assert solution.display and "def norm" in text_of(solution)
        assert attempts(rows) == [("skipped", "exercise", 1, 0, 1, 1)]  # Again
        await save(pilot, screen, RIGHT)  # copying it passes, but is not a second outcome
        assert "already recorded" in result_text(screen)
        assert len(attempts(rows)) == 1


async def test_the_solution_after_passing_is_free(make_app, rows) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await save(pilot, screen, RIGHT)
        await pilot.press("s")
        assert screen.query_one("#exercise-solution", Static).display
        assert attempts(rows) == [("accept", "exercise", 1, 0, 0, 3)]


async def test_leaving_after_failing_saves_is_giving_up(make_app, rows) -> None:
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await save(pilot, screen, WRONG)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert attempts(rows) == [("reject", "exercise", 1, 0, 0, 1)]


async def test_the_editor_key_without_editor_says_how(make_app, monkeypatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await pilot.press("e")
        await pilot.pause()
        texts = [str(n.message) for n in app._notifications]
        assert any("Set $EDITOR" in t and str(screen.served.path) in t for t in texts)


async def test_the_editor_key_runs_editor_with_the_app_suspended(make_app, monkeypatch) -> None:
    import contextlib
    import subprocess

    ran: list[list[str]] = []
    monkeypatch.setenv("EDITOR", "myeditor --wait")
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: ran.append(cmd))
    app = make_app(exercises=EXERCISES)
    suspended: list[bool] = []

    @contextlib.contextmanager
    def suspend():  # type: ignore[no-untyped-def]
        suspended.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert suspended == [True]
        assert ran == [["myeditor", "--wait", str(screen.served.path)]]


async def test_exercises_are_in_the_palette_and_on_home(make_app) -> None:
    from quizmath.tui.palette import entries

    app = make_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        texts = [e.text for e in entries(app, [])]
        assert f"Coding exercise: Dot product and norm without np.dot ({VECTOR_OPS})" in texts
        tree = app.screen.query_one(TopicTree)
        tree.focus()
        (node,) = exercise_nodes(tree)
        assert node.parent is not None and node.parent.data.topic_id == "linear-algebra/vectors"
        tree.move_cursor(node)
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ExerciseScreen))


# -- drills --------------------------------------------------------------------------------


async def exercise_on_screen(pilot: Pilot[Any]) -> tuple[Any, ExerciseItem]:
    screen = await drill_screen(pilot)
    await wait_until(
        pilot, lambda: screen.run.current is not None and screen.run.current.kind == "exercise"
    )
    view = screen.query_one("#drill-exercise", ExerciseItem)
    await wait_until(pilot, lambda: view.display and view.served is not None)
    return screen, view


def code_drill(**kw: Any) -> Any:
    return options(questions=1, minutes=5, topics=("linear-algebra/vectors",), code=True, **kw)


async def test_a_drill_with_code_a_save_submits_and_a_pass_ends_it(drill_app, mono, rows) -> None:
    app = drill_app(drill=code_drill(), exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        screen, view = await exercise_on_screen(pilot)
        assert screen.run.current.kind == ItemKind.EXERCISE
        path = view.served.path
        assert path.parent.name == "drills" and path.exists()
        note = view.query_one("#ex-note", Static)
        path.write_text(WRONG, encoding="utf-8")  # saved in an editor: no key pressed
        await wait_until(pilot, lambda: "Not passing yet" in text_of(note), timeout=60)
        assert "cases pass" in text_of(note) and screen.run.answered == 0
        path.write_text(RIGHT, encoding="utf-8")
        report = await report_screen(pilot)
        assert report.report.correct == 1 and "--code" in report.report.share_args
        assert rows("SELECT verdict, mode FROM attempts") == [("accept", "drill")]


async def test_a_drill_time_out_grades_the_file_as_it_stands(drill_app, mono, rows) -> None:
    app = drill_app(drill=code_drill(), exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        _screen, view = await exercise_on_screen(pilot)
        view.stop_watching()  # the file changes without a submission this time
        await pilot.pause()
        view.served.path.write_text(WRONG, encoding="utf-8")
        mono.tick(5 * 60 + 1)
        report = await report_screen(pilot)
        (item,) = report.report.items
        assert item.outcome == "wrong" and item.timed_out
        assert item.answer == str(view.served.path)
        assert rows("SELECT verdict FROM attempts") == [("reject",)]


async def test_the_setup_screen_asks_for_coding_exercises(drill_app) -> None:
    from textual.widgets import Checkbox

    from quizmath.tui.screens.drill_setup import DrillSetupScreen

    app = drill_app(exercises=EXERCISES)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.drills.open_setup()
        await wait_until(pilot, lambda: isinstance(app.screen, DrillSetupScreen))
        setup = app.screen
        setup.query_one("#seed").value = "5"
        assert setup._fields().code is False
        setup.query_one("#code", Checkbox).value = True
        await pilot.pause()
        assert setup._fields().code is True
        assert "--code" in text_of(setup.query_one("#setup-share", Static))


@pytest.fixture(autouse=True)
def _utc(utc_days) -> None:  # type: ignore[no-untyped-def]
    """Local time is UTC (dates on the report)."""

"""Home reads progress in a worker, never on the UI thread (issue 13 item 23), and meanwhile
shows the figures brought up to date from the answers just recorded (no query)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from test_home_flow import SIZE, loaded_home, topic_line
from tui_helpers import answer, problem_screen, wait_until

from quizmath.tui import home_figures
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.widgets.topic_tree import TopicTree

VECTORS = "Vectors and the dot product"


async def ready_home(pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    home = await loaded_home(pilot)
    await wait_until(pilot, lambda: home.figures is not None and not home.reading)
    return home


async def test_showing_home_again_reads_nothing_on_the_ui_thread(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_ui: list[str] = []  # statements run on the UI thread's connection while home reloads
    inside = threading.Event()
    real = HomeScreen.reload

    def traced(self: HomeScreen) -> None:
        inside.set()
        try:
            real(self)
        finally:
            inside.clear()

    monkeypatch.setattr(HomeScreen, "reload", traced)
    gate = threading.Event()  # the worker's reading waits: home must not wait with it
    load = home_figures.load

    def slow_load(*args: Any) -> Any:
        assert gate.wait(30)
        return load(*args)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        gate.set()
        home = await ready_home(pilot)
        assert "0/1" in topic_line(home.query_one(TopicTree), VECTORS)
        app.services.storage._db.conn.set_trace_callback(
            lambda sql: on_ui.append(sql) if inside.is_set() else None
        )
        monkeypatch.setattr(home_figures, "load", slow_load)
        gate.clear()
        await pilot.press("c")
        screen = await problem_screen(pilot)
        template = screen.problem.template_id
        await answer(pilot, screen, screen.problem.typed_answer)
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.screen is home and home.reading)
        await pilot.pause()
        # Up to date at once, from the answer just recorded, while the worker still waits.
        assert "1/1" in topic_line(home.query_one(TopicTree), VECTORS)
        assert home.reading and on_ui == []
        gate.set()
        await wait_until(pilot, lambda: not home.reading)
        assert "1/1" in topic_line(home.query_one(TopicTree), VECTORS)  # the worker agrees
        assert home.snapshot is not None and home.snapshot.tallies[template].attempts == 1
        assert home.figures is not None and home.figures.view.pick is not None
    assert on_ui == []


@pytest.mark.parametrize("reads", ["before", "after"])
async def test_an_answer_recorded_while_home_reads_counts_once(make_app, reads: str) -> None:
    # The worker reads before the answer is written (its snapshot lacks it: home adds it) or
    # after (its snapshot has it: home must not add it again).
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await ready_home(pilot)
        gate = threading.Event()
        load = home_figures.load

        def slow_load(*args: Any) -> Any:
            if reads == "after":
                assert gate.wait(30)
            out = load(*args)
            if reads == "before":
                assert gate.wait(30)
            return out

        home_figures.load = slow_load  # type: ignore[assignment]
        try:
            home.reload()
            await pilot.pause()
            await pilot.press("c")
            screen = await problem_screen(pilot)
            await answer(pilot, screen, "12345")  # wrong: recorded while the worker reads
            gate.set()
            await wait_until(pilot, lambda: not home.reading)
        finally:
            home_figures.load = load  # type: ignore[assignment]
        assert home.snapshot is not None
        tally = home.snapshot.tallies[screen.problem.template_id]
        assert (tally.attempts, tally.earned) == (1, 0)  # once, not twice or never

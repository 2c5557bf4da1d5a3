"""Pilot tests of multi-part problems in the app: every part on screen with its own box,
answered in order; each part's verdict as it is checked (carried forward from a wrong earlier
part); unreadable answers refused and typed again; hints and solution per part; skip; the
score; and in a drill, one answer per part, a resumed drill going on at its next part.

The fixture bank is the TUI's plus the multi-part tests' (``test.chain``: s₁, s₂, s₂ − s₁ of a
sequence; ``test.single``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import INTERVIEWS, NOW, TEMPLATES, StepClock
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_helpers import problem_screen, wait_until

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank, load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.problem import Problem
from quizmath.core.drill.options import DrillOptions
from quizmath.core.drill.plan import DrillPlan, PlanItem
from quizmath.core.drill.run import DrillRun
from quizmath.core.items import ItemKind
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.tui.app import QuizApp
from quizmath.tui.screens.drill import DrillScreen
from quizmath.tui.screens.drill_report import DrillReportScreen
from quizmath.tui.screens.practice import PracticeScreen
from quizmath.tui.services import Services, StartSpec, in_process_checker
from quizmath.tui.widgets.drill_multipart import DrillMultipart
from quizmath.tui.widgets.multipart_item import PartRow
from quizmath.tui.widgets.prompt_view import PromptView

MP_BANK = Path(__file__).resolve().parents[1] / "multipart" / "fixtures" / "bank"
SIZE = (100, 30)


class Mono:
    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def bank() -> Bank:
    b = load_bank([TEMPLATES, MP_BANK])
    assert not b.errors, b.errors
    return b


@pytest.fixture
def storage(db_path: Path) -> Iterator[Storage]:
    s = Storage.open(db_path)
    yield s
    s.close()


@pytest.fixture
def make_app(storage: Storage, bank: Bank) -> Callable[[StartSpec], QuizApp]:
    def make(start: StartSpec) -> QuizApp:
        services = Services(
            storage,
            bank_paths=[TEMPLATES, MP_BANK],
            interview_paths=[INTERVIEWS],
            checker_factory=in_process_checker,
            fuzzing=False,
            now=lambda: NOW,
            rng=random.Random(7),
            clock=StepClock(),
            drill_clock=Mono(),
            prestarted_bank=bank if start.practice else None,
        )
        return QuizApp(services, start)

    return make


def rows_of(screen: Any) -> list[PartRow]:
    return screen.query_one("#parts").rows


def verdict_of(row: PartRow) -> str:
    return str(row.query_one(".part-verdict", Static).render())


def note_of(row: PartRow) -> str:
    return str(row.query_one("#reading", Static).render())


async def answer_part(pilot: Pilot[Any], screen: PracticeScreen, text: str) -> None:
    """Type ``text`` in the current part's box, press Enter, wait until it is checked."""
    box = screen.sheet.parts.box
    assert box is not None and not box.input.disabled
    box.input.value = text
    await pilot.pause()
    before = screen.checks_done
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.checks_done > before and not screen.checking)


async def parts_on_screen(pilot: Pilot[Any], screen: Any, n: int) -> list[PartRow]:
    await wait_until(pilot, lambda: len(rows_of(screen)) == n and rows_of(screen)[0].box)
    return rows_of(screen)


def carried(p: Problem, s1: int) -> tuple[str, str]:
    """Parts (b) and (c) computed from a wrong s₁ by the template's own expressions."""
    assert p.carry is not None
    s2 = p.carry.expected(1, {"s1": s1})
    assert s2 is not None
    diff = p.carry.expected(2, {"s1": s1, "s2": int(s2.expected)})
    assert diff is not None
    return s2.expected, diff.expected


async def test_every_part_is_shown_answered_in_order_and_carried_forward(
    make_app, storage: Storage
) -> None:
    app = make_app(StartSpec(template="test.chain@3"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None and len(p.parts) == 3
        rows = await parts_on_screen(pilot, screen, 3)
        questions = [str(r.query_one(".part-question", Static).render()) for r in rows]
        assert questions == ["(a) Find s₁.", "(b) Find s₂.", "(c) Find s₂ − s₁."]
        assert not screen.query_one("#answer-box").display  # the parts have their own boxes
        await wait_until(pilot, lambda: app.focused is rows[0].box.input)
        assert rows[1].box.input.disabled and rows[1].has_class("-later")
        s1 = int(p.parts[0].problem.expected) + 10
        b, c = carried(p, s1)
        await answer_part(pilot, screen, str(s1))
        assert verdict_of(rows[0]).startswith("✗ Not correct")
        assert rows[0].box.input.disabled and app.focused is rows[1].box.input
        await answer_part(pilot, screen, b)
        assert verdict_of(rows[1]).startswith("✓ Correct, carried forward from your part (a)")
        assert not screen.finished
        await answer_part(pilot, screen, c)
        assert "carried forward from your parts (a) and (b)" in verdict_of(rows[2])
        score = str(screen.query_one("#parts-score", Static).render())
        assert score.startswith("Score: 2 of 3 parts right")
        assert f"(a) the answer was  {p.parts[0].problem.answer_text}" in score
        assert screen.finished and screen.query_one("#answer-box").display
    [attempt] = storage.attempts()
    assert attempt.verdict == "reject" and attempt.score == pytest.approx(2 / 3)
    assert [r.verdict for r in attempt.parts or ()] == ["wrong", "carried", "carried"]


async def test_an_unreadable_part_is_refused_kept_and_asked_again(
    make_app, storage: Storage
) -> None:
    app = make_app(StartSpec(template="test.chain@3"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        rows = await parts_on_screen(pilot, screen, 3)
        await answer_part(pilot, screen, "3 +")
        assert "Could not read that — not counted" in note_of(rows[0])
        assert rows[0].box.input.value == "3 +" and not rows[0].box.input.disabled
        assert not verdict_of(rows[0]) and rows[1].box.input.disabled
        await answer_part(pilot, screen, p.parts[0].problem.typed_answer)
        assert verdict_of(rows[0]).startswith("✓ Correct")
        assert app.focused is rows[1].box.input
    assert storage.attempts() == []  # nothing until the last part


async def test_hints_and_the_solution_are_the_current_parts(make_app, storage: Storage) -> None:
    app = make_app(StartSpec(template="test.chain@3"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await parts_on_screen(pilot, screen, 3)
        await wait_until(pilot, lambda: screen.check_action("hint", ()) is True)
        await pilot.press("ctrl+t")
        hints = screen.query_one("#hints")
        await wait_until(pilot, lambda: len(hints.query(PromptView)) == 1)
        heading = str(hints.query(Static).first().render())
        assert heading == "Hint 1 of 2 for part (a)"
        assert hints.query(PromptView).first().text == p.parts[0].problem.hints[0]
        await pilot.press("ctrl+r")
        heading = screen.query_one("#solution-heading", Static)
        assert str(heading.render()) == "Worked solution of part (a)"
        shown = screen.query_one("#solution", PromptView).text
        assert shown == p.parts[0].problem.solution
        assert screen.check_action("solution", ()) is not True  # (a)'s is on screen already
        await answer_part(pilot, screen, p.parts[0].problem.typed_answer)
        assert screen.check_action("solution", ()) is True  # (b)'s is not
        await pilot.press("ctrl+r")
        assert str(heading.render()) == "Worked solution of part (b)"
        await answer_part(pilot, screen, p.parts[1].problem.typed_answer)
        await answer_part(pilot, screen, p.parts[2].problem.typed_answer)
        await pilot.press("ctrl+r")  # every part answered: the whole solution
        assert str(heading.render()) == "Worked solution"
        assert screen.query_one("#solution", PromptView).text == p.solution
    [attempt] = storage.attempts()
    # All right, but after (a)'s and (b)'s solutions: rated as an answer after the solution.
    assert attempt.verdict == "accept" and attempt.solution_viewed


async def test_skip_ends_the_problem_with_the_parts_so_far(make_app, storage: Storage) -> None:
    app = make_app(StartSpec(template="test.chain@3"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        rows = await parts_on_screen(pilot, screen, 3)
        await answer_part(pilot, screen, p.parts[0].problem.typed_answer)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: screen.finished)
        assert [verdict_of(r).split(" —")[0] for r in rows] == [
            "✓ Correct",
            "— not answered",
            "— not answered",
        ]
        score = str(screen.query_one("#parts-score", Static).render())
        assert score.startswith("Score: 1 of 3 parts right")
        assert screen.sheet.solution_shown
        await pilot.press("enter")  # the box below takes Enter: the next problem
        await wait_until(pilot, lambda: len(screen.practice.history) == 2)
    [attempt] = storage.attempts()
    assert [r.verdict for r in attempt.parts or ()] == ["correct", "skipped", "skipped"]
    assert attempt.score == pytest.approx(1 / 3)


def _chain_drill(storage: Storage, bank: Bank) -> tuple[DrillRun, Problem]:
    scheduler = Scheduler(storage, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(7))
    chain = generate(bank.get("test.chain"), 3)
    single = generate(bank.get("test.single"), 3)
    items = (
        PlanItem(ItemKind.MULTIPART, chain.template_id, chain.seed, chain.topic),
        PlanItem(ItemKind.PROBLEM, single.template_id, single.seed, single.topic),
    )
    plan = DrillPlan(5, (), items, True, False, {chain.ref: chain, single.ref: single})
    return DrillRun.start(storage, scheduler, plan, check, clock=Mono()), chain


async def test_a_drill_takes_one_answer_per_part_and_resumes_at_the_next_part(
    make_app, storage: Storage, bank: Bank
) -> None:
    run, p = _chain_drill(storage, bank)
    s1 = int(p.parts[0].problem.expected) + 10
    run.submit(str(s1))  # part (a), wrong, saved; then the drill is left
    run.pause()
    b, c = carried(p, s1)
    app = make_app(StartSpec(drill=DrillOptions(questions=2), resume=str(run.id)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot, lambda: isinstance(app.screen, DrillScreen) and app.screen.run is not None
        )
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        view = screen.query_one(DrillMultipart)
        rows = await parts_on_screen(pilot, view, 3)
        await wait_until(pilot, lambda: verdict_of(rows[0]) != "")
        assert verdict_of(rows[0]) == "✗ Not correct"  # brief: the report has the details
        assert rows[0].box.input.value == str(s1) and rows[0].box.input.disabled
        await wait_until(pilot, lambda: app.focused is rows[1].box.input)

        async def part(text: str, done: Callable[[], Any]) -> None:
            box = view.box
            assert box is not None
            box.input.value = text
            await pilot.pause()
            await pilot.press("enter")
            await wait_until(pilot, lambda: not screen.checking and done())

        await part("nonsense +", lambda: "Could not read that" in note_of(rows[1]))
        assert view.box is rows[1].box and app.focused is rows[1].box.input  # asked again
        assert not verdict_of(rows[1])
        await part(b, lambda: view.box is rows[2].box)
        assert verdict_of(rows[1]) == "✓ Correct, carried forward from your part (a)"
        run_now = screen.run
        assert run_now is not None
        await part(c, lambda: run_now.current is not None and run_now.current.position == 1)
        last = str(screen.query_one("#drill-last", Static).render())
        assert "67% of parts" in last
        await pilot.press("ctrl+g")  # the single problem: the drill ends, the report follows
        await wait_until(pilot, lambda: isinstance(app.screen, DrillReportScreen))
        report = app.screen
        assert isinstance(report, DrillReportScreen)
        await wait_until(pilot, lambda: report.report is not None)
        score = str(report.query_one("#report-score", Static).render())
        assert score.startswith("Score 0.67 of 2 (33%)")
        table = report.query_one("#report-items", DataTable)
        assert "wrong 2/3" in str(table.get_row_at(0)[1])
        missed = " ".join(str(w.render()) for w in report.query(".missed-line"))
        assert "Parts: (a) wrong, (b) right (carried), (c) right (carried)" in missed
    saved = storage.read(
        lambda conn: conn.execute(
            "SELECT score, parts FROM attempts WHERE template_id = 'test.chain'"
        ).fetchall()
    )
    [(score, parts)] = saved
    assert score == pytest.approx(2 / 3)
    assert [x["verdict"] for x in json.loads(parts)] == ["wrong", "carried", "carried"]


def test_snapshot_of_a_part_carried_forward(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await parts_on_screen(pilot, screen, 3)
        s1 = int(p.parts[0].problem.expected) + 10
        b, _ = carried(p, s1)
        await answer_part(pilot, screen, str(s1))
        await answer_part(pilot, screen, b)
        for widget in screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()

    app = make_app(StartSpec(template="test.chain@3"))
    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))


async def test_keys_while_a_multi_part_problem_is_made_after_a_single_one(make_app) -> None:
    # The bug: the practice already had the next (multi-part) problem while the screen still
    # showed the single one; the key bindings' check read a part of the single one and raised.
    app = make_app(StartSpec(template="test.single@3"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: screen.practice is not None)
        assert screen.practice is not None
        screen.practice.next_problem("test.chain@3")  # as the worker does, before the screen
        assert screen.check_action("choice", (1,)) is False
        screen.check_action("solution", ())  # raised IndexError before the fix, as "choice" did

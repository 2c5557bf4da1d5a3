"""Pilot tests of the problem screen: answers right, wrong and unreadable; hints, solution,
concept page, skip, next; the live "reads as" line; checking off the UI thread."""

from __future__ import annotations

import threading
from typing import Any

from textual import events
from textual.widgets import Input
from textual.widgets._footer import FooterKey
from tui_helpers import answer, problem_screen, reading, verdict_text, wait_until

from quizmath.tui.screens.concept import ConceptScreen
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.screens.practice import PracticeScreen
from quizmath.tui.widgets.prompt_view import PromptView

SIZE = (100, 30)


async def test_right_answer_is_shown_and_recorded(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None and p.ref == "tuifix.dot@3"
        await answer(pilot, screen, p.typed_answer)
        text = verdict_text(screen)
        assert "✓ Correct" in text and "in 4.5 s" in text
        assert screen.finished
    assert rows("SELECT template_id, seed, verdict, answer FROM attempts") == [
        ("tuifix.dot", 3, "accept", p.typed_answer)
    ]


async def test_wrong_answer_names_the_mistake_and_allows_a_retry(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        mistake = p.mistakes[0]
        await answer(pilot, screen, mistake.typed)
        text = verdict_text(screen)
        assert "✗ Not correct" in text
        assert "Common mistake: You added the entries" in text
        assert not screen.finished and screen.query_one("#answer", Input).value == mistake.typed
        await answer(pilot, screen, p.typed_answer)  # a second try is allowed
        assert "✓ Correct" in verdict_text(screen)
    assert rows("SELECT verdict, try FROM attempts ORDER BY id") == [("reject", 1), ("accept", 2)]


async def test_wrong_matrix_entries_are_marked(make_app) -> None:
    app = make_app(template="tuifix.mat@5")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        # Typed as rows separated by ";", with the last entry off by one.
        rows_ = [r.strip(" []") for r in p.expected.strip("[]").split("], [")]
        cells = [r.split(", ") for r in rows_]
        cells[1][1] = str(int(cells[1][1]) + 1)
        typed = "; ".join(" ".join(r) for r in cells)
        await answer(pilot, screen, typed)
        text = verdict_text(screen)
        assert "entry (2, 2)" in text
        assert "Wrong entries:" in text


async def test_unreadable_answer_is_explained_kept_and_not_recorded(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await answer(pilot, screen, "3 +")
        text = verdict_text(screen)
        assert "Could not read that — not counted" in text
        assert "column" in text
        assert screen.query_one("#answer", Input).value == "3 +"
        assert not screen.finished
    assert rows("SELECT count(*) FROM attempts") == [(0,)]


async def test_enter_on_an_empty_box_does_nothing(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("enter", "enter")
        assert screen.checks_started == 0 and not screen.checking
        assert "Type an answer first" in reading(screen)
    assert rows("SELECT count(*) FROM attempts") == [(0,)]


async def test_hints_one_more_per_press_then_none(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        hints = screen.query_one("#hints")
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: len(hints.query(PromptView)) == 1)
        first = hints.query(PromptView).first().text
        assert first == "Multiply matching entries."
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: len(hints.query(PromptView)) == 2)
        await pilot.press("ctrl+t")  # none left: the key is disabled
        await pilot.pause()
        assert len(hints.query(PromptView)) == 2
        assert screen.practice.current is not None and screen.practice.current.hints == 2
        await answer(pilot, screen, screen.problem.typed_answer)
        assert "after 2 hints" in verdict_text(screen)
    assert rows("SELECT hints, rating FROM attempts") == [(2, 2)]  # Hard


async def test_solution_is_shown_and_counted(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert not screen.query_one("#solution-box").display
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.query_one("#solution-box").display
        assert screen.query_one("#solution", PromptView).text == p.solution
        await answer(pilot, screen, p.typed_answer)
    assert rows("SELECT verdict, solution_viewed, rating FROM attempts") == [("accept", 1, 1)]


async def test_concept_page_from_the_problem_and_back(make_app) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConceptScreen))
        assert app.screen.page.slug == "vectors"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.focused is screen.query_one("#answer", Input)


async def test_skip_records_and_next_serves_another(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("ctrl+n")  # unanswered: next is disabled, skip is the way on
        await pilot.pause()
        assert screen.problem.ref == "tuifix.dot@3"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Skipped" in verdict_text(screen) and screen.finished
        await pilot.press("enter")  # Enter after the end: the next problem
        await wait_until(pilot, lambda: screen.problem is not None and screen.problem.seed != 3)
        assert screen.problem.template_id == "tuifix.dot" and not screen.finished
    assert rows("SELECT verdict, rating FROM attempts") == [("skipped", 1)]


async def test_three_wrong_answers_show_the_solution(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        wrong = str(int(screen.problem.expected) + 1)
        for _ in range(3):
            await answer(pilot, screen, wrong)
        assert screen.finished
        assert screen.query_one("#solution-box").display
        assert "That was 3 tries" in verdict_text(screen)
    assert [r[0] for r in rows("SELECT verdict FROM attempts")] == ["reject"] * 3


async def test_escape_leaves_the_box_then_letters_work_then_home(make_app) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("escape")
        assert screen.focused is not screen.query_one("#answer", Input)
        await pilot.press("h")
        await wait_until(pilot, lambda: len(screen.query_one("#hints").query(PromptView)) == 1)
        await pilot.press("a")
        assert screen.focused is screen.query_one("#answer", Input)
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_live_reading_updates_as_you_type(make_app) -> None:
    app = make_app(template="tuifix.mat@5")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await pilot.press("1", "space", "2", "semicolon", "space", "3")
        assert reading(screen).startswith("✗ ")  # a ragged matrix cannot be read
        await pilot.press("space", "4")
        assert reading(screen) == "reads as  [[1, 2], [3, 4]]"
        await pilot.press("space", "(")
        text = reading(screen)
        assert text.startswith("✗ ") and "column" in text


async def test_pasted_control_characters_never_reach_the_screen(make_app) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        box = screen.query_one("#answer", Input)
        box.post_message(events.Paste("1\x1b[2J2\x07"))
        await wait_until(pilot, lambda: box.value == "12")  # whole sequences go
        assert "control characters removed" in reading(screen)
        assert "\x1b" not in reading(screen)


async def test_choice_by_letter_and_arrow_keys(make_app, rows) -> None:
    app = make_app(template="tuifix.pick@1")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert len(p.choices) == 3
        await pilot.press("down")
        assert screen.query_one("#answer", Input).value == "A"
        assert reading(screen) == f"reads as  A) {p.choices[0]}"
        await pilot.press("down", "down", "down")
        assert screen.query_one("#answer", Input).value == "A"  # wraps around
        await answer(pilot, screen, p.expected.lower())
        assert "✓ Correct" in verdict_text(screen)


async def test_count_ends_the_session_and_returns_home(make_app, monkeypatch) -> None:
    app = make_app(template="tuifix.dot@3", count=1)
    said: list[str] = []
    notify = app.notify

    def heard(message: str, **kw: Any) -> None:
        # Kept here: a loaded machine can take longer to show home than a notification lives.
        said.append(message)
        notify(message, **kw)

    monkeypatch.setattr(app, "notify", heard)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await problem_screen(pilot)
        await answer(pilot, screen, screen.problem.typed_answer)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert any("1 problem: 1 correct" in message for message in said)


class BlockingChecker:
    """A checker that waits for the test's go-ahead: proves the UI runs meanwhile."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.thread: str | None = None

    def __call__(self, kind: str, expected: str, submitted: str, **kw: Any) -> Any:
        from quizmath.core.answers import check

        self.thread = threading.current_thread().name
        assert self.go.wait(30)
        return check(kind, expected, submitted, **kw)


async def test_checking_runs_off_the_ui_thread(make_app) -> None:
    checker = BlockingChecker()
    app = make_app(template="tuifix.dot@3", checker=lambda _fell_back: checker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        box = screen.query_one("#answer", Input)
        box.value = screen.problem.typed_answer
        try:
            await pilot.press("enter")
            await wait_until(pilot, lambda: checker.thread is not None)
            assert screen.checking
            await pilot.press("end", "9")  # the UI still answers keys while the check waits
            assert box.value == screen.problem.typed_answer + "9"
            assert checker.thread != threading.current_thread().name
        finally:
            checker.go.set()
        await wait_until(pilot, lambda: not screen.checking)
        assert "✓ Correct" in verdict_text(screen)  # the answer as it was when Enter was pressed


async def test_real_checking_service_end_to_end(make_app, rows) -> None:
    """The default checker: the CheckService worker process (falls back in-process)."""
    from quizmath.tui.services import service_checker

    app = make_app(template="tuifix.deriv@2", checker=service_checker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        assert screen.problem.kind == "expression"
        await answer(pilot, screen, screen.problem.typed_answer)
        assert "✓ Correct" in verdict_text(screen)
        assert isinstance(app.screen, PracticeScreen)
    assert rows("SELECT verdict FROM attempts") == [("accept",)]


def prefetched(ref: str):
    from conftest import TEMPLATES

    from quizmath.core.bank.bank import load_bank
    from quizmath.core.bank.generate import generate
    from quizmath.core.bank.problem import parse_ref
    from quizmath.tui.prefetch import Prefetched

    template_id, seed = parse_ref(ref)
    return Prefetched(generate(load_bank([TEMPLATES]).get(template_id), seed), "Vectors")


async def test_prefetched_first_problem_is_adopted_by_its_session(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    app.services.prestarted_bank = None  # as launched with a prefetch
    app.first = prefetched("tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        assert screen.problem == app.first.problem
        await wait_until(pilot, lambda: screen.practice is not None)
        assert screen.practice.problem is app.first.problem  # served, not made again
        await answer(pilot, screen, screen.problem.typed_answer)
        assert "✓ Correct" in verdict_text(screen)
    assert rows("SELECT template_id, seed, verdict FROM attempts") == [("tuifix.dot", 3, "accept")]


async def test_the_first_frame_holds_only_what_it_shows(make_app, rows) -> None:
    # The parts hidden until needed (choices, verdict, worked solution, "how sure?") are mounted
    # after the first frame: composed with it, they delayed the first problem's paint by ~25 ms
    # (issue 13 item 24). They are there soon after, hidden, and work as before.
    hidden = ("choices", "verdict", "solution-box", "confidence")
    app = make_app(template="tuifix.dot@3")
    app.services.prestarted_bank = None  # as launched with a prefetch
    app.first = prefetched("tuifix.dot@3")
    at_first_frame: dict[str, bool] = {}

    def look() -> None:  # the first callback after the first frame: before the sheet's own
        at_first_frame.update({name: bool(app.screen.query(f"#{name}")) for name in hidden})

    app.after_first_frame(look)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: bool(at_first_frame))
        assert isinstance(app.screen, PracticeScreen)
        assert at_first_frame == dict.fromkeys(hidden, False)
        await wait_until(pilot, lambda: all(screen.query(f"#{name}") for name in hidden))
        assert not any(screen.query_one(f"#{name}").display for name in hidden)
        assert screen.problem.typed_answer != "1000"
        await answer(pilot, screen, "1000")
        assert "✗ Not correct" in verdict_text(screen)
        await pilot.press("ctrl+r")  # the worked solution
        await wait_until(pilot, lambda: screen.sheet.solution_shown)
    assert rows("SELECT verdict FROM attempts")[0] == ("reject",)


async def test_a_problem_made_before_the_app_has_its_keys_in_the_first_footer(make_app) -> None:
    # The screen did not know its problem when the footer first asked about the keys: Hint,
    # Solution, Skip and Concept were hidden, then shown, so the footer was built twice before
    # the first paint (issue 13 item 24).
    from quizmath.tui.widgets.footer import Footer

    app = make_app(template="tuifix.dot@3")
    app.services.prestarted_bank = None  # as launched with a prefetch
    app.first = prefetched("tuifix.dot@3")
    at_first_frame: list[int] = []
    app.after_first_frame(lambda: at_first_frame.append(app.screen.query_one(Footer).rebuilds))
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: bool(at_first_frame))
        assert at_first_frame == [0]
        keys = [k.description for k in screen.query(FooterKey)]
        assert {"Hint", "Solution", "Skip", "Concept"} <= set(keys)


async def test_the_keys_can_be_asked_about_before_the_sheet_is_there(make_app) -> None:
    # A screen knows a problem made before the app from its constructor, so the footer may ask
    # about ctrl+r before the sheet is mounted, or after it was removed (leaving): that raised
    # NoMatches in a footer rebuild once (a CI run, the stats screen's weakest-topic key).
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        await problem_screen(pilot)
        screen = PracticeScreen(None, premade=prefetched("tuifix.dot@3"))
        assert screen.problem is not None and not screen.query_children("*")
        assert screen.check_action("solution", ()) is False
        assert screen.check_action("hint", ()) is None  # shown, dimmed: the session is not here


async def test_answer_typed_before_the_session_arrives_is_checked_then(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    app.services.prestarted_bank = None
    app.first = prefetched("tuifix.dot@3")
    gate = threading.Event()
    load = app.services.load_bank

    def slow_load():
        assert gate.wait(30)
        return load()

    app.services.load_bank = slow_load  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        screen.query_one("#answer", Input).value = screen.problem.typed_answer
        try:
            await pilot.press("enter")
            assert screen.practice is None and "Checking in a moment" in reading(screen)
        finally:
            gate.set()
        await wait_until(pilot, lambda: screen.sheet.verdict.status is not None)
        assert "✓ Correct" in verdict_text(screen)
    assert rows("SELECT verdict FROM attempts") == [("accept",)]


async def test_the_keys_are_asked_about_safely_after_the_session_closed(make_app) -> None:
    # Leaving an unanswered problem closes the session; the footer can still ask about the keys
    # (it recomposes late). Asking the closed session crashed the app once (seen in tmux:
    # Escape twice, quickly, on a fresh problem); now the keys are simply not available.
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await wait_until(pilot, lambda: screen.check_action("hint", ()) is True)
        screen.end_practice()
        assert screen.check_action("hint", ()) is None
        assert screen.check_action("skip", ()) is None

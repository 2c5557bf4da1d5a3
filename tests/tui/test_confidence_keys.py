"""Confidence on the practice screen: after Enter, "how sure?" (1–3) comes before the verdict,
and the answer is recorded with it; Escape takes the answer back unsaved."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import problem_screen, verdict_text, wait_until

from quizmath.core import settings
from quizmath.core.storage import Storage
from quizmath.tui.widgets.confidence_bar import ConfidenceBar

SIZE = (100, 30)


def confidence_on(db_path) -> None:  # type: ignore[no-untyped-def]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with Storage.open(db_path) as s:
        settings.change(s, confidence=True)


async def submit(pilot, screen, text: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#answer", Input).value = text
    await pilot.pause()
    before = screen.checks_done
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.checks_done > before and not screen.checking)


async def test_how_sure_comes_before_the_verdict_and_is_stored(make_app, rows, db_path) -> None:
    confidence_on(db_path)
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await submit(pilot, screen, p.mistakes[0].typed)
        bar = screen.query_one(ConfidenceBar)
        assert bar.display and screen.unsure is not None
        assert "Not correct" not in verdict_text(screen)  # no verdict yet
        assert rows("SELECT count(*) FROM attempts") == [(0,)]
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.unsure is None)
        text = verdict_text(screen)
        assert "✗ Not correct" in text and "likely misconception" in text
        assert not bar.display and screen.focused is screen.box.input
        await submit(pilot, screen, p.typed_answer)
        await pilot.press("1")
        await wait_until(pilot, lambda: "✓ Correct" in verdict_text(screen))
        assert "Right, though unsure" in verdict_text(screen)
    assert rows("SELECT verdict, confidence, rating FROM attempts ORDER BY id") == [
        ("reject", "high", 1),
        ("accept", "low", None),  # a second try reviews no card
    ]


async def test_escape_takes_the_answer_back_unsaved(make_app, rows, db_path) -> None:
    confidence_on(db_path)
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await submit(pilot, screen, p.typed_answer)
        assert screen.unsure is not None
        await pilot.press("escape")
        assert screen.unsure is None and not screen.query_one(ConfidenceBar).display
        assert screen.query_one("#answer", Input).value == p.typed_answer
        await submit(pilot, screen, p.typed_answer)
        await pilot.press("2")
        await wait_until(pilot, lambda: "✓ Correct" in verdict_text(screen))
    assert rows("SELECT verdict, confidence, rating FROM attempts") == [("accept", "medium", 3)]


async def test_unreadable_answers_and_confidence_off_ask_nothing(make_app, rows, db_path) -> None:
    confidence_on(db_path)
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        await submit(pilot, screen, "3 +")
        assert screen.unsure is None and not screen.query_one(ConfidenceBar).display
        assert "Could not read that" in verdict_text(screen)


async def test_off_by_default(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await submit(pilot, screen, p.typed_answer)
        assert "✓ Correct" in verdict_text(screen)
    assert rows("SELECT confidence FROM attempts") == [(None,)]


async def test_the_confidence_option_asks_without_the_setting(make_app, rows) -> None:
    # `quizmath practice --confidence` reached plain mode only: the app never asked.
    app = make_app(template="tuifix.dot@3", confidence=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        p = screen.problem
        assert p is not None
        await submit(pilot, screen, p.typed_answer)
        assert screen.query_one(ConfidenceBar).display and screen.unsure is not None
        await pilot.press("2")
        await wait_until(pilot, lambda: "✓ Correct" in verdict_text(screen))
    assert rows("SELECT verdict, confidence FROM attempts") == [("accept", "medium")]


def test_the_practice_command_passes_the_confidence_option(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from quizmath.cli import build_parser
    from quizmath.commands import practice

    seen: dict[str, object] = {}
    monkeypatch.setattr(practice, "_is_exercise", lambda ref: False)
    import quizmath.commands.full_screen as full_screen

    monkeypatch.setattr(full_screen, "open_app", lambda **kw: seen.update(kw) or 0)
    args = build_parser("practice").parse_args(["practice", "--template", "x@1", "--confidence"])
    assert practice.open_full_screen(args) == 0 and seen["confidence"] is True

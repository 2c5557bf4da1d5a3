"""A paste is text, never keys (issue 13 items 7 and 15).

Pasting ``ESC ] 0 ; x BEL n`` into the answer box pressed BEL (ctrl+g: skip) and ``n``: Textual's
parser re-issues an escape sequence it meets inside a bracketed paste as key presses. The app's
parser removes escapes from pastes first (``tui.paste_guard``); a multi-line paste of a matrix
becomes one answer with its rows joined by ``;`` (``core.answers.paste``).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.drivers import linux_driver
from tui_helpers import problem_screen, wait_until

from quizmath.core.answers.paste import one_line
from quizmath.tui.paste_guard import PASTE_END, PASTE_START, PasteFilter, PasteGuardParser

SIZE = (100, 30)
HOSTILE = f"{PASTE_START}\x1b]0;x\x07n{PASTE_END}"


def parse(*chunks: str) -> list[Any]:
    parser = PasteGuardParser()
    out: list[Any] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


def test_an_escape_inside_a_paste_presses_no_key() -> None:
    events_ = parse(HOSTILE)
    assert [type(e) for e in events_] == [events.Paste]
    assert events_[0].text == "n"


def test_the_guard_works_whatever_the_chunks() -> None:
    one_by_one = parse(*HOSTILE)
    assert [(type(e), getattr(e, "text", None)) for e in one_by_one] == [(events.Paste, "n")]
    split = parse("ab\x1b[20", "0~1\n2\x1b[2", "J3\x1b[20", "1~c")
    assert [getattr(e, "text", None) or e.key for e in split] == ["a", "b", "1\n23", "c"]


def test_keys_outside_a_paste_pass_unchanged() -> None:
    keys = [e.key for e in parse("x\x1b[Ay") if isinstance(e, events.Key)]
    assert keys == ["x", "up", "y"]
    f = PasteFilter()
    assert f.feed("\x1b") == "\x1b"  # a lone Escape is never held back (the parser times it)


def test_the_app_reads_input_through_the_guard(make_app) -> None:
    make_app()  # choosing the driver installs the guard where the driver builds its parser
    assert linux_driver.XTermParser is PasteGuardParser


@pytest.mark.parametrize(
    ("pasted", "kind", "line"),
    [
        ("1 2\n3 4\n", "matrix", "1 2; 3 4"),
        ("[[1, 2],\n [3, 4]]", "matrix", "[[1, 2], [3, 4]]"),
        ("1\t2\r\n3\t4", "matrix", "1 2; 3 4"),
        ("[1 2\n 3 4]", "matrix", "[1 2; 3 4]"),
        ("1\n2\n3", "vector", "1; 2; 3"),
        ("2\n\n5", "set", "2, 5"),
        ("2x +\n 1", "expression", "2x + 1"),
        ("\x1b[31m4\x1b[0m2", "integer", "42"),
        ("\x1b]0;x\x07", "integer", ""),
    ],
)
def test_a_pasted_answer_is_one_line(pasted: str, kind: str, line: str) -> None:
    assert one_line(pasted, kind) == line


async def test_a_hostile_paste_saves_nothing(make_app, rows) -> None:
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        for event in PasteGuardParser().feed(HOSTILE):
            app.post_message(event)
        await wait_until(pilot, lambda: screen.box.value == "n")
        await pilot.pause()
        assert not screen.finished
    assert rows("SELECT verdict FROM attempts") == []


async def test_a_pasted_matrix_keeps_every_row(make_app) -> None:
    app = make_app(template="tuifix.mat@5")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        app.post_message(events.Paste("1 2\n3 4"))
        await wait_until(pilot, lambda: screen.box.value == "1 2; 3 4")
        assert "[[1, 2], [3, 4]]" in str(screen.query_one("#reading").render())

"""neutralise: nothing that a terminal acts on survives; ordinary text is untouched."""

from __future__ import annotations

import pytest

from quizmath.core.terminal_text import CONTROL, describe, first_control, neutralise

HOSTILE = [
    "\x1b]0;pwned\x07",  # OSC: retitle the terminal
    "\x1b[2J",  # clear the screen
    "\x9b2J",  # C1 CSI, no ESC at all
    "\x9d0;x\x9c",  # C1 OSC … ST
    "abc\u202eevil",  # right-to-left override
    "\u2066isolate\u2069",
    "\x00nul",
    "back\x08space",
    "carriage\rreturn",
    "\x7f",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_character_survives(text: str) -> None:
    out = neutralise(text)
    assert CONTROL.search(out) is None
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert first_control(out) is None


def test_stand_ins_are_visible_and_say_what_was_there() -> None:
    assert neutralise("a\x1b[2Jb") == "a␛[2Jb"
    assert neutralise("x\u202ey") == "x<U+202E>y"
    assert neutralise("\x9b") == "<U+009B>"
    assert neutralise("\x7f") == "␡"


def test_layout_and_unicode_are_kept() -> None:
    text = "Det A\tof\n⎡1 2⎤ λ σ √2 · π ≤ 3×4 — “quoted” ½ x² 𝔼"
    assert neutralise(text) is text  # nothing to do: the very same object, no copy
    assert first_control(text) is None


def test_first_control_points_at_the_character() -> None:
    assert first_control("ok \x1b here") == 3
    assert first_control("ab\u2067") == 2


def test_describe_names_without_showing() -> None:
    assert describe("\x1b") == "U+001B (ESCAPE)"
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert "\x1b" not in describe("\x1b")
    assert describe("\x05") == "U+0005"


def test_dumps_keeps_the_data_and_escapes_what_a_terminal_would_act_on() -> None:
    import json

    from quizmath.core.terminal_text import dumps

    obj = {"id": "a\u202eb\x9bc\x1b\x7f", "text": "λ √2 ·\tok", "n": [1, 2]}
    text = dumps(obj, indent=2)
    assert CONTROL.search(text) is None
    assert json.loads(text) == obj  # the same data
    assert "λ √2 ·" in text  # Unicode stays readable


def test_template_errors_never_print_a_control_character() -> None:
    from quizmath.core.errors import TemplateError

    err = TemplateError('bad "\x1b]0;x\x07"', file="dir/\x1b[2Jt.yaml", line=3, field="title")
    assert str(err) == 'dir/␛[2Jt.yaml:3: title: bad "␛]0;x␇"'
    assert err.message == 'bad "\x1b]0;x\x07"'  # the data itself is kept


@pytest.mark.parametrize("text", HOSTILE)
def test_strip_leaves_no_control_character(text: str) -> None:
    from quizmath.core.terminal_text import strip

    assert CONTROL.search(strip(text)) is None


def test_strip_removes_whole_sequences_and_keeps_layout() -> None:
    from quizmath.core.terminal_text import strip

    assert strip("\x1b]0;pwned\x07n") == "n"  # the title's text goes with its command
    assert strip("a\x1b[2;31mb\x9b0mc") == "abc"
    assert strip("\x1bPq#0;2\x1b\\ok") == "ok"
    assert strip("rows\n1\t2") == "rows\n1\t2"
    plain = "λ √2 · [1, 2]"
    assert strip(plain) is plain

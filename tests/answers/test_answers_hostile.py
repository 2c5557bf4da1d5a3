"""Hostile and oversized input: refused with a clear message, never run, never echoed raw."""

from __future__ import annotations

import pytest

from quizmath.core.answers import KINDS, check, interpret

HOSTILE = [
    "__import__('os')",
    "().__class__",
    "open('x')",
    "open(1)",
    "exec(1)",
    "eval(1)",
    "import os",
    "x.__class__.__mro__",
    "lambda: 0",
    "9^9^9^9",
    "9**9**9**9",
    "factorial(10^10)",
    "(10^10)!",
    "1e999999",
    "1e-999999",
    "2^(2^(2^(2^(2^2))))",
    "10^10^10",
    "binomial(10^100, 10^50)",
    "exp(10^1000)",
    "(" * 100 + "1" + ")" * 100,
    "(" * 10_000 + "1" + ")" * 10_000,
    "-" * 999 + "1",
    "√" * 500 + "2",
    "2" + "^2" * 499,
    "|" * 200 + "1" + "|" * 200,
    "1" * 100_000,
    "x" * 100_000,
    "\x1b[31m1",
    "1\x1b[0m",
    "\x00",
    "1\x00",
    "‮1",  # right-to-left override
    "1​",  # zero-width space
    "х",  # Cyrillic ha
    "\x07",
    "1\n2",
    "\ud800",  # a lone surrogate
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_hostile_input_is_invalid(kind: str, text: str) -> None:
    v = check(kind, "1" if kind != "choice" else "A", text, vars=["x"])
    assert v.verdict == "invalid", (v.message, v.interpreted)
    assert v.message
    assert v.interpreted == ""
    assert all(c.isprintable() for c in v.message), repr(v.message)
    i = interpret(text, kind, ["x"])
    assert not i.ok
    assert all(c.isprintable() for c in i.message), repr(i.message)


def test_messages_name_control_characters_by_code_point() -> None:
    v = check("real", "1", "\x1b[31m1")
    assert "U+001B" in v.message
    assert "\x1b" not in v.message
    assert v.column == 1
    assert "U+202E" in check("real", "1", "1‮").message


def test_code_gets_a_plain_message() -> None:
    v = check("expression", "2*x + 2", "__import__('os')", vars=["x"])
    assert v.message.startswith("this looks like program code")


def test_cyrillic_lookalike_is_named() -> None:
    v = check("expression", "x", "х", vars=["x"])
    assert "CYRILLIC" in v.message


@pytest.mark.parametrize(
    "text",
    ["(" * 99 + "1" + ")" * 99, "-" * 98 + "1", "2" + "^2" * 3, "√" * 90 + "4"],
    ids=["99-parens", "98-signs", "tower", "90-roots"],
)
def test_deep_but_legal_nesting_still_reads(text: str) -> None:
    assert interpret(text, "exact").ok


def test_limits_apply_under_variables_too() -> None:
    v = check("expression", "x", "x^(9^9^9)", vars=["x"])
    assert v.verdict == "invalid"
    assert "too large" in v.message


def test_undefined_constants_are_not_answers() -> None:
    for text in ("1/0", "ln(0)", "0^-1", "(-1)!", "log(5, 1)", "x/0"):
        v = check("expression", "x", text, vars=["x"])
        assert v.verdict == "invalid", text

"""Text helpers that write terms, powers, steps and counts as a person would (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from quizmath.core.errors import ExprEvalError
from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.rng import Rng


def ev(source: str, **env: Any) -> Any:
    return evaluate(parse(source), env, Context(rng=Rng(1, "t")))


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("lincomb([2, -1, 0, 3], ['x', 'y', 'z', ''])", "2x − y + 3"),
        ("lincomb([1, 0], ['x', ''])", "x"),  # never "(x + 0)"
        ("lincomb([1, -0], ['A', 'I'])", "A"),  # never "A − 0I"
        ("lincomb([1, -2], ['A', 'I'])", "A − 2I"),
        ("lincomb([-1, 1/2], ['x₁', 'x₂'])", "−x₁ + x₂/2"),
        ("lincomb([3/2, -1/2], ['x', ''])", "3x/2 − 1/2"),
        ("lincomb([2, -3], ['ln 2', 'ln 3'])", "2·ln 2 − 3·ln 3"),
        ("lincomb([0, 0], ['x', ''])", "0"),
        ("lincomb([1, -2], ['(x − y)²', '(x + 1)'])", "(x − y)² − 2(x + 1)"),
        ("show_powers([2, 3], [1, 0])", "2"),  # never "2^1·3^0"
        ("show_powers([1/3, 2/3], [3, 1])", "(1/3)³·(2/3)"),  # never "(2/3)^1"
        ("show_powers([2, 3], [0, 0])", "1"),
        ("show_powers([-2, 3], [2, 1])", "(−2)²·3"),
        ("over(-10, 4)", "−10/4"),
        ("over(-2, 1)", "−2"),
        ("over('−4 − (−3)', 1/2)", "(−4 − (−3))/(1/2)"),
        ("eq(over(-4, 14), -2/7)", "−4/14 = −2/7"),
        ("eq(over(-2, 7), -2/7)", "−2/7"),  # never "k = −2/7 = −2/7"
        ("eq(over(1, 3), 1/3, fmt(1/3))", "1/3 ≈ 0.3333"),
        ("eq('√9', 3)", "√9 = 3"),
        ("eq(sqrt(5), sqrt(5), 1/4, fmt(1/4))", "√5 = 1/4 = 0.25"),
        ("plural(1, 'failure')", "1 failure"),  # never "1 failures"
        ("plural(3, 'failure')", "3 failures"),
        ("plural(2, 'box')", "2 boxes"),
        ("plural(1, 'child', 'children')", "1 child"),
        ("plural(0, 'child', 'children')", "0 children"),
        ("show_pm({9/2 - 3*sqrt(5)/2, 9/2 + 3*sqrt(5)/2})", "(9 ± 3√5)/2"),
        ("show_pm({1 - sqrt(2), 1 + sqrt(2)})", "1 ± √2"),
        ("show_pm({-1/2 - sqrt(5)/2, -1/2 + sqrt(5)/2})", "(−1 ± √5)/2"),
        ("show_pm({-sqrt(3), sqrt(3)})", "±√3"),
        ("show_pm({1, 3})", "1, 3"),
    ],
)
def test_helpers_write_what_a_person_writes(source: str, text: str) -> None:
    assert ev(source) == text


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("lincomb([1, 2], ['x'])", "2 coefficients for 1 terms"),
        ("lincomb([1], [2])", "each term must be text"),
        ("show_powers([2], [1/2])", "whole numbers"),
        ("plural('a', 'b')", "expected a number"),
        ("eq()", "at least one step"),
    ],
)
def test_helpers_refuse_bad_arguments(source: str, message: str) -> None:
    with pytest.raises(ExprEvalError, match=message):
        ev(source)


def test_show_table_aligns_columns() -> None:
    text = ev("show_table([['t =', 1, decimal(1.5)], ['df = 4', fmt(0.18161, 3), '0.0970']])")
    assert text.split("\n") == ["t =         1     1.5", "df = 4  0.182  0.0970"]
    with pytest.raises(ExprEvalError, match="same number of cells"):
        ev("show_table([[1, 2], [3]])")

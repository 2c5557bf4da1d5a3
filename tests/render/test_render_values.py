"""Rendering values for a terminal: what a person writes, never a Python repr."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from quizmath.core.render.fill import PlaceholderError, fill, split_placeholders
from quizmath.core.render.numbers import format_float
from quizmath.core.render.values import block, inline
from quizmath.core.values import Mat, ValueSet, Vec

x, y = sp.symbols("x y", real=True)
lam = sp.Symbol("lamda")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-5, "−5"),
        (Fraction(3, 4), "3/4"),
        (Fraction(-3, 4), "−3/4"),
        (0.1 + 0.2, "0.3"),
        (1e-7, "10⁻⁷"),
        (2.5e-6, "2.5·10⁻⁶"),
        (0.2419707245, "0.241971"),
        (Vec([1, -2, Fraction(3, 4)]), "[1, −2, 3/4]"),
        (Mat([[1, 2], [3, -4]]), "[[1, 2], [3, −4]]"),
        (ValueSet([5, 2, -1]), "{−1, 2, 5}"),
        (3 * x**2 - 2 * x + 1, "3x² − 2x + 1"),
        (sp.sqrt(2) / 2, "√2/2"),
        (sp.exp(-(x**2) / 2), "e^(−x²/2)"),
        (sp.Abs(x), "|x|"),
        (2 * sp.log(2), "2·ln(2)"),
        (x * y + 3, "x·y + 3"),
        (lam**2 - 5 * lam + 6, "λ² − 5λ + 6"),
        (sp.sqrt(x**2 + 1), "√(x² + 1)"),
        (1 / (1 + sp.exp(-x)), "1/(1 + e^(−x))"),
        (2 * sp.sqrt(3), "2√3"),
        (3 * sp.pi, "3π"),
        (-x, "−x"),
        ((x + 1) ** 2, "(x + 1)²"),
        (x**-2, "1/x²"),
        (2 * x / (3 * y), "2x/(3y)"),
        (sp.factorial(x), "x!"),
        # exact numbers as on paper (issue 12): one denominator, the rational part first
        (sp.Rational(9, 2) + 3 * sp.sqrt(5) / 2, "(9 + 3√5)/2"),
        (sp.Rational(9, 2) - 3 * sp.sqrt(5) / 2, "(9 − 3√5)/2"),
        (sp.sqrt(5) / 2 - sp.Rational(1, 2), "(√5 − 1)/2"),
        (-sp.sqrt(5) / 2 - sp.Rational(1, 2), "−(1 + √5)/2"),
        (sp.sqrt(2) - 1, "√2 − 1"),
        (sp.log(2) + 1, "1 + ln(2)"),
        (sp.Rational(1, 2) + sp.sqrt(5) / 3, "1/2 + √5/3"),
    ],
)
def test_inline(value: object, text: str) -> None:
    assert inline(value) == text


def test_floats_never_show_binary_noise() -> None:
    for v in (0.1 + 0.2, 1 - 0.9, 2 / 3, 1e20 / 3, 123.456):
        text = format_float(v)
        assert "0000000" not in text and "9999999" not in text and "e" not in text


def test_matrix_block_is_right_aligned() -> None:
    assert block(Mat([[1, -2, 3], [Fraction(1, 2), 5, 6], [7, 8, -90]])) == [
        "⎡  1  −2    3⎤",
        "⎢1/2   5    6⎥",
        "⎣  7   8  −90⎦",
    ]


def test_placeholders_lay_text_beside_a_drawn_matrix() -> None:
    segments = split_placeholders("Let A = {A} and v = {v}.\nFind {{A v}}.")
    values = {"A": Mat([[1, 2], [3, 4]]), "v": Vec([1, 1])}
    assert fill(segments, lambda s: values[s.source]) == (
        "Let A = ⎡1  2⎤ and v = [1, 1].\n        ⎣3  4⎦\nFind {A v}."
    )


def test_placeholder_keeps_braces_inside_expressions() -> None:
    segments = split_placeholders("λ ∈ { {a, b} }, {{literal}} {'}'}")
    slots = [s for s in segments if not isinstance(s, str)]
    assert [s.source for s in slots] == [" {a, b} ", "'}'"]
    assert ", {literal} " in segments


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [("a {b", "unclosed", 3), ("a } b", "unmatched", 3), ("{ }", "empty", 1)],
)
def test_placeholder_errors_point_at_the_spot(text: str, message: str, column: int) -> None:
    with pytest.raises(PlaceholderError) as info:
        split_placeholders(text)
    assert message in info.value.message and info.value.column == column

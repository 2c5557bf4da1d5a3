"""A placeholder's value is written to fit the text around it (issue 12, item 2).

Each case is a form a review found in the bank, produced by an ordinary template text with an
unlucky draw; the renderer now writes it properly whatever the template.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import sympy as sp

from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.render.fill import fill, reflow, split_placeholders
from quizmath.core.rng import Rng


def render(text: str, **env: Any) -> str:
    segments = split_placeholders(text)
    return fill(segments, lambda s: evaluate(parse(s.source), env, Context(rng=Rng(1, "t"))))


@pytest.mark.parametrize(
    ("text", "env", "shown"),
    [
        # a fractional σ after "/" (prob.normal-pdf, 39 of 200 seeds)
        ("({x} − {paren(mu)})/{s}", {"x": -4, "mu": -3, "s": Fraction(1, 2)}, "(−4 − (−3))/(1/2)"),
        # a product after "/" (linalg.condition-number: 4√5/2√5)
        ("{a}/{b}", {"a": 4 * sp.sqrt(5), "b": 2 * sp.sqrt(5)}, "4√5/(2√5)"),
        ("{a}/{b}", {"a": 3, "b": -2}, "3/(−2)"),
        ("{a}/{b}", {"a": Fraction(1, 2), "b": 3}, "(1/2)/3"),
        # coefficients 1 and −1 before a variable ("1x", "−1y")
        ("{a}x² {signed(b)}x", {"a": 1, "b": -1}, "x² − x"),
        ("{a}x + {b}y", {"a": -1, "b": -1}, "−x − y"),
        ("{a}x + {b}y", {"a": 2, "b": -3}, "2x − 3y"),
        ("x − {b}y", {"b": -2}, "x + 2y"),
        ("R₃ ← R₃ − {m}·R₂", {"m": 1}, "R₃ ← R₃ − R₂"),
        ("{a}·x", {"a": 3}, "3·x"),
        ("μ − {j}σ", {"j": 1}, "μ − σ"),
        ("{c}x", {"c": Fraction(1, 2)}, "(1/2)x"),
        ("{a}(x + 1)", {"a": -1}, "−(x + 1)"),
        # ... but not in arithmetic with numbers, nor before a word
        ("2·{a}·η", {"a": 1}, "2·1·η"),
        ("x − η·{a}x", {"a": 1}, "x − η·x"),
        ("{n} items", {"n": 1}, "1 items"),
        # superscripts, not carets
        ("(1/2)^{k}·2^{k - 1}", {"k": 3}, "(1/2)³·2²"),
        ("2^{k}", {"k": -2}, "2⁻²"),
        ("e^{z}", {"z": Fraction(1, 2)}, "e^(1/2)"),
        # a negative value after an operator, before a power
        ("x − {b}", {"b": -3}, "x − (−3)"),
        ("{p}·{q}", {"p": 2, "q": -1}, "2·(−1)"),
        ("{b}²", {"b": -3}, "(−3)²"),
        ("{b}²", {"b": Fraction(2, 3)}, "(2/3)²"),
        ("{r}² = 2 and 6/{r}", {"r": sp.sqrt(2)}, "(√2)² = 2 and 6/√2"),
        # a perfect square under a root is its root, unless working follows
        ("d = 6/√{n}", {"n": 9}, "d = 6/3"),
        ("‖v‖ = √{n} = 3", {"n": 9}, "‖v‖ = √9 = 3"),
        ("‖v‖ = √{n}", {"n": 8}, "‖v‖ = √8"),
        ("√{q}", {"q": Fraction(9, 4)}, "(3/2)"),
        ("√{q}", {"q": Fraction(1, 2)}, "√(1/2)"),
        # "=" before a rounded value is "≈"; an author's "≈" stays, as the approximation can be
        # in the model (numerics.stable-bce: "loss ≈ 0 + 4.2·10⁻¹⁸" read "loss = 0 + …")
        ("p = {fmt(1/3)}", {}, "p ≈ 0.3333"),
        ("p = {fmt(1/4)}", {}, "p = 0.25"),
        ("p ≈ {fmt(1/4)}", {}, "p ≈ 0.25"),
        ("loss ≈ {z} + {fmt(t, 4)}", {"z": 0, "t": 4.248e-18}, "loss ≈ 0 + 4.248·10⁻¹⁸"),
        # text built by concat keeps the rule (info.cross-entropy-decomposition: "= 0.1045")
        ("{concat('D = 1.4 − 1.296 = ', fmt(d, 4))}", {"d": 0.10451}, "D = 1.4 − 1.296 ≈ 0.1045"),
        ("{concat('D = ', fmt(d, 4), ' bits')}", {"d": 0.25}, "D = 0.2500 bits"),
        ("p = {x}", {"x": 0.1009174311926}, "p ≈ 0.100917"),
        ("p = {x}", {"x": 0.25}, "p = 0.25"),
        ("p = {decimal(1/3)}", {}, "p ≈ 0.3333333333"),
    ],
)
def test_value_fits_its_place(text: str, env: dict[str, Any], shown: str) -> None:
    assert render(text, **env) == shown


def test_prose_lines_flow_into_paragraphs() -> None:
    text = (
        "X is normal with mean {mu}\nand standard deviation 2.\n\n"
        "  z = (x − μ)/σ\n  = {mu}\nA new paragraph\n- a list item\n- another\nafter the list"
    )
    assert render(text, mu=3).split("\n") == [
        "X is normal with mean 3 and standard deviation 2.",
        "",
        "  z = (x − μ)/σ",
        "  = 3",
        "A new paragraph",
        "- a list item",
        "- another",
        "after the list",
    ]


def test_a_drawn_matrix_keeps_its_lines_and_prose_around_it_stays_apart() -> None:
    from quizmath.core.values import Mat

    text = "Find the inverse\nof the matrix\n  A = {A}\nGive exact entries."
    lines = render(text, A=Mat([[1, 2], [3, 4]])).split("\n")
    assert lines[0] == "Find the inverse of the matrix"
    assert lines[1:3] == ["  A = ⎡1  2⎤", "      ⎣3  4⎦"]
    assert lines[3] == "Give exact entries."


def test_reflow_keeps_displayed_lines() -> None:
    assert reflow(["a", "b", "", "c", "  d", "e"], [False] * 4 + [True, False]) == [
        "a b",
        "",
        "c",
        "  d",
        "e",
    ]

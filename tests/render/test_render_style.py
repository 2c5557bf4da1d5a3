"""The style rules find each form the review listed, and leave correct working alone."""

from __future__ import annotations

import pytest

from quizmath.core.render.style import style_problems


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("u(x) = x² − 1x", "unit-coefficient"),
        ("∇f = [2x − 1y, −1x − 2y]", "unit-coefficient"),
        ("R₃ ← R₃ − 1·R₂", "unit-coefficient"),
        ("P(μ − 1σ < X < μ)", "unit-coefficient"),
        ("x ← x − η·1x", "unit-coefficient"),
        ("−6(x + 1)(x + 0)", "zero-term"),
        ("det(M − 0I) = 8", "zero-term"),
        ("the offset x − 0 from the minimum", "zero-term"),
        ("C(4, 3)·(1/3)^3·(2/3)", "caret-power"),
        ("P(none) = (1 − p)^n", "caret-power"),
        ("(2/3)¹·p", "trivial-power"),
        ("ln(2¹·3⁰/8)", "trivial-power"),
        ("Only 1 failures come first", "plural-after-one"),
        ("On average 1 customers enter", "plural-after-one"),
        ("‖n‖ = √9: only a unit normal", "square-root-of-square"),
        ("k = −2/7 = −2/7", "tautology"),
        ("det(A⁻¹) = 1/6 = 1/6.", "tautology"),
        ("evaluate it at x = 0.3333333333", "long-decimal"),
        ("(−4 − (−3))/1/2", "double-slash"),
        ("σ_max/σ_min = 4√5/2√5 = 2", "juxtaposed-denominator"),
    ],
)
def test_each_bad_form_is_found(text: str, rule: str) -> None:
    assert rule in [name for name, _ in style_problems(text)]


@pytest.mark.parametrize(
    "text",
    [
        "z = −1·(−2) + 0 = 2",  # substituted working
        "0·x + 0·y + 0·z = 1",  # a row of a system, written out
        "2·1·η = 0.8",
        "the number of 1s",
        "f(x) = e^(−2x² + 4x) and e^x",  # e^… is how the bank writes exp
        "You may type x^2 for x²",
        "‖v‖ = √9 = 3",
        "P(X = 1) = 1/2 and 10¹⁰ and A⁻¹",
        "e⁰ = 1 at this point",
        "the 32 + 16 + 1 units after the input",
        "(9 ± 3√5)/2, 4√5/(2√5) = 2",
        "x = 1/3 ≈ 0.3333",
    ],
)
def test_correct_text_passes(text: str) -> None:
    assert style_problems(text) == []

"""Plain mode wraps prose to the terminal and never breaks a drawn block (issue 12, item 4)."""

from __future__ import annotations

from quizmath.core.render.plot import Plot, Series
from quizmath.core.render.wrap import is_block_line, shown_prompt, wrap_text


def test_prose_wraps_and_blocks_stay_whole() -> None:
    text = (
        "X is normally distributed with mean μ = 2 and standard deviation σ = 3. "
        "Find the value of its density f at x = −1.\n"
        "\n"
        "      ⎡1  2⎤   a drawn matrix with a long caption beside it that must not wrap at all\n"
        "  A = ⎣3  4⎦\n"
        "- a list item that is long enough to wrap onto a second line when the width is 40"
    )
    lines = wrap_text(text, 40).split("\n")
    assert lines[:3] == [
        "X is normally distributed with mean μ =",
        "2 and standard deviation σ = 3. Find the",
        "value of its density f at x = −1.",
    ]
    assert lines[4].endswith("must not wrap at all") and lines[5] == "  A = ⎣3  4⎦"
    assert lines[6].startswith("- a list item") and lines[7].startswith("  ")
    assert all(len(line) <= 40 for line in lines if not is_block_line(line))


def test_short_lines_and_tiny_widths() -> None:
    assert wrap_text("a b\n\nc", 80) == "a b\n\nc"
    assert max(len(x) for x in wrap_text("word " * 30, 5).split("\n")) <= 20


def test_a_bracketed_formula_is_never_broken() -> None:
    text = "Project v = [3, −2, −3] orthogonally onto the line spanned by u = [1, 2, 2] (a vector)."
    for width in range(20, 60):
        lines = wrap_text(text, width).split("\n")
        assert any("[3, −2, −3]" in line for line in lines)
        assert any("[1, 2, 2]" in line for line in lines)
    # a parenthesis of prose may break
    prose = "The loss (which the model minimises during training by gradient descent) falls."
    assert "(which" in wrap_text(prose, 30).split("\n")[0]


def test_plain_mode_shows_the_prompt_then_the_plot_within_the_width() -> None:
    plot = Plot(series=(Series("loss", "line", (0, 1, 2), (3.0, 1.0, 0.5)),), title="curve")
    text = shown_prompt("Which learning rate drew this curve? " * 4, plot, 60)
    lines = text.split("\n")
    assert lines[0].startswith("Which learning rate") and len(lines[0]) <= 60
    assert "curve" in text and lines[-1].strip() == "• loss"
    assert max(len(line) for line in lines) <= 60
    assert shown_prompt("Short.", None, 60) == "Short."

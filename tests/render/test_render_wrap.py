"""Plain mode wraps prose to the terminal and never breaks a drawn block (issue 12, item 4)."""

from __future__ import annotations

from quizmath.core.render.wrap import is_block_line, wrap_text


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

"""Problems with a plot (issue 12, item 7): enough of them, each varied and readable at 80
columns in plain mode."""

from __future__ import annotations

import pytest

from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.render.plot import plot_text

BANK = load_bank()
PLOTTED = sorted(tid for tid, t in BANK.templates.items() if t.plot is not None)


def test_at_least_eight_templates_draw_a_plot() -> None:
    assert len(PLOTTED) >= 8


@pytest.mark.parametrize("template_id", PLOTTED)
def test_plot_is_readable_at_80_columns(template_id: str) -> None:
    t = BANK.get(template_id)
    for seed in range(1, 11):
        p = generate(t, seed)
        assert p.plot is not None and p.plot.series
        text = plot_text(p.plot)  # what plain mode prints, indented by 2
        assert max(len(line) for line in text.split("\n")) <= 78, p.ref
        assert all(len(s.x) == len(s.y) for s in p.plot.series)


@pytest.mark.parametrize("template_id", PLOTTED)
def test_plot_problems_vary(template_id: str) -> None:
    t = BANK.get(template_id)
    problems = [generate(t, seed) for seed in range(1, 201)]
    assert len({p.prompt for p in problems}) >= 20
    assert len({p.plot for p in problems}) >= 20  # the picture changes too

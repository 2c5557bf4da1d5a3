"""A problem plot drawn with plotext: as plain text for plain mode, on any figure for the TUI."""

from __future__ import annotations

from typing import Any

import pytest

from quizmath.core.render.plot import Plot, Series, draw, nice_ticks, plot_text, tick_label

PLOT = Plot(
    series=(
        Series("training loss", "line", (0, 1, 2, 3, 4), (3.0, 2.0, 1.2, 0.8, 0.6)),
        Series("validation loss", "line", (0, 1, 2, 3, 4), (3.0, 2.2, 1.7, 1.9, 2.4)),
        Series("", "scatter", (2,), (1.7,)),
    ),
    title="learning curves",
    x_label="epoch",
    y_label="loss",
)


def test_plain_text_is_plain_fits_and_has_a_legend() -> None:
    text = plot_text(PLOT, width=60, height=14)
    lines = text.split("\n")
    assert all(len(line) <= 60 for line in lines)
    assert not any(ord(c) < 32 and c != "\n" for c in text)  # no escape codes, no colour
    assert "learning curves" in lines[0] and "epoch" in text
    assert lines[-1].strip() == "• training loss   x validation loss"  # unlabelled: no entry
    assert "•" in text and "x" in text and "o" in text  # each series has its own marker


def test_ticks_are_round_and_use_a_real_minus() -> None:
    assert nice_ticks(0, 10) == (0, 2, 4, 6, 8, 10)
    assert nice_ticks(-1.3, 2.9) == (-1, 0, 1, 2)
    assert nice_ticks(0, 0.83) == (0, 0.2, 0.4, 0.6, 0.8)
    assert [tick_label(t) for t in (-2.0, 0.25, 3.0)] == ["−2", "0.25", "3"]
    text = plot_text(Plot(series=(Series("", "line", (0, 1), (-4.0, 4.0)),)), 50, 10)
    assert "−4" in text and "-4" not in text


class Recorder:
    """A stand-in for a plotext figure that records what it is asked to draw."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_draw_puts_every_series_on_the_figure_in_its_colour() -> None:
    fig = Recorder()
    plot = Plot(
        series=(
            Series("a", "line", (0, 1), (1.0, 2.0)),
            Series("b", "scatter", (0, 1), (2.0, 1.0)),
            Series("c", "bar", (0, 1), (1.0, 1.0)),
        ),
        y_range=(0.0, 3.0),
    )
    draw(fig, plot, colours=("red", "blue"))
    names = [name for name, _, _ in fig.calls]
    assert names[0] == "clear_figure"
    assert names[1:4] == ["plot", "scatter", "bar"]
    assert [kw.get("color") for _, _, kw in fig.calls[1:4]] == ["red", "blue", "red"]
    assert ("ylim", (0.0, 3.0), {}) in fig.calls
    assert "xticks" in names and "yticks" in names
    assert not any("label" in kw for _, _, kw in fig.calls)  # the legend is drawn outside


@pytest.mark.parametrize("width", [30, 76, 200])
def test_the_width_is_kept_within_bounds(width: int) -> None:
    lines = plot_text(PLOT, width=width).split("\n")
    assert max(len(line) for line in lines) <= min(max(width, 30), 120)

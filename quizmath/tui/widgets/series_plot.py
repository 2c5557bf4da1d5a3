"""A titled plot in the terminal (plotext through textual-plotext), or a friendly line instead
of an empty plot when there is nothing to draw yet.

The plot's background follows the app theme (textual-plotext's ``theme="auto"``) and the series
are drawn in the theme's own colours, read from its variables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

MAX_TICKS = 5
MIN_SLOTS = 12  # a few bars stay bar-shaped instead of filling the plot


def label_positions(n: int, most: int = MAX_TICKS) -> list[int]:
    """About ``most`` evenly spread indexes of ``n`` points, always the first and the last."""
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})


def count_ticks(top: float) -> list[int]:
    """Whole-number ticks from 0 to at least ``top`` (counts are never fractional)."""
    top = max(1, math.ceil(top))
    step = max(1, math.ceil(top / 4))
    return list(range(0, top + step, step))


def runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The stretches of consecutive values that are not None, with their indexes."""
    out: list[list[tuple[int, float]]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if out and out[-1][-1][0] == i - 1:
            out[-1].append((i, v))
        else:
            out.append([(i, v)])
    return out


class SeriesPlot(Vertical):
    DEFAULT_CSS = """
    SeriesPlot {
        height: 14;
        border: round $panel;
        border-title-color: $primary;
        border-title-style: bold;
        & > PlotextPlot { height: 1fr; }
        & > .empty { height: 1fr; content-align: center middle; color: $text-muted; }
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.blank = True

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        yield Static("", classes="empty", markup=False)

    @property
    def plot(self) -> PlotextPlot:
        return self.query_one(PlotextPlot)

    def colour(self, variable: str) -> tuple[int, int, int]:
        """A theme colour (``primary``, ``success`` …) as plotext wants it."""
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb

    def empty(self, message: str) -> None:
        self.blank = True
        self.plot.display = False
        empty = self.query_one(".empty", Static)
        empty.display = True
        empty.update(message)

    def _begin(self) -> PlotextPlot:
        self.blank = False
        self.query_one(".empty").display = False
        plot = self.plot
        plot.display = True
        plot.plt.clear_figure()
        return plot

    def bars(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        colour: str = "primary",
        percent: bool = False,
        slots: int = MIN_SLOTS,
    ) -> None:
        """One bar per value; a few of the labels under them. ``percent``: a 0–100 axis;
        ``slots``: room for this many bars at least."""
        plot = self._begin()
        plt = plot.plt
        xs = list(range(len(values)))
        plt.bar(xs, list(values), color=self.colour(colour), width=0.6)
        plt.xlim(-0.5, max(len(xs), slots) - 0.5)
        ticks = label_positions(len(xs))
        plt.xticks([float(t) for t in ticks], [labels[i] for i in ticks])
        if percent:
            plt.ylim(0, 100)
            plt.yticks([0.0, 50.0, 100.0], ["0%", "50%", "100%"])
        else:
            plt.yticks([float(t) for t in count_ticks(max(values, default=1))])
        plot.refresh()

    def line(
        self,
        labels: Sequence[str],
        values: Sequence[float | None],
        *,
        colour: str = "success",
    ) -> None:
        """0–100% points joined day to day (None: an idle day, a gap in the line)."""
        plot = self._begin()
        plt = plot.plt
        rgb = self.colour(colour)
        for run in runs(values):  # lines join consecutive days only: a gap is an idle day
            xs, ys = [i for i, _ in run], [v for _, v in run]
            if len(run) > 1:
                plt.plot(xs, ys, color=rgb, marker="braille")
            plt.scatter(xs, ys, color=rgb, marker="●")
        plt.xlim(0, max(1, len(values) - 1))
        plt.ylim(0, 100)
        plt.yticks([0, 50, 100], ["0%", "50%", "100%"])
        ticks = label_positions(len(values))
        plt.xticks([float(t) for t in ticks], [labels[i] for i in ticks])
        plot.refresh()

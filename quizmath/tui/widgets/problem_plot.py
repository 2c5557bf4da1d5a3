"""The plot of a problem (``Problem.plot``), drawn under its prompt with plotext.

The plot is data from the core (``core.render.plot``); ``draw`` there puts it on the figure,
the same way plain mode does, with the series in the theme's colours. The legend is a line of
text under the plot, coloured like the series, so it never hides part of a curve. With no plot
the widget is not displayed, so a screen can always hold one and call ``show(problem.plot)``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from quizmath.core.render.plot import Plot, draw

# Theme variables for series 1, 2, 3 …: distinct on every built-in theme.
SERIES_COLOURS = ("primary", "warning", "success", "error", "accent", "secondary")


class ProblemPlot(Vertical):
    """A problem's plot and its legend; hidden when the problem has none."""

    DEFAULT_CSS = """
    ProblemPlot {
        height: auto;
        margin: 1 0 0 0;
        display: none;
        & > PlotextPlot { height: 16; min-width: 40; }
        & > .legend { height: auto; color: $text-muted; }
    }
    ProblemPlot.-shown { display: block; }
    """

    def __init__(self, plot: Plot | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plot = plot

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        yield Static("", classes="legend", markup=False)

    def on_mount(self) -> None:
        self.show(self._plot)

    @property
    def plot(self) -> Plot | None:
        return self._plot

    def show(self, plot: Plot | None) -> None:
        """Draw ``plot``, or hide the widget when it is None."""
        self._plot = plot
        self.set_class(plot is not None, "-shown")
        if plot is None:
            return
        figure = self.query_one(PlotextPlot)
        colours = [self._colour(name) for name in SERIES_COLOURS]
        draw(figure.plt, plot, colours=colours)
        figure.refresh()
        legend = Text()
        for i, series in enumerate(plot.series):
            if not series.label:
                continue
            if legend:
                legend.append("    ")
            sample = "━━ " if series.kind == "line" else "●  "
            legend.append(sample, style=_style(colours[i % len(colours)]))
            legend.append(series.label)
        self.query_one(".legend", Static).update(legend)

    def _colour(self, variable: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable) or self.app.theme_variables["foreground"]
        return Color.parse(value).rgb


def _style(rgb: tuple[int, int, int]) -> str:
    return f"bold rgb({rgb[0]},{rgb[1]},{rgb[2]})"

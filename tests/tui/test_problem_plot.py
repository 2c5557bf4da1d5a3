"""The problem plot widget: drawn from a Problem's plot with plotext, hidden without one."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static
from textual_plotext import PlotextPlot

from quizmath.core.render.plot import Plot, Series
from quizmath.tui.widgets.problem_plot import ProblemPlot

PLOT = Plot(
    series=(
        Series("train", "line", (0, 1, 2, 3), (4.0, 2.0, 1.0, 0.5)),
        Series("validation", "line", (0, 1, 2, 3), (4.0, 2.5, 2.0, 2.6)),
    ),
    title="Loss",
    x_label="epoch",
    y_label="loss",
)


class PlotApp(App[None]):
    def __init__(self, plot: Plot | None) -> None:
        super().__init__()
        self.start = plot

    def compose(self) -> ComposeResult:
        yield ProblemPlot(self.start)


async def test_a_plot_is_drawn_with_its_legend() -> None:
    app = PlotApp(PLOT)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        widget = app.query_one(ProblemPlot)
        assert widget.display and widget.has_class("-shown")
        figure = widget.query_one(PlotextPlot)
        assert figure.size.height == 16 and figure.size.width == 80
        legend = str(widget.query_one(".legend", Static).render())
        assert "train" in legend and "validation" in legend
        area = Region(0, 0, *figure.size)
        rendered = "\n".join(line.text for line in figure.render_lines(area))
        assert "epoch" in rendered and "Loss" in rendered


async def test_no_plot_hides_the_widget_and_a_new_one_shows_it() -> None:
    app = PlotApp(None)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        widget = app.query_one(ProblemPlot)
        assert not widget.has_class("-shown") and widget.region.height == 0
        widget.show(PLOT)
        await pilot.pause()
        assert widget.has_class("-shown") and widget.region.height > 16
        widget.show(None)
        await pilot.pause()
        assert widget.region.height == 0

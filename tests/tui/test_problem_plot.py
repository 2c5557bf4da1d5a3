"""The problem plot widget: drawn from a Problem's plot with plotext, hidden without one."""

from __future__ import annotations

from pathlib import Path

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


async def test_the_practice_screen_shows_a_problems_plot(tmp_path: Path) -> None:
    """A plot template on the practice screen: the plot under the prompt, then the choices."""
    from tui_helpers import problem_screen

    from quizmath.core.bank.bank import bank_root, load_bank
    from quizmath.core.storage import Storage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.services import Services, StartSpec, in_process_checker

    bank = tmp_path / "bank"
    bank.mkdir()
    source = bank_root() / "templates" / "ml" / "fit-diagnosis.yaml"
    (bank / "fit-diagnosis.yaml").write_bytes(source.read_bytes())
    storage = Storage.open(tmp_path / "progress.db")
    start = StartSpec(template="ml.fit-diagnosis@4")
    services = Services(
        storage,
        bank_paths=[bank],
        interview_paths=[],
        checker_factory=in_process_checker,
        fuzzing=False,
        prestarted_bank=load_bank([bank]),
    )
    app = QuizApp(services, start)
    try:
        async with app.run_test(size=(80, 40)) as pilot:
            screen = await problem_screen(pilot)
            plot = screen.query_one(ProblemPlot)
            assert plot.plot is screen.problem.plot and plot.region.height > 16
            prompt, choices = screen.query_one("#prompt"), screen.query_one("#choices")
            assert prompt.region.y < plot.region.y < choices.region.y
            legend = str(plot.query_one(".legend", Static).render())
            assert "training loss" in legend and "validation loss" in legend
    finally:
        storage.close()


class SheetApp(App[None]):
    CSS_PATH = str(Path(__file__).resolve().parents[2] / "quizmath" / "tui" / "app.tcss")

    def compose(self) -> ComposeResult:
        from quizmath.tui.widgets.problem_sheet import ProblemSheet

        yield ProblemSheet()


async def test_the_sheet_mounts_the_plot_with_the_first_problem_that_has_one() -> None:
    # The plot widget (and plotext) is not part of the sheet until a problem has a plot
    # (start-up, issue 13 item 24); after that it is shown and hidden like before.
    from quizmath.core.bank.bank import load_one
    from quizmath.core.bank.generate import generate
    from quizmath.tui.widgets.problem_sheet import ProblemSheet

    plain = generate(load_one("linalg.dot-product"), 3)
    plotted = generate(load_one("ml.fit-diagnosis"), 4)
    assert plain.plot is None and plotted.plot is not None
    app = SheetApp()
    async with app.run_test(size=(100, 60)) as pilot:
        sheet = app.query_one(ProblemSheet)
        sheet.show(plain, number="1", topic_title="Vectors")
        await pilot.pause()
        assert not sheet.query(ProblemPlot)
        assert sheet.query_one("#plot-slot").region.height == 0
        sheet.show(plotted, number="2", topic_title="Fit")
        await pilot.pause()
        widget = sheet.query_one(ProblemPlot)
        assert widget.plot == plotted.plot and widget.region.height > 16
        sheet.show(plain, number="3", topic_title="Vectors")
        await pilot.pause()
        assert sheet.query_one(ProblemPlot).region.height == 0
        assert sheet.query_one("#plot-slot").region.height == 0
        sheet.show(plotted, number="4", topic_title="Fit")
        await pilot.pause()
        assert len(sheet.query(ProblemPlot)) == 1 and widget.region.height > 16

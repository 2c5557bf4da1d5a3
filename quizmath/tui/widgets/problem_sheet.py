"""The scrolling sheet of a problem: what it asks (with its parts (a), (b), … and their answer
boxes, for a multi-part problem), the hints asked for, the verdict, and the worked solution once
revealed. It only renders; the problem screen decides what to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.widgets import Static

from quizmath.tui.widgets.answer_box import printable
from quizmath.tui.widgets.multipart_item import PartsPanel
from quizmath.tui.widgets.prompt_view import PromptView
from quizmath.tui.widgets.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quizmath.core.bank.problem import Problem
    from quizmath.core.items.multipart import PartAnswer
    from quizmath.core.render.plot import Plot

STARS = {1: "★", 2: "★★", 3: "★★★"}


class ProblemSheet(ScrollableContainer):
    """Scrolls both ways: drawn matrices keep their layout at any width."""

    def compose(self) -> ComposeResult:
        yield Static("", id="meta", markup=False)
        yield Static("", id="problem-title", markup=False)
        yield PromptView(id="prompt")
        # The plot widget is mounted with the first problem that has a plot: it brings plotext,
        # which a start on a problem without one need not load before its first paint.
        yield Vertical(id="plot-slot")
        yield PromptView(id="choices")
        yield Static("", id="format", markup=False)
        yield PartsPanel(id="parts")  # hidden unless the problem has parts
        yield Vertical(id="hints")
        yield VerdictPanel(id="verdict")
        with Vertical(id="solution-box"):
            yield Static("Worked solution", id="solution-heading", classes="heading")
            yield PromptView(id="solution")
            yield Static("Answer", classes="heading")
            yield PromptView(id="answer-block")

    @property
    def verdict(self) -> VerdictPanel:
        return self.query_one(VerdictPanel)

    @property
    def parts(self) -> PartsPanel:
        return self.query_one(PartsPanel)

    @property
    def solution_shown(self) -> bool:
        return bool(self.query_one("#solution-box").display)

    def show(
        self, p: Problem, *, number: str, topic_title: str, answers: Sequence[PartAnswer] = ()
    ) -> None:
        """A new problem; ``number`` is e.g. "2" or "2 of 5"; ``answers``: the parts answered
        already (a drill resumed half-way through a multi-part problem)."""
        self.query_one("#meta", Static).update(
            f"Problem {number} · {p.ref} · {topic_title} · {STARS.get(p.difficulty, '')}"
        )
        self.query_one("#problem-title", Static).update(p.title)
        self.query_one("#prompt", PromptView).set_text(p.prompt)
        self._show_plot(p.plot)
        choices = "\n".join(f"{chr(65 + i)})  {c}" for i, c in enumerate(p.choices))
        self.query_one("#choices", PromptView).set_text(choices)
        self.query_one("#choices").display = bool(p.choices)
        self.query_one("#format", Static).update(Content.styled(p.format_note, "$text-muted"))
        self.parts.show(p, answers)
        self._reset()

    def show_error(self, error: str) -> None:
        self.query_one("#meta", Static).update("")
        self.query_one("#problem-title", Static).update("Could not make a problem")
        self.query_one("#prompt", PromptView).set_text(printable(error))
        self.query_one("#choices").display = False
        self.query_one("#format", Static).update("Escape: back home · ctrl+n: try another")
        self._show_plot(None)
        self.parts.show(None)
        self._reset()

    def _show_plot(self, plot: Plot | None) -> None:
        slot = self.query_one("#plot-slot", Vertical)
        if slot.children:
            from quizmath.tui.widgets.problem_plot import ProblemPlot

            slot.query_one(ProblemPlot).show(plot)
        elif plot is not None:
            from quizmath.tui.widgets.problem_plot import ProblemPlot

            slot.mount(ProblemPlot(plot, id="plot"))  # draws ``plot`` once mounted

    def _reset(self) -> None:
        self.query_one("#hints").remove_children()
        self.verdict.clear()
        self.query_one("#solution-box").display = False
        self.scroll_home(animate=False)

    def add_hint(self, number: int, total: int, text: str, part: str | None = None) -> None:
        """Hint ``number`` of ``total`` (of part ``part`` of a multi-part problem)."""
        view = PromptView(text)
        whose = f" for part ({part})" if part else ""
        heading = Static(f"Hint {number} of {total}{whose}", classes="heading")
        self.query_one("#hints").mount(heading, view)
        self.call_after_refresh(view.scroll_visible, animate=False)

    @property
    def hints_shown(self) -> int:
        return len(self.query_one("#hints").query(PromptView))

    def reveal_solution(
        self, p: Problem, *, scroll_to: str = "#solution-box", part: str | None = None
    ) -> None:
        """Show the worked solution and the answer (``p`` is part ``part`` of a multi-part
        problem, or the whole); scroll so ``scroll_to`` is at the top."""
        title = f"Worked solution of part ({part})" if part else "Worked solution"
        self.query_one("#solution-heading", Static).update(title)
        self.query_one("#solution", PromptView).set_text(p.solution)
        self.query_one("#answer-block", PromptView).set_text(p.answer_block)
        self.query_one("#solution-box").display = True
        target = self.query_one(scroll_to)
        self.call_after_refresh(target.scroll_visible, animate=False, top=True)

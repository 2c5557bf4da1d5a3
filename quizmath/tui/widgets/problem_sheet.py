"""The scrolling sheet of a problem: what it asks, the hints asked for, the verdict, and the
worked solution once revealed. It only renders; the problem screen decides what to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.widgets import Static

from quizmath.tui.widgets.answer_box import printable
from quizmath.tui.widgets.problem_plot import ProblemPlot
from quizmath.tui.widgets.prompt_view import PromptView
from quizmath.tui.widgets.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem

STARS = {1: "★", 2: "★★", 3: "★★★"}


class ProblemSheet(ScrollableContainer):
    """Scrolls both ways: drawn matrices keep their layout at any width."""

    def compose(self) -> ComposeResult:
        yield Static("", id="meta", markup=False)
        yield Static("", id="problem-title", markup=False)
        yield PromptView(id="prompt")
        yield ProblemPlot(id="plot")  # hidden unless the problem has a plot
        yield PromptView(id="choices")
        yield Static("", id="format", markup=False)
        yield Vertical(id="hints")
        yield VerdictPanel(id="verdict")
        with Vertical(id="solution-box"):
            yield Static("Worked solution", classes="heading")
            yield PromptView(id="solution")
            yield Static("Answer", classes="heading")
            yield PromptView(id="answer-block")

    @property
    def verdict(self) -> VerdictPanel:
        return self.query_one(VerdictPanel)

    @property
    def solution_shown(self) -> bool:
        return bool(self.query_one("#solution-box").display)

    def show(self, p: Problem, *, number: str, topic_title: str) -> None:
        """A new problem; ``number`` is e.g. "2" or "2 of 5"."""
        self.query_one("#meta", Static).update(
            f"Problem {number} · {p.ref} · {topic_title} · {STARS.get(p.difficulty, '')}"
        )
        self.query_one("#problem-title", Static).update(p.title)
        self.query_one("#prompt", PromptView).set_text(p.prompt)
        self.query_one(ProblemPlot).show(p.plot)
        choices = "\n".join(f"{chr(65 + i)})  {c}" for i, c in enumerate(p.choices))
        self.query_one("#choices", PromptView).set_text(choices)
        self.query_one("#choices").display = bool(p.choices)
        self.query_one("#format", Static).update(Content.styled(p.format_note, "$text-muted"))
        self._reset()

    def show_error(self, error: str) -> None:
        self.query_one("#meta", Static).update("")
        self.query_one("#problem-title", Static).update("Could not make a problem")
        self.query_one("#prompt", PromptView).set_text(printable(error))
        self.query_one("#choices").display = False
        self.query_one("#format", Static).update("Escape: back home · ctrl+n: try another")
        self.query_one(ProblemPlot).show(None)
        self._reset()

    def _reset(self) -> None:
        self.query_one("#hints").remove_children()
        self.verdict.clear()
        self.query_one("#solution-box").display = False
        self.scroll_home(animate=False)

    def add_hint(self, number: int, total: int, text: str) -> None:
        view = PromptView(text)
        self.query_one("#hints").mount(Static(f"Hint {number} of {total}", classes="heading"), view)
        self.call_after_refresh(view.scroll_visible, animate=False)

    @property
    def hints_shown(self) -> int:
        return len(self.query_one("#hints").query(PromptView))

    def reveal_solution(self, p: Problem, *, scroll_to: str = "#solution-box") -> None:
        """Show the worked solution and the answer; scroll so ``scroll_to`` is at the top."""
        self.query_one("#solution", PromptView).set_text(p.solution)
        self.query_one("#answer-block", PromptView).set_text(p.answer_block)
        self.query_one("#solution-box").display = True
        target = self.query_one(scroll_to)
        self.call_after_refresh(target.scroll_visible, animate=False, top=True)

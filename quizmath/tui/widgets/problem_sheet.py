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

    # The parts mounted after the first frame (or when first needed), kept once mounted: the
    # keys ask about the solution on every footer build, so it is not looked up each time.
    _choices_view: PromptView | None = None
    _verdict: VerdictPanel | None = None
    _box: Vertical | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="meta", markup=False)
        yield Static("", id="problem-title", markup=False)
        yield PromptView(id="prompt")
        # The plot widget is mounted with the first problem that has a plot: it brings plotext,
        # which a start on a problem without one need not load before its first paint.
        yield Vertical(id="plot-slot")
        yield Static("", id="format", markup=False)
        yield PartsPanel(id="parts")  # hidden unless the problem has parts
        yield Vertical(id="hints")
        # The parts that stay hidden until they are needed (a multiple-choice problem's
        # choices, the verdict, the worked solution) are mounted after the first frame, or
        # when first needed if that is sooner: composing them with the rest delayed the first
        # problem's paint by ~25 ms (issue 13 item 24).

    def on_mount(self) -> None:
        # In the app, after its first frame (QuizApp.after_first_frame); elsewhere (a test's
        # app, a sheet mounted later) after this sheet's first refresh.
        after = getattr(self.app, "after_first_frame", self.call_after_refresh)
        after(self.mount_hidden_parts)

    def mount_hidden_parts(self) -> None:
        if not self.is_attached:  # gone before the first frame (the screen was left)
            return
        self._choices()
        self._solution_box()  # and the verdict above it

    def _choices(self) -> PromptView:
        if self._choices_view is None:
            self._choices_view = PromptView(id="choices")
            self._choices_view.display = False
            self.mount(self._choices_view, after="#plot-slot")
        return self._choices_view

    @property
    def verdict(self) -> VerdictPanel:
        if self._verdict is None:
            self._verdict = VerdictPanel(id="verdict")  # hidden while empty (its CSS)
            self.mount(self._verdict, after="#hints")
        return self._verdict

    def _solution_box(self) -> Vertical:
        if self._box is None:
            self._box = Vertical(
                Static("Worked solution", id="solution-heading", classes="heading"),
                PromptView(id="solution"),
                Static("Answer", classes="heading"),
                PromptView(id="answer-block"),
                id="solution-box",
            )
            self._box.display = False
            self.mount(self._box, after=self.verdict)
        return self._box

    @property
    def parts(self) -> PartsPanel:
        return self.query_one(PartsPanel)

    @property
    def solution_shown(self) -> bool:
        return self._box is not None and bool(self._box.display)

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
        if p.choices or self._choices_view is not None:
            choices = self._choices()
            choices.set_text("\n".join(f"{chr(65 + i)})  {c}" for i, c in enumerate(p.choices)))
            choices.display = bool(p.choices)
        self.query_one("#format", Static).update(Content.styled(p.format_note, "$text-muted"))
        self.parts.show(p, answers)
        self._reset()

    def show_error(self, error: str) -> None:
        self.query_one("#meta", Static).update("")
        self.query_one("#problem-title", Static).update("Could not make a problem")
        self.query_one("#prompt", PromptView).set_text(printable(error))
        if self._choices_view is not None:
            self._choices_view.display = False
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
        if self._verdict is not None:
            self._verdict.clear()
        if self._box is not None:
            self._box.display = False
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
        box = self._solution_box()
        box.query_one("#solution-heading", Static).update(title)
        box.query_one("#solution", PromptView).set_text(p.solution)
        box.query_one("#answer-block", PromptView).set_text(p.answer_block)
        box.display = True
        target = self.query_one(scroll_to)
        self.call_after_refresh(target.scroll_visible, animate=False, top=True)

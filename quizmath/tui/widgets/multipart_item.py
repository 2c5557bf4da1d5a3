"""The parts of a multi-part problem: every part's question with its own answer box, answered in
order, and each part's verdict as it is checked ("✓ Correct, carried forward from your part
(a)"). It only renders: the screen judges and records (the current part's
``AnswerBox.Submitted`` bubbles up) and says which part comes next.

The screens put it inside their ``ProblemSheet``, under the shared prompt, so it scrolls with
the problem; the hints and the solution stay in the sheet. Text from the bank or the learner
goes in as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizmath.core.items import PartStatus  # not items.multipart: the screen loads first
from quizmath.tui.widgets.answer_box import AnswerBox, printable

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Part, Problem
    from quizmath.core.items.multipart import PartAnswer

IDLE = "Enter checks this part · F1 how to type answers"


def verdict_line(a: PartAnswer, *, brief: bool = False) -> Content:
    """A part's verdict: the word, the carried-forward note, the reason; for a wrong answer,
    how it was read and the known mistake it matches. ``brief`` (a drill): the word and the
    note only (the report has the rest)."""
    v = a.verdict
    reason = printable(v.reason).rstrip(".") if v is not None and not brief else ""
    if a.status == PartStatus.CARRIED:
        return Content.assemble(
            ("✓ Correct", "bold $success"), (f", {a.note}", "$success"), _dash(reason)
        )
    if a.status == PartStatus.CORRECT:
        return Content.assemble(("✓ Correct", "bold $success"), _dash(reason))
    if a.status == PartStatus.SKIPPED or a.status is None:
        return Content.styled("— not answered", "$warning")
    lines = [Content.assemble(("✗ Not correct", "bold $error"), _dash(reason))]
    if brief:
        return lines[0]
    if v is not None and v.interpreted:
        lines.append(Content.assemble(("  read as  ", "$text-muted"), printable(v.interpreted)))
    if v is not None and v.mistake:
        lines.append(Content.assemble("  ", (printable(v.mistake), "$error")))
    return Content("\n").join(lines)


def _dash(reason: str) -> Content | str:
    return Content.styled(f" — {reason}", "$text-muted") if reason else ""


def score_content(p: Problem, answers: Sequence[PartAnswer]) -> Content:
    """The whole problem once over: the score, and the answer to each part missed."""
    right = sum(1 for a in answers if a.status is not None and a.status.right)
    total = len(p.parts)
    style = "$success" if right == total else "$error" if right == 0 else "$warning"
    lines = [Content.styled(f"Score: {right} of {total} parts right", f"bold {style}")]
    for a, part in zip(answers, p.parts, strict=False):
        if a.status is None or not a.status.right:
            lines.append(
                Content.assemble(
                    (f"  ({part.label}) the answer was  ", "$text-muted"),
                    (printable(part.problem.answer_text), "bold"),
                )
            )
    return Content("\n").join(lines)


class PartRow(Vertical):
    """One part: its label and question, the answer format, its box, and its verdict."""

    DEFAULT_CSS = """
    PartRow { height: auto; margin: 1 0 0 0; }
    PartRow > .part-question { text-style: bold; }
    PartRow > .part-format { color: $text-muted; }
    PartRow > .part-verdict { height: auto; display: none; padding: 0 1; }
    PartRow > .part-verdict.-shown { display: block; }
    PartRow.-later { opacity: 60%; }
    """

    def __init__(self, part: Part, index: int, generation: int, idle: str, brief: bool) -> None:
        super().__init__()
        self.part = part
        self.index = index
        self.generation = generation  # which problem it belongs to (old rows linger a moment)
        self.idle = idle
        self.brief = brief
        self.done: PartAnswer | None = None

    def compose(self) -> ComposeResult:
        q = self.part.problem
        yield Static(f"({self.part.label}) {q.prompt}", classes="part-question", markup=False)
        if q.choices:
            choices = "\n".join(f"   {chr(65 + i)})  {c}" for i, c in enumerate(q.choices))
            yield Static(choices, classes="part-choices", markup=False)
        yield Static(q.format_note, classes="part-format", markup=False)
        yield AnswerBox()
        yield Static("", classes="part-verdict", markup=False)

    def on_mount(self) -> None:
        q = self.part.problem
        box = self.query_one(AnswerBox)
        box.configure(q.kind, q.vars, q.choices, idle=self.idle)
        if self.done is not None:
            self.show_answer(self.done)
        panel = self.parent
        if isinstance(panel, PartsPanel):
            self.take_turn(panel.current)

    @property
    def box(self) -> AnswerBox | None:
        """Its answer box (None until the row is composed)."""
        return next(iter(self.query(AnswerBox)), None)

    def take_turn(self, current: int | None) -> None:
        """Part ``current`` takes input; the others do not, and later ones are dimmed."""
        box = self.box
        if box is None:
            return  # composing: on_mount takes its turn
        self.set_class(current is not None and self.index > current, "-later")
        mine = self.index == current
        box.input.disabled = not mine
        if self.done is None:  # the line under the box: what Enter does, for this part only
            box.idle_text = self.idle if mine else ""
            if not box.value:
                box.note(Content.styled(box.idle_text, "$text-muted"))
        if mine:
            box.input.focus()
            self.call_after_refresh(self.scroll_visible, animate=False)

    def show_answer(self, a: PartAnswer) -> None:
        """The part's verdict under its box; the box keeps what was typed, and is done."""
        self.done = a
        box = self.box
        if box is None:
            return  # composing: on_mount shows it
        if box.value != a.text:
            box.set_value(a.text)
        verdict = self.query_one(".part-verdict", Static)
        verdict.update(verdict_line(a, brief=self.brief))
        verdict.set_class(True, "-shown")
        box.input.disabled = True
        box.query_one("#reading").display = False  # the verdict says how it was read


class PartsPanel(Vertical):
    """Every part of a problem with one input each; only the current part's takes input.
    Hidden for a problem without parts."""

    DEFAULT_CSS = """
    PartsPanel { height: auto; display: none; }
    PartsPanel.-shown { display: block; }
    PartsPanel > #parts-score { height: auto; display: none; margin: 1 0 0 0; }
    PartsPanel > #parts-score.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.idle = IDLE  # the boxes' line while empty (a screen may say more)
        self.brief = False  # verdicts without details (a drill)
        self.problem: Problem | None = None
        self.current: int | None = None
        self.generation = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="parts-score", markup=False)

    @property
    def rows(self) -> list[PartRow]:
        return [
            c for c in self.children if isinstance(c, PartRow) and c.generation == self.generation
        ]

    @property
    def box(self) -> AnswerBox | None:
        """The current part's box (None once every part is answered, or while composing)."""
        for row in self.rows:
            if row.index == self.current:
                return row.box
        return None

    def show(self, p: Problem | None, answers: Sequence[PartAnswer] = ()) -> None:
        """A new problem: its parts, with those already answered (a resumed drill) done and the
        next one current. A problem without parts (or None) hides the panel."""
        self.problem = p
        self.generation += 1
        self.remove_children(PartRow)
        score = self.query_one("#parts-score", Static)
        score.set_class(False, "-shown")
        parts = p.parts if p is not None else ()
        self.set_class(bool(parts), "-shown")
        if not parts:
            self.current = None
            return
        self.current = len(answers) if len(answers) < len(parts) else None
        rows = []
        for k, part in enumerate(parts):
            row = PartRow(part, k, self.generation, self.idle, self.brief)
            row.done = answers[k] if k < len(answers) else None
            rows.append(row)
        self.mount_all(rows, before=score)

    def show_answer(self, a: PartAnswer, next_part: int | None) -> None:
        """Part ``a.index`` judged: its verdict, then ``next_part`` takes input."""
        self.current = next_part
        for row in self.rows:
            if row.index == a.index:
                row.show_answer(a)
            row.take_turn(next_part)

    def show_answers(self, answers: Sequence[PartAnswer]) -> None:
        """Every part's ending (a skip leaves the rest not answered); none takes input."""
        self.current = None
        by_index = {a.index: a for a in answers}
        for row in self.rows:
            if row.index in by_index:
                row.show_answer(by_index[row.index])
            row.take_turn(None)

    def show_score(self, answers: Sequence[PartAnswer]) -> None:
        """The score under the last part, scrolled into view."""
        if self.problem is None:
            return
        score = self.query_one("#parts-score", Static)
        score.update(score_content(self.problem, answers))
        score.set_class(True, "-shown")
        self.call_after_refresh(score.scroll_visible, animate=False)

    def focus_input(self) -> None:
        box = self.box
        if box is not None:
            box.input.focus()

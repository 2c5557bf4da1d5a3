"""The multi-part side of the practice screen: what ``PracticeScreen`` calls for a problem with
parts (functions of the screen, so the screen's module stays one screen's worth).

A multi-part problem shows every part with its own box in the sheet (``PartsPanel``), answered
in order. The flow (``core.practice``) judges and records; this renders what it returns:

- a part's answer that is not counted (unreadable, not checked in time, rounded) is explained
  under that part's box and stays there to be edited;
- a counted one shows its verdict under the box ("✓ Correct, carried forward from your part
  (a)"), and the next part takes input;
- after the last part (or a skip), the score and the answer to each part missed; the box below
  the sheet comes back for "Enter: next problem";
- ctrl+t and ctrl+r give the current part's hints and worked solution (counted, as for a single
  answer); once every part is answered, ctrl+r shows the whole worked solution.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from quizmath.core.practice.status import Status
from quizmath.tui.messages import ProgressChanged
from quizmath.tui.widgets.answer_box import AnswerBox, printable

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.items.multipart import Steps
    from quizmath.core.practice.outcomes import Outcome
    from quizmath.tui.screens.practice import PracticeScreen

HELP = (
    "Answer the parts in order, one answer each, in its own box. A wrong part is not tried "
    "again: its verdict shows and the next part follows. A later part counts as right when it "
    "is right from your own earlier answers (carried forward). ctrl+t and ctrl+r give the "
    "current part's hint and worked solution; ctrl+g skips the rest of the problem."
)
IDLE = "Enter checks this part · ctrl+t hint · ctrl+r solution · F1 how to type answers"
PLACEHOLDER = "Type your answer, then Enter"  # the box below the sheet, as AnswerBox has it
WHOLE = "whole"  # the whole worked solution is shown (not one part's)


def prepare(screen: PracticeScreen, p: Problem) -> None:
    """Before a new problem is shown: its part boxes' line, nothing revealed yet."""
    screen.solution_of = None
    screen.sheet.parts.idle = IDLE
    screen.query_one("#answer-box", AnswerBox).input.placeholder = PLACEHOLDER


def steps_of(screen: PracticeScreen) -> Steps | None:
    """The multi-part problem on screen as far as it has got (None: a single answer, or the
    next problem is being made while this one is still on screen)."""
    shown = screen.practice.current if screen.practice is not None else None
    if shown is None or shown.problem is not screen.problem:
        return None
    return shown.steps


def asked(screen: PracticeScreen) -> Problem | None:
    """What is answered now: the current part of a multi-part problem, else the problem."""
    p, steps = screen.problem, steps_of(screen)
    k = steps.current if steps is not None else None
    if p is not None and k is not None:
        return p.parts[k].problem
    return p


def solution_shown_now(screen: PracticeScreen) -> bool:
    """The worked solution ctrl+r would show is on screen already."""
    p, steps = screen.problem, steps_of(screen)
    if p is None or not p.parts or steps is None:
        return screen.sheet.solution_shown
    k = steps.current
    return screen.solution_of == (p.parts[k].label if k is not None else WHOLE)


def show_part_outcome(screen: PracticeScreen, outcome: Outcome) -> None:
    """An answer to a part, as the flow judged and recorded it."""
    a, steps = outcome.part, steps_of(screen)
    assert a is not None and steps is not None
    if not a.counted:
        screen.box.note(not_counted(outcome))
        return
    parts = screen.sheet.parts
    parts.show_answer(a, steps.current)
    if steps.done:
        parts.show_score(steps.answers)
        end_parts(screen, "Enter or ctrl+n: next problem · ctrl+r the worked solution")
    if outcome.recorded is not None:
        screen.post_message(ProgressChanged())


def reveal_part_solution(screen: PracticeScreen) -> None:
    """ctrl+r: the current part's worked solution (counted), or the whole once every part is
    answered."""
    p, steps = screen.problem, steps_of(screen)
    if p is None or steps is None or screen.practice is None:
        return
    k = steps.current
    screen.practice.show_solution()
    if k is None:
        screen.solution_of = WHOLE
        screen.sheet.reveal_solution(p)
    else:
        part = p.parts[k]
        screen.solution_of = part.label
        screen.sheet.reveal_solution(part.problem, part=part.label)
        screen.box.note(
            Content.styled(
                f"Type part ({part.label})'s answer to go on, or ctrl+g to skip the rest.",
                "$text-muted",
            )
        )
    screen.refresh_bindings()


def parts_skipped(screen: PracticeScreen) -> None:
    """The rest of the problem skipped: every part's ending, the score, the solution."""
    p, steps = screen.problem, steps_of(screen)
    assert p is not None and steps is not None
    parts = screen.sheet.parts
    parts.show_answers(steps.answers)
    parts.show_score(steps.answers)
    screen.solution_of = WHOLE
    screen.sheet.reveal_solution(p, scroll_to="#parts-score")
    end_parts(screen, "Skipped. Enter or ctrl+n: next problem")
    screen.post_message(ProgressChanged())


def end_parts(screen: PracticeScreen, note: str) -> None:
    """The problem is over: the box below the sheet takes Enter for the next problem."""
    bottom = screen.query_one("#answer-box", AnswerBox)
    bottom.display = True
    bottom.input.placeholder = "Enter: next problem"
    bottom.input.focus()
    bottom.note(Content.styled(note, "$text-muted"))
    screen.refresh_bindings()


def not_counted(outcome: Outcome) -> Content:
    """Under the part's box: why its answer was not counted, and to edit it."""
    v = outcome.verdict
    if outcome.status == Status.UNCHECKED:
        return Content.assemble(
            ("⚠ Could not check that in time — not counted. ", "bold $warning"),
            ("Try writing it more simply.", "$text-muted"),
        )
    if outcome.status == Status.ROUNDED:
        return Content.styled("Not counted: type the exact values and press Enter.", "$warning")
    reason = printable(v.reason).rstrip(".") + "." if v is not None else ""
    return Content.assemble(
        ("⚠ Could not read that — not counted. ", "bold $warning"),
        (reason, "$warning"),
        (" Edit it and press Enter.", "$text-muted"),
    )

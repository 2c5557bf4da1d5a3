"""A multi-part problem in plain text: the shared prompt, then its parts (a), (b), … asked
one at a time, and what to say of each part's answer and of the whole.

The verdict of a part comes first, then its note ("carried forward from your part (a)": right
given the learner's own earlier answer), then how the input was read and why, as for a single
answer (``plain.items.problem``). Words rather than symbols, so a screen reader says them well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizmath.core.items import PartStatus
from quizmath.core.items.problem import answer_help
from quizmath.core.practice.outcomes import Status
from quizmath.plain.items.problem import DRILL_COMMANDS, verdict_lines
from quizmath.plain.output import GREEN, RED, YELLOW, Output

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Part, Problem
    from quizmath.core.items.multipart import PartAnswer

STATUS = {
    PartStatus.CORRECT: Status.CORRECT,
    PartStatus.CARRIED: Status.CORRECT,
    PartStatus.WRONG: Status.WRONG,
}
RESULT_WORDS = {
    PartStatus.CORRECT: "right",
    PartStatus.CARRIED: "right, carried forward",
    PartStatus.WRONG: "wrong",
    PartStatus.SKIPPED: "not answered",
}


def labels(p: Problem) -> str:
    """ "(a), (b) and (c)"."""
    names = [f"({part.label})" for part in p.parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def body_lines(p: Problem) -> list[str]:
    """The shared prompt and every part's question, so the whole chain is in view."""
    lines = [p.prompt, ""]
    lines += [f"({part.label}) {part.problem.prompt}" for part in p.parts]
    lines += ["", f"Answer the parts {labels(p)} one at a time; each takes one answer."]
    return lines


def part_lines(part: Part) -> list[str]:
    """The part to answer now: its question, choices and answer-format line."""
    q = part.problem
    lines = ["", f"Part ({part.label}): {q.prompt}"]
    lines += [f"  {chr(65 + i)}) {choice}" for i, choice in enumerate(q.choices)]
    return [*lines, q.format_note]


def part_verdict_lines(a: PartAnswer, part: Part, out: Output) -> list[str]:
    """What to say of a judged part: the verdict (with the carried-forward note), then how
    the input was read and why."""
    assert a.verdict is not None
    status = STATUS.get(a.status, Status.INVALID) if a.status is not None else None
    if status is None:
        status = Status.UNCHECKED if a.verdict.timed_out else Status.INVALID
    lines = verdict_lines(status, a.verdict, part.problem, out)
    if a.note and lines:
        lines[0] = out.paint(f"Correct, {a.note}.", GREEN)
    return lines


def drill_part_line(a: PartAnswer, out: Output) -> str:
    """A part's verdict in a drill: the word, and the carried-forward note (no details: the
    report at the end has them)."""
    if a.status == PartStatus.CARRIED:
        return out.paint(f"Part ({a.label}): correct, {a.note}.", GREEN)
    if a.status == PartStatus.CORRECT:
        return out.paint(f"Part ({a.label}): correct.", GREEN)
    if a.status == PartStatus.WRONG:
        return out.paint(f"Part ({a.label}): not correct.", RED)
    return out.paint(f"Part ({a.label}): not answered.", YELLOW)


def score_lines(p: Problem, answers: list[PartAnswer], out: Output) -> list[str]:
    """The whole problem: each part's result and the right answer to the parts missed."""
    right = sum(1 for a in answers if a.status is not None and a.status.right)
    colour = GREEN if right == len(p.parts) else RED if right == 0 else YELLOW
    lines = [out.paint(f"Score: {right} of {len(p.parts)} parts right.", colour)]
    for a, part in zip(answers, p.parts, strict=False):
        status = a.status or PartStatus.SKIPPED
        line = f"  ({part.label}) {RESULT_WORDS[status]}"
        if not status.right:
            line += f"; the answer was {part.problem.answer_text}"
        lines.append(line)
    return lines


class MultipartRenderer:
    def drill_lines(self, served: Problem) -> list[str]:
        return [
            f"{served.title} — difficulty {served.difficulty}",
            "",
            *body_lines(served),
            DRILL_COMMANDS,
        ]

    def help_lines(self, served: Problem) -> list[str]:
        kinds = dict.fromkeys(part.problem.kind for part in served.parts)
        return [DRILL_COMMANDS, *(answer_help(kind) for kind in kinds if answer_help(kind))]


RENDERER = MultipartRenderer()

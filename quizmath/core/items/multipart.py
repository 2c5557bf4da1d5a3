"""The multi-part item: a problem asked step by step, one answer per part, with the error
carried forward and partial credit.

Shown as the ``Problem`` itself (the shared prompt) and its ``parts`` (each a problem of its
own: prompt line, answer kind, format note, hints, solution), answered in order. Each part takes
one answer: an unreadable one is not counted and is typed again; a right or wrong one is final,
and the next part follows, so a slip is carried forward rather than retried.

Judging a part (``judge_part``): first against the true answer (with the part's mistakes);
if that rejects it and the part is computed from earlier parts, again against the answer
computed by the template's own expressions from the learner's earlier values (their answers,
accepted or rejected, read by the checker's parser: ``learner_values``). Right that way is
``CARRIED``, with the earlier parts it was carried from. An earlier answer that was never
counted (unreadable, or skipped) is never carried: the true value stands in for it.

Recorded as one ``Attempt`` for the whole problem: each part's verdict and the score (parts
right / parts), verdict "accept" when every part is right ("reject" otherwise, "skipped" when
none was answered). The card's rating comes from the score (``scheduler.rate_attempt``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.items import Answering, ItemKind, PartStatus
from quizmath.core.items.learner_values import learner_value
from quizmath.core.items.types import Answer, Details, Saved, Sources
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt, PartResult

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.problem import Carried, Part, Problem
    from quizmath.core.items.problem import Checker
    from quizmath.core.scheduler import Scheduler


CARRY_TOLERANCE = 1e-3  # relative: a part carried in floats is checked within this
TOLERANT_KINDS = ("vector", "matrix", "set")  # kinds that take a tolerance (real has its own)


@dataclass(frozen=True)
class PartAnswer:
    """An answer to one part, judged. ``status`` None: unreadable (or not checked in time),
    not counted; the learner types it again."""

    index: int  # 0-based
    label: str  # "a", "b", …
    text: str
    status: PartStatus | None
    verdict: Verdict | None  # the checker's (None for a skipped part)
    carried_from: tuple[str, ...] = ()  # labels of the earlier parts it was carried from
    value: Any = field(default=None, compare=False, repr=False)  # the learner's value

    @property
    def counted(self) -> bool:
        return self.status is not None

    @property
    def note(self) -> str:
        """What to say besides the verdict: "carried forward from your part (a)"."""
        if self.status != PartStatus.CARRIED:
            return ""
        parts = " and ".join(f"({label})" for label in self.carried_from)
        noun = "parts" if len(self.carried_from) > 1 else "part"
        return f"carried forward from your {noun} {parts}"

    def result(self) -> PartResult:
        """As recorded with the attempt."""
        status = self.status or PartStatus.SKIPPED
        return PartResult(self.label, str(status), self.text, self.carried_from)


def judge_part(
    problem: Problem,
    k: int,
    text: str,
    earlier: Sequence[PartAnswer],
    checker: Checker,
) -> PartAnswer:
    """The verdict on ``text`` as the answer to part ``k`` of ``problem``, given the counted
    answers to the parts before it (slow: any thread, no database)."""
    from quizmath.core.items.problem import judge

    part = problem.parts[k]
    p = part.problem
    verdict = judge(p, text, checker)
    kind = VerdictKind(verdict.verdict)
    if kind == VerdictKind.INVALID:
        return PartAnswer(k, part.label, text, None, verdict)
    value = read_value(problem, k, text) if part.name is not None else None
    if kind == VerdictKind.ACCEPT:
        return PartAnswer(k, part.label, text, PartStatus.CORRECT, verdict, (), value)
    carried = _carried(problem, k, text, earlier, checker)
    if carried is not None and carried[0].accepted:
        status = PartStatus.CARRIED if carried[1] else PartStatus.CORRECT
        return PartAnswer(k, part.label, text, status, carried[0], carried[1], value)
    if carried is not None and verdict.mistake is None and carried[0].mistake is not None:
        verdict = carried[0]  # a known mistake made on the learner's own earlier values
    return PartAnswer(k, part.label, text, PartStatus.WRONG, verdict, (), value)


def read_value(problem: Problem, k: int, text: str) -> Any | None:
    """The learner's answer to part k as later parts read it: as the problem's carry reads it
    (made in another process, it may keep the text, to be read where the parts are computed),
    else by the checker's parser (``learner_values``)."""
    if problem.carry is not None:
        return problem.carry.read(k, text)
    p = problem.parts[k].problem
    return learner_value(text, p.kind, p.vars)


def _carried(
    problem: Problem, k: int, text: str, earlier: Sequence[PartAnswer], checker: Checker
) -> tuple[Verdict, tuple[str, ...]] | None:
    """The checker's verdict against part k computed from the learner's earlier values, and
    the labels of the wrong (or themselves carried) earlier parts it used; None when nothing
    is carried (see ``carried_answer``)."""
    found = carried_answer(problem, k, earlier)
    if found is None:
        return None
    carried, sources = found
    p = problem.parts[k].problem
    tol = p.tolerance
    if tol is None and carried.approximate and p.kind in TOLERANT_KINDS:
        tol = CARRY_TOLERANCE  # computed in floats: the learner rounds, so must the check
    verdict = checker(
        p.kind,
        carried.expected,
        text,
        vars=p.vars,
        tol=tol,
        mistakes=carried.mistakes,
        choices=None,
    )
    return verdict, sources


def carried_answer(
    problem: Problem, k: int, earlier: Sequence[PartAnswer]
) -> tuple[Carried, tuple[str, ...]] | None:
    """Part k's answer computed from the learner's earlier values, and the labels of the wrong
    (or themselves carried) earlier parts it used. None when the part reads no earlier answer
    the learner gave, cannot be computed from them, or comes out the same as the true one."""
    part = problem.parts[k]
    if not part.reads or problem.carry is None:
        return None
    by_name = {
        problem.parts[a.index].name: a
        for a in earlier
        if a.counted and a.value is not None and a.index < k
    }
    values = {name: a.value for name, a in by_name.items() if name in part.reads}
    if not values:
        return None
    carried = problem.carry.expected(k, values)
    if carried is None or carried.expected == part.problem.expected:
        return None
    sources = tuple(
        by_name[name].label
        for name in carried.used
        if name in by_name and by_name[name].status in (PartStatus.WRONG, PartStatus.CARRIED)
    )
    return carried, sources


def skipped(problem: Problem, k: int) -> PartAnswer:
    """Part k, not answered."""
    part: Part = problem.parts[k]
    return PartAnswer(k, part.label, "", PartStatus.SKIPPED, None)


@dataclass
class Steps:
    """A multi-part problem as far as the learner has got: the counted answers, in order."""

    problem: Problem
    answers: list[PartAnswer] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.problem.parts)

    @property
    def current(self) -> int | None:
        """The index of the part to answer next; None once every part has an ending."""
        n = len(self.answers)
        return n if n < self.total else None

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def answered_count(self) -> int:
        """Parts with an ending so far (the index of the part to answer now)."""
        return len(self.answers)

    @property
    def answered(self) -> int:
        """Parts answered (right or wrong; not skipped)."""
        return sum(1 for a in self.answers if a.status != PartStatus.SKIPPED)

    @property
    def right(self) -> int:
        return sum(1 for a in self.answers if a.status is not None and a.status.right)

    @property
    def score(self) -> float:
        """Parts right / parts (skipped and unanswered parts count as wrong)."""
        return self.right / self.total if self.total else 0.0

    def judge(self, text: str, checker: Checker) -> PartAnswer:
        """The verdict on ``text`` for the current part (any thread; changes nothing)."""
        k = self.current
        if k is None:
            raise ValueError("every part has been answered")
        return judge_part(self.problem, k, text, self.answers, checker)

    def add(self, answer: PartAnswer) -> bool:
        """Take a judged answer to the current part; False (nothing taken) if it is not
        counted or not for the current part."""
        if not answer.counted or answer.index != self.current:
            return False
        self.answers.append(answer)
        return True

    def skip_rest(self) -> None:
        """Every part not yet answered is skipped."""
        while (k := self.current) is not None:
            self.answers.append(skipped(self.problem, k))

    def verdict(self) -> str:
        """The attempt's verdict: accept (all right), reject, or skipped (none answered)."""
        if self.answered == 0:
            return "skipped"
        return "accept" if self.right == self.total else "reject"

    def typed(self) -> str:
        """The answers as one text, for the attempt's ``answer`` column."""
        return "; ".join(f"({a.label}) {a.text}" for a in self.answers if a.text)

    def results(self) -> tuple[PartResult, ...]:
        """Every part's result, as recorded (parts not reached are skipped)."""
        done = [a.result() for a in self.answers]
        rest = [skipped(self.problem, k).result() for k in range(len(done), self.total)]
        return tuple(done + rest)


def restored(problem: Problem, results: Sequence[PartResult]) -> Steps:
    """A problem's steps as saved (a drill resumed half-way through it): each part's verdict
    and the learner's value, read again from the typed text, for later parts to carry."""
    steps = Steps(problem)
    for k, r in enumerate(results[: len(problem.parts)]):
        part = problem.parts[k]
        value = None
        if part.name is not None and r.verdict != PartStatus.SKIPPED:
            value = read_value(problem, k, r.answer)
        status = PartStatus(r.verdict)
        steps.answers.append(
            PartAnswer(k, part.label, r.answer, status, None, r.carried_from, value)
        )
    return steps


# -- the kind of item, for the flows (``items.types.ItemType``) ------------------------------


class MultipartItem:
    """The multi-part kind of item: served and recorded as a problem, answered part by part
    (``Answering.STEPS``: the flows keep a ``Steps`` and call ``Steps.judge``)."""

    kind = ItemKind.MULTIPART
    answering = Answering.STEPS

    def serve(self, item_id: str, seed: int | None, sources: Sources) -> Problem:
        from quizmath.core.items.problem import ITEM as PROBLEM

        return PROBLEM.serve(item_id, seed, sources)

    def judge(self, served: Problem, text: str, checker: Checker) -> Any:
        raise TypeError("a multi-part problem is judged part by part (Steps.judge)")

    def save(self, conn: sqlite3.Connection, scheduler: Scheduler, answer: Answer) -> Saved:
        """The whole problem, once every part has an ending, is one attempt (mode "drill")
        with its parts and score, which reviews the template's card; one unanswered at the
        time-out records nothing."""
        if answer.outcome is None or answer.parts is None:
            return Saved()
        right = sum(1 for p in answer.parts if p.right)
        answered = sum(1 for p in answer.parts if p.verdict != PartStatus.SKIPPED)
        verdict = (
            "skipped" if answered == 0 else "accept" if right == len(answer.parts) else "reject"
        )
        attempt = Attempt(
            answer.item_id,
            answer.seed or 0,
            answer.text,
            verdict,
            answer.ms,
            mode="drill",
            drill_id=answer.drill_id,
            at=answer.at,
            parts=answer.parts,
            score=right / len(answer.parts) if answer.parts else 0.0,
        )
        recorded = scheduler.record_attempt_in(conn, attempt, review=True)
        rating = int(recorded.rating) if recorded.rating is not None else None
        return Saved(rating, recorded.attempt_id)

    def usual_ms(self, conn: sqlite3.Connection, item_id: str, before: datetime) -> list[int]:
        return drill_rows.usual_problem_ms(conn, item_id, before)

    def details(self, item_id: str, seed: int | None, sources: Sources, missed: bool) -> Details:
        from quizmath.core.items.problem import ITEM as PROBLEM

        return PROBLEM.details(item_id, seed, sources, missed)


ITEM = MultipartItem()

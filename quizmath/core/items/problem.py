"""The generated-problem item: one typed answer, judged by the answer checker.

Shown as the ``Problem`` itself (``core.bank.problem``: ref, title, prompt, choices, the
answer-format note, hints, solution); judged by ``judge`` (the checker, with the problem's
kind, expected answer, variables, tolerance, mistakes and number of choices); recorded as an
``Attempt`` that reviews the template's card (``core.scheduler``), its verdict the checker's
"accept" or "reject", or ``SKIPPED`` when the learner gave up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.errors import QuizmathError
from quizmath.core.items import Answering, Ending, ItemKind
from quizmath.core.items.types import Answer, Details, NotAvailable, Saved, Sources
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.bank.model import Template
    from quizmath.core.bank.problem import Problem
    from quizmath.core.scheduler import Scheduler

Generator = Callable[["Template", int], "Problem"]  # a template and a seed give a problem

SKIPPED = "skipped"  # the verdict stored with an attempt the learner gave up on

# How to write each kind of answer (ANSWERS.md, said briefly): a help text for any UI.
_NUMBERS = (
    "Numbers: 3, −2, 0.5, .5, 3/4, 1e-3, 25%. Roots sqrt(2) or √2; powers 2^3 or 2**3; "
    "pi or π; e; ln(x), log2(x), exp(x), |x|."
)
_FORMATS = {
    "integer": "An integer, e.g. 32. Arithmetic is fine (2^5 or 4 + 10 + 18); 31.9999 is not 32.",
    "exact": "An exact value: 3/4, sqrt(2)/2, ln(2), pi/4. 0.5 equals 1/2, but a rounded "
    "decimal such as 0.333 is not 1/3.",
    "real": "A number, accepted within the stated tolerance: 0.6931, ln(2) and 22/7 are fine.",
    "vector": "Entries in order: [1, 2, 3], (1, 2, 3) or 1, 2, 3; a column [1; 2]; "
    "a multiple such as 1/5 [3, 4].",
    "vector-up-to-scale": "A vector such as [1, 2]; any nonzero multiple of the right one "
    "counts ([2, 4] too).",
    "matrix": "Rows in brackets [[1, 2], [3, 4]], or rows separated by semicolons: 1 2; 3 4.",
    "set": "All the values, in any order, separated by commas: 2, 5 or {2, 5}; ±2 means 2 and −2.",
    "expression": "An expression in the problem's variables: 2x + 2, 2(x+1), x^2 or x², "
    "e^(-x), sqrt(x), ln x, sin(x). 2x means 2·x.",
    "choice": "One letter, e.g. B (b, (B) and B. work too).",
}


def answer_help(kind: str) -> str:
    """How to write an answer of this kind (for a help command or panel); "" if unknown."""
    text = _FORMATS.get(kind, "")
    if text and kind not in ("choice", "vector-up-to-scale"):
        text += "\n" + _NUMBERS
    return text


def format_help(problem: Problem) -> str:
    """How to write the answer to ``problem``: the kind's help, else the problem's own note."""
    return answer_help(problem.kind) or problem.format_note


class Checker(Protocol):
    """``quizmath.core.answers.check``, or ``CheckService().check``, or a fake in tests."""

    def __call__(
        self,
        kind: str,
        expected: str,
        submitted: str,
        *,
        vars: tuple[str, ...] = (),
        tol: float | None = None,
        mistakes: Any = (),
        choices: int | None = None,
    ) -> Any: ...


def generate(template: Template, seed: int) -> Problem:
    """``core.bank.generate.generate``, imported on first use (the template engine is heavy)."""
    from quizmath.core.bank.generate import generate as make

    return make(template, seed)


def judge(problem: Problem, text: str, checker: Checker) -> Any:
    """The checker's verdict on ``text`` as an answer to ``problem`` (slow: any thread)."""
    return checker(
        problem.kind,
        problem.expected,
        text,
        vars=problem.vars,
        tol=problem.tolerance,
        mistakes=problem.mistakes,
        choices=len(problem.choices) if problem.choices else None,
    )


# A problem's ending, as the verdict of its attempt.
_ATTEMPT_VERDICT = {
    Ending.CORRECT: VerdictKind.ACCEPT,
    Ending.WRONG: VerdictKind.REJECT,
    Ending.SKIPPED: SKIPPED,
}


class ProblemItem:
    """The problem kind of item, for the flows (``items.types.ItemType``)."""

    kind = ItemKind.PROBLEM
    answering = Answering.JUDGED

    def serve(self, item_id: str, seed: int | None, sources: Sources) -> Problem:
        ref = f"{item_id}@{seed}"
        problem = sources.premade.get(ref)
        if problem is not None:
            return problem
        if seed is None:
            raise NotAvailable(f"cannot serve {item_id}: a problem needs a seed")
        try:
            return (sources.generator or generate)(sources.bank.get(item_id), seed)
        except QuizmathError as exc:
            raise NotAvailable(f"cannot serve {ref} again: {exc}") from None

    def judge(self, served: Problem, text: str, checker: Checker) -> Any:
        return judge(served, text, checker)

    def save(self, conn: sqlite3.Connection, scheduler: Scheduler, answer: Answer) -> Saved:
        """An answered or skipped problem is an attempt (mode "drill") that reviews the
        template's card; one unanswered at the time-out records nothing."""
        if answer.outcome is None:
            return Saved()
        attempt = Attempt(
            answer.item_id,
            answer.seed or 0,
            answer.text,
            _ATTEMPT_VERDICT[answer.outcome],
            answer.ms,
            mode="drill",
            drill_id=answer.drill_id,
            at=answer.at,
        )
        recorded = scheduler.record_attempt_in(conn, attempt, review=True)
        rating = int(recorded.rating) if recorded.rating is not None else None
        return Saved(rating, recorded.attempt_id)

    def usual_ms(self, conn: sqlite3.Connection, item_id: str, before: datetime) -> list[int]:
        return drill_rows.usual_problem_ms(conn, item_id, before)

    def details(self, item_id: str, seed: int | None, sources: Sources, missed: bool) -> Details:
        """The template's title; for a missed problem, generated again from ``id@seed``, its
        answer and worked solution."""
        template = sources.bank.templates.get(item_id)
        if template is None:
            gone = "(this template is no longer in the bank)"
            return Details(item_id, None, gone if missed else None)
        if not missed:
            return Details(template.title)
        ref = f"{item_id}@{seed}"
        try:
            assert seed is not None
            p = (sources.generator or generate)(template, seed)
        except Exception as exc:  # a report must still show the rest
            return Details(template.title, None, f"(could not generate {ref} again: {exc})")
        return Details(p.title, p.answer_text, p.solution)


ITEM = ProblemItem()

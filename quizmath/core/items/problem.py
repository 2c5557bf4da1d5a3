"""The generated-problem item: one typed answer, judged by the answer checker.

Shown as the ``Problem`` itself (``core.bank.problem``: ref, title, prompt, choices, the
answer-format note, hints, solution); judged by ``judge`` (the checker, with the problem's
kind, expected answer, variables, tolerance, mistakes and number of choices); recorded as an
``Attempt`` that reviews the template's card (``core.scheduler``), its verdict the checker's
"accept" or "reject", or ``SKIPPED`` when the learner gave up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem

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

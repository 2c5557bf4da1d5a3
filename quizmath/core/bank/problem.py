"""A Problem: one template instantiated with one seed, rendered and ready to ask and check."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from quizmath.core.errors import QuizmathError

if TYPE_CHECKING:
    from quizmath.core.render.plot import Plot  # made where a problem has a plot

_REF = re.compile(r"^\s*([a-z][a-z0-9.-]*)(?:@(\d{1,18}))?\s*$")


class Mistake(msgspec.Struct, frozen=True):
    """A typical wrong answer (in sympy printed form, or a letter) and what to tell the learner."""

    expected: str
    feedback: str
    typed: str = ""  # the mistake as a learner would type it (rendered form)
    line: int = 0  # where the template declares it


class TextSource(Protocol):
    """Where a problem's hints, solution and mistakes come from when first read."""

    def hints(self) -> tuple[str, ...]: ...
    def solution(self) -> str: ...
    def mistakes(self) -> tuple[Mistake, ...]: ...
    def notes(self) -> tuple[str, ...]: ...


class FixedTexts(msgspec.Struct, frozen=True):
    """Texts known up front (tests, fakes)."""

    hint_texts: tuple[str, ...] = ()
    solution_text: str = ""
    mistake_list: tuple[Mistake, ...] = ()
    note_list: tuple[str, ...] = ()

    def hints(self) -> tuple[str, ...]:
        return self.hint_texts

    def solution(self) -> str:
        return self.solution_text

    def mistakes(self) -> tuple[Mistake, ...]:
        return self.mistake_list

    def notes(self) -> tuple[str, ...]:
        return self.note_list


PARTS_KIND = "parts"  # the kind of a multi-part problem: each part has its own answer kind


class Carry(Protocol):
    """How a multi-part problem computes a part from the learner's earlier values."""

    def read(self, k: int, text: str) -> Any | None:
        """The learner's answer ``text`` to part k as the value later parts are computed
        from (its form is the carry's own business); None when it cannot be one."""
        ...

    def expected(self, k: int, values: Mapping[str, Any]) -> Carried | None:
        """Part k's answer (and mistakes) computed with ``values`` (earlier parts' names →
        what ``read`` gave for the learner's answers) in place of the true ones; None if it
        cannot be computed."""
        ...


class Carried(msgspec.Struct, frozen=True):
    """A part's answer computed from the learner's own earlier values."""

    expected: str  # sympy printed form, for the checker
    answer_text: str  # as shown
    mistakes: tuple[Mistake, ...] = ()
    used: tuple[str, ...] = ()  # the earlier parts' names whose learner values were used
    approximate: bool = False  # computed in floats (from a learner's irrational or huge number)


class Part(msgspec.Struct, frozen=True):
    """One part of a multi-part problem: a problem of its own (its prompt line, answer kind,
    expected answer, hints, solution, mistakes), labelled (a), (b), …"""

    label: str
    name: str | None  # how later parts read its value (None: they do not)
    problem: Problem
    reads: tuple[str, ...] = ()  # names of earlier parts its answer is computed from


@dataclass(frozen=True)
class Problem:
    template_id: str
    seed: int
    title: str
    topic: str
    concept: str
    difficulty: int
    calculator: bool
    prompt: str
    kind: str
    expected: str  # the answer in sympy's printed form, for the checker
    answer_text: str  # the answer as shown, one line; what a learner could type
    answer_block: str  # the answer as shown in a solution (matrices drawn as blocks)
    tolerance: float | None
    vars: tuple[str, ...]
    choices: tuple[str, ...]  # option texts in display order, lettered A, B, C …
    format_note: str  # how to write the answer, shown under the prompt
    plot: Plot | None = field(default=None, compare=False)  # drawn under the prompt
    # Hints, the solution and the mistakes are rendered when first read: serving a problem
    # needs only the prompt, and rendering the rest up front tripled the cost of generation.
    texts: TextSource = field(repr=False, compare=False, default_factory=FixedTexts)
    # A multi-part problem (kind PARTS_KIND): its parts, in order, and how a part is computed
    # from the learner's earlier answers (error carried forward). Empty for one answer.
    parts: tuple[Part, ...] = ()
    carry: Carry | None = field(repr=False, compare=False, default=None)

    @property
    def multipart(self) -> bool:
        return bool(self.parts)

    @cached_property
    def hints(self) -> tuple[str, ...]:
        return self.texts.hints()

    @cached_property
    def solution(self) -> str:
        return self.texts.solution()

    @cached_property
    def mistakes(self) -> tuple[Mistake, ...]:
        return self.texts.mistakes()

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """What generation skipped (a mistake that could not be computed), for the validator."""
        return self.texts.notes()

    @property
    def ref(self) -> str:
        """``id@seed``: names this exact problem on any machine."""
        return f"{self.template_id}@{self.seed}"

    @property
    def typed_answer(self) -> str:
        """What a learner types to answer correctly (the letter for a choice)."""
        return self.expected if self.kind == "choice" else self.answer_text


def parse_ref(text: str) -> tuple[str, int | None]:
    """``linalg.dot-product@3`` → ("linalg.dot-product", 3); the seed is optional."""
    match = _REF.match(text)
    if match is None:
        raise QuizmathError(
            f'"{text}" is not a problem name; write ID or ID@SEED, e.g. linalg.dot-product@3'
        )
    seed = match.group(2)
    return match.group(1), (int(seed) if seed is not None else None)


def letter(i: int) -> str:
    return chr(ord("A") + i)


def format_note(
    kind: str,
    tolerance: float | None,
    variables: tuple[str, ...],
    n_choices: int,
    symbolic: bool = False,
    answer: Any = None,
) -> str:
    """The line under a prompt that says what form the answer takes.

    Its example is chosen so it never equals (or mirrors) ``answer`` (``examples``).
    """
    # Here, not at the top: the app reads a problem made elsewhere (the prefetch helper, the
    # checking service) before its first paint and needs no examples (nor the value types).
    from quizmath.core.bank.examples import (
        exact_examples,
        expression_example,
        matrix_example,
        symbolic_vector_example,
        vector_example,
    )
    from quizmath.core.render.symbols import display_name

    variables = tuple(display_name(v) for v in variables)  # lamda is shown, and typed, as λ
    if kind == "integer":
        return "Answer: an integer."
    if kind == "exact":
        return (
            f"Answer: an exact value, e.g. {exact_examples(answer)} "
            "(a rounded decimal is not exact)."
        )
    if kind == "real":
        return f"Answer: a number, accepted within {describe_tolerance(tolerance)}."
    if kind == "vector" and symbolic:
        names = ", ".join(variables)
        example = symbolic_vector_example(answer, variables)
        return f"Answer: a vector of expressions in {names}, e.g. {example}."
    if kind == "vector":
        if tolerance:
            within = describe_tolerance(tolerance)
            return f"Answer: a vector, e.g. {vector_example(answer)}, each entry within {within}."
        return f"Answer: a vector of exact entries, e.g. {vector_example(answer)}."
    if kind == "vector-up-to-scale":
        return (
            f"Answer: a vector, e.g. {vector_example(answer)}; "
            "any nonzero multiple of the right one counts."
        )
    if kind == "matrix":
        if tolerance:
            within = describe_tolerance(tolerance)
            return f"Answer: a matrix, e.g. {matrix_example(answer)}, each entry within {within}."
        return f"Answer: a matrix of exact entries, e.g. {matrix_example(answer)}."
    if kind == "set":
        return "Answer: all the values, separated by commas, in any order."
    if kind == "expression":
        names = ", ".join(variables)
        example, first = expression_example(answer, variables), (variables or ("x",))[0]
        return f"Answer: an expression in {names}, e.g. {example} (write {first}^2 or {first}²)."
    if kind == "choice":
        return f"Answer: one letter, A to {letter(n_choices - 1)}."
    return ""


def describe_tolerance(tolerance: float | None) -> str:
    tol = tolerance if tolerance is not None else DEFAULT_TOLERANCE
    percent = tol * 100
    text = f"{percent:.10g}"
    return f"{text}% (relative)"


DEFAULT_TOLERANCE = 1e-3

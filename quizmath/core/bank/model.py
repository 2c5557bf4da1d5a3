"""A loaded template: its fields, with every expression parsed once and every line remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.kinds import KINDS  # noqa: F401 - re-exported for the loader
from quizmath.core.render.fill import Segment

if TYPE_CHECKING:
    from quizmath.core.bank.plot_spec import PlotSpec


class Compiled(msgspec.Struct, frozen=True):
    """An expression from the file: its text, its parsed form, and where it was written."""

    source: str
    node: Any
    line: int
    field: str  # e.g. "params.A" or "mistakes[1].value"


class Text(msgspec.Struct, frozen=True):
    """A text with placeholders (prompt, hint, solution, feedback)."""

    segments: tuple[Segment, ...]
    line: int  # line of the first line of text
    field: str


class Option(msgspec.Struct, frozen=True):
    """A multiple-choice option: an expression, or literal text."""

    value: Compiled | None
    text: str | None
    feedback: Text | None
    line: int


class AnswerSpec(msgspec.Struct, frozen=True):
    kind: str
    value: Compiled | None  # None only for a choice whose right option is literal text
    text: str | None  # literal text of the right option (choice)
    tolerance: float | None
    vars: tuple[str, ...]
    options: tuple[Option, ...]
    line: int


class MistakeSpec(msgspec.Struct, frozen=True):
    value: Compiled
    feedback: Text
    line: int
    # The instances the mistake belongs to (``when: op == 2``); None: all of them. Where it is
    # false the mistake is not computed, shown or linted: it is about another form of question.
    when: Compiled | None = None


class TestSpec(msgspec.Struct, frozen=True):
    params: dict[str, Any]  # name -> plain value, or Compiled for a string
    answer: str | None
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    line: int
    # A part's self-test: earlier parts' answers as a learner typed them, by label ("a" …);
    # the parts not named were answered right. Empty for a single-answer template.
    given: dict[str, str] = msgspec.field(default_factory=dict)


class PartSpec(msgspec.Struct, frozen=True):
    """One part of a multi-part template: its own prompt line, answer, hints, solution,
    mistakes and self-tests. ``name``, if given, is how later parts (and this part's own texts
    and mistakes) read its value: the true one, or the learner's when carried forward."""

    label: str  # "a", "b", … in order
    name: str | None
    prompt: Text
    answer: AnswerSpec
    hints: tuple[Text, ...]
    solution: Text
    mistakes: tuple[MistakeSpec, ...]
    tests: tuple[TestSpec, ...]
    line: int
    reads: tuple[str, ...] = ()  # names of earlier parts its answer's value uses


# The quality warnings of ``quizmath validate`` (core/bank/lints.py), by the name a template's
# ``lint: {ignore: [...], reason: ...}`` uses to keep one.
LINT_CODES = (
    "distinct-prompts",
    "frequent-answer",
    "longest-option",
    "unused-option",
    "where-rejects",
    "format-example",
    "prompt-wrap",
    "mistake-coincides",
)


class LintSpec(msgspec.Struct, frozen=True):
    """Warnings a template keeps on purpose, with the author's reason."""

    ignore: tuple[str, ...]
    reason: str
    line: int


class Template(msgspec.Struct, frozen=True):
    """A loaded template. A multi-part one (``parts``) keeps its parts' answers, hints,
    solutions, mistakes and self-tests in ``parts``; its own ``answer`` and ``solution`` are
    its last part's (the final answer), and ``hints``, ``mistakes`` and ``tests`` are empty.
    ``part_view(k)`` is part k as a single-answer template (same parameters), which is how
    generation, validation and the lints treat one part."""

    id: str
    title: str
    topic: str
    concept: str
    difficulty: int
    calculator: bool
    symbols: tuple[str, ...]
    params: tuple[tuple[str, Compiled], ...]
    where: tuple[Compiled, ...]
    prompt: Text
    answer: AnswerSpec
    hints: tuple[Text, ...]
    solution: Text
    mistakes: tuple[MistakeSpec, ...]
    tests: tuple[TestSpec, ...]
    file: str
    line: int = 1
    field_lines: dict[str, int] = msgspec.field(default_factory=dict)
    lint: LintSpec | None = None
    plot: PlotSpec | None = None  # drawn under the prompt
    parts: tuple[PartSpec, ...] = ()

    @property
    def area(self) -> str:
        return self.topic.split("/", 1)[0]

    @property
    def multipart(self) -> bool:
        return bool(self.parts)

    def part_view(self, k: int) -> Template:
        """Part k as a single-answer template over the same parameters (cached)."""
        cached = _PART_VIEWS.get(id(self))
        if cached is None or cached[0] is not self:
            views = tuple(
                msgspec.structs.replace(
                    self,
                    prompt=p.prompt,
                    answer=p.answer,
                    hints=p.hints,
                    solution=p.solution,
                    mistakes=p.mistakes,
                    tests=p.tests,
                    parts=(),
                    plot=None,  # drawn once, under the shared prompt
                )
                for p in self.parts
            )
            cached = _PART_VIEWS[id(self)] = (self, views)
        return cached[1][k]


# Keyed by id() with the template kept alongside (an id is unique only while its object lives);
# a template is not hashable (its field_lines is a dict).
_PART_VIEWS: dict[int, tuple[Template, tuple[Template, ...]]] = {}

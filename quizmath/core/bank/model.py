"""A loaded template: its fields, with every expression parsed once and every line remembered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quizmath.core.kinds import KINDS  # noqa: F401 - re-exported for the loader
from quizmath.core.render.fill import Segment

if TYPE_CHECKING:
    from quizmath.core.bank.plot_spec import PlotSpec


@dataclass(frozen=True)
class Compiled:
    """An expression from the file: its text, its parsed form, and where it was written."""

    source: str
    node: Any
    line: int
    field: str  # e.g. "params.A" or "mistakes[1].value"


@dataclass(frozen=True)
class Text:
    """A text with placeholders (prompt, hint, solution, feedback)."""

    segments: tuple[Segment, ...]
    line: int  # line of the first line of text
    field: str


@dataclass(frozen=True)
class Option:
    """A multiple-choice option: an expression, or literal text."""

    value: Compiled | None
    text: str | None
    feedback: Text | None
    line: int


@dataclass(frozen=True)
class AnswerSpec:
    kind: str
    value: Compiled | None  # None only for a choice whose right option is literal text
    text: str | None  # literal text of the right option (choice)
    tolerance: float | None
    vars: tuple[str, ...]
    options: tuple[Option, ...]
    line: int


@dataclass(frozen=True)
class MistakeSpec:
    value: Compiled
    feedback: Text
    line: int
    # The instances the mistake belongs to (``when: op == 2``); None: all of them. Where it is
    # false the mistake is not computed, shown or linted: it is about another form of question.
    when: Compiled | None = None


@dataclass(frozen=True)
class TestSpec:
    params: dict[str, Any]  # name -> plain value, or Compiled for a string
    answer: str | None
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    line: int


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


@dataclass(frozen=True)
class LintSpec:
    """Warnings a template keeps on purpose, with the author's reason."""

    ignore: tuple[str, ...]
    reason: str
    line: int


@dataclass(frozen=True)
class Template:
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
    field_lines: dict[str, int] = field(default_factory=dict)
    lint: LintSpec | None = None
    plot: PlotSpec | None = None  # drawn under the prompt

    @property
    def area(self) -> str:
        return self.topic.split("/", 1)[0]

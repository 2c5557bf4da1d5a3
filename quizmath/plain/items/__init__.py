"""Plain-text renderers, one module per kind of item (``core.items``): the lines that show an
item, and what to say of an answer to it. The loops (``plain.practice``, ``plain.drill``) look
a kind up in ``RENDERERS`` and never branch on the kind themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from quizmath.core.items import ItemKind
from quizmath.plain.items import exercise, interview, multipart, problem
from quizmath.plain.output import Output


class ItemRenderer(Protocol):
    def drill_lines(self, served: Any) -> list[str]:
        """The item in a drill, below the line with the clock and the question number."""
        ...

    def help_lines(self, served: Any) -> list[str]:
        """How to answer it (the ``help`` command)."""
        ...


class JudgedRenderer(ItemRenderer, Protocol):
    """A renderer of a judged kind (``Answering.JUDGED``) also says what a typed line submits."""

    def prompt_line(self, served: Any) -> str:
        """What to type (said after an empty line)."""
        ...

    def answer_text(self, served: Any, line: str | None) -> str:
        """What the typed ``line`` submits (None: the time ran out before anything was typed)."""
        ...

    def not_counted_lines(self, verdict: Any, out: Output) -> list[str]:
        """What to say of an answer that was not counted (typed again while time remains)."""
        ...


RENDERERS: Mapping[ItemKind, ItemRenderer] = {
    ItemKind.PROBLEM: problem.RENDERER,
    ItemKind.INTERVIEW: interview.RENDERER,
    ItemKind.EXERCISE: exercise.RENDERER,
    ItemKind.MULTIPART: multipart.RENDERER,
}

JUDGED: Mapping[ItemKind, JudgedRenderer] = {
    ItemKind.PROBLEM: problem.RENDERER,
    ItemKind.EXERCISE: exercise.RENDERER,
}

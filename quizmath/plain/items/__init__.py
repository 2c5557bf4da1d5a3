"""Plain-text renderers, one module per kind of item (``core.items``): the lines that show an
item, and what to say of an answer to it. The loops (``plain.practice``, ``plain.drill``) look
a kind up in ``RENDERERS`` and never branch on the kind themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from quizmath.core.items import ItemKind
from quizmath.plain.items import interview, problem


class ItemRenderer(Protocol):
    def drill_lines(self, served: Any) -> list[str]:
        """The item in a drill, below the line with the clock and the question number."""
        ...

    def help_lines(self, served: Any) -> list[str]:
        """How to answer it (the ``help`` command)."""
        ...


RENDERERS: Mapping[ItemKind, ItemRenderer] = {
    ItemKind.PROBLEM: problem.RENDERER,
    ItemKind.INTERVIEW: interview.RENDERER,
}

"""The items of a running drill: each one's plan entry, what it serves, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizmath.core.bank.problem import Problem
from quizmath.core.content import InterviewQuestion
from quizmath.core.drill.plan import DrillError, PlanItem
from quizmath.core.items import Ending, ItemKind
from quizmath.core.items.multipart import Steps, restored
from quizmath.core.items.types import NotAvailable, item_type

if TYPE_CHECKING:
    from quizmath.core.items.types import Sources
    from quizmath.core.storage.attempts import PartResult


@dataclass
class DrillItem:
    """One item of a run, as far as it has got."""

    position: int  # 0-based
    spec: PlanItem
    served: Any = None  # what is shown (``ItemType.serve``); None once answered, on resume
    outcome: Ending | None = None  # CORRECT, WRONG or SKIPPED; None: not answered
    answer: str = ""
    ms: int | None = None
    rating: int | None = None  # a self-rating
    timed_out: bool = False
    steps: Steps | None = None  # a multi-part problem: its parts answered so far
    saved_parts: tuple[PartResult, ...] | None = None  # the parts saved (a resumed drill)

    @property
    def kind(self) -> ItemKind:
        return ItemKind(self.spec.kind)

    @property
    def ref(self) -> str:
        return self.spec.ref

    @property
    def topic(self) -> str:
        return self.spec.topic

    @property
    def problem(self) -> Problem | None:
        """The problem served, for a problem item."""
        return self.served if isinstance(self.served, Problem) else None

    @property
    def question(self) -> InterviewQuestion | None:
        """The question served, for an interview item."""
        return self.served if isinstance(self.served, InterviewQuestion) else None

    @property
    def done(self) -> bool:
        return self.outcome is not None or self.timed_out

    @property
    def ending(self) -> Ending:
        return self.outcome or Ending.UNANSWERED


def make_item(
    position: int, spec: PlanItem, sources: Sources, base: DrillItem | None = None
) -> DrillItem:
    """A DrillItem with what it serves (a problem is generated again from ``id@seed`` unless
    ``sources.premade`` has it). Raises DrillError when it cannot be served."""
    item = base or DrillItem(position, spec)
    try:
        item.served = item_type(spec.kind).serve(spec.item_id, spec.seed, sources)
    except NotAvailable as exc:
        raise DrillError(str(exc)) from None
    if isinstance(item.served, Problem) and item.served.parts:
        item.steps = restored(item.served, item.saved_parts or ())
    return item

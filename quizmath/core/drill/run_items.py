"""The items of a running drill: each one's plan entry, what it serves, and how it ended."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizmath.core.drill.plan import DrillError, Generator, PlanItem
from quizmath.core.items import Ending, ItemKind
from quizmath.core.scheduler import Scheduler

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank, InterviewQuestion


@dataclass
class DrillItem:
    """One item of a run, as far as it has got."""

    position: int  # 0-based
    spec: PlanItem
    problem: Problem | None = None  # problems still to answer (None once answered, on resume)
    question: InterviewQuestion | None = None  # interview items
    outcome: Ending | None = None  # CORRECT, WRONG or SKIPPED; None: not answered
    answer: str = ""
    ms: int | None = None
    rating: int | None = None  # interview self-rating
    timed_out: bool = False

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
    def done(self) -> bool:
        return self.outcome is not None or self.timed_out

    @property
    def ending(self) -> Ending:
        return self.outcome or Ending.UNANSWERED


def make_item(
    position: int,
    spec: PlanItem,
    scheduler: Scheduler,
    interviews: InterviewBank | None,
    problems: Mapping[str, Problem],
    base: DrillItem | None = None,
    generator: Generator | None = None,
) -> DrillItem:
    """A DrillItem with its problem (generated again from ``id@seed`` unless ``problems`` has
    it) or its interview question."""
    item = base or DrillItem(position, spec)
    if spec.kind == ItemKind.PROBLEM:
        problem = problems.get(spec.ref)
        if problem is None:
            from quizmath.core.errors import QuizmathError

            if generator is None:
                from quizmath.core.bank.generate import generate as generator
            try:
                assert spec.seed is not None
                problem = generator(scheduler.bank.get(spec.item_id), spec.seed)
            except QuizmathError as exc:
                raise DrillError(f"cannot serve {spec.ref} again: {exc}") from None
        item.problem = problem
    else:
        question = interviews.get(spec.item_id) if interviews else None
        if question is None:
            raise DrillError(f'the interview question "{spec.item_id}" is not available')
        item.question = question
    return item

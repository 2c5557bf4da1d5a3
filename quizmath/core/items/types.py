"""What each kind of item provides to the flows, and the table of kinds.

A kind of item is one module of ``core.items`` with an ``ITEM`` object that satisfies
``ItemType``: how it is served from its sources (``serve``), how a typed answer is judged
(``judge``, for ``Answering.JUDGED`` kinds), what one answer records inside a drill's
transaction (``save``), the learner's usual time on it, and what a report says about it. The
flows look a kind up with ``item_type`` and never branch on the kind themselves.

Adding a kind: a member of ``ItemKind``, its module here, and one line in ``item_types``; then
one widget (``tui/widgets``) and one plain renderer (``plain/items``) registered the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizmath.core.items import Answering, Ending, ItemKind

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.items.problem import Checker, Generator
    from quizmath.core.keypoints import KeyPointScore
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage.attempts import PartResult


@dataclass(frozen=True)
class Sources:
    """Where items are served from: the bank and the interview questions, how a problem is
    generated, problems already made (``id@seed`` → problem) to serve instead, and the coding
    exercises with the folder of the learner's files."""

    bank: Bank
    interviews: InterviewBank | None = None
    generator: Generator | None = None  # None: ``items.problem.generate``
    premade: Mapping[str, Problem] = field(default_factory=dict)
    exercises: ExerciseBank | None = None
    workspace: Path | None = None  # None: ``exercises.workspace.default_folder()``


@dataclass(frozen=True)
class Answer:
    """One answer to an item of a drill, as it is saved."""

    drill_id: int
    item_id: str
    seed: int | None
    outcome: Ending | None  # None: unanswered when the time ran out (nothing to record)
    text: str  # as typed, or the notes
    ms: int
    at: datetime
    rating: int | None = None  # a self-rating (SELF_RATED kinds)
    points: KeyPointScore | None = None  # the key points an interview answer covered
    # A multi-part problem (STEPS): each part's result and the score (parts right / parts).
    parts: tuple[PartResult, ...] | None = None
    score: float | None = None


@dataclass(frozen=True)
class Saved:
    """What saving an answer recorded: the card's rating and the attempt row, if any."""

    rating: int | None = None  # the card's fsrs rating, or the self-rating
    attempt_id: int | None = None


@dataclass(frozen=True)
class Details:
    """What a drill report shows of an item: its title and, when it was missed, the right
    answer (or key points) and the worked solution (or model answer)."""

    title: str
    expected: str | None = None
    solution: str | None = None


class NotAvailable(Exception):
    """The item cannot be served (gone from the bank, or fails to generate); says why."""


class ItemType(Protocol):
    """What a kind of item provides (one module of ``core.items`` per kind)."""

    @property
    def kind(self) -> ItemKind: ...

    @property
    def answering(self) -> Answering: ...

    def serve(self, item_id: str, seed: int | None, sources: Sources) -> Any:
        """What is shown (a ``Problem``, an ``InterviewQuestion`` …); raises NotAvailable."""
        ...

    def judge(self, served: Any, text: str, checker: Checker) -> Any:
        """The verdict on a typed answer (JUDGED kinds; slow: any thread, no database)."""
        ...

    def save(self, conn: sqlite3.Connection, scheduler: Scheduler, answer: Answer) -> Saved:
        """Record one drill answer and review the item's card, inside the drill's
        transaction (``answer.outcome`` None: nothing to record)."""
        ...

    def usual_ms(self, conn: sqlite3.Connection, item_id: str, before: datetime) -> list[int]:
        """The learner's recent times on the item when they got it right, before ``before``."""
        ...

    def details(self, item_id: str, seed: int | None, sources: Sources, missed: bool) -> Details:
        """What a report shows of the item (never raises: a report must show the rest)."""
        ...


def item_type(kind: str) -> ItemType:
    """The kind's ItemType; raises ValueError for an unknown kind."""
    return item_types()[ItemKind(kind)]


@cache
def item_types() -> Mapping[ItemKind, ItemType]:
    """Every kind of item (the kind modules import this one: looked up on first use)."""
    from quizmath.core.items import exercise, interview, multipart, problem

    return {module.ITEM.kind: module.ITEM for module in (problem, interview, exercise, multipart)}

"""What the placement flow returns, for front ends to render (they decide nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.placement.walk import CONFIRM, Ask, Level
from quizmath.core.storage.times import to_iso

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.problem import Problem
    from quizmath.core.scheduler import Pick


class Probe(msgspec.Struct, frozen=True):
    """A placement question on screen."""

    ask: Ask
    problem: Problem
    topic_title: str
    area_title: str
    budget: int  # the most questions the walk asks
    shown_at: float  # the flow's clock

    @property
    def confirming(self) -> bool:
        """The second question of a topic, after a wrong first answer."""
        return self.ask.question == CONFIRM


class ProbeStatus(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    DONT_KNOW = "dont-know"  # the learner said so (recorded as a skip)
    INVALID = "invalid"  # could not be read: not counted, type it again
    UNCHECKED = "unchecked"  # could not be checked in time: not counted, type it again

    @property
    def counted(self) -> bool:
        return self in (ProbeStatus.RIGHT, ProbeStatus.WRONG, ProbeStatus.DONT_KNOW)


class TopicPlacement(msgspec.Struct, frozen=True):
    """Where placement put one topic, with the names a front end shows."""

    topic: str
    title: str
    area_title: str
    level: Level
    asked: int  # questions asked in it (0: placed without one)
    right: int
    below: str | None = None  # placed new because this topic it builds on was
    below_title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "title": self.title,
            "area": self.area_title,
            "level": str(self.level),
            "asked": self.asked,
            "right": self.right,
            "below": self.below,
        }


class ProbeOutcome(msgspec.Struct, frozen=True):
    """An answer to a placement question."""

    status: ProbeStatus
    probe: Probe
    verdict: Verdict | None  # None for "don't know"
    placed: TopicPlacement | None  # the topic's place, once decided by this answer
    confirm_next: bool  # a second question on the same topic comes next

    @property
    def counted(self) -> bool:
        return self.status.counted


def level_counts(topics: Sequence[TopicPlacement]) -> dict[str, int]:
    out = {str(level): 0 for level in Level}
    for t in topics:
        out[str(t.level)] += 1
    return out


class PlacementMap(msgspec.Struct, frozen=True):
    """A placement as saved: where it put every topic (curriculum order)."""

    id: int
    started_at: datetime
    finished_at: datetime
    questions: int
    right: int
    complete: bool  # False: stopped before the walk was over
    seeded: int  # template cards seeded as already learned
    topics: tuple[TopicPlacement, ...]
    taken: int = 1  # placements taken so far, this one included

    def level_of(self, topic_id: str) -> Level | None:
        for t in self.topics:
            if t.topic == topic_id:
                return t.level
        return None

    @property
    def counts(self) -> dict[str, int]:
        return level_counts(self.topics)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": to_iso(self.started_at),
            "finished_at": to_iso(self.finished_at),
            "questions": self.questions,
            "right": self.right,
            "complete": self.complete,
            "seeded": self.seeded,
            "taken": self.taken,
            "counts": self.counts,
            "topics": [t.to_json() for t in self.topics],
        }


class PlacementResult(msgspec.Struct, frozen=True):
    """The end of a placement: the map saved, and what Continue serves now."""

    map: PlacementMap
    next_pick: Pick | None

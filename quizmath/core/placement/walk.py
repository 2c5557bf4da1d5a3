"""The placement walk: which topic to probe next, and where each topic is placed.

A pure state machine over the prerequisite graph (no bank, no database), so it can be tested
with a hand-built graph and scripted answers. The rules:

- A topic is probed only once every topic it requires was passed (placed known or shaky).
  Among the topics ready to probe, the shallowest comes first (fewest prerequisites deep),
  then curriculum order, so the budget reaches every area's first topics before it reaches
  the deepest ones.
- A probe is one question. Right at the first question: **known**. Wrong: a second question
  from the same topic tells a slip from a gap: right then is **shaky**, wrong again is
  **new**. "Don't know" (a skip) is **new** at once, with no second question.
- Known and shaky pass. A topic placed new stops the walk below it: every topic that
  requires it, directly or through others, is placed new without a question.
- At most ``budget`` questions. Topics the walk never reached are **untested** (nothing is
  known about them); so are topics whose question could not be served (``drop``). A wrong
  answer with no second question to follow (the budget is spent, or the learner stopped)
  places its topic new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

import msgspec

from quizmath.core.placement import MAX_QUESTIONS

FIRST, CONFIRM = 1, 2  # the question of a probe: the first, or the one after a wrong answer


class Level(StrEnum):
    """Where placement puts a topic (stored in ``placement_topics.level``)."""

    KNOWN = "known"  # right at the first question: seeded as already learned
    SHAKY = "shaky"  # wrong, then right: passed, but practised as new
    NEW = "new"  # wrong twice, "don't know", or below a topic placed new
    UNTESTED = "untested"  # not reached within the budget, or could not be probed

    @property
    def passed(self) -> bool:
        return self in (Level.KNOWN, Level.SHAKY)


class Node(msgspec.Struct, frozen=True):
    """A topic in the walk: its id and the topics it requires (ids in the same graph)."""

    id: str
    requires: tuple[str, ...] = ()


class Ask(msgspec.Struct, frozen=True):
    """The next question: a topic, and whether it is its first or its confirming question."""

    topic: str
    question: int  # FIRST or CONFIRM
    number: int  # 1-based count of questions in the walk


class Placed(msgspec.Struct, frozen=True):
    """Where a topic was placed and on what evidence."""

    topic: str
    level: Level
    asked: int  # questions asked in this topic (0: placed without a question)
    right: int
    below: str | None = None  # for a topic placed new without a question: the failed topic

    @property
    def inferred(self) -> bool:
        return self.asked == 0


class Walk:
    def __init__(self, nodes: Sequence[Node], budget: int = MAX_QUESTIONS) -> None:
        """``nodes`` in curriculum order; every required id must be a node."""
        self.order = {n.id: i for i, n in enumerate(nodes)}
        self.requires: Mapping[str, tuple[str, ...]] = {n.id: n.requires for n in nodes}
        for n in nodes:
            unknown = [r for r in n.requires if r not in self.order]
            if unknown:
                raise ValueError(f"{n.id} requires {', '.join(unknown)}, not in the walk")
        self.depth = _depths(self.requires, self.order)
        self.budget = budget
        self.asked = 0
        self.placed: dict[str, Placed] = {}
        self._current: Ask | None = None
        self._first_wrong: set[str] = set()

    @property
    def finished(self) -> bool:
        return self.next() is None

    def next(self) -> Ask | None:
        """The question to ask now (the same until it is answered), or None: the walk is over."""
        if self._current is not None:
            return self._current
        if self.asked >= self.budget:
            return None
        ready = [t for t in self.order if t not in self.placed and self._ready(t)]
        if not ready:
            return None
        topic = min(ready, key=lambda t: (self.depth[t], self.order[t]))
        self._current = Ask(topic, FIRST, self.asked + 1)
        return self._current

    def answer(self, right: bool | None) -> Placed | None:
        """Record the answer to ``next()``: True right, False wrong, None "don't know".
        Returns the topic's placement once it is decided (None: a confirming question
        follows)."""
        ask = self._current
        if ask is None:
            raise ValueError("no question is waiting for an answer")
        self._current = None
        self.asked += 1
        topic = ask.topic
        if ask.question == FIRST:
            if right:
                return self._place(Placed(topic, Level.KNOWN, 1, 1))
            if right is None:
                return self._place(Placed(topic, Level.NEW, 1, 0))
            if self.asked >= self.budget:  # no question left to confirm with
                return self._place(Placed(topic, Level.NEW, 1, 0))
            self._first_wrong.add(topic)
            self._current = Ask(topic, CONFIRM, self.asked + 1)
            return None
        level = Level.SHAKY if right else Level.NEW
        return self._place(Placed(topic, level, 2, int(bool(right))))

    def drop(self) -> Placed:
        """The question for ``next()`` cannot be served: the topic is untested, and is not
        passed (topics that require it are not reached)."""
        ask = self._current
        if ask is None:
            raise ValueError("no question is waiting for an answer")
        self._current = None
        asked = 1 if ask.question == CONFIRM else 0
        return self._place(Placed(ask.topic, Level.UNTESTED, asked, 0))

    def result(self) -> list[Placed]:
        """Every topic, in curriculum order: placed, inferred new below a failure, or
        untested (not reached). Final once ``next()`` is None; before that, a snapshot."""
        decided = dict(self.placed)
        for topic in self._first_wrong - set(self.placed):
            decided[topic] = Placed(topic, Level.NEW, 1, 0)  # stopped before the 2nd question
        out = []
        for topic in self.order:
            placed = decided.get(topic)
            if placed is None:
                failed = self._failed_above(topic, decided)
                level = Level.NEW if failed else Level.UNTESTED
                placed = Placed(topic, level, 0, 0, failed)
            out.append(placed)
        return out

    # -- rules ---------------------------------------------------------------------------------

    def _place(self, placed: Placed) -> Placed:
        self.placed[placed.topic] = placed
        return placed

    def _ready(self, topic: str) -> bool:
        """Every required topic passed."""
        return all(r in self.placed and self.placed[r].level.passed for r in self.requires[topic])

    def _failed_above(self, topic: str, decided: Mapping[str, Placed]) -> str | None:
        """The first topic placed new that ``topic`` requires, directly or through others."""
        seen: set[str] = set()
        frontier = list(self.requires[topic])
        while frontier:
            r = frontier.pop(0)
            if r in seen:
                continue
            seen.add(r)
            placed = decided.get(r)
            if placed is not None and placed.level == Level.NEW:
                return r
            frontier.extend(self.requires[r])
        return None


def _depths(requires: Mapping[str, tuple[str, ...]], order: Mapping[str, int]) -> dict[str, int]:
    """The longest chain of prerequisites above each topic (0 for a topic that requires
    none); the graph has no cycles (the curriculum refuses them)."""
    depth: dict[str, int] = {}
    for topic in sorted(order, key=order.__getitem__):
        _depth(topic, requires, depth, set())
    return depth


def _depth(
    topic: str, requires: Mapping[str, tuple[str, ...]], depth: dict[str, int], path: set[str]
) -> int:
    if topic in depth:
        return depth[topic]
    if topic in path:
        raise ValueError(f"a cycle of prerequisites through {topic}")
    path.add(topic)
    d = 1 + max((_depth(r, requires, depth, path) for r in requires[topic]), default=-1)
    path.discard(topic)
    depth[topic] = d
    return d


def counts(placed: Iterable[Placed]) -> dict[Level, int]:
    """Topics per level, every level present."""
    out = dict.fromkeys(Level, 0)
    for p in placed:
        out[p.level] += 1
    return out

"""The placement flow: one question at a time along the walk, shared by the TUI and plain
mode (no UI code; the walk's rules are in ``walk``).

``next_probe()`` serves the walk's next question (a problem generated from a template of the
topic, ``graph.probe_order``); an answer is handled in two steps, as in practice, so a UI can
check off its own thread: ``judge(text)`` (slow, any thread, no database), then
``record(judgement)`` (on the storage's thread), which returns the ``ProbeOutcome``.
``submit(text)`` does both; ``dont_know()`` says "I don't know".

Rules here: one answer per question (no second try, no hints, no solution: placement
measures, practice teaches); an unreadable answer is not counted and is typed again; every
counted answer is recorded at once as an attempt with mode "placement" that reviews no card
(the cards are seeded when placement ends), so stopping half-way loses no answer.
``finish()`` saves the placement (``seeding``) whether or not the walk is over; topics not
reached are untested. Taking placement again starts a new one; nothing earlier is erased.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizmath.core.errors import QuizmathError
from quizmath.core.items.problem import SKIPPED, Checker, Generator, generate, judge
from quizmath.core.placement import MAX_QUESTIONS
from quizmath.core.placement.graph import probe_order, probeable_topics, walk_nodes
from quizmath.core.placement.outcomes import (
    PlacementResult,
    Probe,
    ProbeOutcome,
    ProbeStatus,
    TopicPlacement,
)
from quizmath.core.placement.placement_map import latest_map
from quizmath.core.placement.seeding import save_placement
from quizmath.core.placement.walk import Placed, Walk
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.problem import Problem
    from quizmath.core.scheduler import Scheduler

MODE = "placement"


@dataclass(frozen=True)
class ProbeJudgement:
    """A checked answer to a placement question, ready to record."""

    probe: Probe
    text: str
    verdict: Verdict
    ms: int


class Placement:
    def __init__(
        self,
        bank: Bank,
        scheduler: Scheduler,
        checker: Checker,
        *,
        budget: int = MAX_QUESTIONS,
        generator: Generator | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bank = bank
        self.scheduler = scheduler
        self.checker = checker
        self.generator: Generator = generator or generate
        self.rng = rng or random.Random()
        self.clock = clock
        self.walk = Walk(walk_nodes(bank.curriculum, probeable_topics(bank)), budget)
        self.started_at = scheduler.now()
        self.current: Probe | None = None
        self.result: PlacementResult | None = None
        self._asked_templates: set[str] = set()

    @property
    def budget(self) -> int:
        return self.walk.budget

    @property
    def answered(self) -> int:
        """Questions answered so far."""
        return self.walk.asked

    # -- asking --------------------------------------------------------------------------------

    def next_probe(self) -> Probe | None:
        """The question to answer now (the same one until it is answered), or None when the
        walk is over (then call ``finish``)."""
        if self.result is not None:
            return None
        if self.current is not None:
            return self.current
        while (ask := self.walk.next()) is not None:
            problem = self._problem(ask.topic, ask.question)
            if problem is None:
                self.walk.drop()  # no template of the topic generates: untested
                continue
            topic = self.bank.curriculum.topic(ask.topic)
            self.current = Probe(
                ask,
                problem,
                topic.title if topic else ask.topic,
                topic.area_title if topic else "",
                self.budget,
                self.clock(),
            )
            return self.current
        return None

    def _problem(self, topic: str, question: int) -> Problem | None:
        # A probe takes one answer: a multi-part problem (asked part by part) is no probe.
        templates = [
            t
            for t in self.bank.by_topic(topic)
            if t.id not in self._asked_templates and not getattr(t, "parts", ())
        ]
        for template in probe_order(templates, question, self.rng):
            try:
                problem = self.generator(template, self.scheduler.fresh_seed(template.id))
            except QuizmathError:
                continue  # `quizmath validate` says why
            self._asked_templates.add(template.id)
            return problem
        return None

    # -- answering -----------------------------------------------------------------------------

    def judge(self, text: str) -> ProbeJudgement:
        """Check an answer to the question on screen (any thread; no database)."""
        probe = self._require()
        ms = max(0, round((self.clock() - probe.shown_at) * 1000))
        return ProbeJudgement(probe, text, judge(probe.problem, text, self.checker), ms)

    def record(self, judgement: ProbeJudgement) -> ProbeOutcome:
        """Save a judged answer and move the walk on. An unreadable answer, or one to a
        question no longer on screen, is not counted."""
        verdict = judgement.verdict
        if verdict.verdict == "invalid":
            status = ProbeStatus.UNCHECKED if verdict.timed_out else ProbeStatus.INVALID
            return ProbeOutcome(status, judgement.probe, verdict, None, False)
        if judgement.probe is not self.current:
            return ProbeOutcome(ProbeStatus.INVALID, judgement.probe, verdict, None, False)
        right = verdict.verdict == "accept"
        self._save(judgement.probe, judgement.text, str(verdict.verdict), judgement.ms)
        status = ProbeStatus.RIGHT if right else ProbeStatus.WRONG
        return self._advance(status, verdict, right)

    def submit(self, text: str) -> ProbeOutcome:
        """``judge`` then ``record``, on one thread (plain mode)."""
        return self.record(self.judge(text))

    def dont_know(self) -> ProbeOutcome:
        """The learner does not know: recorded as a skip; the topic is placed new."""
        probe = self._require()
        ms = max(0, round((self.clock() - probe.shown_at) * 1000))
        self._save(probe, "", SKIPPED, ms)
        return self._advance(ProbeStatus.DONT_KNOW, None, None)

    def _advance(
        self, status: ProbeStatus, verdict: Verdict | None, right: bool | None
    ) -> ProbeOutcome:
        probe = self._require()
        placed = self.walk.answer(right)
        self.current = None
        return ProbeOutcome(
            status,
            probe,
            verdict,
            self._named(placed) if placed else None,
            placed is None,  # no placement yet: the confirming question comes next
        )

    def _save(self, probe: Probe, text: str, verdict: str, ms: int) -> None:
        p = probe.problem
        attempt = Attempt(
            p.template_id, p.seed, text, verdict, ms, mode=MODE, at=self.scheduler.now()
        )
        self.scheduler.record_attempt(attempt, review=False)

    # -- ending --------------------------------------------------------------------------------

    def finish(self) -> PlacementResult:
        """Save the placement (once) and seed the known topics' cards. Topics the walk did
        not reach are untested."""
        if self.result is not None:
            return self.result
        complete = self.current is None and self.walk.next() is None
        self.current = None
        placed = self.walk.result()
        save_placement(self.scheduler, self.started_at, placed, complete=complete)
        saved = latest_map(self.scheduler.storage, self.bank.curriculum)
        assert saved is not None
        self.result = PlacementResult(saved, self.scheduler.pick())
        return self.result

    def progress(self) -> list[TopicPlacement]:
        """Every topic as placed so far (curriculum order), for a map drawn during the walk."""
        return [self._named(p) for p in self.walk.result()]

    def _named(self, placed: Placed) -> TopicPlacement:
        topic = self.bank.curriculum.topic(placed.topic)
        below = self.bank.curriculum.topic(placed.below) if placed.below else None
        return TopicPlacement(
            placed.topic,
            topic.title if topic else placed.topic,
            topic.area_title if topic else "",
            placed.level,
            placed.asked,
            placed.right,
            placed.below,
            below.title if below else None,
        )

    def _require(self) -> Probe:
        if self.current is None:
            raise QuizmathError("no placement question is being shown; call next_probe() first")
        return self.current

"""Fakes for placement tests: the real curriculum, two stand-in templates per topic that has
templates in the real bank, problems "what is seed + 1?", and a checker for integers.
(A uniquely named module, so imports never pick another folder's helpers.)"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from quizmath.core.answers.verdict import Verdict, VerdictKind
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.bank.problem import FixedTexts, Problem
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
EMPTY_TOPICS = ("conventions/notation",)  # no templates, as in the real bank


@dataclass(frozen=True)
class FakeTemplate:
    id: str
    topic: str
    difficulty: int = 1
    title: str = "a template"  # the bank lists templates by their summary (id, title…)
    answer: Any = field(default_factory=lambda: SimpleNamespace(kind="integer"))


def make_bank() -> Bank:
    templates = {}
    for topic in default_curriculum().topics:
        if topic in EMPTY_TOPICS:
            continue
        for n, difficulty in ((1, 1), (2, 2)):
            t = FakeTemplate(f"{topic.replace('/', '.')}.{n}", topic, difficulty)
            templates[t.id] = t
    return Bank(templates, [], default_curriculum())  # type: ignore[arg-type]


class UtcClock:
    def __init__(self, start: datetime = T0) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


def fake_generate(template: Any, seed: int) -> Problem:
    return Problem(
        template_id=template.id,
        seed=seed,
        title=f"Title of {template.id}",
        topic=template.topic,
        concept="",
        difficulty=template.difficulty,
        calculator=False,
        prompt=f"What is {seed} + 1?",
        kind="integer",
        expected=str(seed + 1),
        answer_text=str(seed + 1),
        answer_block=str(seed + 1),
        tolerance=None,
        vars=(),
        choices=(),
        format_note="Answer: an integer.",
        texts=FixedTexts((), f"{seed} + 1 = {seed + 1}"),
    )


def checker(kind: str, expected: str, submitted: str, **kw: Any) -> Verdict:
    text = submitted.strip()
    if not text.lstrip("-").isdigit():
        return Verdict(VerdictKind.INVALID, "could not read that")
    right = int(text) == int(expected)
    return Verdict(VerdictKind.ACCEPT if right else VerdictKind.REJECT, "", interpreted=text)


def scheduler(storage: Storage, clock: UtcClock, **kw: Any) -> Scheduler:
    return Scheduler(storage, make_bank(), fuzzing=False, now=clock, rng=random.Random(3), **kw)

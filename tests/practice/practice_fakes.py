"""Fakes for scheduler and session tests: a tiny bank, problems, a checker and clocks.

The bank is a real ``Bank`` over stand-in templates (only id, topic and difficulty are read by
the scheduler), so these tests do not depend on the template engine or the bank's content.
(A uniquely named module, not conftest, so imports never pick another folder's conftest.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from quizmath.core.answers.verdict import ACCEPT, INVALID, REJECT, Verdict
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.bank.problem import FixedTexts, Problem

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class FakeTemplate:
    id: str
    topic: str
    difficulty: int = 1
    title: str = "a template"  # the bank lists templates by their summary (id, title…)


def make_bank(*templates: FakeTemplate) -> Bank:
    return Bank({t.id: t for t in templates}, [], default_curriculum())  # type: ignore[misc]


# Curriculum order: vectors, norms, …, eigen.
TEMPLATES = (
    FakeTemplate("t.eig", "linear-algebra/eigen"),
    FakeTemplate("t.vec-hard", "linear-algebra/vectors", 2),
    FakeTemplate("t.norm", "linear-algebra/norms"),
    FakeTemplate("t.vec", "linear-algebra/vectors", 1),
)


class UtcClock:
    """A settable wall clock for the scheduler."""

    def __init__(self, start: datetime = T0) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


class Monotonic:
    """A settable monotonic clock (seconds) for the session."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def fake_generate(template: Any, seed: int) -> Problem:
    """``What is seed + 1?`` with two hints; the answer is seed + 1."""
    if template.id.startswith("broken."):
        from quizmath.core.errors import TemplateError

        raise TemplateError("never met", file=f"{template.id}.yaml", line=3, field="where")
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
        texts=FixedTexts(
            ("Count on from the seed.", "It is one more."), f"{seed} + 1 = {seed + 1}"
        ),
    )


class FakeChecker:
    """Accepts the expected integer, rejects other integers, finds anything else invalid."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, kind: str, expected: str, submitted: str, **kw: Any) -> Verdict:
        self.calls.append((kind, expected, submitted))
        text = submitted.strip()
        if not text.lstrip("-").isdigit():
            return Verdict(INVALID, "could not read that")
        verdict = ACCEPT if int(text) == int(expected) else REJECT
        return Verdict(verdict, "", interpreted=text)

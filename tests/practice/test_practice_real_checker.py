"""The session over real parts: fixture templates, real generation, the in-process checker."""

from __future__ import annotations

from pathlib import Path

from fsrs import Rating

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.practice.flow import Practice
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

FIXTURES = Path(__file__).resolve().parents[1] / "plain" / "fixtures"


def test_real_checker_with_mistakes_and_wrong_entries(storage: Storage) -> None:
    bank = load_bank([FIXTURES])
    assert bank.errors == []
    session = Practice(bank, Scheduler(storage, bank, fuzzing=False), check, mode="plain")
    problem = session.next_problem("testfix.dot@3")  # u · v = 8; the declared mistake is −6
    wrong = session.submit("-6")
    assert wrong.verdict == "reject"
    assert wrong.mistake == "You added the entries; multiply them pairwise first."
    assert session.submit("import os").verdict == "invalid"
    assert session.submit(problem.typed_answer).verdict == "accept"
    assert [(a.verdict, a.try_no, a.rating) for a in storage.attempts()] == [
        ("reject", 1, int(Rating.Again)),
        ("accept", 2, None),
    ]

    session.next_problem("testfix.add@3")  # [7, 4, 6]
    verdict = session.submit("[7, 4, 5]")
    assert verdict.verdict == "reject" and list(verdict.wrong_entries) == [2]


def test_continue_over_real_templates(storage: Storage) -> None:
    bank = load_bank([FIXTURES])
    session = Practice(bank, Scheduler(storage, bank, fuzzing=False), check)
    first = session.next_problem()
    assert first.template_id == "testfix.dot"  # curriculum order: difficulty 1 first
    assert session.submit(first.typed_answer).verdict == "accept"
    second = session.next_problem()
    assert second.template_id == "testfix.add"

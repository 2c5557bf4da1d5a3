"""The practice over real parts: fixture templates, real generation, the in-process checker."""

from __future__ import annotations

from pathlib import Path

from fsrs import Rating

from quizmath.core.answers import check
from quizmath.core.answers.verdict import REJECT, Verdict
from quizmath.core.bank.bank import load_bank
from quizmath.core.practice.flow import Judgement, Practice
from quizmath.core.practice.outcomes import Status
from quizmath.core.practice.rules import MAX_WRONG
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage

FIXTURES = Path(__file__).resolve().parents[1] / "plain" / "fixtures"


def test_real_checker_with_mistakes_and_wrong_entries(storage: Storage) -> None:
    bank = load_bank([FIXTURES])
    assert bank.errors == []
    practice = Practice(bank, Scheduler(storage, bank, fuzzing=False), check, mode="plain")
    problem = practice.next_problem("testfix.dot@3")  # u · v = 8; the declared mistake is −6
    wrong = practice.submit("-6")
    assert wrong.status == Status.WRONG and wrong.verdict is not None
    assert wrong.verdict.mistake == "You added the entries; multiply them pairwise first."
    assert wrong.verdict.reason == ""  # "Not correct." says nothing more
    assert practice.submit("import os").status == Status.INVALID
    assert practice.submit(problem.typed_answer).status == Status.CORRECT
    assert [(a.verdict, a.try_no, a.rating) for a in storage.attempts()] == [
        ("reject", 1, int(Rating.Again)),
        ("accept", 2, None),
    ]

    practice.next_problem("testfix.add@3")  # [7, 4, 6]
    outcome = practice.submit("[7, 4, 5]")
    verdict = outcome.verdict
    assert outcome.status == Status.WRONG and verdict is not None
    assert list(verdict.wrong_entries) == [2]
    assert verdict.entries == ("7", "4", "5")  # the learner's entries, as data
    assert verdict.reason == "entry 3 is wrong."


def test_continue_over_real_templates(storage: Storage) -> None:
    bank = load_bank([FIXTURES])
    practice = Practice(bank, Scheduler(storage, bank, fuzzing=False), check)
    first = practice.next_problem()
    assert first.template_id == "testfix.dot"  # curriculum order: difficulty 1 first
    assert practice.submit(first.typed_answer).status == Status.CORRECT
    second = practice.next_problem()
    assert second.template_id == "testfix.add"


def test_a_rounded_answer_where_exact_values_are_asked_uses_no_try(storage: Storage) -> None:
    # Issue 13 item 10: "close, but exact entries are asked", without using a try.
    bank = load_bank([FIXTURES])
    practice = Practice(bank, Scheduler(storage, bank, fuzzing=False), check)
    problem = practice.next_problem("testfix.dot@3")
    rounded = Verdict(REJECT, "Not correct: close, but the exact value is asked.", rounded=True)
    shown = practice.current
    assert shown is not None
    judgement = Judgement(shown, "7.999", rounded, 100, 0, False)
    outcome = practice.record(judgement)
    assert outcome.status == Status.ROUNDED and not outcome.counted
    assert outcome.tries_left == MAX_WRONG and not outcome.finished
    assert storage.attempts() == []
    assert practice.submit(problem.typed_answer).status == Status.CORRECT

"""A progress database for the stats screen tests and snapshot (the TUI fixture bank; days in
UTC; today is Monday 2 March 2026, 09:00):

  Feb 10–14   one right answer a day on tuifix.dot                  (the longest run: 5 days)
  Feb 27, 28  tuifix.dot right
  Mar 1       tuifix.mat wrong, tuifix.deriv right; drill 1 at 18:00 (seed 1: dot right in 10 s,
              pick wrong in 20 s: 1 of 2)
  Mar 2       tuifix.mat wrong, tuifix.deriv wrong
so the current streak is 4 days (Feb 27 – Mar 2) and the longest 5; 13 attempts, 9 right; the
weakest topics are eigenvalues (one wrong answer), then matrices, then derivatives.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from conftest import INTERVIEWS, NOW, TEMPLATES

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.content import load_interviews
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.run import DrillRun
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt


def day(month: int, d: int, hour: int = 8) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def build_progress(db_path: Path) -> None:
    bank = load_bank([TEMPLATES])
    interviews = load_interviews([INTERVIEWS], set(bank.curriculum.topics))
    with Storage.open(db_path) as s:
        sched = Scheduler(s, bank, fuzzing=False, now=lambda: NOW, rng=random.Random(1))

        def answer(template: str, when: datetime, right: bool, seed: int = 1) -> None:
            verdict = "accept" if right else "reject"
            sched.record_attempt(Attempt(template, seed, "1", verdict, 9000, at=when))

        for d in range(10, 15):
            answer("tuifix.dot", day(2, d), True, seed=d)
        answer("tuifix.dot", day(2, 27), True, seed=27)
        answer("tuifix.dot", day(2, 28), True, seed=28)
        answer("tuifix.mat", day(3, 1), False)
        answer("tuifix.deriv", day(3, 1), True)
        answer("tuifix.mat", day(3, 2, 7), False, seed=2)
        answer("tuifix.deriv", day(3, 2, 7), False, seed=2)
        clock = [0.0]
        plan = plan_drill(bank, interviews, questions=2, seed=1)
        then = Scheduler(s, bank, fuzzing=False, now=lambda: day(3, 1, 18), rng=random.Random(1))
        run = DrillRun.start(
            s, then, plan, check, interviews=interviews, minutes=1, clock=lambda: clock[0]
        )
        clock[0] += 10
        run.submit("18")
        clock[0] += 20
        run.submit("A")

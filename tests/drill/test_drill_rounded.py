"""A rounded answer where exact values are asked (issue 13 item 10's rule, wired into drills).

Decision: as in practice, where it uses no try, a drill does not record it; the learner types
the exact values while time remains. The one answer a drill allows is spent on the maths, not on
the format. At the time-out it is scored as it stands: wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from drill_fakes import Mono, right

from quizmath.core.bank.bank import Bank
from quizmath.core.bank.problem import Problem
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.run import DrillRun

Start = Callable[..., DrillRun]


def q(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def rounded(p: Problem) -> str:
    """The exact entries of a vector answer as decimals a little off (0.1 %); a zero stays
    0.0000, which is exact (nothing is close to zero in relative terms)."""
    entries = [Fraction(e.strip()) for e in p.expected.strip("[]").split(",")]
    assert any(entries), "an all-zero answer cannot be rounded"
    return "[" + ", ".join(f"{float(e) * 1.001:.4f}" for e in entries) + "]"


def vector_seed(bank: Bank, questions: int = 2) -> int:
    """A seed whose drill starts with the fixture vector template (drillfix.add)."""
    for seed in range(1, 500):
        plan = plan_drill(bank, None, questions=questions, seed=seed)
        if plan.items[0].item_id == "drillfix.add":
            return seed
    raise AssertionError("no seed starts with drillfix.add")


def test_a_rounded_answer_is_not_recorded_before_the_deadline(
    start: Start, bank: Bank, db: Path
) -> None:
    run = start(seed=vector_seed(bank))
    p = run.current.problem  # type: ignore[union-attr]
    assert p is not None and p.kind == "vector"
    j, result = run.submit(rounded(p))
    assert j.kind == "rounded" and j.retype and result is None
    assert "exact entries are asked" in j.verdict.message
    assert run.current is not None and run.current.position == 0
    assert q(db, "SELECT count(*) FROM attempts") == [(0,)]
    _, result = run.submit(right(p))
    assert result is not None and result.outcome == "correct"
    assert q(db, "SELECT verdict, try FROM attempts") == [("accept", 1)]


def test_at_the_time_out_a_rounded_answer_is_wrong(
    start: Start, bank: Bank, mono: Mono, db: Path
) -> None:
    run = start(seed=vector_seed(bank), minutes=1)
    p = run.current.problem  # type: ignore[union-attr]
    assert p is not None
    mono.tick(61)
    result = run.time_out(rounded(p))
    assert result is not None and result.outcome == "wrong" and run.finished
    assert q(db, "SELECT verdict FROM attempts") == [("reject",)]


def test_plain_drill_says_so_and_asks_again(cli, bank: Bank, db: Path) -> None:  # type: ignore[no-untyped-def]
    seed = vector_seed(bank)
    plan = plan_drill(bank, None, questions=2, seed=seed)
    first, second = (plan.problems[i.ref] for i in plan.items)
    out = cli(
        f"{rounded(first)}\n{right(first)}\n{right(second)}\n",
        "drill",
        "--plain",
        "--questions",
        "2",
        "--seed",
        str(seed),
    )
    assert out.returncode == 0, out.stderr
    assert "Close, but exact values are asked; not counted." in out.stdout
    assert "Score: 2 of 2" in out.stdout
    assert q(db, "SELECT template_id, verdict FROM attempts ORDER BY id") == [
        (first.template_id, "accept"),
        (second.template_id, "accept"),
    ]

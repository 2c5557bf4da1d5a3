"""The drill report on a hand-computed case.

History before the drill (all practice, first tries unless said):
  drillfix.dot  right in 10 s, 20 s, 40 s; wrong in 3 s; right at a 2nd try in 1 s
                → usual 20 s (median of first-try right answers only)
  drillfix.add  right in 8 s and 12 s → usual 10 s
  drillfix.det  never practised, but right three times in earlier drills, 30 s each → usual 30 s
  interview drillfix-dot-meaning rated Good in 30 s and Easy in 50 s, Again in 5 s → usual 40 s
Earlier drills: 1 of 2 (50 %), then 2 of 2 (100 %), then one discarded (left out).

The drill (seed 0, topics vectors + determinants, 4 questions) serves
  1 drillfix.dot@8429 (vectors)       right in 15 s
  2 drillfix.det@57905 (determinants)  wrong in 25 s
  3 drillfix-dot-meaning (vectors)     rated Good (3) after 35 s → right
  4 drillfix.add@86921 (vectors)       skipped after 5 s
Score 2 of 4 = 50 %; vectors 2 of 3, determinants 0 of 1. Missed: 2 and 4, with solutions.
Against earlier drills: previous 100 → −50 points; mean of the last ones (50, 100) = 75 → −25,
trend down; best so far 100, so not a new best.
"""

from __future__ import annotations

import json
from pathlib import Path

from drill_fakes import Mono, UtcClock, right, wrong

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.content import InterviewBank
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.report import build_report
from quizmath.core.drill.run import DrillRun
from quizmath.core.drill.runs import discard
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage.attempts import Attempt

VECTORS, DETS = "linear-algebra/vectors", "linear-algebra/determinants"


def history(scheduler: Scheduler, wall: UtcClock) -> None:
    def practice(tid: str, verdict: str, ms: int, try_no: int = 1) -> None:
        wall.advance(minutes=1)
        scheduler.record_attempt(Attempt(tid, 1, "x", verdict, ms, try_no=try_no, at=wall()))

    for ms in (10_000, 20_000, 40_000):
        practice("drillfix.dot", "accept", ms)
    practice("drillfix.dot", "reject", 3_000)
    practice("drillfix.dot", "accept", 1_000, try_no=2)
    practice("drillfix.add", "accept", 8_000)
    practice("drillfix.add", "accept", 12_000)
    for rating, ms in ((3, 30_000), (4, 50_000), (1, 5_000)):
        wall.advance(minutes=1)
        scheduler.rate_interview("drillfix-dot-meaning", rating, duration_ms=ms, at=wall())


def earlier_drills(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono, wall: UtcClock
) -> None:
    for seed, answers in ((10, ("right", "wrong")), (11, ("right", "right")), (12, ())):
        wall.advance(hours=1)
        plan = plan_drill(bank, None, questions=2, seed=seed, topics=[DETS])
        run = DrillRun.start(storage, scheduler, plan, check, minutes=5, clock=mono)
        for how in answers:
            p = run.current.problem  # type: ignore[union-attr]
            mono.tick(30)
            run.submit(right(p) if how == "right" else wrong(p))
        if not answers:
            discard(storage, run.id, wall())


def test_report_numbers_match_the_hand_computed_case(
    storage: Storage,
    scheduler: Scheduler,
    bank: Bank,
    interviews: InterviewBank,
    mono: Mono,
    wall: UtcClock,
    db: Path,
) -> None:
    history(scheduler, wall)
    earlier_drills(storage, scheduler, bank, mono, wall)
    wall.advance(days=1)
    plan = plan_drill(bank, interviews, questions=4, seed=0, topics=[VECTORS, DETS])
    assert [i.ref for i in plan.items] == [
        "drillfix.dot@8429",
        "drillfix.det@57905",
        "drillfix-dot-meaning",
        "drillfix.add@86921",
    ]
    run = DrillRun.start(
        storage, scheduler, plan, check, interviews=interviews, minutes=5, clock=mono
    )
    mono.tick(15)
    run.submit(right(run.current.problem))  # type: ignore[union-attr]
    mono.tick(25)
    typed = wrong(run.current.problem)  # type: ignore[union-attr]
    run.submit(typed)
    mono.tick(35)
    run.reveal()
    run.rate(3)
    mono.tick(5)
    run.skip()
    assert run.finished
    # Later practice must not change the report: it is rebuilt from what was before the drill.
    wall.advance(days=1)
    scheduler.record_attempt(Attempt("drillfix.det", 5, "x", "accept", 1_000, at=wall()))

    storage.close()
    with Storage.open(db) as again:  # reachable later, from the database alone
        report = build_report(again, run.id, bank, interviews)

    assert (report.correct, report.total, report.percent) == (2, 4, 50.0)
    assert (report.count("wrong"), report.count("skipped"), report.count("unanswered")) == (1, 1, 0)
    assert [(t.topic, t.correct, t.total) for t in report.topics] == [(VECTORS, 2, 3), (DETS, 0, 1)]
    assert [round(t.accuracy, 4) for t in report.topics] == [0.6667, 0.0]
    assert [(i.outcome, i.ms, i.usual_ms) for i in report.items] == [
        ("correct", 15_000, 20_000),
        ("wrong", 25_000, 30_000),
        ("correct", 35_000, 40_000),
        ("skipped", 5_000, 10_000),
    ]
    assert [i.ref for i in report.missed] == ["drillfix.det@57905", "drillfix.add@86921"]
    det, add = report.missed
    det_problem = plan.problems["drillfix.det@57905"]
    assert det.answer == typed and det.expected == det_problem.answer_text
    assert det.solution == det_problem.solution and det.solution.startswith("det A =")
    assert add.solution == plan.problems["drillfix.add@86921"].solution
    assert report.items[0].solution is None  # right answers need no solution
    assert report.not_reached == ()

    c = report.comparison
    assert [d.percent for d in c.earlier] == [50.0, 100.0]
    assert (c.best_percent, c.previous_percent, c.change, c.vs_recent_mean) == (
        100.0,
        100.0,
        -50.0,
        -25.0,
    )
    assert c.trend == "down" and not c.is_best
    assert report.share_args == f"--seed 0 --questions 4 --minutes 5 --topics {VECTORS},{DETS}"
    data = json.loads(json.dumps(report.to_json()))
    assert data["score"] == {
        "correct": 2,
        "points": 2,  # no multi-part problem: one point per correct item
        "total": 4,
        "percent": 50.0,
        "wrong": 1,
        "skipped": 1,
        "unanswered": 0,
    }
    assert data["comparison"]["trend"] == "down"


def test_no_history_means_no_usual_time(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    run = DrillRun.start(
        storage, scheduler, plan_drill(bank, None, questions=1, seed=2), check, clock=mono
    )
    mono.tick(9)
    run.submit(right(run.current.problem))  # type: ignore[union-attr]
    [item] = build_report(storage, run.id, bank).items
    assert (item.ms, item.usual_ms) == (9_000, None)  # its own answer is not "usual"


def test_first_drill_has_nothing_to_compare_and_lists_items_not_reached(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    plan = plan_drill(bank, None, questions=3, seed=4)
    run = DrillRun.start(storage, scheduler, plan, check, minutes=1, clock=mono)
    mono.tick(61)
    run.time_out("")
    report = build_report(storage, run.id, bank)
    assert report.comparison.earlier == () and report.comparison.trend is None
    assert [i.outcome for i in report.items] == ["unanswered"] * 3
    assert [i.ref for i in report.missed] == [plan.items[0].ref]  # on screen at the time-out
    assert [i.ref for i in report.not_reached] == [i.ref for i in plan.items[1:]]
    assert report.missed[0].solution  # still shown with its solution

"""Drills with a multi-part problem: one answer per part, progress saved per part (a resumed
drill goes on at the next part), scored by parts in the report, the run list and the stats."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mp_fakes import Mono

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate
from quizmath.core.drill.outcomes import RunEnding
from quizmath.core.drill.plan import DrillPlan, PlanItem, plan_drill
from quizmath.core.drill.report import build_report
from quizmath.core.drill.run import DrillRun
from quizmath.core.items import Ending, ItemKind
from quizmath.core.items.multipart import PartStatus
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage
from quizmath.core.storage import drills as rows


def _run(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono, minutes: float | None = None
) -> DrillRun:
    chain = generate(bank.get("test.chain"), 3)
    single = generate(bank.get("test.single"), 3)
    items = (
        PlanItem(ItemKind.MULTIPART, chain.template_id, chain.seed, chain.topic),
        PlanItem(ItemKind.PROBLEM, single.template_id, single.seed, single.topic),
    )
    plan = DrillPlan(5, (), items, True, False, {chain.ref: chain, single.ref: single})
    return DrillRun.start(storage, scheduler, plan, check, minutes=minutes, clock=mono)


def _truth(run: DrillRun, k: int) -> str:
    item = run.items[0]
    return str(item.served.parts[k].problem.typed_answer)


def test_plans_serve_multi_part_templates_as_their_kind(bank: Bank) -> None:
    plan = plan_drill(bank, None, questions=2, seed=1)
    kinds = {i.item_id: i.kind for i in plan.items}
    assert kinds == {"test.chain": ItemKind.MULTIPART, "test.single": ItemKind.PROBLEM}


def test_parts_one_at_a_time_then_the_problem_ends(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    run = _run(storage, scheduler, bank, mono)
    item = run.current
    assert item is not None and item.steps is not None and item.kind == ItemKind.MULTIPART
    _, r = run.submit("98765")
    assert r is not None and r.more and r.part is not None and r.part.status == PartStatus.WRONG
    assert r.outcome == Ending.UNANSWERED and run.current is item  # still this problem
    _, r = run.submit("x +")
    assert r is None and item.steps.current == 1  # unreadable: typed again
    run.submit(_truth(run, 1))
    mono.tick(20)
    _, r = run.submit(_truth(run, 2))
    assert r is not None and not r.more and r.outcome == Ending.WRONG and r.score == 2 / 3
    assert r.rating == 2  # Hard: most parts right
    [attempt] = storage.attempts()
    assert attempt.mode == "drill" and attempt.drill_id == run.id and attempt.score == 2 / 3
    assert run.current is not None and run.current.position == 1
    run.submit(str(run.current.served.typed_answer))
    assert run.ended == RunEnding.COMPLETED
    report = build_report(storage, run.id, bank)
    assert report.points == pytest.approx(1 + 2 / 3) and report.correct == 1
    assert report.percent == pytest.approx(100 * (5 / 3) / 2)
    first = report.items[0]
    assert first.score == 2 / 3 and [p.verdict for p in first.parts or ()] == [
        "wrong",
        "correct",
        "correct",
    ]
    data: dict[str, Any] = report.to_json()
    assert data["score"]["points"] == pytest.approx(5 / 3, abs=1e-3)
    # What `drill --report ID --json` prints: each part as an object (its record is a Struct).
    printed = json.loads(json.dumps(data))
    assert printed["items"][0]["parts"][0] == {
        "label": "a",
        "verdict": "wrong",
        "answer": first.parts[0].answer if first.parts else None,
        "carried_from": [],
    }
    [listed] = storage.read(lambda c: rows.list_runs(c))
    assert listed.score == pytest.approx(5 / 3) and listed.correct == 1
    [(_, _, points, questions)] = storage.read(rows.finished_scores)
    assert (points, questions) == (pytest.approx(5 / 3), 2)


def test_a_drill_resumes_at_the_next_part(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    run = _run(storage, scheduler, bank, mono, minutes=5)
    run.submit("98765")  # part (a), wrong: saved with the drill item
    s1 = 98765
    run.pause()
    again = DrillRun.resume(storage, scheduler, run.id, check, clock=mono)
    item = again.current
    assert item is not None and item.steps is not None and item.steps.current == 1
    assert [a.status for a in item.steps.answers] == [PartStatus.WRONG]
    assert item.steps.answers[0].value == s1  # read again from the text: it can be carried
    p = item.served
    carried = p.carry.expected(1, {"s1": s1})
    _, r = again.submit(carried.expected)
    assert r is not None and r.part is not None and r.part.status == PartStatus.CARRIED


def test_skip_and_time_out_in_the_middle(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    run = _run(storage, scheduler, bank, mono, minutes=1)
    run.submit(_truth(run, 0))
    r = run.skip()
    assert r.outcome == Ending.WRONG  # a part was answered: scored by its parts
    [attempt] = storage.attempts()
    assert [p.verdict for p in attempt.parts or ()] == ["correct", "skipped", "skipped"]
    assert attempt.score == 1 / 3
    # another drill: time runs out during part (b), with a half-typed answer
    run2 = _run(storage, scheduler, bank, mono, minutes=1)
    run2.submit(_truth(run2, 0))
    mono.tick(61)
    r2 = run2.time_out(_truth(run2, 1))
    assert r2 is not None and r2.ended and r2.timed_out and r2.outcome == Ending.WRONG
    assert [p.verdict for p in storage.attempts()[-1].parts or ()] == [
        "correct",
        "correct",
        "skipped",
    ]
    # and a drill whose problem was never answered records nothing
    run3 = _run(storage, scheduler, bank, mono, minutes=1)
    mono.tick(61)
    r3 = run3.time_out("")
    assert r3 is not None and r3.outcome == Ending.UNANSWERED
    assert len(storage.attempts()) == 2


def test_stats_show_each_part(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    from quizmath.commands.stats import stats_text
    from quizmath.core.stats import compute_stats

    run = _run(storage, scheduler, bank, mono)
    p = run.items[0].served
    run.submit("98765")
    carried = p.carry.expected(1, {"s1": 98765})
    run.submit(carried.expected)
    run.submit("0")
    stats = compute_stats(storage, bank, scheduler=scheduler)
    assert [(s.label, s.attempts, s.right, s.carried) for s in stats.parts] == [
        ("a", 1, 0, 0),
        ("b", 1, 1, 1),
        ("c", 1, 0, 0),
    ]
    assert stats.parts[1].prompt == "Find s₂."
    assert stats.to_json()["parts"][1]["accuracy"] == 1.0
    text = stats_text(stats)
    assert "test.chain — A chain of three steps" in text
    assert "(b) 1/1 100%, 1 carried forward  Find s₂." in text


def test_plain_drill_asks_part_by_part(
    storage: Storage, scheduler: Scheduler, bank: Bank, mono: Mono
) -> None:
    import io

    from quizmath.plain.drill import Loop, PlainDrill
    from quizmath.plain.lines import LineReader
    from quizmath.plain.output import Output

    run = _run(storage, scheduler, bank, mono)
    p = run.items[0].served
    carried = p.carry.expected(1, {"s1": 98765})
    single = run.items[1].served
    lines = ["98765", "what(", carried.expected, "7", single.typed_answer, ""]
    out = io.StringIO()
    drill = PlainDrill(run, LineReader(io.StringIO("\n".join(lines))), Output(out, color=False))
    assert drill.loop() == Loop.ENDED
    text = out.getvalue()
    assert "Answer the parts (a), (b) and (c) one at a time" in text
    assert "Part (a): not correct." in text
    assert "Could not read that; not counted. Type it again." in text
    assert "Part (b): correct, carried forward from your part (a)." in text
    assert "Score: 1 of 3 parts right." in text
    assert "(a) wrong; the answer was" in text

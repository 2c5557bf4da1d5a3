"""The drill report shows the template's feedback for a wrong answer that is one of its typical
mistakes (issue 13 item 14): a drill shows no feedback while it runs, so the report is where it
is read. drillfix.add's mistake is u − v ("That is u − v; add the entries instead.")."""

from __future__ import annotations

from collections.abc import Callable

from drill_fakes import right, wrong

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.drill.plan import plan_drill
from quizmath.core.drill.report import build_report
from quizmath.core.drill.run import DrillRun
from quizmath.core.items import Ending
from quizmath.core.storage import Storage
from quizmath.plain.drill_report import report_text

FEEDBACK = "That is u − v; add the entries instead."


def add_first(bank: Bank) -> int:
    """A seed whose drill of two starts with drillfix.add and goes on with another problem."""
    for seed in range(1, 500):
        items = plan_drill(bank, None, questions=2, seed=seed).items
        if items[0].item_id == "drillfix.add" and items[1].item_id != "drillfix.add":
            return seed
    raise AssertionError("no seed starts with drillfix.add")


def finished(start: Callable[..., DrillRun], bank: Bank, second: Callable[..., str]) -> DrillRun:
    run = start(seed=add_first(bank))
    p = run.current.problem  # type: ignore[union-attr]
    assert p is not None and p.mistakes and p.mistakes[0].feedback == FEEDBACK
    _, result = run.submit(p.mistakes[0].expected)  # u − v, as the template computes it
    assert result is not None and result.outcome == Ending.WRONG
    q = run.current.problem  # type: ignore[union-attr]
    assert q is not None
    run.submit(second(q))
    assert run.finished
    return run


def test_a_typical_mistake_gets_its_feedback_in_the_report(
    start: Callable[..., DrillRun], storage: Storage, bank: Bank
) -> None:
    run = finished(start, bank, wrong)
    report = build_report(storage, run.id, bank, checker=check)
    first, second = report.items
    assert first.mistake == FEEDBACK
    assert second.outcome == Ending.WRONG and second.mistake is None  # wrong, but no known one
    assert f"A common mistake: {FEEDBACK}" in report_text(report)
    assert report.to_json()["items"][0]["mistake"] == FEEDBACK


def test_without_a_checker_or_for_a_right_answer_there_is_none(
    start: Callable[..., DrillRun], storage: Storage, bank: Bank
) -> None:
    run = finished(start, bank, right)
    assert [i.mistake for i in build_report(storage, run.id, bank).items] == [None, None]
    report = build_report(storage, run.id, bank, checker=check)
    assert [i.mistake for i in report.items] == [FEEDBACK, None]

"""Starting a drill while one is unfinished: one decision for plain mode and the TUI."""

from __future__ import annotations

from datetime import UTC, datetime

from quizmath.core.drill.runs import (
    LAST,
    Choice,
    StartAction,
    StartDecision,
    after_choice,
    decide_start,
)
from quizmath.core.storage.drills import RunRow

T = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def run(id_: int) -> RunRow:
    return RunRow(id_, 7, True, False, (), 4, 60_000, 1_000, "running", None, "c0de", T, T, None)


NEWEST, OLDER = run(5), run(2)
UNFINISHED = [NEWEST, OLDER]  # newest first, as find_unfinished gives them


def test_nothing_unfinished_starts_a_new_drill() -> None:
    assert decide_start([]) == StartDecision(StartAction.NEW)


def test_an_unfinished_drill_is_asked_about() -> None:
    assert decide_start(UNFINISHED) == StartDecision(StartAction.ASK, NEWEST)


def test_resume_the_latest_or_a_given_one() -> None:
    assert decide_start(UNFINISHED, resume=LAST) == StartDecision(StartAction.RESUME, NEWEST)
    assert decide_start(UNFINISHED, resume="2") == StartDecision(StartAction.RESUME, OLDER)


def test_resume_with_nothing_to_resume_starts_nothing() -> None:
    assert decide_start([], resume=LAST) == StartDecision(StartAction.NOTHING, missing=LAST)
    assert decide_start(UNFINISHED, resume="9").missing == "9"


def test_discard_then_start_new() -> None:
    got = decide_start(UNFINISHED, discard="2")
    assert got == StartDecision(StartAction.NEW, OLDER, discard=True)
    assert decide_start([], discard=LAST) == StartDecision(StartAction.NEW, missing=LAST)


def test_what_the_learner_chose() -> None:
    assert after_choice(Choice.RESUME, NEWEST) == StartDecision(StartAction.RESUME, NEWEST)
    assert after_choice(Choice.DISCARD, NEWEST) == StartDecision(
        StartAction.NEW, NEWEST, discard=True
    )
    assert after_choice(Choice.LATER, NEWEST) == StartDecision(StartAction.NEW, NEWEST)

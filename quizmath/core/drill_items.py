"""The items of a running drill, how each ended, and the transaction that saves an answer.

(Split out of ``core.drill``, which re-exports the public names.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fsrs import Rating

from quizmath.core.drill_plan import DrillError, Generator, PlanItem
from quizmath.core.scheduler import Scheduler, rate_attempt
from quizmath.core.storage import attempts as attempt_rows
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import drills as rows
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank, InterviewQuestion

CORRECT_RATING = 3  # an interview self-rating of Good (3) or Easy (4) counts as correct
UNANSWERED = "unanswered"


def format_clock(ms: int | None) -> str:
    """``12:34`` (``1:02:03`` past an hour); "—" for None."""
    if ms is None:
        return "—"
    s = max(0, int(ms)) // 1000
    h, m, s = s // 3600, s // 60 % 60, s % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class DrillItem:
    """One item of a run, as far as it has got."""

    position: int  # 0-based
    spec: PlanItem
    problem: Problem | None = None  # problems still to answer (None once answered, on resume)
    question: InterviewQuestion | None = None  # interview items
    outcome: str | None = None  # "correct" | "wrong" | "skipped"; None: not answered
    answer: str = ""
    ms: int | None = None
    rating: int | None = None  # interview self-rating
    timed_out: bool = False

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def ref(self) -> str:
        return self.spec.ref

    @property
    def topic(self) -> str:
        return self.spec.topic

    @property
    def done(self) -> bool:
        return self.outcome is not None or self.timed_out

    @property
    def ending(self) -> str:
        """ "correct", "wrong", "skipped" or "unanswered"."""
        return self.outcome or UNANSWERED


@dataclass(frozen=True)
class DrillJudgement:
    """A checked answer to a problem, ready for ``DrillRun.record``."""

    position: int
    text: str
    verdict: Any | None  # quizmath.core.answers.Verdict; None: nothing typed at the time-out
    ms: int
    final: bool  # made at or after the deadline: recorded whatever it is, then the drill ends

    @property
    def kind(self) -> str:
        """ "accept", "reject", "invalid", or "empty" (nothing typed at the time-out)."""
        return "empty" if self.verdict is None else str(self.verdict.verdict)


@dataclass(frozen=True)
class ItemResult:
    """How an item ended, once saved."""

    position: int
    outcome: str  # "correct" | "wrong" | "skipped" | "unanswered"
    ms: int
    verdict: Any | None = None  # the checker's verdict for a judged problem
    rating: int | None = None  # the card's fsrs rating (problem) or the self-rating (interview)
    timed_out: bool = False
    ended: bool = False  # the drill is over (last item, or time ran out)


def make_item(
    position: int,
    spec: PlanItem,
    scheduler: Scheduler,
    interviews: InterviewBank | None,
    problems: Mapping[str, Problem],
    base: DrillItem | None = None,
    generator: Generator | None = None,
) -> DrillItem:
    """A DrillItem with its problem (generated again from ``id@seed`` unless ``problems`` has
    it) or its interview question."""
    item = base or DrillItem(position, spec)
    if spec.kind == "problem":
        problem = problems.get(spec.ref)
        if problem is None:
            from quizmath.core.errors import QuizmathError

            if generator is None:
                from quizmath.core.bank.generate import generate as generator
            try:
                assert spec.seed is not None
                problem = generator(scheduler.bank.get(spec.item_id), spec.seed)
            except QuizmathError as exc:
                raise DrillError(f"cannot serve {spec.ref} again: {exc}") from None
        item.problem = problem
    else:
        question = interviews.get(spec.item_id) if interviews else None
        if question is None:
            raise DrillError(f'the interview question "{spec.item_id}" is not available')
        item.question = question
    return item


def write_answer(
    conn: sqlite3.Connection,
    scheduler: Scheduler,
    run_id: int,
    item: DrillItem,
    *,
    outcome: str | None,
    text: str,
    ms: int,
    at: datetime,
    used_ms: int,
    ending: str | None,
    rating: int | None = None,
    timed_out: bool = False,
) -> int | None:
    """Everything one answer changes, inside one transaction: the attempt and its card review
    (a problem answered or skipped), the self-rating and its card review (an interview item
    rated), the drill item, the time used, and the end of the run if it ends. Returns the
    rating given (fsrs rating of the problem's card, or the self-rating)."""
    given: int | None = rating
    attempt_id = None
    if item.kind == "problem" and outcome is not None:
        verdict = {"correct": "accept", "wrong": "reject"}.get(outcome, outcome)
        template_id = item.spec.item_id
        attempt = Attempt(
            template_id,
            item.spec.seed or 0,
            text,
            verdict,
            ms,
            mode="drill",
            drill_id=run_id,
            at=at,
        )
        fsrs_rating = rate_attempt(attempt, attempt_rows.correct_times(conn, template_id))
        key = card_rows.template_key(template_id)
        review_card(scheduler, conn, key, fsrs_rating, at, ms)
        attempt_id = attempt_rows.insert_attempt(conn, attempt, int(fsrs_rating))
        card_rows.insert_review(conn, key, fsrs_rating, at, ms, attempt_id)
        given = int(fsrs_rating)
    elif item.kind == "interview" and rating is not None:
        key = card_rows.interview_key(item.spec.item_id)
        review_card(scheduler, conn, key, rating, at, ms)
        card_rows.insert_self_rating(conn, item.spec.item_id, rating, at, ms)
        card_rows.insert_review(conn, key, rating, at, ms)
    saved = rows.save_item(
        conn,
        run_id,
        item.position,
        outcome=outcome,
        answer=text,
        ms=ms,
        at=at,
        rating=rating,
        timed_out=timed_out,
        attempt_id=attempt_id,
    )
    if not saved:  # raising rolls the whole transaction back
        raise DrillError(
            f"drill {run_id} was answered or ended elsewhere (another window?); nothing was saved"
        )
    rows.set_used(conn, run_id, used_ms, at)
    if ending is not None:
        rows.end_run(conn, run_id, status="finished", ended=ending, at=at, used_ms=used_ms)
    return given


def review_card(
    scheduler: Scheduler,
    conn: sqlite3.Connection,
    key: str,
    rating: Rating | int,
    when: datetime,
    ms: int,
) -> None:
    # What Scheduler.record_attempt/rate_interview do, inside the drill's own transaction (the
    # attempt, the review and the drill item must commit together).
    card = card_rows.get_card(conn, key) or card_rows.new_card(key, when)
    card, _log = scheduler.fsrs.review_card(
        card, Rating(int(rating)), review_datetime=when, review_duration=ms
    )
    card_rows.put_card(conn, key, card, when)

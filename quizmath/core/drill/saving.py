"""The transaction that saves one drill answer: attempt, card review, drill item, time used."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from fsrs import Rating

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.drill.outcomes import RunEnding, RunStatus
from quizmath.core.drill.plan import DrillError
from quizmath.core.drill.run_items import DrillItem
from quizmath.core.items import Ending, ItemKind
from quizmath.core.items.problem import SKIPPED
from quizmath.core.scheduler import Scheduler, rate_attempt
from quizmath.core.storage import attempts as attempt_rows
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import drills as rows
from quizmath.core.storage.attempts import Attempt

# A problem's ending, as the verdict of its attempt.
_ATTEMPT_VERDICT = {
    Ending.CORRECT: VerdictKind.ACCEPT,
    Ending.WRONG: VerdictKind.REJECT,
    Ending.SKIPPED: SKIPPED,
}


def write_answer(
    conn: sqlite3.Connection,
    scheduler: Scheduler,
    run_id: int,
    item: DrillItem,
    *,
    outcome: Ending | None,
    text: str,
    ms: int,
    at: datetime,
    used_ms: int,
    ending: RunEnding | None,
    rating: int | None = None,
    timed_out: bool = False,
) -> int | None:
    """Everything one answer changes, inside one transaction: the attempt and its card review
    (a problem answered or skipped), the self-rating and its card review (an interview item
    rated), the drill item, the time used, and the end of the run if it ends. Returns the
    rating given (fsrs rating of the problem's card, or the self-rating)."""
    given: int | None = rating
    attempt_id = None
    if item.kind == ItemKind.PROBLEM and outcome is not None:
        verdict = _ATTEMPT_VERDICT[outcome]
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
    elif item.kind == ItemKind.INTERVIEW and rating is not None:
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
        rows.end_run(conn, run_id, status=RunStatus.FINISHED, ended=ending, at=at, used_ms=used_ms)
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

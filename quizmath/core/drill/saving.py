"""The transaction that saves one drill answer: what the item's kind records (an attempt, a
self-rating, and the card review), the drill item, the time used, and the end of the run."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from quizmath.core.drill.outcomes import RunEnding, RunStatus
from quizmath.core.drill.plan import DrillError
from quizmath.core.drill.run_items import DrillItem
from quizmath.core.items import Ending
from quizmath.core.items.types import Answer, item_type
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import drills as rows
from quizmath.core.storage.attempts import PartResult

if TYPE_CHECKING:
    from quizmath.core.keypoints import KeyPointScore


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
    points: KeyPointScore | None = None,
    parts: tuple[PartResult, ...] | None = None,
    score: float | None = None,
) -> int | None:
    """Everything one answer changes, inside one transaction (the caller's): what the item's
    kind records and its card review, the drill item, the time used, and the end of the run if
    it ends. Returns the rating given (the fsrs rating of a problem's card, or the
    self-rating)."""
    spec = item.spec
    answer = Answer(
        run_id, spec.item_id, spec.seed, outcome, text, ms, at, rating, points, parts, score
    )
    saved = item_type(spec.kind).save(conn, scheduler, answer)
    stored = rows.save_item(
        conn,
        run_id,
        item.position,
        outcome=outcome,
        answer=text,
        ms=ms,
        at=at,
        rating=rating,
        timed_out=timed_out,
        attempt_id=saved.attempt_id,
        parts=parts,
    )
    if not stored:  # raising rolls the whole transaction back
        raise DrillError(
            f"drill {run_id} was answered or ended elsewhere (another window?); nothing was saved"
        )
    rows.set_used(conn, run_id, used_ms, at)
    if ending is not None:
        rows.end_run(conn, run_id, status=RunStatus.FINISHED, ended=ending, at=at, used_ms=used_ms)
    return saved.rating if saved.rating is not None else rating

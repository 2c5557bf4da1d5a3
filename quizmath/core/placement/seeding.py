"""Saving a placement, and seeding the cards of the topics it placed known.

A known topic's templates get fsrs cards as if the learner had just rated each one Easy on
first sight: fsrs puts such a card straight into its Review state with the initial stability
of an Easy answer (about 8 days at retention 0.9, fuzzed), so it comes back in days, not in
the minutes of the learning steps, and Continue moves on to what the learner does not know yet.
A target date (``core.target``) caps these intervals as any other.

Placement never overrides what the learner did: a template that already has a card (from
practice, a drill, or an earlier placement) keeps it, and no attempt is touched. Shaky and new
topics get no cards: Continue serves them as new, in curriculum order. No review row is written
for a seeded card (nobody reviewed it); the placement's own rows say where it came from.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from fsrs import Rating

from quizmath.core.placement.walk import Level, Placed
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import placements as placement_rows

if TYPE_CHECKING:
    from quizmath.core.scheduler import Scheduler

SEED_RATING = Rating.Easy


def save_placement(
    scheduler: Scheduler,
    started_at: datetime,
    placed: Sequence[Placed],
    *,
    complete: bool,
    now: datetime | None = None,
) -> tuple[int, int]:
    """Write the placement and seed its known topics' cards, in one transaction. Returns the
    placement's id and how many cards were seeded."""
    when = now or scheduler.now()
    known = [p.topic for p in placed if p.level == Level.KNOWN]
    template_ids = [t.id for topic in known for t in scheduler.bank.by_topic(topic)]

    def tx(conn: sqlite3.Connection) -> tuple[int, int]:
        seeded = seed_cards(conn, scheduler, template_ids, when)
        rows = [
            placement_rows.TopicRow(p.topic, str(p.level), p.asked, p.right, p.below)
            for p in placed
        ]
        return placement_rows.insert(conn, started_at, when, complete, seeded, rows), seeded

    return scheduler.storage.write(tx)


def seed_cards(
    conn: sqlite3.Connection, scheduler: Scheduler, template_ids: Sequence[str], when: datetime
) -> int:
    """Cards for ``template_ids`` that have none, as already learned; returns how many."""
    fsrs = scheduler.fsrs_at(when)
    seeded = 0
    for template_id in template_ids:
        key = card_rows.template_key(template_id)
        if card_rows.get_card(conn, key) is not None:
            continue
        card, _log = fsrs.review_card(card_rows.new_card(key, when), SEED_RATING, when)
        card_rows.put_card(conn, key, card, when)
        seeded += 1
    return seeded

"""The latest placement, read back with the curriculum's names (stats, the curriculum tree)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from quizmath.core.placement.outcomes import PlacementMap, TopicPlacement
from quizmath.core.placement.walk import Level
from quizmath.core.storage import placements as placement_rows

if TYPE_CHECKING:
    from quizmath.core.bank.curriculum import Curriculum
    from quizmath.core.storage.store import Storage


def latest_map(storage: Storage, curriculum: Curriculum) -> PlacementMap | None:
    """The most recent placement (None: never taken). Topics no longer in the curriculum are
    left out; the rest come in curriculum order."""

    def read(conn: sqlite3.Connection) -> tuple[placement_rows.PlacementRow | None, int]:
        return placement_rows.latest(conn), placement_rows.count(conn)

    row, taken = storage.read(read)
    if row is None:
        return None
    by_topic = {t.topic: t for t in row.topics}
    topics = []
    for topic in curriculum.topics.values():
        t = by_topic.get(topic.id)
        if t is None:
            continue
        below = curriculum.topic(t.below) if t.below else None
        topics.append(
            TopicPlacement(
                topic.id,
                topic.title,
                topic.area_title,
                Level(t.level),
                t.asked,
                t.right,
                t.below,
                below.title if below else None,
            )
        )
    return PlacementMap(
        row.id,
        row.started_at,
        row.finished_at,
        row.questions,
        row.right,
        row.complete,
        row.seeded,
        tuple(topics),
        taken,
    )

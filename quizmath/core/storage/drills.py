"""The ``drill_runs`` and ``drill_items`` tables: one row per sitting of a drill, one per item.

A run is written whole when it starts (status 'running', every item with a NULL outcome), each
answer then updates its item in its own transaction, and the run is marked 'finished' (or
'discarded') at the end. So a crash leaves a 'running' row whose answered items are exactly the
answers given. Runs are never deleted.

Problem items that were answered point at their ``attempts`` row (``attempt_id``); interview
items keep their self-rating here (and in ``interview_ratings``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

import msgspec

from quizmath.core.storage.attempts import PartResult, decode_parts, encode_parts
from quizmath.core.storage.times import from_iso, to_iso
from quizmath.core.terminal_text import neutralise

STATUSES = ("running", "finished", "discarded")
ENDINGS = ("completed", "timeout", "discarded")
OUTCOMES = ("correct", "wrong", "skipped")
# = core.items.ItemKind (storage is below it)
KINDS = ("problem", "interview", "exercise", "multipart")
MAX_ANSWER_CHARS = 2000


class ItemRow(msgspec.Struct, frozen=True):
    drill_id: int
    position: int  # 0-based
    kind: str  # 'problem' | 'interview'
    item_id: str  # template id or interview question id
    seed: int | None  # None for an interview question
    topic: str
    outcome: str | None = None  # None: not answered (yet)
    answer: str | None = None
    ms: int | None = None  # time on the item (not answered yet: so far, as last saved)
    rating: int | None = None
    timed_out: bool = False  # the item on screen when time ran out
    attempt_id: int | None = None
    answered_at: datetime | None = None
    # A multi-part problem: its parts so far (while it is answered), or all of them.
    parts: tuple[PartResult, ...] | None = None

    @property
    def ref(self) -> str:
        """``template@seed`` for a problem, the question id for an interview item."""
        return self.item_id if self.seed is None else f"{self.item_id}@{self.seed}"


class RunRow(msgspec.Struct, frozen=True):
    id: int
    seed: int
    seeded: bool
    weighted: bool
    topics: tuple[str, ...]
    questions: int
    limit_ms: int | None
    used_ms: int
    status: str
    ended: str | None
    code: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    correct: int = 0  # items answered correctly
    answered: int = 0  # items with an outcome (correct, wrong or skipped)
    points: float | None = None  # the score: correct items, a multi-part one by its parts

    @property
    def score(self) -> float:
        return self.correct if self.points is None else self.points

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.questions if self.questions else 0.0

    @property
    def remaining_ms(self) -> int | None:
        """Time left when it was last saved (what a resume starts from); None: untimed."""
        return None if self.limit_ms is None else max(0, self.limit_ms - self.used_ms)


# The score of a run: each item 1 if correct, a multi-part problem its attempt's score.
POINTS = (
    "(SELECT total(coalesce(a.score, i.outcome = 'correct')) FROM drill_items i "
    "LEFT JOIN attempts a ON a.id = i.attempt_id WHERE i.drill_id = r.id)"
)
_RUN = (
    "r.id, r.seed, r.seeded, r.weighted, r.topics, r.questions, r.limit_ms, r.used_ms, "
    "r.status, r.ended, r.code, r.started_at, r.updated_at, r.finished_at, "
    "(SELECT count(*) FROM drill_items i WHERE i.drill_id = r.id AND i.outcome = 'correct'), "
    "(SELECT count(*) FROM drill_items i WHERE i.drill_id = r.id AND i.outcome IS NOT NULL), "
    f"{POINTS}"
)
_ITEM = (
    "drill_id, position, kind, item_id, seed, topic, outcome, answer, ms, rating, timed_out, "
    "attempt_id, answered_at, parts"
)


def _run(row: tuple) -> RunRow:
    (
        id_,
        seed,
        seeded,
        weighted,
        topics,
        questions,
        limit_ms,
        used_ms,
        status,
        ended,
        code,
        started,
        updated,
        finished,
        correct,
        answered,
        points,
    ) = row
    return RunRow(
        id_,
        seed,
        bool(seeded),
        bool(weighted),
        tuple(neutralise(t) for t in topics.split(",") if t),
        questions,
        limit_ms,
        used_ms,
        status,
        ended,
        neutralise(code),
        from_iso(started),
        from_iso(updated),
        None if finished is None else from_iso(finished),
        correct,
        answered,
        points,
    )


def _item(row: tuple) -> ItemRow:
    (
        drill_id,
        position,
        kind,
        item_id,
        seed,
        topic,
        outcome,
        answer,
        ms,
        rating,
        timed_out,
        attempt_id,
        answered_at,
        parts,
    ) = row
    return ItemRow(
        drill_id,
        position,
        kind,
        neutralise(item_id),  # ids and names from the file are shown as they are stored
        seed,
        neutralise(topic),
        outcome,
        None if answer is None else neutralise(answer),  # typed text goes to terminals
        ms,
        rating,
        bool(timed_out),
        attempt_id,
        None if answered_at is None else from_iso(answered_at),
        decode_parts(parts),
    )


# -- writes ----------------------------------------------------------------------------------


def insert_run(
    conn: sqlite3.Connection,
    *,
    seed: int,
    seeded: bool,
    weighted: bool,
    topics: Sequence[str],
    limit_ms: int | None,
    code: str,
    at: datetime,
    items: Sequence[tuple[str, str, int | None, str]],
) -> int:
    """A new 'running' run with its items ``(kind, item_id, seed, topic)``; returns its id."""
    for kind, *_ in items:
        if kind not in KINDS:
            raise ValueError(f"item kind must be one of {KINDS}, not {kind!r}")
    when = to_iso(at)
    cur = conn.execute(
        "INSERT INTO drill_runs (seed, seeded, weighted, topics, questions, limit_ms, used_ms, "
        "status, code, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 'running', ?, ?, ?)",
        (
            seed,
            int(seeded),
            int(weighted),
            ",".join(topics),
            len(items),
            limit_ms,
            code,
            when,
            when,
        ),
    )
    run_id = cur.lastrowid
    assert run_id is not None
    conn.executemany(
        "INSERT INTO drill_items (drill_id, position, kind, item_id, seed, topic) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(run_id, i, kind, item_id, s, topic) for i, (kind, item_id, s, topic) in enumerate(items)],
    )
    return run_id


def save_item(
    conn: sqlite3.Connection,
    drill_id: int,
    position: int,
    *,
    outcome: str | None,
    answer: str,
    ms: int,
    at: datetime,
    rating: int | None = None,
    timed_out: bool = False,
    attempt_id: int | None = None,
    parts: tuple[PartResult, ...] | None = None,
) -> bool:
    """Record how an item ended. False (nothing written) if it already has an answer or its
    run is no longer running: two windows on one drill cannot answer one item twice."""
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
    cur = conn.execute(
        "UPDATE drill_items SET outcome = ?, answer = ?, ms = ?, rating = ?, timed_out = ?, "
        "attempt_id = ?, answered_at = ?, parts = coalesce(?, parts) "
        "WHERE drill_id = ? AND position = ? "
        "AND outcome IS NULL AND timed_out = 0 "
        "AND (SELECT status FROM drill_runs WHERE id = ?) = 'running'",
        (
            outcome,
            answer[:MAX_ANSWER_CHARS],
            max(0, int(ms)),
            rating,
            int(timed_out),
            attempt_id,
            to_iso(at),
            encode_parts(parts),
            drill_id,
            position,
            drill_id,
        ),
    )
    return cur.rowcount == 1


def save_parts(
    conn: sqlite3.Connection, drill_id: int, position: int, parts: tuple[PartResult, ...]
) -> bool:
    """Record the parts of a multi-part item answered so far (the item is not over). False
    (nothing written) if the item already ended or its run is no longer running."""
    cur = conn.execute(
        "UPDATE drill_items SET parts = ? WHERE drill_id = ? AND position = ? "
        "AND outcome IS NULL AND timed_out = 0 "
        "AND (SELECT status FROM drill_runs WHERE id = ?) = 'running'",
        (encode_parts(parts), drill_id, position, drill_id),
    )
    return cur.rowcount == 1


def set_used(conn: sqlite3.Connection, drill_id: int, used_ms: int, at: datetime) -> None:
    """Save the time used so far (only while the run is running)."""
    conn.execute(
        "UPDATE drill_runs SET used_ms = ?, updated_at = ? WHERE id = ? AND status = 'running'",
        (max(0, int(used_ms)), to_iso(at), drill_id),
    )


def set_item_ms(conn: sqlite3.Connection, drill_id: int, position: int, ms: int) -> None:
    """Save the time spent so far on the item on screen (not answered yet), so a resumed drill
    continues its clock rather than starting it again."""
    conn.execute(
        "UPDATE drill_items SET ms = ? WHERE drill_id = ? AND position = ? "
        "AND outcome IS NULL AND timed_out = 0",
        (max(0, int(ms)), drill_id, position),
    )


def end_run(
    conn: sqlite3.Connection,
    drill_id: int,
    *,
    status: str,
    ended: str,
    at: datetime,
    used_ms: int | None = None,
) -> bool:
    """Mark a running run finished or discarded; False if it was not running."""
    if status not in STATUSES[1:] or ended not in ENDINGS:
        raise ValueError(f"cannot end a run as {status!r}/{ended!r}")
    when = to_iso(at)
    cur = conn.execute(
        "UPDATE drill_runs SET status = ?, ended = ?, used_ms = coalesce(?, used_ms), "
        "updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'",
        (status, ended, used_ms, when, when, drill_id),
    )
    return cur.rowcount == 1


# -- reads -----------------------------------------------------------------------------------


def get_run(conn: sqlite3.Connection, drill_id: int) -> RunRow | None:
    row = conn.execute(f"SELECT {_RUN} FROM drill_runs r WHERE r.id = ?", (drill_id,)).fetchone()
    return None if row is None else _run(row)


def list_runs(conn: sqlite3.Connection, statuses: Iterable[str] = STATUSES) -> list[RunRow]:
    """Runs with one of these statuses, oldest first."""
    return list(iter_runs(conn, statuses))


def iter_runs(conn: sqlite3.Connection, statuses: Iterable[str] = STATUSES) -> Iterator[RunRow]:
    """``list_runs`` one row at a time (an export streams them)."""
    wanted = list(statuses)
    if not wanted:
        return
    marks = ", ".join("?" * len(wanted))
    cursor = conn.execute(
        f"SELECT {_RUN} FROM drill_runs r WHERE r.status IN ({marks}) ORDER BY r.id", wanted
    )
    for row in cursor:
        yield _run(row)


def finished_scores(conn: sqlite3.Connection) -> list[tuple[int, str, int, int]]:
    """``(id, started_at, correct, questions)`` of every finished run, oldest first: the drill
    history of the stats, without building a RunRow per drill."""
    return conn.execute(
        f"SELECT r.id, r.started_at, {POINTS}, r.questions FROM drill_runs r "
        "WHERE r.status = 'finished' ORDER BY r.id"
    ).fetchall()


def latest_run(conn: sqlite3.Connection, status: str) -> RunRow | None:
    """The newest run with this status (one indexed read, however many drills there are)."""
    row = conn.execute(
        f"SELECT {_RUN} FROM drill_runs r WHERE r.status = ? ORDER BY r.id DESC LIMIT 1",
        (status,),
    ).fetchone()
    return None if row is None else _run(row)


def run_items(conn: sqlite3.Connection, drill_id: int) -> list[ItemRow]:
    rows = conn.execute(
        f"SELECT {_ITEM} FROM drill_items WHERE drill_id = ? ORDER BY position", (drill_id,)
    ).fetchall()
    return [_item(r) for r in rows]


def iter_items(conn: sqlite3.Connection) -> Iterator[ItemRow]:
    """Every item of every run, by run then position, one at a time."""
    for row in conn.execute(f"SELECT {_ITEM} FROM drill_items ORDER BY drill_id, position"):
        yield _item(row)


def usual_problem_ms(
    conn: sqlite3.Connection, template_id: str, before: datetime, limit: int = 20
) -> list[int]:
    """Times of the learner's latest first-try correct answers to a template before ``before``
    (the same figures the scheduler calls "usual"), newest first."""
    rows = conn.execute(
        "SELECT ms FROM attempts WHERE template_id = ? AND verdict = 'accept' AND try = 1 "
        "AND at < ? ORDER BY id DESC LIMIT ?",
        (template_id, to_iso(before), limit),
    ).fetchall()
    return [r[0] for r in rows]


def usual_interview_ms(
    conn: sqlite3.Connection, interview_id: str, before: datetime, limit: int = 20
) -> list[int]:
    """Times of the learner's latest Good/Easy self-ratings of a question before ``before``."""
    rows = conn.execute(
        "SELECT duration_ms FROM interview_ratings WHERE interview_id = ? AND rating >= 3 "
        "AND duration_ms IS NOT NULL AND at < ? ORDER BY id DESC LIMIT ?",
        (interview_id, to_iso(before), limit),
    ).fetchall()
    return [r[0] for r in rows]

"""Export of a learner's data: every attempt, every drill run with its items, and every
interview self-rating, as JSON or as CSV. Rows are streamed from the database to the output,
so memory stays flat however long the history is.

JSON: one document ``{"format": "quizmath-export", "version": 1, "exported_at", "learner",
"attempts": [...], "drills": [{..., "items": [...]}], "interview_ratings": [...]}``, one record
per line inside each list. Field names are the database's; times are UTC ISO 8601. fsrs cards
and reviews are not exported: they are the scheduler's working state, rebuilt from practice.

CSV: one table per kind of record (``TABLES``), because a spreadsheet wants one kind of row per
sheet; the command writes each to its own file (``attempts.csv`` …) or one of them to stdout.
- ``attempts``: one row per answer to a problem (practice, plain or drill);
- ``drills``: one row per drill item, with its run's columns repeated (id, start, status, seed,
  score), so a pivot on ``drill_id`` gives each drill's score and a pivot on ``ref`` shows which
  question a class missed. Interview items of drills appear here too;
- ``interview_ratings``: one row per self-rating of an interview answer (Q&A and drills).
Every table starts with a ``learner`` column (``--learner NAME``, empty by default), so the
files of a whole class can be concatenated into one sheet per table.

No control character from the database reaches the output as itself (an answer could hold an
escape sequence that would act on a terminal showing the export): JSON writes each as its
``\\uXXXX`` escape, so the data reads back unchanged; CSV, which has no escapes, shows each as
a visible stand-in (``␛``; ``quizmath.core.terminal_text``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import IO, Any

from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.store import Storage
from quizmath.core.storage.times import to_iso, utc_now
from quizmath.core.terminal_text import CONTROL, neutralise

FORMAT = "quizmath-export"
VERSION = 1
TABLES = ("attempts", "drills", "interview_ratings")  # CSV tables, and their file names
BATCH = 2000  # rows fetched and written at a time

ATTEMPT_FIELDS = (
    "id",
    "at",
    "template_id",
    "seed",
    "ref",
    "topic",
    "answer",
    "verdict",
    "correct",
    "ms",
    "hints",
    "solution_viewed",
    "try",
    "rating",
    "mode",
    "drill_id",
    "score",
    "parts",
    "confidence",  # "low", "medium", "high" when asked before the verdict, else empty
)
RUN_FIELDS = (
    "id",
    "seed",
    "seeded",
    "weighted",
    "topics",
    "questions",
    "limit_ms",
    "used_ms",
    "status",
    "ended",
    "code",
    "started_at",
    "updated_at",
    "finished_at",
    "correct",
    "points",
)
ITEM_FIELDS = (
    "position",
    "kind",
    "item_id",
    "seed",
    "ref",
    "topic",
    "outcome",
    "answer",
    "ms",
    "rating",
    "timed_out",
    "attempt_id",
    "answered_at",
    "parts",
)
RATING_FIELDS = ("id", "interview_id", "rating", "at", "duration_ms")
CSV_ATTEMPTS = ("learner", *ATTEMPT_FIELDS)
CSV_DRILLS = (
    "learner",
    "drill_id",
    "drill_started_at",
    "drill_status",
    "drill_ended",
    "drill_seed",
    "drill_code",
    "drill_correct",
    "drill_questions",
    "drill_limit_ms",
    "drill_used_ms",
    "position",
    "kind",
    "ref",
    "topic",
    "outcome",
    "answer",
    "ms",
    "rating",
    "timed_out",
    "attempt_id",
    "answered_at",
    "parts",
)
CSV_RATINGS = ("learner", *RATING_FIELDS)
CSV_COLUMNS = {"attempts": CSV_ATTEMPTS, "drills": CSV_DRILLS, "interview_ratings": CSV_RATINGS}

# The database's columns in ATTEMPT_FIELDS order, less the two derived ones (ref, topic).
_ATTEMPT_COLUMNS = (
    "id, at, template_id, seed, answer, verdict, correct, ms, hints, solution_viewed, try, "
    "rating, mode, drill_id"
)
# An attempt's score in [0, 1]: parts right / parts for a multi-part problem (to 4 places:
# 0.6667, not 0.6666666666666666 in a spreadsheet), else 1 or 0.
_SCORE = "coalesce(round(a.score, 4), CASE WHEN a.correct THEN 1 ELSE 0 END)"
# A multi-part attempt's parts as a list of their verdicts ("correct", "carried", "wrong",
# "skipped"), in order; NULL (JSON null) for a single answer.
_PART_VERDICTS = (
    "CASE WHEN a.parts IS NULL THEN NULL ELSE (SELECT json_group_array(json_extract(p.value, "
    "'$.verdict')) FROM json_each(a.parts) p) END"
)
# One attempt as JSON text, made by SQLite (about twice as fast as json.dumps per row).
_ATTEMPT_JSON = (
    "json_object('id', a.id, 'at', a.at, 'template_id', a.template_id, 'seed', a.seed, "
    "'ref', a.template_id || '@' || a.seed, 'topic', t.topic, 'answer', a.answer, "
    "'verdict', a.verdict, 'correct', json(CASE WHEN a.correct THEN 'true' ELSE 'false' END), "
    "'ms', a.ms, 'hints', a.hints, "
    "'solution_viewed', json(CASE WHEN a.solution_viewed THEN 'true' ELSE 'false' END), "
    "'try', a.try, 'rating', a.rating, 'mode', a.mode, 'drill_id', a.drill_id, "
    f"'score', {_SCORE}, 'parts', {_PART_VERDICTS}, 'confidence', a.confidence)"
)
# The same verdicts in one CSV cell: "wrong correct carried".
_CSV_PARTS = (
    "SELECT group_concat(json_extract(p.value, '$.verdict'), ' ') FROM json_each(a.parts) p"
)
_RATING_JSON = (
    "json_object('id', id, 'interview_id', interview_id, 'rating', rating, 'at', at, "
    "'duration_ms', duration_ms)"
)


@dataclass
class Counts:
    """How many records an export wrote."""

    attempts: int = 0
    drills: int = 0
    items: int = 0
    interview_ratings: int = 0


# -- JSON --------------------------------------------------------------------------------------


def write_json(
    storage: Storage,
    out: IO[str],
    *,
    learner: str = "",
    topics: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> Counts:
    """The whole document, streamed to ``out``. ``topics`` maps template ids to topic ids (from
    the bank) to fill the attempts' ``topic`` (null for a template no longer in the bank)."""
    counts = Counts()
    safe = _Escaped(out, _json_escape)
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_iso(now or utc_now()),
        "learner": learner,
    }
    safe.write("{\n")
    for key, value in head.items():
        safe.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")

    def attempts(conn: sqlite3.Connection) -> Iterator[str]:
        with _topic_table(conn, topics or {}):
            cursor = conn.execute(
                f"SELECT {_ATTEMPT_JSON} FROM attempts a "
                "LEFT JOIN temp.export_topics t USING (template_id) ORDER BY a.id"
            )
            yield from _batches(cursor)

    counts.attempts = _json_list(safe, "attempts", storage.stream(attempts))
    counts.drills = _json_list(
        safe,
        "drills",
        (json.dumps(d, ensure_ascii=False) for d in _drill_records(storage, counts)),
    )
    counts.interview_ratings = _json_list(
        safe,
        "interview_ratings",
        storage.stream(
            lambda c: _batches(
                c.execute(f"SELECT {_RATING_JSON} FROM interview_ratings ORDER BY id")
            )
        ),
        last=True,
    )
    safe.write("}\n")
    return counts


def write_json_file(storage: Storage, path: Path, **options: Any) -> Counts:
    """``write_json`` into a file, replaced only once the export is complete."""
    with _replacing(path) as f:
        return write_json(storage, f, **options)


def _json_list(out: _Escaped, key: str, records: Iterator[str], *, last: bool = False) -> int:
    out.write(f'  "{key}": [')
    n = 0
    for text in records:
        out.write((",\n    " if n else "\n    ") + text)
        n += 1
    out.write("\n  ]" if n else "]")
    out.write("\n" if last else ",\n")
    return n


def _batches(cursor: sqlite3.Cursor) -> Iterator[str]:
    """The first column of every row (JSON text made by SQLite)."""
    while rows := cursor.fetchmany(BATCH):
        for (text,) in rows:
            yield text


@contextmanager
def _topic_table(conn: sqlite3.Connection, topics: Mapping[str, str]) -> Iterator[None]:
    """A temporary in-memory table of template id → topic id for one export query, so SQLite
    can fill the ``topic`` field itself. Nothing is written to the progress file."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS export_topics "
        "(template_id TEXT PRIMARY KEY, topic TEXT NOT NULL) WITHOUT ROWID"
    )
    conn.execute("DELETE FROM temp.export_topics")
    conn.executemany("INSERT INTO temp.export_topics VALUES (?, ?)", topics.items())
    try:
        yield
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.export_topics")


def export_data(
    storage: Storage,
    *,
    learner: str = "",
    topics: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The JSON document as Python values (in memory: for tests and small databases)."""
    buffer = io.StringIO()
    write_json(storage, buffer, learner=learner, topics=topics, now=now)
    data: dict[str, Any] = json.loads(buffer.getvalue())
    return data


def drill_records(storage: Storage) -> Iterator[dict[str, Any]]:
    """Every drill run (any status) as in the JSON export, with its items, oldest first."""
    return _drill_records(storage, Counts())


def _drill_records(storage: Storage, counts: Counts) -> Iterator[dict[str, Any]]:
    items = groupby(storage.stream(drill_rows.iter_items), key=lambda it: it.drill_id)
    pending = next(items, None)
    for run in storage.stream(drill_rows.iter_runs):
        while pending is not None and pending[0] < run.id:
            pending = next(items, None)  # items of a run that is gone: none in practice
        mine: list[dict[str, Any]] = []
        if pending is not None and pending[0] == run.id:
            mine = [_item(it) for it in pending[1]]
            pending = next(items, None)
        counts.items += len(mine)
        yield {**_run(run), "items": mine}


def _run(r: drill_rows.RunRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "seed": r.seed,
        "seeded": r.seeded,
        "weighted": r.weighted,
        "topics": list(r.topics),
        "questions": r.questions,
        "limit_ms": r.limit_ms,
        "used_ms": r.used_ms,
        "status": r.status,
        "ended": r.ended,
        "code": r.code,
        "started_at": to_iso(r.started_at),
        "updated_at": to_iso(r.updated_at),
        "finished_at": to_iso(r.finished_at) if r.finished_at else None,
        "correct": r.correct,
        "points": round(r.score, 4),  # the score: a multi-part problem by its parts
    }


def _item(it: drill_rows.ItemRow) -> dict[str, Any]:
    return {
        "position": it.position,
        "kind": it.kind,
        "item_id": it.item_id,
        "seed": it.seed,
        "ref": it.ref,
        "topic": it.topic,
        "outcome": it.outcome,
        "answer": it.answer,
        "ms": it.ms,
        "rating": it.rating,
        "timed_out": it.timed_out,
        "attempt_id": it.attempt_id,
        "answered_at": to_iso(it.answered_at) if it.answered_at else None,
        "parts": [p.verdict for p in it.parts] if it.parts is not None else None,
    }


def read_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a quizmath export")
    return data


# -- CSV ---------------------------------------------------------------------------------------


def write_csv(
    storage: Storage,
    table: str,
    out: IO[str],
    *,
    learner: str = "",
    topics: Mapping[str, str] | None = None,
) -> int:
    """One table (one of ``TABLES``) with its header row, streamed to ``out`` (open it with
    ``newline=""``); returns the number of rows written."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
    # Each batch is made in memory and then written once: one scan for control characters
    # and one write per batch, not per row.
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\n")
    w.writerow(CSV_COLUMNS[table])
    rows = {"attempts": _csv_attempts, "drills": _csv_drills, "interview_ratings": _csv_ratings}
    n = 0
    for batch in rows[table](storage, learner, topics or {}):
        w.writerows(batch)
        n += len(batch)
        out.write(neutralise(buffer.getvalue()))
        buffer.seek(0)
        buffer.truncate()
    out.write(neutralise(buffer.getvalue()))
    return n


def write_csv_file(storage: Storage, table: str, path: Path, **options: Any) -> int:
    """``write_csv`` into a file, replaced only once the table is complete."""
    with _replacing(path) as f:
        return write_csv(storage, table, f, **options)


@contextmanager
def _replacing(path: Path) -> Iterator[IO[str]]:
    """A file written beside ``path`` and renamed over it when done: a failed export leaves the
    previous file (or none), never half a table."""
    part = path.with_name(path.name + ".part")
    try:
        with part.open("w", encoding="utf-8", newline="") as f:
            yield f
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


Row = tuple[Any, ...]


def _csv_attempts(storage: Storage, learner: str, topics: Mapping[str, str]) -> Iterator[list[Row]]:
    topic = topics.get

    def batches(conn: sqlite3.Connection) -> Iterator[list[Row]]:
        # NULLs become '' in SQL; booleans stay 1/0 (a spreadsheet sums them; "True" it does
        # not). Built per row in Python: the topic comes from a dict.
        cursor = conn.execute(
            "SELECT id, at, template_id, seed, template_id || '@' || seed, answer, verdict, "
            "correct, ms, hints, solution_viewed, try, ifnull(rating, ''), mode, "
            f"ifnull(drill_id, ''), {_SCORE}, ifnull(({_CSV_PARTS}), ''), ifnull(confidence, '') "
            "FROM attempts a ORDER BY id"
        )
        while rows := cursor.fetchmany(BATCH):
            yield [
                (
                    learner,
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    topic(r[2], ""),
                    r[5],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    r[10],
                    r[11],
                    r[12],
                    r[13],
                    r[14],
                    r[15],
                    r[16],
                    r[17],
                )
                for r in rows
            ]

    return storage.stream(batches)


def _csv_drills(storage: Storage, learner: str, topics: Mapping[str, str]) -> Iterator[list[Row]]:
    for d in drill_records(storage):
        run = [
            d["id"],
            d["started_at"],
            d["status"],
            d["ended"],
            d["seed"],
            d["code"],
            d["correct"],
            d["questions"],
            d["limit_ms"],
            d["used_ms"],
        ]
        yield [
            (learner, *(_cell(v) for v in (*run, *(it[k] for k in CSV_DRILLS[11:]))))
            for it in d["items"]
        ]


def _csv_ratings(storage: Storage, learner: str, topics: Mapping[str, str]) -> Iterator[list[Row]]:
    def batches(conn: sqlite3.Connection) -> Iterator[list[Row]]:
        cursor = conn.execute(
            "SELECT id, interview_id, rating, at, ifnull(duration_ms, '') "
            "FROM interview_ratings ORDER BY id"
        )
        while rows := cursor.fetchmany(BATCH):
            yield [(learner, *r) for r in rows]

    return storage.stream(batches)


class _Escaped:
    """An output that replaces every control character written to it (the JSON writer writes
    a record at a time: one scan each)."""

    def __init__(self, out: IO[str], replace: Callable[[re.Match[str]], str]) -> None:
        self.out, self.replace = out, replace

    def write(self, text: str) -> int:
        if CONTROL.search(text):
            text = CONTROL.sub(self.replace, text)
        return self.out.write(text)


def _json_escape(m: re.Match[str]) -> str:
    # Only inside strings: the JSON around them is printable ASCII, newlines and spaces.
    return f"\\u{ord(m.group()):04x}"


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return int(v)  # 1/0 sums and averages in a spreadsheet; "True" does not
    if isinstance(v, list):  # a multi-part item's part verdicts
        return " ".join(str(x) for x in v)
    return v

"""Export of a learner's data: every attempt, every drill run with its items, and every
interview self-rating, as JSON or as CSV.

JSON: one document ``{"format": "quizmath-export", "version": 1, "exported_at", "learner",
"attempts": [...], "drills": [{..., "items": [...]}], "interview_ratings": [...]}``. Field names
are the database's; times are UTC ISO 8601. fsrs cards and reviews are not exported: they are
the scheduler's working state, rebuilt from practice.

CSV is two tables, because a spreadsheet wants one kind of row per sheet:
- attempts: one row per answer to a problem (practice, plain or drill);
- drills: one row per drill item, with its run's columns repeated (id, start, status, seed,
  score), so a pivot on ``drill_id`` gives each drill's score and a pivot on ``ref`` shows which
  question a class missed. Interview items of drills appear here only.
``--out results.csv`` writes ``results.csv`` and ``results-drills.csv``; on stdout the attempts
table comes first, then one empty line, then the drills table. Both tables start with a
``learner`` column (``--learner NAME``, empty by default), so the files of a whole class can be
concatenated into one sheet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.store import Storage
from quizmath.core.storage.times import to_iso, utc_now
from quizmath.core.terminal_text import dumps, neutralise

FORMAT = "quizmath-export"
VERSION = 1

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
)


def export_data(
    storage: Storage,
    *,
    learner: str = "",
    topics: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything, as plain JSON-ready values. ``topics`` maps template ids to topic ids (from
    the bank) to fill the attempts' ``topic`` (None for a template no longer in the bank)."""
    topic_of = topics or {}

    columns = [f for f in ATTEMPT_FIELDS if f not in ("ref", "topic")]

    def attempt(r: tuple[Any, ...]) -> dict[str, Any]:
        row = dict(zip(columns, r, strict=True))
        row["ref"] = f"{row['template_id']}@{row['seed']}"
        row["topic"] = topic_of.get(row["template_id"])
        row["correct"] = bool(row["correct"])
        row["solution_viewed"] = bool(row["solution_viewed"])
        return {k: row[k] for k in ATTEMPT_FIELDS}

    attempts = storage.read(
        lambda c: c.execute(
            f"SELECT {', '.join(f'[{k}]' for k in columns)} FROM attempts ORDER BY id"
        ).fetchall()
    )
    runs = storage.read(lambda c: drill_rows.list_runs(c))
    items: dict[int, list[dict[str, Any]]] = {}
    for it in storage.read(drill_rows.all_items):
        items.setdefault(it.drill_id, []).append(_item(it))
    ratings = storage.read(
        lambda c: c.execute(
            "SELECT id, interview_id, rating, at, duration_ms FROM interview_ratings ORDER BY id"
        ).fetchall()
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_iso(now or utc_now()),
        "learner": learner,
        "attempts": [attempt(r) for r in attempts],
        "drills": [{**_run(r), "items": items.get(r.id, [])} for r in runs],
        "interview_ratings": [dict(zip(RATING_FIELDS, r, strict=True)) for r in ratings],
    }


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
    }


def write_json(data: Mapping[str, Any], out: IO[str]) -> None:
    out.write(dumps(data, indent=2))  # control characters as \u escapes: same data, no effect
    out.write("\n")


def write_csv_attempts(data: Mapping[str, Any], out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_ATTEMPTS)
    for a in data["attempts"]:
        w.writerow([data["learner"], *(_cell(a[k]) for k in ATTEMPT_FIELDS)])


def write_csv_drills(data: Mapping[str, Any], out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_DRILLS)
    for d in data["drills"]:
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
        for it in d["items"]:
            rest = [it[k] for k in CSV_DRILLS[11:]]
            w.writerow([data["learner"], *(_cell(v) for v in (*run, *rest))])


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return int(v)  # 1/0 sums and averages in a spreadsheet; "True" does not
    if isinstance(v, str):
        return neutralise(v)  # a damaged database must not reach a terminal as escapes
    return v


def drills_path(path: Path) -> Path:
    """``results.csv`` → ``results-drills.csv``."""
    suffix = path.suffix or ".csv"
    return path.with_name(f"{path.stem}-drills{suffix}")


def read_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a quizmath export")
    return data

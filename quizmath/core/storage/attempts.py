"""The ``attempts`` table: one row per judged answer or skip (never for an invalid input)."""

from __future__ import annotations

import heapq
import itertools
import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime

import msgspec

from quizmath.core.storage import totals
from quizmath.core.storage.times import from_iso, to_iso, utc_now
from quizmath.core.storage.totals import Tally
from quizmath.core.terminal_text import neutralise

VERDICTS = ("accept", "reject", "skipped")
MODES = ("practice", "plain", "drill", "placement", "exercise")  # exercise: its screen
MAX_ANSWER_CHARS = 2000  # the checker refuses more than 1000; this only bounds the row
CONFIDENCES = ("low", "medium", "high")  # core.confidence.Confidence
PART_VERDICTS = ("correct", "carried", "wrong", "skipped")  # items.multipart.PartStatus


class PartResult(msgspec.Struct, frozen=True):
    """How one part of a multi-part problem ended, as recorded with its attempt."""

    label: str  # "a", "b", …
    verdict: str  # one of PART_VERDICTS; "carried": right given the learner's earlier answers
    answer: str = ""  # as typed ("" when skipped)
    carried_from: tuple[str, ...] = ()  # labels of the earlier parts it was carried from

    def __post_init__(self) -> None:
        if self.verdict not in PART_VERDICTS:
            raise ValueError(f"a part's verdict is one of {PART_VERDICTS}, not {self.verdict!r}")

    @property
    def right(self) -> bool:
        return self.verdict in ("correct", "carried")


class Attempt(msgspec.Struct, frozen=True):
    """One answer to one problem (``template_id@seed``), as recorded."""

    template_id: str
    seed: int
    answer: str
    verdict: str  # 'accept' | 'reject' | 'skipped'
    ms: int  # from showing the problem to judging this answer
    hints: int = 0
    solution_viewed: bool = False
    try_no: int = 1  # 1 for the first answer to a shown problem, 2 for a second try …
    mode: str = "practice"
    drill_id: int | None = None
    at: datetime = msgspec.field(default_factory=utc_now)
    rating: int | None = None  # fsrs rating given (1–4), None when the card was not reviewed
    id: int | None = None
    confidence: str | None = None  # said before the verdict (one of CONFIDENCES); None: not asked
    # A multi-part problem: each part's result, and the score (parts right / parts). None for
    # a single answer, whose score is 1 or 0 (``points``).
    parts: tuple[PartResult, ...] | None = None
    score: float | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {self.verdict!r}")
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")
        if self.confidence is not None and self.confidence not in CONFIDENCES:
            raise ValueError(f"confidence is one of {CONFIDENCES}, not {self.confidence!r}")
        if self.parts is not None and (self.score is None or not 0 <= self.score <= 1):
            raise ValueError(f"a multi-part attempt needs a score from 0 to 1, not {self.score}")

    @property
    def correct(self) -> bool:
        return self.verdict == "accept"

    @property
    def points(self) -> float:
        """The score in [0, 1]: parts right / parts, or 1/0 for a single answer."""
        return self.score if self.score is not None else float(self.correct)

    @property
    def earned(self) -> bool:
        """Correct without having seen the solution: what accuracy counts."""
        return self.correct and not self.solution_viewed


_COLUMNS = (
    "id, template_id, seed, answer, verdict, ms, hints, solution_viewed, try, mode, "
    "drill_id, at, rating, confidence, score, parts"
)


def insert_attempt(conn: sqlite3.Connection, a: Attempt, rating: int | None) -> int:
    # A single answer is written exactly as before multi-part problems (score and parts stay
    # NULL); only a multi-part attempt names the two columns migration 5 added.
    columns = (
        "template_id, seed, answer, verdict, correct, ms, hints, solution_viewed, try, rating, "
        "mode, drill_id, at"
    )
    values: tuple[object, ...] = (
        a.template_id,
        a.seed,
        a.answer[:MAX_ANSWER_CHARS],
        a.verdict,
        int(a.correct),
        max(0, int(a.ms)),
        a.hints,
        int(a.solution_viewed),
        a.try_no,
        rating,
        a.mode,
        a.drill_id,
        to_iso(a.at),
    )
    if a.confidence is not None:  # a plain answer is written as before confidence existed
        columns += ", confidence"
        values += (a.confidence,)
    if a.parts is not None:
        columns += ", score, parts"
        values += (a.score, encode_parts(a.parts))
    marks = ", ".join("?" * len(values))
    cur = conn.execute(f"INSERT INTO attempts ({columns}) VALUES ({marks})", values)
    assert cur.lastrowid is not None
    return cur.lastrowid


def _attempt(row: tuple) -> Attempt:
    (
        id_,
        template_id,
        seed,
        answer,
        verdict,
        ms,
        hints,
        solution,
        try_no,
        mode,
        drill_id,
        at,
        rating,
        confidence,
        score,
        parts,
    ) = row
    return Attempt(
        template_id,
        seed,
        neutralise(answer),  # typed text goes to terminals: never an escape sequence
        verdict,
        ms,
        hints,
        bool(solution),
        try_no,
        mode,
        drill_id,
        from_iso(at),
        rating,
        id_,
        confidence if confidence in CONFIDENCES else None,
        decode_parts(parts),
        score,
    )


def encode_parts(parts: tuple[PartResult, ...] | None) -> str | None:
    """The parts as stored: a JSON list of {label, verdict, answer, from?}; None stays NULL."""
    if parts is None:
        return None
    rows = []
    for p in parts:
        row: dict[str, object] = {
            "label": p.label,
            "verdict": p.verdict,
            "answer": p.answer[:MAX_ANSWER_CHARS],
        }
        if p.carried_from:
            row["from"] = list(p.carried_from)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False)


def decode_parts(text: str | None) -> tuple[PartResult, ...] | None:
    """Stored parts back (typed text neutralised: it goes to terminals); None for NULL or a
    value this version cannot read (the attempt is still read, as a single answer)."""
    if text is None:
        return None
    try:
        rows = json.loads(text)
        return tuple(
            PartResult(
                str(r["label"]),
                str(r["verdict"]),
                neutralise(str(r.get("answer", ""))),
                tuple(str(x) for x in r.get("from", ())),
            )
            for r in rows
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def list_attempts(conn: sqlite3.Connection, template_id: str | None = None) -> list[Attempt]:
    """All attempts, oldest first (optionally of one template)."""
    if template_id is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM attempts ORDER BY id").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM attempts WHERE template_id = ? ORDER BY id", (template_id,)
        ).fetchall()
    return [_attempt(r) for r in rows]


def correct_times(conn: sqlite3.Connection, template_id: str, limit: int = 20) -> list[int]:
    """Milliseconds of the latest first-try correct answers to a template (newest first).
    Later tries are left out: their clock includes the earlier tries."""
    rows = conn.execute(
        "SELECT ms FROM attempts WHERE template_id = ? AND verdict = 'accept' AND try = 1 "
        "ORDER BY id DESC LIMIT ?",
        (template_id, limit),
    ).fetchall()
    return [r[0] for r in rows]


def recent_seeds(conn: sqlite3.Connection, template_id: str, limit: int) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT seed FROM (SELECT seed FROM attempts WHERE template_id = ? "
        "ORDER BY id DESC LIMIT ?)",
        (template_id, limit),
    ).fetchall()
    return {r[0] for r in rows}


def tallies(conn: sqlite3.Connection) -> dict[str, Tally]:
    """Per template: attempts recorded and how many were earned-correct (kept as totals)."""
    return totals.template_tallies(conn)


def recent_by_template(
    conn: sqlite3.Connection, template_id: str, limit: int
) -> list[tuple[int, bool]]:
    """``(attempt id, earned-correct)`` of a template's latest ``limit`` attempts, newest first
    (one indexed range read, however long the history)."""
    rows = conn.execute(
        "SELECT id, correct AND NOT solution_viewed FROM attempts WHERE template_id = ? "
        "ORDER BY id DESC LIMIT ?",
        (template_id, limit),
    ).fetchall()
    return [(r[0], bool(r[1])) for r in rows]


def recent_results(conn: sqlite3.Connection, template_ids: Iterable[str], limit: int) -> list[bool]:
    """Earned-correct flags of the latest ``limit`` attempts at any of these templates,
    newest first. Read per template and merged: one query over all of them sorted every
    attempt of the topic (a second at a million attempts)."""
    per_template = [recent_by_template(conn, t, limit) for t in dict.fromkeys(template_ids)]
    return merge_recent(per_template, limit)


def merge_recent(per_template: Iterable[list[tuple[int, bool]]], limit: int) -> list[bool]:
    """The newest ``limit`` flags of several newest-first ``(id, flag)`` lists."""
    merged = heapq.merge(*per_template, key=lambda x: x[0], reverse=True)
    return [flag for _, flag in itertools.islice(merged, max(0, limit))]


def part_tallies(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """``(template id, part label, part verdict, attempts)`` over every multi-part attempt
    (an index holds just those rows, however long the history of single answers)."""
    rows = conn.execute(
        "SELECT a.template_id, json_extract(p.value, '$.label'), "
        "json_extract(p.value, '$.verdict'), count(*) "
        "FROM attempts a, json_each(a.parts) p "
        "WHERE a.parts IS NOT NULL AND json_valid(a.parts) GROUP BY 1, 2, 3"
    ).fetchall()
    return [(str(t), str(label), str(verdict), int(n)) for t, label, verdict, n in rows]

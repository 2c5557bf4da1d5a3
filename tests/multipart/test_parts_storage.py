"""Storing multi-part attempts: migration 5, single answers written as before, the parts read
back (typed text neutralised), and the export's score and parts."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from quizmath.core import export
from quizmath.core.storage import Storage
from quizmath.core.storage import db as dbmod
from quizmath.core.storage.attempts import Attempt, PartResult
from quizmath.core.storage.migrations import MIGRATIONS

PARTS = (
    PartResult("a", "wrong", "98765"),
    PartResult("b", "carried", "52", ("a",)),
    PartResult("c", "correct", "\x1b[31m15"),
)


def test_migration_5_adds_the_columns_and_old_rows_keep_their_meaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.db"
    with monkeypatch.context() as old:
        old.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:4])  # the schema before this one
        old.setattr(dbmod, "SCHEMA_VERSION", 4)
        with Storage.open(path) as s:
            s.add_attempt(Attempt("t.x", 1, "7", "accept", 5))
            s.add_attempt(Attempt("t.x", 2, "8", "reject", 5))
    with Storage.open(path) as s:
        assert s.read(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == len(MIGRATIONS)
        old_right, old_wrong = s.attempts()
        assert (old_right.parts, old_right.score, old_right.points) == (None, None, 1.0)
        assert old_wrong.points == 0.0
        s.add_attempt(Attempt("t.y", 3, "x", "reject", 9, parts=PARTS, score=2 / 3))
        multi = s.attempts()[-1]
        assert multi.score == 2 / 3 and multi.parts is not None
        assert [p.verdict for p in multi.parts] == ["wrong", "carried", "correct"]
        assert multi.parts[1].carried_from == ("a",)
        assert "\x1b" not in multi.parts[2].answer  # typed text never reaches a terminal raw
        # a single answer is written as before: both new columns NULL
        row = s.read(
            lambda c: c.execute("SELECT score, parts FROM attempts WHERE id = 1").fetchone()
        )
        assert row == (None, None)


def test_a_multi_part_attempt_needs_a_score() -> None:
    with pytest.raises(ValueError, match="score"):
        Attempt("t.y", 3, "x", "reject", 9, parts=PARTS)
    with pytest.raises(ValueError, match="verdict"):
        PartResult("a", "maybe")


def test_unreadable_parts_read_as_a_single_answer(tmp_path: Path) -> None:
    with Storage.open(tmp_path / "p.db") as s:
        s.add_attempt(Attempt("t.y", 3, "x", "reject", 9, parts=PARTS, score=2 / 3))
        s.write(lambda c: c.execute("UPDATE attempts SET parts = '{not json'"))
        assert s.attempts()[0].parts is None


def test_export_writes_score_and_parts(tmp_path: Path) -> None:
    with Storage.open(tmp_path / "p.db") as s:
        s.add_attempt(Attempt("t.x", 1, "7", "accept", 5))
        s.add_attempt(Attempt("t.x", 2, "8", "reject", 5))
        s.add_attempt(Attempt("t.y", 3, "x", "reject", 9, parts=PARTS, score=2 / 3))
        data = export.export_data(s)
        scores = [(a["score"], a["parts"]) for a in data["attempts"]]
        assert scores == [
            (1, None),
            (0, None),
            (0.6667, ["wrong", "carried", "correct"]),  # to 4 places, not SQLite's 15 digits
        ]
        out = io.StringIO()
        export.write_csv(s, "attempts", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [(r["score"], r["parts"]) for r in rows] == [
            ("1", ""),
            ("0", ""),
            ("0.6667", "wrong carried correct"),
        ]


def test_the_schema_sql_is_one_statement_each() -> None:
    conn = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        for statement in migration:
            assert sqlite3.complete_statement(statement + ";")
            conn.execute(statement)

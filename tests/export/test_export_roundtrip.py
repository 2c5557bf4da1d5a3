"""Export: JSON read back equals the database; CSV parses back into the same rows; the
command writes one JSON file, or one CSV file per table (attempts, drill items, interview
self-ratings), or one table to stdout; memory does not grow with the history."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizmath.core import export
from quizmath.core.storage import Storage
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt, insert_attempt
from quizmath.core.storage.times import to_iso
from quizmath.core.terminal_text import CONTROL, neutralise

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
TRICKY = 'a, "quoted" answer\nover two lines −3'
TOPICS = {"linalg.dot-product": "linear-algebra/vectors"}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZMATH_DB", str(tmp_path / "env" / "progress.db"))
    path = tmp_path / "progress.db"
    with Storage.open(path) as s:
        s.add_attempt(Attempt("linalg.dot-product", 3, "8", "accept", 4200, hints=1, at=T0))
        s.add_attempt(
            Attempt(
                "gone.template",
                9,
                TRICKY,
                "reject",
                100,
                try_no=2,
                solution_viewed=True,
                at=T0 + timedelta(minutes=1),
            )
        )

        def drill(conn, at, status):  # type: ignore[no-untyped-def]
            rid = drill_rows.insert_run(
                conn,
                seed=42,
                seeded=True,
                weighted=False,
                topics=["linear-algebra/vectors"],
                limit_ms=60_000,
                code="abcd1234",
                at=at,
                items=[
                    ("problem", "linalg.dot-product", 5, "linear-algebra/vectors"),
                    ("interview", "kl-divergence", None, "information-theory/divergences"),
                    ("problem", "linalg.dot-product", 6, "linear-algebra/vectors"),
                ],
            )
            aid = insert_attempt(
                conn,
                Attempt(
                    "linalg.dot-product", 5, "7", "reject", 900, mode="drill", drill_id=rid, at=at
                ),
                1,
            )
            drill_rows.save_item(
                conn, rid, 0, outcome="wrong", answer="7", ms=900, at=at, attempt_id=aid
            )
            drill_rows.save_item(
                conn, rid, 1, outcome="correct", answer=TRICKY, ms=30_000, at=at, rating=4
            )
            drill_rows.set_used(conn, rid, 31_000, at)
            if status:
                drill_rows.end_run(
                    conn, rid, status=status, ended=status.replace("finished", "timeout"), at=at
                )
            card_rows.insert_self_rating(conn, "kl-divergence", 4, at, 30_000)

        s.write(lambda c: drill(c, T0 + timedelta(hours=1), "finished"))
        s.write(lambda c: drill(c, T0 + timedelta(hours=2), "discarded"))
        s.write(lambda c: drill(c, T0 + timedelta(hours=3), None))  # still running
    return path


def rows(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with Storage.open(db) as s:
        return s.read(lambda c: c.execute(sql).fetchall())


def test_json_round_trip_equals_the_database(db: Path, tmp_path: Path) -> None:
    with Storage.open(db) as s:
        data = export.export_data(s, learner="Ada", topics=TOPICS, now=T0)
        path = tmp_path / "out.json"
        counts = export.write_json_file(s, path, learner="Ada", topics=TOPICS, now=T0)
    assert (counts.attempts, counts.drills, counts.items, counts.interview_ratings) == (5, 3, 9, 3)
    back = export.read_json(path)
    assert back == data
    assert (back["format"], back["version"], back["learner"]) == ("quizmath-export", 1, "Ada")

    with Storage.open(db) as s:
        attempts = s.attempts()
    assert [
        (
            a["id"],
            a["at"],
            a["template_id"],
            a["seed"],
            a["answer"],
            a["verdict"],
            a["correct"],
            a["ms"],
            a["hints"],
            a["solution_viewed"],
            a["try"],
            a["rating"],
            a["mode"],
            a["drill_id"],
        )
        for a in back["attempts"]
    ] == [
        (
            a.id,
            to_iso(a.at),
            a.template_id,
            a.seed,
            a.answer,
            a.verdict,
            a.correct,
            a.ms,
            a.hints,
            a.solution_viewed,
            a.try_no,
            a.rating,
            a.mode,
            a.drill_id,
        )
        for a in attempts
    ]
    assert [a["topic"] for a in back["attempts"]][:2] == ["linear-algebra/vectors", None]
    assert back["attempts"][0]["ref"] == "linalg.dot-product@3"

    runs = rows(
        db,
        "SELECT id, seed, seeded, weighted, topics, questions, limit_ms, used_ms, "
        "status, ended, code, started_at, updated_at, finished_at FROM drill_runs",
    )
    assert [
        (
            d["id"],
            d["seed"],
            int(d["seeded"]),
            int(d["weighted"]),
            ",".join(d["topics"]),
            d["questions"],
            d["limit_ms"],
            d["used_ms"],
            d["status"],
            d["ended"],
            d["code"],
            d["started_at"],
            d["updated_at"],
            d["finished_at"],
        )
        for d in back["drills"]
    ] == runs
    assert [d["status"] for d in back["drills"]] == ["finished", "discarded", "running"]
    assert [d["correct"] for d in back["drills"]] == [1, 1, 1]
    items = rows(
        db,
        "SELECT drill_id, position, kind, item_id, seed, topic, outcome, answer, ms, "
        "rating, timed_out, attempt_id, answered_at FROM drill_items "
        "ORDER BY drill_id, position",
    )
    assert [
        (
            d["id"],
            i["position"],
            i["kind"],
            i["item_id"],
            i["seed"],
            i["topic"],
            i["outcome"],
            i["answer"],
            i["ms"],
            i["rating"],
            int(i["timed_out"]),
            i["attempt_id"],
            i["answered_at"],
        )
        for d in back["drills"]
        for i in d["items"]
    ] == items
    assert [tuple(r[k] for k in export.RATING_FIELDS) for r in back["interview_ratings"]] == rows(
        db, "SELECT id, interview_id, rating, at, duration_ms FROM interview_ratings"
    )


def test_csv_parses_back(db: Path) -> None:
    a, d, r = io.StringIO(), io.StringIO(), io.StringIO()
    with Storage.open(db) as s:
        data = export.export_data(s, learner="Ada", topics=TOPICS)
        assert export.write_csv(s, "attempts", a, learner="Ada", topics=TOPICS) == 5
        assert export.write_csv(s, "drills", d, learner="Ada", topics=TOPICS) == 9
        assert export.write_csv(s, "interview_ratings", r, learner="Ada") == 3
    attempts = list(csv.DictReader(io.StringIO(a.getvalue())))
    assert [r["id"] for r in attempts] == [str(x["id"]) for x in data["attempts"]]
    assert {r["learner"] for r in attempts} == {"Ada"}
    tricky = attempts[1]
    assert (
        tricky["answer"],
        tricky["correct"],
        tricky["solution_viewed"],
        tricky["topic"],
        tricky["rating"],
        tricky["drill_id"],
    ) == (TRICKY, "0", "1", "", "", "")
    items = list(csv.DictReader(io.StringIO(d.getvalue())))
    assert len(items) == 9  # three drills of three items, one row each
    first = items[0]
    assert (
        first["drill_id"],
        first["drill_status"],
        first["drill_correct"],
        first["drill_questions"],
        first["position"],
        first["ref"],
        first["outcome"],
    ) == (
        "1",
        "finished",
        "1",
        "3",
        "0",
        "linalg.dot-product@5",
        "wrong",
    )
    assert items[1]["answer"] == TRICKY and items[1]["rating"] == "4"
    assert items[2]["outcome"] == "" and items[2]["answered_at"] == ""
    ratings = list(csv.DictReader(io.StringIO(r.getvalue())))
    assert [tuple(x[k] for k in export.CSV_RATINGS) for x in ratings] == [
        ("Ada", str(x["id"]), "kl-divergence", "4", x["at"], "30000")
        for x in data["interview_ratings"]
    ]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    return subprocess.run(
        [sys.executable, "-m", "quizmath", "export", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_export_command_files_and_stdout(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "class" / "ada"
    out = cli(db, "--out", str(folder), "--learner", "Ada")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "attempts.csv",
        "drills.csv",
        "interview_ratings.csv",
    ]
    assert f"Wrote 5 rows to {folder / 'attempts.csv'}." in out.stderr
    sizes = {"attempts": 5, "drills": 9, "interview_ratings": 3}
    for table, n in sizes.items():
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == n and {r["learner"] for r in rows} == {"Ada"}
        assert list(rows[0]) == list(export.CSV_COLUMNS[table])

    # --table: that table alone, to a folder or to stdout.
    only = tmp_path / "only"
    assert cli(db, "--out", str(only), "--table", "drills").returncode == 0
    assert [p.name for p in only.iterdir()] == ["drills.csv"]
    for table, n in sizes.items():
        printed = cli(db, "--table", table)
        assert printed.returncode == 0 and printed.stderr == ""
        assert len(list(csv.DictReader(io.StringIO(printed.stdout)))) == n

    # stdout without --table: the attempts table only, with a note on stderr.
    plain = cli(db)
    table = list(csv.reader(io.StringIO(plain.stdout)))
    assert [] not in table and {len(row) for row in table} == {len(export.CSV_ATTEMPTS)}
    assert table[0][:3] == ["learner", "id", "at"] and len(table) == 6
    assert "--table drills" in plain.stderr and "--out DIR" in plain.stderr

    as_json = json.loads(cli(db, "--format", "json").stdout)
    out = cli(db, "--format", "json", "--out", str(tmp_path / "ada.json"))
    assert out.returncode == 0, out.stderr
    assert "Wrote 5 attempts, 3 drills and 3 interview self-ratings to" in out.stderr
    from_file = export.read_json(tmp_path / "ada.json")
    assert {k: v for k, v in from_file.items() if k != "exported_at"} == {
        k: v for k, v in as_json.items() if k != "exported_at"
    }
    assert not list(tmp_path.rglob("*.part"))  # written beside, then renamed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "results.csv"], "--out takes a folder for CSV"),
        (["--format", "json", "--table", "drills"], "--table is for CSV"),
    ],
)
def test_export_command_refuses_mixed_up_options(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = cli(db, *[str(tmp_path / a) if a.endswith(".csv") else a for a in args])
    assert out.returncode == 2 and message in out.stderr
    assert not (tmp_path / "results.csv").exists()


def _history(path: Path, n: int) -> None:
    with Storage.open(path) as s:
        s.write(
            lambda conn: [
                insert_attempt(
                    conn, Attempt("linalg.dot-product", i, f"answer {i}", "accept", i, at=T0), 3
                )
                for i in range(n)
            ]
        )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_memory_does_not_grow_with_the_history(tmp_path: Path, fmt: str) -> None:
    """Rows are streamed: exporting 5× the attempts takes about the same memory (it took 5× as
    much when the whole export was built in memory first). Both sizes span several batches."""
    peaks = []
    for n in (3 * export.BATCH, 15 * export.BATCH):
        path = tmp_path / f"{n}.db"
        _history(path, n)
        with Storage.open(path) as s:
            sink = _Discard()
            tracemalloc.start()
            if fmt == "json":
                export.write_json(s, sink, topics=TOPICS)
            else:
                export.write_csv(s, "attempts", sink, topics=TOPICS)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        assert sink.lines >= n
    small, large = peaks
    assert large < 1.2 * small, peaks


class _Discard(io.TextIOBase):
    """An output that counts lines and keeps nothing."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        return len(text)


HOSTILE = "a\x1b]0;pwned\x07\x1b[2J b\x9b31m c\u202eevil d\x7f e\r f"


def test_no_control_character_reaches_the_output(tmp_path: Path) -> None:
    """An answer holding escape sequences (typed, or put there by a hostile file) is written
    as JSON escapes (read back unchanged) and as visible stand-ins in CSV, never raw."""
    path = tmp_path / "p.db"
    with Storage.open(path) as s:
        s.add_attempt(Attempt("linalg.dot-product", 1, HOSTILE, "reject", 5, at=T0))
        s.write(lambda c: card_rows.insert_self_rating(c, HOSTILE, 2, T0, None))
        as_json, as_csv = io.StringIO(), io.StringIO()
        export.write_json(s, as_json, learner=HOSTILE, topics=TOPICS)
        export.write_csv(s, "attempts", as_csv, learner=HOSTILE, topics=TOPICS)
        ratings = io.StringIO()
        export.write_csv(s, "interview_ratings", ratings)
    for text in (as_json.getvalue(), as_csv.getvalue(), ratings.getvalue()):
        assert not CONTROL.search(text), repr(text)
    data = json.loads(as_json.getvalue())
    assert data["attempts"][0]["answer"] == HOSTILE and data["learner"] == HOSTILE
    assert data["interview_ratings"][0]["interview_id"] == HOSTILE
    (row,) = csv.DictReader(io.StringIO(as_csv.getvalue()))
    assert row["answer"] == neutralise(HOSTILE) and "␛]0;pwned␇" in row["answer"]


def test_confidence_is_exported(tmp_path: Path) -> None:
    # It was stored (issue 14) but left out of both formats (seen in tmux).
    with Storage.open(tmp_path / "p.db") as s:
        s.add_attempt(Attempt("linalg.dot-product", 3, "8", "accept", 10, at=T0))
        s.add_attempt(Attempt("linalg.dot-product", 4, "9", "reject", 10, at=T0, confidence="high"))
        data = export.export_data(s, learner="Ada", topics=TOPICS, now=T0)
        out = io.StringIO()
        export.write_csv(s, "attempts", out, learner="Ada", topics=TOPICS)
    assert [a["confidence"] for a in data["attempts"]] == [None, "high"]
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["confidence"] for r in rows] == ["", "high"]

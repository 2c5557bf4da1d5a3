"""Export: JSON read back equals the database; CSV parses back into the same rows; the
command writes one JSON file, or two CSV files (attempts, drill items), or stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizmath.core import export
from quizmath.core.storage import Storage
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt, insert_attempt
from quizmath.core.storage.times import to_iso

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
    with path.open("w", encoding="utf-8") as f:
        export.write_json(data, f)
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
    with Storage.open(db) as s:
        data = export.export_data(s, learner="Ada", topics=TOPICS)
    a, d = io.StringIO(), io.StringIO()
    export.write_csv_attempts(data, a)
    export.write_csv_drills(data, d)
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
    out = cli(db, "--out", str(tmp_path / "class" / "ada.csv"), "--learner", "Ada")
    assert out.returncode == 0, out.stderr
    assert "Wrote 5 attempts and 3 drills" in out.stderr
    with (tmp_path / "class" / "ada.csv").open(encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == 5
    with (tmp_path / "class" / "ada-drills.csv").open(encoding="utf-8", newline="") as f:
        assert {r["learner"] for r in csv.DictReader(f)} == {"Ada"}

    # stdout: the attempts table, an empty row, the drills table.
    table = list(csv.reader(io.StringIO(cli(db).stdout)))
    gap = table.index([])
    assert table[0][:3] == ["learner", "id", "at"] and len(table[1:gap]) == 5
    assert table[gap + 1][:3] == ["learner", "drill_id", "drill_started_at"]
    assert len(table[gap + 2 :]) == 9

    as_json = json.loads(cli(db, "--format", "json").stdout)
    out = cli(db, "--format", "json", "--out", str(tmp_path / "ada.json"))
    assert out.returncode == 0 and not (tmp_path / "ada-drills.json").exists()
    from_file = export.read_json(tmp_path / "ada.json")
    assert {k: v for k, v in from_file.items() if k != "exported_at"} == {
        k: v for k, v in as_json.items() if k != "exported_at"
    }

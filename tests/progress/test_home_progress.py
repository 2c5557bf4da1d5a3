"""The home screen's figures from a snapshot (issue 13 item 23): loaded once, equal to what the
scheduler reads from the database, and kept exact by updating from each answer just recorded,
with no query; the snapshot can be read on another thread through a reader connection."""

from __future__ import annotations

import random
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizmath.core import scheduler as scheduler_module
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.progress import RECENT, DrillsSummary, ProgressSnapshot, home_view
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Attempt, Storage, StorageError
from quizmath.core.storage import drills as drill_rows

NOW = datetime(2026, 3, 18, 15, 0, tzinfo=UTC)


@dataclass(frozen=True)
class FakeTemplate:
    id: str
    topic: str
    difficulty: int = 1
    title: str = "a template"  # the bank lists templates by their summary (id, title…)


@dataclass(frozen=True)
class Question:
    id: str
    order: int


QUESTIONS = [Question(f"q{i}", i) for i in range(4)]


def make_bank() -> Bank:
    topics = [
        "linear-algebra/vectors",
        "linear-algebra/norms",
        "linear-algebra/determinants",
        "calculus/derivatives",
    ]
    ts = [FakeTemplate(f"t.{k}", topics[k % len(topics)]) for k in range(10)]
    return Bank({t.id: t for t in ts}, [], default_curriculum())  # type: ignore[misc]


@pytest.fixture
def storage(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Storage.open(tmp_path / "p.db") as s:
        yield s


def _scheduler(s: Storage, clock: list[datetime]) -> Scheduler:
    return Scheduler(s, make_bank(), fuzzing=False, now=lambda: clock[0], rng=random.Random(1))


def _answer(rng: random.Random, k: int, at: datetime) -> Attempt:
    return Attempt(
        f"t.{rng.randrange(9)}",  # t.9 is never practised: "new"
        k,
        "x",
        rng.choice(("accept", "accept", "reject", "skipped")),
        rng.randrange(1000, 60_000),
        hints=int(rng.random() < 0.2),
        solution_viewed=rng.random() < 0.2,
        try_no=1 if rng.random() < 0.8 else 2,
        at=at,
    )


def _figures(view):  # type: ignore[no-untyped-def]
    return (
        view.due,
        view.interviews_due,
        view.pick,
        view.next_interview,
        view.topics,
        view.drills,
    )


def test_the_view_of_a_loaded_snapshot_equals_the_schedulers_reads(storage: Storage) -> None:
    clock = [NOW - timedelta(days=20)]
    sched = _scheduler(storage, clock)
    rng = random.Random(2)
    for k in range(120):
        clock[0] += timedelta(hours=3)
        sched.record_attempt(_answer(rng, k, clock[0]))
        if k % 10 == 0:
            sched.rate_interview(f"q{k % 3}", 1 + k % 4, at=clock[0])
    clock[0] = NOW
    snap = ProgressSnapshot.load(storage, make_bank())
    view = home_view(sched, snap, QUESTIONS)
    assert view.due == sched.due_count()
    assert view.interviews_due == len(sched.due_interviews(QUESTIONS))
    assert view.pick == sched.pick()
    assert view.next_interview == sched.next_interview(QUESTIONS)
    assert list(view.topics) == sched.topic_progress()
    assert view.due > 0 and any(t.attempts for t in view.topics)  # a history worth comparing


def test_updating_from_each_answer_keeps_the_view_exact(storage: Storage) -> None:
    """Record answers one by one; after each, the snapshot updated from that answer alone
    gives the same figures as a snapshot read afresh from the database."""
    clock = [NOW]
    sched = _scheduler(storage, clock)
    snap = ProgressSnapshot.load(storage, make_bank())
    rng = random.Random(4)
    for k in range(60):
        clock[0] += timedelta(minutes=37 * (1 + k % 5))
        if k % 7 == 3:
            q = f"q{k % 4}"
            snap = snap.with_rating(q, sched.rate_interview(q, 1 + k % 4, at=clock[0]))
        else:
            attempt = _answer(rng, k, clock[0])
            snap = snap.with_attempt(attempt, sched.record_attempt(attempt))
        fresh = ProgressSnapshot.load(storage, make_bank())
        assert _figures(home_view(sched, snap, QUESTIONS)) == _figures(
            home_view(sched, fresh, QUESTIONS)
        ), k


def test_the_drills_line_reads_the_latest_runs(storage: Storage) -> None:
    def run(at: datetime, end: bool) -> int:
        def tx(conn: sqlite3.Connection) -> int:
            rid = drill_rows.insert_run(
                conn,
                seed=1,
                seeded=False,
                weighted=False,
                topics=(),
                limit_ms=None,
                code="c",
                at=at,
                items=[("problem", "t.1", 1, "linear-algebra/vectors")],
            )
            if end:
                drill_rows.save_item(conn, rid, 0, outcome="correct", answer="1", ms=1, at=at)
                drill_rows.end_run(conn, rid, status="finished", ended="completed", at=at)
            return rid

        return storage.write(tx)

    assert DrillsSummary.load(storage) == DrillsSummary(None, None)
    first, second, running = run(NOW, True), run(NOW, True), run(NOW, False)
    summary = DrillsSummary.load(storage)
    assert summary.unfinished is not None and summary.unfinished.id == running
    assert summary.last_finished is not None and summary.last_finished.id == second
    assert (summary.last_finished.correct, summary.last_finished.questions) == (1, 1)
    assert first < second
    snap = ProgressSnapshot.load(storage, make_bank())
    assert snap.drills == summary
    assert home_view(_scheduler(storage, [NOW]), snap).drills == summary


def test_a_reader_works_on_another_thread_and_cannot_write(storage: Storage) -> None:
    storage.add_attempt(Attempt("t.1", 1, "x", "accept", 1, at=NOW))
    result: dict[str, object] = {}

    def worker() -> None:
        with storage.reader() as reader:
            result["snap"] = ProgressSnapshot.load(reader, make_bank())
            try:
                reader.add_attempt(Attempt("t.1", 2, "x", "accept", 1, at=NOW))
            except StorageError as exc:
                result["write"] = str(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=60)
    snap = result["snap"]
    assert isinstance(snap, ProgressSnapshot) and snap.tallies["t.1"].attempts == 1
    assert "readonly" in str(result["write"]).replace("-", "").replace(" ", "")
    assert len(storage.attempts()) == 1


def test_recent_window_matches_the_scheduler() -> None:
    assert RECENT == scheduler_module.RECENT_ATTEMPTS

"""What the home screen shows, read once off the UI thread and then kept up to date from each
answer as it is recorded, with no further query (issue 13 item 23).

``ProgressSnapshot.load`` reads the few things every home figure is made from: the fsrs cards,
the per-template totals (kept by the database as attempts are written), each template's latest
results, and the unfinished and last finished drill. Its cost does not grow with the history
(a few hundred indexed reads). ``home_view`` turns a snapshot into the figures, with the
scheduler's own rules (``Scheduler.pick``, ``topic_progress`` …), touching no database.

How the app uses it (the UI thread never queries):

1. On start and when returning from a drill or another process may have written: in a worker,
   ``with storage.reader() as r: snap = ProgressSnapshot.load(r, bank)``, then
   ``view = home_view(scheduler, snap, questions)`` and hand both to the UI thread.
2. After each answer: ``recorded = scheduler.record_attempt(attempt)`` (as now), then
   ``snap = snap.with_attempt(attempt, recorded)`` and ``view = home_view(scheduler, snap,
   questions)``: pure computation, well under a millisecond for today's bank. An interview
   rating: ``snap.with_rating(interview_id, recorded)``.
3. When a drill starts or ends: ``snap.with_drills(DrillsSummary.load(r))`` from a worker.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

import msgspec

from quizmath.core.storage import attempts as attempt_rows
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt
from quizmath.core.storage.store import Storage
from quizmath.core.storage.totals import Tally

if TYPE_CHECKING:
    from fsrs import Card  # only in annotations: home's first paint need not import fsrs

    from quizmath.core.bank.bank import Bank
    from quizmath.core.scheduler import Pick, Question, Recorded, Scheduler, TopicProgress

RECENT = 20  # = scheduler.RECENT_ATTEMPTS (kept in step by a test)
Q = TypeVar("Q", bound="Question")


class DrillsSummary(msgspec.Struct, frozen=True):
    """Home's "Drills" line: the latest unfinished run and the latest finished one."""

    unfinished: drill_rows.RunRow | None = None
    last_finished: drill_rows.RunRow | None = None

    @classmethod
    def load(cls, storage: Storage) -> DrillsSummary:
        return storage.read(
            lambda c: cls(drill_rows.latest_run(c, "running"), drill_rows.latest_run(c, "finished"))
        )


class ProgressSnapshot(msgspec.Struct, frozen=True):
    """The inputs of every home figure. Immutable: ``with_*`` return an updated copy, so a
    snapshot made in a worker can be handed to the UI thread safely."""

    template_cards: Mapping[str, Card]
    interview_cards: Mapping[str, Card]
    tallies: Mapping[str, Tally]
    recent: Mapping[str, tuple[tuple[int, bool], ...]]  # newest first: (attempt id, earned)
    drills: DrillsSummary = msgspec.field(default_factory=DrillsSummary)

    @classmethod
    def load(cls, storage: Storage, bank: Bank, recent: int = RECENT) -> ProgressSnapshot:
        """Read everything home needs (see the module docstring for the thread to do it on)."""

        def read(conn: sqlite3.Connection) -> ProgressSnapshot:
            tallies = attempt_rows.tallies(conn)
            return cls(
                card_rows.cards_with_prefix(conn, card_rows.TEMPLATE),
                card_rows.cards_with_prefix(conn, card_rows.INTERVIEW),
                tallies,
                {  # every id with attempts: templates, and exercises (scheduler.exercises)
                    tid: tuple(attempt_rows.recent_by_template(conn, tid, recent))
                    for tid in tallies
                },
            )

        snap = storage.read(read)
        return msgspec.structs.replace(snap, drills=DrillsSummary.load(storage))

    def with_attempt(
        self, attempt: Attempt, recorded: Recorded, recent: int = RECENT
    ) -> ProgressSnapshot:
        """This snapshot after ``attempt`` was recorded (``Scheduler.record_attempt``'s
        result): its template's totals, latest results and card. No query."""
        tid = attempt.template_id
        tally = self.tallies.get(tid, Tally())
        tallies = {**self.tallies, tid: Tally(tally.attempts + 1, tally.earned + attempt.earned)}
        latest = self.recent.get(tid, ())
        if recorded.attempt_id is not None:
            latest = ((recorded.attempt_id, attempt.earned), *latest)[:recent]
        cards = self.template_cards
        if recorded.card is not None:
            cards = {**cards, tid: recorded.card}
        return msgspec.structs.replace(
            self, template_cards=cards, tallies=tallies, recent={**self.recent, tid: latest}
        )

    def with_rating(self, interview_id: str, recorded: Recorded) -> ProgressSnapshot:
        """This snapshot after an interview self-rating (``Scheduler.rate_interview``)."""
        if recorded.card is None:
            return self
        cards = {**self.interview_cards, interview_id: recorded.card}
        return msgspec.structs.replace(self, interview_cards=cards)

    def with_drills(self, drills: DrillsSummary) -> ProgressSnapshot:
        return msgspec.structs.replace(self, drills=drills)

    def recent_results(self, template_ids: Iterable[str], limit: int) -> list[bool]:
        """As ``Storage.recent_results``, from the snapshot."""
        per_template = [list(self.recent.get(t, ())) for t in dict.fromkeys(template_ids)]
        return attempt_rows.merge_recent(per_template, limit)


class HomeView(msgspec.Struct, Generic[Q], frozen=True):
    """Every figure the home screen shows."""

    due: int  # template reviews due now
    interviews_due: int
    pick: Pick | None  # what Continue serves
    next_interview: Q | None
    topics: tuple[TopicProgress, ...]  # curriculum order
    drills: DrillsSummary


def home_view(
    scheduler: Scheduler,
    snapshot: ProgressSnapshot,
    questions: Iterable[Q] = (),
    now: datetime | None = None,
) -> HomeView[Q]:
    """The home figures from a snapshot, by the scheduler's rules; no database access."""
    now = now or scheduler.now()
    qs = list(questions)
    cards, interview_cards = snapshot.template_cards, snapshot.interview_cards
    return HomeView(
        scheduler.due_count(now, cards=cards),
        len(scheduler.due_interviews(qs, now, cards=interview_cards)) if qs else 0,
        scheduler.pick(now=now, cards=cards),
        scheduler.next_interview(qs, now, cards=interview_cards) if qs else None,
        tuple(scheduler.topic_progress(now, snapshot=snapshot)),
        snapshot.drills,
    )

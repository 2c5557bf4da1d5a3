"""What home's figures come from, kept current without a query on the UI thread.

A worker reads progress (``read``) through one reader connection kept for the app's run and
used by one worker at a time. On the UI thread, each answer the scheduler records is taken into
the snapshot at once (``take``: ``ProgressSnapshot.with_attempt``, no query), so home can repaint
from it before a worker is back. An answer recorded while a worker reads is kept aside and
taken into the worker's snapshot when it arrives (``arrived``), unless that snapshot already has
it (the worker read after it was written): once, never twice or never.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.progress import ProgressSnapshot
    from quizmath.core.scheduler import Recorded, Scheduler
    from quizmath.core.storage import Storage
    from quizmath.core.storage.attempts import Attempt

Answer = tuple["Attempt | str", "Recorded"]  # an attempt, or an interview id (a self-rating)


class HomeProgress:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage  # the app's (UI thread) storage: readers are opened from it
        self.snapshot: ProgressSnapshot | None = None
        self.placed: Mapping[str, str] | None = None  # topic id → level in the last placement
        self.reading = False  # a worker is reading
        self._fed: list[Answer] = []  # answers recorded since that reading started
        self._reader: Storage | None = None
        self._lock = threading.Lock()

    def started(self) -> None:
        """A worker is about to read (UI thread)."""
        self.reading, self._fed = True, []

    def read(
        self, scheduler: Scheduler, bank: Bank
    ) -> tuple[ProgressSnapshot, Mapping[str, str] | None]:
        """Read the snapshot and the latest placement (a worker thread)."""
        from quizmath.tui.home_figures import load

        with self._lock:
            if self._reader is None:
                self._reader = self.storage.reader()
            return load(self._reader, scheduler, bank)

    def take(self, what: Attempt | str, recorded: Recorded) -> None:
        """The scheduler recorded an answer (UI thread): take it in, no query."""
        if self.reading:
            self._fed.append((what, recorded))
        if self.snapshot is not None:
            self.snapshot = _taken_in(self.snapshot, what, recorded)

    def arrived(self, snapshot: ProgressSnapshot | None, placed: Mapping[str, str] | None) -> bool:
        """A worker's reading is back (UI thread; None: it failed). True if answers recorded
        meanwhile were added to it (figures made from it in the worker are then out of date)."""
        self.reading = False
        fed, self._fed = self._fed, []
        if snapshot is None:
            return False
        missing = [(w, r) for w, r in fed if not _included(snapshot, w, r)]
        for what, recorded in missing:
            snapshot = _taken_in(snapshot, what, recorded)
        self.snapshot, self.placed = snapshot, placed
        return bool(missing)

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None


def _included(snapshot: ProgressSnapshot, what: Attempt | str, recorded: Recorded) -> bool:
    """The snapshot already has this answer (it was read after the answer was written)."""
    if isinstance(what, str):
        return False  # a self-rating sets the card: taking it in again does no harm
    latest = snapshot.recent.get(what.template_id, ())
    return any(attempt_id == recorded.attempt_id for attempt_id, _ in latest)


def _taken_in(
    snapshot: ProgressSnapshot, what: Attempt | str, recorded: Recorded
) -> ProgressSnapshot:
    if isinstance(what, str):
        return snapshot.with_rating(what, recorded)
    return snapshot.with_attempt(what, recorded)

"""The list of drill runs: unfinished ones to resume or discard, and the history."""

from __future__ import annotations

from datetime import datetime

from quizmath.core.drill.outcomes import RunEnding, RunStatus
from quizmath.core.storage import drills as rows
from quizmath.core.storage.drills import RunRow
from quizmath.core.storage.store import Storage


def find_unfinished(storage: Storage) -> list[RunRow]:
    """Runs left unfinished (quit, crash or kill), newest first: offer to resume or discard."""
    return list(reversed(storage.read(lambda c: rows.list_runs(c, [RunStatus.RUNNING]))))


def discard(storage: Storage, drill_id: int, at: datetime) -> bool:
    """Mark an unfinished run discarded (kept in history, never deleted). False if it was not
    unfinished."""
    return storage.write(
        lambda c: rows.end_run(
            c, drill_id, status=RunStatus.DISCARDED, ended=RunEnding.DISCARDED, at=at
        )
    )


def drill_history(storage: Storage, *, include_discarded: bool = False) -> list[RunRow]:
    """Runs oldest first: finished ones (and discarded ones if asked); never running ones."""
    statuses = [RunStatus.FINISHED]
    if include_discarded:
        statuses.append(RunStatus.DISCARDED)
    return storage.read(lambda c: rows.list_runs(c, statuses))


def get_run(storage: Storage, drill_id: int) -> RunRow | None:
    return storage.read(lambda c: rows.get_run(c, drill_id))

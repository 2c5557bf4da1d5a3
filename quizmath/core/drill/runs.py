"""The list of drill runs: unfinished ones to resume or discard, and the history.

Starting a drill when one is unfinished (quit, crash, kill) is decided here, for every front
end (``decide_start``): ``--resume [ID]`` resumes it (or says there is none), ``--discard [ID]``
discards it and starts anew, and with neither the learner is asked (resume, discard and start
anew, or keep it and start anew). Light: home reads its line from here before its first paint.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec

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


def drill_history(
    storage: Storage, *, include_discarded: bool = False, include_unfinished: bool = False
) -> list[RunRow]:
    """Runs oldest first: finished ones, and discarded or unfinished (running) ones if asked."""
    statuses = [RunStatus.FINISHED]
    if include_discarded:
        statuses.append(RunStatus.DISCARDED)
    if include_unfinished:
        statuses.append(RunStatus.RUNNING)
    return storage.read(lambda c: rows.list_runs(c, statuses))


def get_run(storage: Storage, drill_id: int) -> RunRow | None:
    return storage.read(lambda c: rows.get_run(c, drill_id))


LAST = "last"  # ``--resume``/``--discard`` without an id: the latest unfinished drill


class StartAction(StrEnum):
    NEW = "new"  # start the new drill (discarding ``run`` first when ``discard``)
    RESUME = "resume"  # resume ``run``
    ASK = "ask"  # ``run`` is unfinished and nothing says what to do with it: ask
    NOTHING = "nothing"  # there is no unfinished drill ``missing`` to resume: start nothing


class Choice(StrEnum):
    """What the learner chose for an unfinished drill, when asked."""

    RESUME = "resume"  # finish it
    DISCARD = "discard"  # drop it (kept in the history as discarded), then a new drill
    LATER = "later"  # keep it for later


class StartDecision(msgspec.Struct, frozen=True):
    action: StartAction
    run: RunRow | None = None  # the run to resume, to discard, or to ask about
    discard: bool = False  # NEW: discard ``run`` first
    missing: str | None = None  # the --resume/--discard target ("last" or an id) not found


def decide_start(
    unfinished: list[RunRow], *, resume: str | None = None, discard: str | None = None
) -> StartDecision:
    """What starting a drill does, given the unfinished runs (newest first, as
    ``find_unfinished``) and ``--resume``/``--discard`` ("last" or a drill id)."""

    def pick(which: str) -> RunRow | None:
        if which == LAST:
            return unfinished[0] if unfinished else None
        return next((r for r in unfinished if str(r.id) == which), None)

    if resume is not None:
        target = pick(resume)
        if target is None:
            return StartDecision(StartAction.NOTHING, missing=resume)
        return StartDecision(StartAction.RESUME, target)
    if discard is not None:
        target = pick(discard)
        if target is None:
            return StartDecision(StartAction.NEW, missing=discard)
        return StartDecision(StartAction.NEW, target, discard=True)
    if not unfinished:
        return StartDecision(StartAction.NEW)
    return StartDecision(StartAction.ASK, unfinished[0])


def after_choice(choice: Choice, run: RunRow) -> StartDecision:
    """The decision once the learner has answered about ``run``."""
    if choice == Choice.RESUME:
        return StartDecision(StartAction.RESUME, run)
    return StartDecision(StartAction.NEW, run, discard=choice == Choice.DISCARD)

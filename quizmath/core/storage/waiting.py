"""Saving while another process holds the progress file's write lock: wait, and say so.

``Database.write`` already retries for about half a minute (``BUSY_TIMEOUT_S`` ×
``WRITE_RETRIES``). A lock held longer (a backup or sync tool, another program paused inside a
transaction) used to end plain mode with "database is locked" (issue 13 item 9; nothing was
lost, but the session was over). ``while_busy`` keeps trying with growing pauses, telling the
caller before each one so the learner knows why nothing happens, until the write goes through,
the learner interrupts (Ctrl+C), or ``PATIENCE_S`` has passed. Any other storage error (a full
disk, a damaged file) is raised at once: waiting cannot fix it.

The TUI does not wait in a loop: a save that fails says "Not saved; press Enter to try again".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from quizmath.core.storage.db import StorageError

T = TypeVar("T")

PAUSES_S = (1.0, 2.0, 4.0, 8.0, 15.0)  # between tries; the last one repeats
PATIENCE_S = 600.0  # then the error is raised: a script must not hang forever


def while_busy(
    save: Callable[[], T],
    on_wait: Callable[[float], None],
    *,
    sleep: Callable[[float], None] = time.sleep,
    patience: float = PATIENCE_S,
) -> T:
    """``save()``; while it fails because the file is locked, ``on_wait(seconds)``, pause, and
    try again. ``save`` must leave nothing half-done when it raises (every ``Storage`` write is
    one transaction, and the practice and drill flows change their state only once saved)."""
    waited = 0.0
    tries = 0
    while True:
        try:
            return save()
        except StorageError as exc:
            if not exc.busy or waited >= patience:
                raise
            pause = PAUSES_S[min(tries, len(PAUSES_S) - 1)]
            on_wait(pause)
            sleep(pause)
            waited += pause
            tries += 1

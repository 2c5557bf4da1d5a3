"""Saved progress: one SQLite file of attempts, fsrs cards, reviews and interview ratings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizmath.core.storage.db import StorageError
from quizmath.core.storage.paths import default_db_path, resolve_db_path
from quizmath.core.storage.store import Storage

if TYPE_CHECKING:
    from quizmath.core.storage.attempts import Attempt
    from quizmath.core.storage.totals import Tally

__all__ = ["Attempt", "Storage", "StorageError", "Tally", "default_db_path", "resolve_db_path"]


def __getattr__(name: str) -> Any:
    # The attempt rows and tallies load on first use: opening the storage does not need them,
    # and the app opens it before its first frame (issue 13 item 24).
    if name == "Attempt":
        from quizmath.core.storage.attempts import Attempt

        return Attempt
    if name == "Tally":
        from quizmath.core.storage.totals import Tally

        return Tally
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

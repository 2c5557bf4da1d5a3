"""Saved progress: one SQLite file of attempts, fsrs cards, reviews and interview ratings."""

from __future__ import annotations

from quizmath.core.storage.attempts import Attempt
from quizmath.core.storage.db import StorageError
from quizmath.core.storage.paths import default_db_path, resolve_db_path
from quizmath.core.storage.store import Storage
from quizmath.core.storage.totals import Tally

__all__ = ["Attempt", "Storage", "StorageError", "Tally", "default_db_path", "resolve_db_path"]

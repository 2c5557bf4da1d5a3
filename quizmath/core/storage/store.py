"""``Storage``: the progress file as the rest of the app sees it.

Reads are simple methods; writes that must be atomic (an attempt with its card review) are
built by the scheduler as one function and run through ``Storage.write``. A Storage belongs to
the thread that opened it: the TUI checks answers in a worker thread and records them on the
UI thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from quizmath.core.storage import cards
from quizmath.core.storage.db import Database, StorageError
from quizmath.core.storage.paths import resolve_db_path

if TYPE_CHECKING:
    from fsrs import Card  # imported where cards are made or read: not to open the storage

    from quizmath.core.storage.attempts import Attempt
    from quizmath.core.storage.totals import Tally

T = TypeVar("T")


class Storage:
    def __init__(self, db: Database) -> None:
        self._db = db

    @classmethod
    def open(cls, path: Path | str | None = None, *, check: bool = False) -> Storage:
        """Open (creating if needed) the progress file; ``path`` None means ``$QUIZMATH_DB``
        or the user data directory. ``check``: read every page first (it is done anyway
        after a crash). Raises StorageError."""
        return cls(Database.open(resolve_db_path(path), check=check))

    @classmethod
    def open_for_reading(cls, path: Path | str | None = None, *, check: bool = False) -> Storage:
        """Open the progress file for a command that only reads it (``stats``, ``export``,
        reports): a missing or empty file is a StorageError saying so, and nothing is created.
        An existing file is opened as by ``open`` (an older schema is brought up to date)."""
        return cls(Database.open(resolve_db_path(path), create=False, check=check))

    def reader(self) -> Storage:
        """Another connection to the same file, for workers that only read (the home screen's
        figures, stats). Any thread may use it, one at a time: open one for the app's run
        and give it to the workers in turn (a fresh one starts with a cold page cache, about
        twice the cost at a million attempts). Reads see every committed write; any write
        through it fails."""
        return Storage(self._db.reader())

    @property
    def path(self) -> Path:
        return self._db.path

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writes --------------------------------------------------------------------------------

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one committed transaction (see ``Database.write``)."""
        return self._db.write(fn)

    def add_attempt(self, attempt: Attempt) -> int:
        """Record an attempt that reviews no card (the scheduler records the others)."""
        from quizmath.core.storage.attempts import insert_attempt  # (not to open the storage)

        return self.write(lambda conn: insert_attempt(conn, attempt, None))

    # -- reads ---------------------------------------------------------------------------------

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return fn(self._db.conn)
        except sqlite3.ProgrammingError:
            raise  # a bug (wrong thread, closed connection), not a problem with the file
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot read progress from {self.path}: {exc}", self.path) from None

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read-only query function (e.g. from ``storage.drills``) on this connection."""
        return self._read(fn)

    def stream(self, fn: Callable[[sqlite3.Connection], Iterable[T]]) -> Iterator[T]:
        """The rows of a query function, one at a time (constant memory), with a damaged or
        unreadable file reported as a StorageError while iterating too."""
        try:
            yield from fn(self._db.conn)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot read progress from {self.path}: {exc}", self.path) from None

    # The attempt queries are imported where used: opening the storage does not need them.

    def attempts(self, template_id: str | None = None) -> list[Attempt]:
        from quizmath.core.storage.attempts import list_attempts

        return self._read(lambda c: list_attempts(c, template_id))

    def correct_times(self, template_id: str, limit: int = 20) -> list[int]:
        from quizmath.core.storage.attempts import correct_times

        return self._read(lambda c: correct_times(c, template_id, limit))

    def recent_seeds(self, template_id: str, limit: int = 50) -> set[int]:
        from quizmath.core.storage.attempts import recent_seeds

        return self._read(lambda c: recent_seeds(c, template_id, limit))

    def tallies(self) -> dict[str, Tally]:
        from quizmath.core.storage.attempts import tallies

        return self._read(tallies)

    def recent_results(self, template_ids: Iterable[str], limit: int) -> list[bool]:
        from quizmath.core.storage.attempts import recent_results

        return self._read(lambda c: recent_results(c, template_ids, limit))

    def card(self, key: str) -> Card | None:
        return self._read(lambda c: cards.get_card(c, key))

    def template_cards(self) -> dict[str, Card]:
        return self._read(lambda c: cards.cards_with_prefix(c, cards.TEMPLATE))

    def interview_cards(self) -> dict[str, Card]:
        return self._read(lambda c: cards.cards_with_prefix(c, cards.INTERVIEW))

    def reviews(self, key: str) -> list[tuple[int, str, int | None]]:
        return self._read(lambda c: cards.reviews(c, key))

    def self_ratings(self, interview_id: str) -> list[int]:
        return self._read(
            lambda c: [
                r[0]
                for r in c.execute(
                    "SELECT rating FROM interview_ratings WHERE interview_id = ? ORDER BY id",
                    (interview_id,),
                )
            ]
        )

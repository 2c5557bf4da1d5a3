"""The learner's side of an exercise on disk: the workspace file, and its saves as they come.

Shared by ``quizmath code`` and any other front end (the TUI's exercise screen): the rules —
never overwrite the learner's file, grade each distinct content once — live here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizmath.core.exercises.model import Exercise
from quizmath.core.exercises.starter import file_name, starter_source

DEBOUNCE_MS = 300
POLL_MS = 1000


def default_folder() -> Path:
    """``<user data dir>/quizmath/exercises`` (e.g. ``~/.local/share/quizmath/exercises``)."""
    import platformdirs

    return platformdirs.user_data_path("quizmath", appauthor=False) / "exercises"


@dataclass(frozen=True)
class Workspace:
    path: Path  # the learner's file
    created: bool  # False: the file was there already and is kept as it is


def prepare(exercise: Exercise, folder: Path | None = None, name: str | None = None) -> Workspace:
    """The learner's file for ``exercise`` (``name``, default ``file_name(exercise.id)``),
    written from the starter only if it does not exist.

    Raises OSError when the folder cannot be made or written.
    """
    folder = folder if folder is not None else default_folder()
    path = folder / (name or file_name(exercise.id))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as fh:  # "x": never over the learner's work
            fh.write(starter_source(exercise))
    except FileExistsError:
        return Workspace(path, False)
    return Workspace(path, True)


def untouched(exercise: Exercise, source: str) -> bool:
    """``source`` is still the starter file as written (nothing of the learner's in it)."""
    return source.replace("\r\n", "\n").strip() == starter_source(exercise).strip()


def read_source(path: Path) -> str:
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    return path.read_text(encoding="utf-8", errors="replace")


def saves(path: Path, stop: threading.Event | None = None) -> Iterator[str]:
    """The file's content now, then each time a save changes it, until ``stop`` is set.

    Watches the folder (editors save by writing a new file and renaming it over the old one)
    for events on this file name, and looks at the file every second as well, so a save made
    while the watcher starts, or an event a network file system drops, is not missed. A save
    that leaves the content as it was (editors often write twice) yields nothing.
    """
    import watchfiles

    last: str | None = None

    def changed() -> str | None:
        nonlocal last
        try:
            source = read_source(path)
        except OSError:
            return None  # between delete and rename: the next event brings it back
        if source == last:
            return None
        last = source
        return source

    first = changed()
    if first is not None:
        yield first
    for _ in watchfiles.watch(
        path.parent,
        watch_filter=lambda _change, p: Path(p).name == path.name,
        debounce=DEBOUNCE_MS,
        recursive=False,
        rust_timeout=POLL_MS,
        yield_on_timeout=True,
        stop_event=stop,
    ):
        source = changed()
        if source is not None:
            yield source

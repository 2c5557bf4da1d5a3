"""Starting the full-screen app from a command (``quizmath``, ``quizmath practice``,
``quizmath drill``): the one place that calls the TUI's entry point, ``tui.launch.run_app``.

The app needs a terminal on standard input and output. Without one (a pipe, a file,
``</dev/null``, a script) it would wait forever for keys it cannot read, so the command says so
in one line, points to ``--plain``, and exits 2 before loading anything.
``QUIZMATH_EXIT_AFTER_PAINT=1`` (benchmarks, tests) runs without a terminal: the app exits once
its first problem is painted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.drill.options import DrillOptions
    from quizmath.tui.services import StartSpec

EXIT_AFTER_PAINT = "QUIZMATH_EXIT_AFTER_PAINT"  # = tui.launch.EXIT_AFTER_PAINT (kept light)


def has_terminal() -> bool:
    """Standard input and output are both a terminal (or a benchmark asks to paint once)."""
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        return True
    streams = (sys.stdin, sys.stdout)
    return all(s is not None and hasattr(s, "isatty") and s.isatty() for s in streams)


def open_app(
    *,
    program: str,
    plain: str,
    db: str | None = None,
    bank_paths: Sequence[Path] | None = None,
    interview_paths: Sequence[Path] | None = None,
    topic: str | None = None,
    template: str | None = None,
    count: int | None = None,
    drill: DrillOptions | None = None,
    resume: str | None = None,
    discard: str | None = None,
    placement: bool = False,
    confidence: bool = False,
) -> int:
    """Open the progress storage, then run the app: on home; on practice (``topic`` as typed,
    ``template`` as ``id`` or ``id@seed``, ``count``); on the ``drill`` (with ``--resume`` or
    ``--discard``); or on ``placement``. ``plain`` is the command that does the same line by
    line (said when there is no terminal)."""
    if not has_terminal():
        print(
            f"{program}: the full-screen app needs a terminal on standard input and output; "
            f"use `{plain}` to work line by line.",
            file=sys.stderr,
        )
        return 2
    from quizmath.tui import gc_pause

    gc_pause.pause()  # until the app's content has loaded (tui/gc_pause.py: start-up time)
    from quizmath.tui.services import StartSpec

    start = StartSpec(topic, template, count, drill, resume, discard, placement=placement)
    try:
        return _run(program, db, bank_paths, interview_paths, confidence, start)
    finally:
        gc_pause.resume()


def _run(
    program: str,
    db: str | None,
    bank_paths: Sequence[Path] | None,
    interview_paths: Sequence[Path] | None,
    confidence: bool,
    start: StartSpec,
) -> int:
    from quizmath.core.storage import Storage, StorageError

    try:
        storage = Storage.open(db)
    except StorageError as exc:
        print(f"{program}: {exc}", file=sys.stderr)
        return 1
    try:
        from quizmath.tui.launch import run_app
        from quizmath.tui.services import Services

        services = Services(
            storage,
            bank_paths=bank_paths,
            interview_paths=interview_paths,
            confidence=confidence,
        )
        return run_app(services, start, program=program)
    finally:
        storage.close()

"""``run_app(services, start)``: the one way into the full-screen app (``commands`` calls it).

The caller opens the progress storage (on this thread: SQLite connections are thread-bound) and
says where the app opens (``StartSpec``). Before the app is built:

- ``--template ID@SEED``: the problem is made in a helper process while Textual loads (see
  ``quizmath.tui.prefetch``), or here when no core is idle; either way the app paints it
  before its practice session exists (that follows once the bank has loaded);
- otherwise, for practice, ``--template ID`` loads just that template's file (the full bank
  follows in a worker), and ``--topic`` and ``--count`` load the bank first, so a mistyped topic
  or template is reported on the terminal like in plain mode (exit 2).

``QUIZMATH_EXIT_AFTER_PAINT=1`` (benchmarks) exits once the first problem is painted and prints
``painted <time.monotonic_ns()> cpu <time.process_time_ns()>`` on stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.bank.problem import parse_ref
from quizmath.core.errors import QuizmathError
from quizmath.tui.prefetch import Prefetch, Prefetched, PrefetchFailed, make
from quizmath.tui.services import Services, StartSpec

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank

EXIT_AFTER_PAINT = "QUIZMATH_EXIT_AFTER_PAINT"


def run_app(services: Services, start: StartSpec, *, program: str = "quizmath") -> int:
    """Run the app until it is quit; the process's exit status. ``start.topic`` may be a topic
    as typed (an id, its last part); it is resolved here. Errors in what ``start`` asks for are
    printed as ``<program>: <error>`` and return 2."""
    first = None
    prefetch = start_prefetch(start, services.bank_paths)
    if prefetch is not None:
        # Textual and the practice screen load while the helper works.
        from quizmath.tui.app import QuizApp
        from quizmath.tui.screens import practice  # noqa: F401 - imported now, used once mounted

        try:
            first = prefetch.result()
        except QuizmathError as exc:
            print(f"{program}: {exc}", file=sys.stderr)
            return 2
        except PrefetchFailed:
            first = None  # make it here instead
    if first is None and seeded(start):
        # No helper (no idle core, or it failed): make the problem here the same way, before
        # the app, so the app paints it without building a practice session first (that
        # waits for the bank, after the first paint, as with the helper).
        try:
            first = make_here(start, services.bank_paths)
        except QuizmathError as exc:
            print(f"{program}: {exc}", file=sys.stderr)
            return 2
    if first is None:
        try:
            start, bank = prepare(start, services.bank_paths)
        except QuizmathError as exc:
            print(f"{program}: {exc}", file=sys.stderr)
            return 2
        services = msgspec.structs.replace(services, prestarted_bank=bank)
    from quizmath.tui.app import QuizApp

    exit_after_paint = os.environ.get(EXIT_AFTER_PAINT) == "1"
    app = QuizApp(services, start, first=first, exit_after_paint=exit_after_paint)
    code = app.run()
    if app.exit_after_paint and app.painted_ns is not None:
        print(f"painted {app.painted_ns} cpu {app.painted_cpu_ns}", flush=True)
    return exit_status(app, code)


def start_prefetch(start: StartSpec, bank_paths: Sequence[Path] | None) -> Prefetch | None:
    """For ``--template ID@SEED``: make that problem in a helper process meanwhile."""
    if not start.template or start.topic:
        return None
    return Prefetch.start(start.template, list(bank_paths) if bank_paths else None)


def seeded(start: StartSpec) -> bool:
    """``--template ID@SEED`` (alone): a problem that can be made before the app."""
    if not start.template or start.topic:
        return False
    try:
        return parse_ref(start.template)[1] is not None
    except QuizmathError:
        return False  # reported by ``prepare``, with the same message as plain mode


def make_here(start: StartSpec, bank_paths: Sequence[Path] | None) -> Prefetched:
    """The problem of ``--template ID@SEED``, made in this process as the helper makes it."""
    assert start.template is not None
    problem, topic_title = make(start.template, list(bank_paths) if bank_paths else [])
    return Prefetched(problem, topic_title)


def prepare(start: StartSpec, paths: Sequence[Path] | None) -> tuple[StartSpec, Bank | None]:
    """What to open, the topic resolved, and for practice the bank to practise from. Raises
    QuizmathError (an unknown topic or template, with "did you mean")."""
    if not start.practice:
        return start, None  # home or a drill: the bank loads after the first paint
    from quizmath.core.bank.bank import Bank, default_curriculum, load_bank, load_one
    from quizmath.core.bank.problem import parse_ref

    if start.template:
        template_id, _seed = parse_ref(start.template)
        if not paths:
            # One template: load just its file (fast), not the whole bank.
            one = load_one(template_id)
            return start, Bank({one.id: one}, [], default_curriculum())
    bank = load_bank(list(paths) if paths else None)
    if start.template:
        bank.get(parse_ref(start.template)[0])  # unknown → an error with "did you mean"
    from quizmath.core.bank.topic_names import practice_scope

    scope = practice_scope(bank, start.topic) if isinstance(start.topic, str) else start.topic
    return msgspec.structs.replace(start, topic=scope), bank


def exit_status(app: Any, result: object) -> int:
    """The process's exit status: Textual's return code after a crash (it prints the
    traceback and run() returns None, which used to become a silent 0), else the app's own."""
    if app.return_code:
        return int(app.return_code)
    return result if isinstance(result, int) and not isinstance(result, bool) else 0

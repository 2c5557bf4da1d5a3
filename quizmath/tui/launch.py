"""``run_tui(args)``: open the progress file, then the app (home, or practice straight away).

Storage is opened first: if it cannot be used, the error is printed and the UI never starts.
With ``--template ID@SEED`` the problem is made in a helper process while Textual loads (see
``quizmath.tui.prefetch``); with ``--template ID`` only that template's file is loaded before
the first paint (the full bank follows in a worker); ``--topic`` and ``--count`` load the bank
first, so a mistyped topic is reported on the terminal like in plain mode.

``QUIZMATH_EXIT_AFTER_PAINT=1`` (benchmarks) exits once the first problem is painted and prints
``painted <time.monotonic_ns()>`` on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from quizmath.tui.prefetch import Prefetch, PrefetchFailed
from quizmath.tui.services import StartSpec

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank

EXIT_AFTER_PAINT = "QUIZMATH_EXIT_AFTER_PAINT"


def run_tui(args: argparse.Namespace) -> int:
    from quizmath.core.errors import QuizmathError
    from quizmath.core.storage import Storage, StorageError

    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        print(f"quizmath: {exc}", file=sys.stderr)
        return 1
    try:
        first = None
        prefetch = start_prefetch(args)
        if prefetch is not None:
            from quizmath.tui.app import QuizApp  # Textual loads while the helper works

            try:
                first = prefetch.result()
            except QuizmathError as exc:
                print(f"quizmath: {exc}", file=sys.stderr)
                return 2
            except PrefetchFailed:
                first = None  # make it here instead
        try:
            if first is not None:
                start, bank = StartSpec(template=args.template, count=args.count), None
            else:
                start, bank = prepare(args)
        except QuizmathError as exc:
            print(f"quizmath: {exc}", file=sys.stderr)
            return 2
        from quizmath.tui.app import QuizApp
        from quizmath.tui.services import Services

        services = Services(storage, bank_paths=getattr(args, "bank", None), prestarted_bank=bank)
        exit_after_paint = os.environ.get(EXIT_AFTER_PAINT) == "1"
        app = QuizApp(services, start, first=first, exit_after_paint=exit_after_paint)
        code = app.run()
        if app.exit_after_paint and app.painted_ns is not None:
            print(f"painted {app.painted_ns}", flush=True)
        return exit_status(app, code)
    finally:
        storage.close()


def start_prefetch(args: argparse.Namespace) -> Prefetch | None:
    """For ``--template ID@SEED``: make that problem in a helper process meanwhile."""
    template = getattr(args, "template", None)
    if not template or getattr(args, "topic", None):
        return None
    return Prefetch.start(template, getattr(args, "bank", None))


def prepare(args: argparse.Namespace) -> tuple[StartSpec, Bank | None]:
    """What to open and, for practice, the bank to practise from. Raises QuizmathError."""
    template = getattr(args, "template", None)
    topic = getattr(args, "topic", None)
    count = getattr(args, "count", None)
    paths = getattr(args, "bank", None)
    if not (template or topic or count):
        return StartSpec(), None  # home: the bank loads after the first paint
    from quizmath.core.bank.bank import Bank, default_curriculum, load_bank, load_one
    from quizmath.core.bank.problem import parse_ref

    if template:
        template_id, _seed = parse_ref(template)
        if not paths:
            # One template: load just its file (fast), not the whole bank.
            one = load_one(template_id)
            return StartSpec(template=template, count=count), Bank(
                {one.id: one}, [], default_curriculum()
            )
    bank = load_bank(paths)
    if template:
        bank.get(parse_ref(template)[0])  # unknown → an error with "did you mean"
    topic_id = bank.curriculum.resolve_topic(topic) if topic else None
    return StartSpec(topic=topic_id, template=template, count=count), bank


def run_drill_tui(args: argparse.Namespace) -> int:
    """``quizmath drill`` full screen: the drill its options ask for, over home (an unfinished
    drill is offered first; ``--resume``/``--discard`` say what to do with it). Topics are
    checked before the UI starts, so a mistyped one is reported on the terminal; the bank loads
    after the first paint, while the drill screen says it is preparing."""
    from quizmath.core.errors import QuizmathError
    from quizmath.core.storage import Storage, StorageError

    try:
        topics = drill_topics(getattr(args, "topics", None))
    except QuizmathError as exc:
        print(f"quizmath drill: {exc}", file=sys.stderr)
        return 2
    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        print(f"quizmath drill: {exc}", file=sys.stderr)
        return 1
    try:
        from quizmath.core.drill.options import DrillOptions
        from quizmath.tui.app import QuizApp
        from quizmath.tui.services import Services

        options = DrillOptions(
            minutes=args.minutes, questions=args.questions, topics=topics, seed=args.seed
        )
        services = Services(
            storage,
            bank_paths=getattr(args, "bank", None),
            interview_paths=getattr(args, "interviews", None),
        )
        start = StartSpec(
            drill=options,
            resume=getattr(args, "resume", None),
            discard=getattr(args, "discard", None),
        )
        app = QuizApp(services, start)
        return exit_status(app, app.run())
    finally:
        storage.close()


def exit_status(app: Any, result: object) -> int:
    """The process's exit status: Textual's return code after a crash (it prints the
    traceback and run() returns None, which used to become a silent 0), else the app's own."""
    if app.return_code:
        return int(app.return_code)
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


def drill_topics(text: str | None) -> tuple[str, ...]:
    """Topic ids from ``--topics a,b`` (ids, slugs or areas); raises DrillError."""
    if not text:
        return ()
    from quizmath.core.bank.bank import default_curriculum
    from quizmath.core.drill.plan import resolve_topics

    return resolve_topics(default_curriculum(), text.split(","))

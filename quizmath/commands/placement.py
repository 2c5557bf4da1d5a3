"""``quizmath placement``: where you stand, from 15–25 questions along the prerequisites.

The full-screen app, or ``--plain`` line by line (``quizmath.plain.placement`` says how it
reads and what it prints). Known topics are seeded as already learned, so Continue starts
where you are; taking it again never erases anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

PROG = "quizmath placement"

EPILOG = """\
in --plain mode, type an answer, or one of:
  dont know, skip   you do not know it: the topic is placed new
  help              how to write the answer
  quit              stop; what was placed so far is kept (so does the end of input)
Each question is answered once: placement measures, it does not teach. A topic is asked only
when the topics it builds on were passed (curriculum.yaml's requires:).
"""


def register(sub: argparse._SubParsersAction) -> None:
    from quizmath.core.placement import MAX_QUESTIONS

    p = sub.add_parser(
        "placement",
        help="a placement test: mark what you know, so practice starts where you are",
        description=f"Up to {MAX_QUESTIONS} questions along the curriculum's prerequisites "
        "place each topic as known, shaky or new. Known topics are scheduled for review in a "
        "few days, so Continue starts with what you do not know yet. --plain works line by "
        "line, for screen readers, pipes and scripts.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full screen)")
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="template files or folders instead of the built-in bank (repeatable)",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    if args.plain:
        return run_plain(args)
    from quizmath.commands.full_screen import open_app

    return open_app(
        placement=True,
        program=PROG,
        plain="quizmath placement --plain",
        db=getattr(args, "db", None),
        bank_paths=args.bank,
    )


def run_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.errors import QuizmathError
    from quizmath.core.placement.flow import Placement
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage, StorageError

    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    for stream in (inp, out):  # odd bytes or a narrow locale must not end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        bank = load_bank(args.bank)
    except QuizmathError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if not bank.templates:
        print(f"{PROG}: the bank has no templates to ask", file=sys.stderr)
        return 2
    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    from quizmath.plain.checker import plain_checker  # imports the answer parser

    checker = plain_checker("placement")
    try:
        placement = Placement(bank, Scheduler(storage, bank), checker)
        from quizmath.plain.placement import PlainPlacement

        return PlainPlacement(placement, inp, out).run()
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    finally:
        checker.close()
        storage.close()

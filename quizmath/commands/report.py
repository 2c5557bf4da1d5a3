"""``quizmath report ID@SEED``: a text bundle to paste into an issue about a problem."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="describe one problem and your answers to it, for a bug report",
        description="Print the problem ID@SEED as shown, the answers recorded for it in "
        "your progress file (latest first), how each is read and judged today, and the "
        "quizmath and bank versions: everything an issue about a question needs. The "
        "progress file is only read, never created.",
    )
    p.add_argument("ref", metavar="ID@SEED", help="e.g. linalg.dot-product@3")
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath import __version__
    from quizmath.core.answers import check
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.bank.generate import generate
    from quizmath.core.bank.problem import parse_ref
    from quizmath.core.errors import QuizmathError
    from quizmath.core.problem_report import (
        MAX_ANSWERS,
        bank_digest,
        read_answers,
        report_text,
    )
    from quizmath.core.storage import Storage, StorageError

    try:
        template_id, seed = parse_ref(args.ref)
        if seed is None:
            raise QuizmathError(f'say which instance: "{template_id}@SEED", e.g. @0')
        bank = load_bank()
        template = bank.get(template_id)
        problem = generate(template, seed)
    except QuizmathError as exc:
        print(f"quizmath report: {exc}", file=sys.stderr)
        return 1
    attempts = []
    try:
        with Storage.open_for_reading(getattr(args, "db", None)) as storage:
            db_note = f"from {storage.path}"
            attempts = [a for a in storage.attempts(template_id) if a.seed == seed]
    except StorageError as exc:
        db_note = f"no progress read: {exc}"
    attempts.sort(key=lambda a: (a.at, a.id or 0), reverse=True)
    answers = read_answers(problem, attempts[:MAX_ANSWERS], check)
    print(
        report_text(
            template,
            problem,
            answers,
            db_note=db_note,
            version=__version__,
            bank_hash=bank_digest(bank.files),
        )
    )
    return 0

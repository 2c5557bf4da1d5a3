"""``quizmath export``: every attempt, drill and interview self-rating, as JSON or CSV.

JSON is one document. CSV is two tables: attempts, and drill items (each with its drill's
columns); ``--out results.csv`` writes ``results.csv`` and ``results-drills.csv``, and without
``--out`` both go to stdout, attempts first, separated by one empty line. ``--learner NAME``
fills the first column of every row, so a class's files can be put together. Layout:
``quizmath.core.export``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROG = "quizmath export"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        help="write your attempts and drills as CSV or JSON",
        description="Export attempts, drills (with their items) and interview self-ratings, so "
        "you can keep your data and an instructor can collect a class's results. CSV: two "
        "tables, attempts and drill items (--out PATH writes PATH and PATH-drills.csv).",
    )
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="default: csv")
    p.add_argument("--out", metavar="PATH", type=Path, help="write to a file instead of stdout")
    p.add_argument(
        "--learner",
        metavar="NAME",
        default="",
        help="a name for the learner column (for a class's results)",
    )
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="template files or folders, to name each attempt's topic (default: built-in)",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core import export
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.storage import Storage, StorageError

    try:
        storage = Storage.open_for_reading(getattr(args, "db", None))
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    bank = load_bank(args.bank)
    topics = {tid: t.topic for tid, t in bank.templates.items()}
    with storage:
        try:
            data = export.export_data(storage, learner=args.learner, topics=topics)
        except StorageError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
    try:
        if args.out is None:
            if args.format == "json":
                export.write_json(data, sys.stdout)
            else:
                export.write_csv_attempts(data, sys.stdout)
                sys.stdout.write("\n")
                export.write_csv_drills(data, sys.stdout)
            return 0
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if args.format == "json":
            with args.out.open("w", encoding="utf-8") as f:
                export.write_json(data, f)
            written = [args.out]
        else:
            second = export.drills_path(args.out)
            with args.out.open("w", encoding="utf-8", newline="") as f:
                export.write_csv_attempts(data, f)
            with second.open("w", encoding="utf-8", newline="") as f:
                export.write_csv_drills(data, f)
            written = [args.out, second]
    except BrokenPipeError:
        raise  # `quizmath export | head`: the command line handles it
    except OSError as exc:
        print(
            f"{PROG}: cannot write {exc.filename or args.out}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    n, d = len(data["attempts"]), len(data["drills"])
    print(
        f"Wrote {n} attempt{'s' * (n != 1)} and {d} drill{'s' * (d != 1)} to "
        f"{' and '.join(str(p) for p in written)}.",
        file=sys.stderr,
    )
    return 0

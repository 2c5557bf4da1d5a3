"""``quizmath export``: every attempt, drill and interview self-rating, as JSON or CSV.

JSON is one document, to stdout or ``--out FILE``. CSV is three tables (attempts; drill items,
each with its drill's columns; interview self-ratings): ``--out DIR`` writes one file per table
(``DIR/attempts.csv``, ``DIR/drills.csv``, ``DIR/interview_ratings.csv``); without ``--out``
one table goes to stdout (``--table NAME``, default attempts), never two tables in one stream.
``--learner NAME`` fills the first column of every row, so a class's files can be put together.
Rows are streamed: memory stays flat for any history. Layout: ``quizmath.core.export``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.export import Counts

PROG = "quizmath export"
TABLE_CHOICES = ("attempts", "drills", "interview_ratings")  # = quizmath.core.export.TABLES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write your attempts, drills and interview self-ratings as CSV or JSON",
        description="Export attempts, drills (with their items) and interview self-ratings, so "
        "you can keep your data and an instructor can collect a class's results. JSON: one "
        "document. CSV: three tables, attempts, drills (one row per drill item) and "
        "interview_ratings; --out DIR writes DIR/attempts.csv, DIR/drills.csv and "
        "DIR/interview_ratings.csv, and without --out one table is printed (--table).",
    )
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="default: csv")
    p.add_argument(
        "--out",
        metavar="PATH",
        type=Path,
        help="JSON: a file; CSV: a folder that gets one file per table (created if needed)",
    )
    p.add_argument(
        "--table",
        choices=TABLE_CHOICES,
        help="CSV only: just this table (on stdout without --out; default there: attempts)",
    )
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


def _usage(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from quizmath.core import export
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.storage import Storage, StorageError

    csv_format = args.format == "csv"
    if args.table and not csv_format:
        return _usage("--table is for CSV; JSON holds every table in one document")
    if csv_format and args.out is not None:
        if args.out.suffix.lower() == ".csv":
            files = ", ".join(f"{t}.csv" for t in TABLE_CHOICES)
            return _usage(f"--out takes a folder for CSV (it gets {files}), not {args.out}")
        if args.out.exists() and not args.out.is_dir():
            return _usage(f"{args.out} is a file; --out takes a folder for CSV")
    try:
        storage = Storage.open_for_reading(getattr(args, "db", None))
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    bank = load_bank(args.bank)
    topics = {t.id: t.topic for t in bank.summaries()}
    opts = {"learner": args.learner, "topics": topics}
    written: list[tuple[Path, str]] = []
    with storage:
        try:
            if args.out is None:
                if not csv_format:
                    export.write_json(storage, sys.stdout, **opts)
                    return 0
                table = args.table or "attempts"
                export.write_csv(storage, table, sys.stdout, **opts)
                if args.table is None:
                    print(
                        f"{PROG}: printed the attempts table; the others: --table drills, "
                        "--table interview_ratings, or --out DIR for a file per table",
                        file=sys.stderr,
                    )
                return 0
            if not csv_format:
                counts = export.write_json_file(storage, args.out, **opts)
                written.append((args.out, _json_summary(counts)))
            else:
                args.out.mkdir(parents=True, exist_ok=True)
                for table in [args.table] if args.table else TABLE_CHOICES:
                    path = args.out / f"{table}.csv"
                    n = export.write_csv_file(storage, table, path, **opts)
                    written.append((path, f"{n} row{'s' * (n != 1)}"))
        except StorageError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            raise  # `quizmath export | head`: the command line handles it
        except OSError as exc:
            print(
                f"{PROG}: cannot write {exc.filename or args.out}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return 1
    for path, what in written:
        print(f"Wrote {what} to {path}.", file=sys.stderr)
    return 0


def _json_summary(counts: Counts) -> str:
    n, d, r = counts.attempts, counts.drills, counts.interview_ratings
    return (
        f"{n} attempt{'s' * (n != 1)}, {d} drill{'s' * (d != 1)} and "
        f"{r} interview self-rating{'s' * (r != 1)}"
    )

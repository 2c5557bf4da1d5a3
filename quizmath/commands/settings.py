"""``quizmath settings``: show or change the learner's settings (kept in the progress
database, so they go with it; see ``quizmath.core.settings``).

  quizmath settings                       show them
  quizmath settings --until 2027-03-01    a target date: reviews aim at it
  quizmath settings --until off           no target date
  quizmath settings --confidence on       ask how sure you are before each verdict
"""

from __future__ import annotations

import argparse
import json
import sys

PROG = "quizmath settings"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "settings",
        help="show or change settings: a target date, confidence before feedback",
        description="Settings are kept in the progress database. With no option, show them.",
    )
    p.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help="a target date (an interview, an exam): until then desired retention is raised "
        "and intervals are capped so every card is reviewed before it; off removes it",
    )
    p.add_argument(
        "--confidence",
        metavar="on|off",
        help="ask how sure you are (low, medium, high) after each answer, before the verdict",
    )
    p.add_argument("--json", action="store_true", help="print the settings as JSON")
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core import settings
    from quizmath.core.days import LearnerDays
    from quizmath.core.errors import QuizmathError
    from quizmath.core.storage import Storage, StorageError
    from quizmath.core.storage.times import utc_now

    changes: dict[str, object] = {}
    try:
        if args.until is not None:
            today = LearnerDays().day_of(utc_now())
            changes["until"] = settings.parse_until(args.until, today)
        if args.confidence is not None:
            changes["confidence"] = settings.parse_switch(args.confidence)
    except QuizmathError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        with Storage.open(getattr(args, "db", None)) as storage:
            current = settings.change(storage, **changes) if changes else settings.load(storage)
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(current.to_json(), indent=2))
        return 0
    until = (
        f"{current.until} (reviews aim at it; `--until off` removes it)"
        if current.until
        else "none (`--until YYYY-MM-DD` sets one)"
    )
    print(f"target date: {until}")
    print(
        f"confidence:  {'on' if current.confidence else 'off'} "
        "(ask how sure you are before each verdict)"
    )
    return 0

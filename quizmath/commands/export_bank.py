"""``quizmath export-bank``: seeded variants of the bank's templates for Moodle or Anki."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("moodle", "gift", "anki")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-bank",
        help="export the bank's problems as Moodle XML, GIFT or an Anki deck",
        description="Write N seeded variants of every template (or one topic's) for a "
        "learning platform: Moodle XML (numerical, short answer, multiple choice, vectors "
        "and matrices as embedded answers), GIFT, or an Anki package. Each question is "
        "named id@seed, so it can be reproduced with quizmath preview. Kinds a format "
        "cannot express are skipped and counted.",
    )
    p.add_argument("--format", required=True, choices=FORMATS, help="moodle, gift or anki")
    p.add_argument(
        "--variants", type=int, default=1, metavar="N", help="seeds per template (default 1)"
    )
    p.add_argument("--topic", metavar="T", help="only this topic (or area), e.g. eigen")
    p.add_argument("--out", type=Path, required=True, metavar="PATH", help="file to write")


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import default_curriculum, load_bank
    from quizmath.core.errors import QuizmathError
    from quizmath.core.lms.items import items_for

    if not 1 <= args.variants <= 1000:
        print("quizmath export-bank: --variants must be from 1 to 1000", file=sys.stderr)
        return 2
    curriculum = default_curriculum()
    area = topic = None
    if args.topic in {a.id for a in curriculum.areas}:
        area = args.topic
    elif args.topic:
        try:
            topic = curriculum.resolve_topic(args.topic)
        except QuizmathError as exc:
            print(f"quizmath export-bank: {exc}", file=sys.stderr)
            return 2
    bank = load_bank()
    templates = [
        t
        for t in bank.ordered()
        if (area is None or t.area == area) and (topic is None or t.topic == topic)
    ]
    for e in bank.errors:
        print(f"warning: {e}", file=sys.stderr)
    skipped: dict[str, int] = {}
    items = items_for(templates, args.variants, skipped)
    try:
        n = _write(args.format, items, args.out, skipped)
    except OSError as exc:
        print(f"quizmath export-bank: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {n} questions from {len(templates)} templates to {args.out}")
    for reason, count in sorted(skipped.items()):
        print(f"skipped {count}: {reason}")
    return 0


def _write(fmt: str, items, out: Path, skipped: dict[str, int]) -> int:
    if fmt == "moodle":
        from quizmath.core.lms.moodle import write_moodle

        return write_moodle(items, out, skipped)
    if fmt == "gift":
        from quizmath.core.lms.gift import write_gift

        with out.open("w", encoding="utf-8") as f:
            return write_gift(items, f, skipped)
    from quizmath.core.lms.anki import write_anki

    return write_anki(items, out)

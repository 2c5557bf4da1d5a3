"""``quizmath new ID --kind KIND``: a commented starter template that validates as written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizmath.core.kinds import KINDS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help="write a starter template to edit (it validates as written)",
        description="Write DIR/NAME.yaml for the template AREA.NAME: a small working example "
        "of the answer kind, with comments, and TODO wherever you should write your own. "
        "It passes quizmath validate as written.",
    )
    p.add_argument("id", metavar="ID", help="the template's id, area.name, e.g. linalg.my-dot")
    p.add_argument(
        "--kind",
        choices=KINDS,
        metavar="KIND",
        help=", ".join(KINDS) + " (with --parts: integer, exact or real; default integer)",
    )
    p.add_argument(
        "--parts",
        type=int,
        metavar="N",
        help="a multi-part problem of N parts (2 to 8), each computed from the one before",
    )
    p.add_argument(
        "--dir", type=Path, default=Path("."), metavar="DIR", help="where to write (default: .)"
    )
    p.add_argument(
        "--topic", metavar="TOPIC", help="curriculum topic (default: one of the area's topics)"
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import default_curriculum
    from quizmath.core.bank.loader import ID, load_template
    from quizmath.core.bank.starter import default_topic, starter_text
    from quizmath.core.bank.starter_parts import starter_parts_text
    from quizmath.core.errors import QuizmathError

    if args.kind is None and args.parts is None:
        print("quizmath new: say which answer: --kind KIND, or --parts N", file=sys.stderr)
        return 2
    if not ID.match(args.id):
        print(
            f'quizmath new: "{args.id}" is not a template id: use area.name with lowercase '
            "letters, digits and -, e.g. linalg.my-dot",
            file=sys.stderr,
        )
        return 2
    curriculum = default_curriculum()
    try:
        topic_id = curriculum.resolve_topic(args.topic) if args.topic else default_topic(args.id)
    except QuizmathError as exc:
        print(f"quizmath new: {exc}", file=sys.stderr)
        return 2
    topic = curriculum.topics[topic_id]
    path = args.dir / f"{args.id.split('.', 1)[1]}.yaml"
    if path.exists():
        print(f"quizmath new: {path} exists; not overwriting it", file=sys.stderr)
        return 1
    if args.parts is not None:
        try:
            text = starter_parts_text(
                args.id, args.kind or "integer", topic_id, topic.slug, str(path), args.parts
            )
        except ValueError as exc:
            print(f"quizmath new: {exc}", file=sys.stderr)
            return 2
    else:
        text = starter_text(args.id, args.kind, topic_id, topic.slug, str(path))
    try:
        args.dir.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        print(f"quizmath new: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    template, errors = load_template(path, set(curriculum.topics))
    for e in errors:  # a starter that does not load is our bug; say so rather than hide it
        print(f"quizmath new: the starter has an error: {e}", file=sys.stderr)
    print(f"wrote {path}")
    print(f"next: edit the TODOs, then `quizmath validate {path}`")
    return 0 if template is not None else 1

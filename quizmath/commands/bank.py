"""``quizmath bank``: one row per template."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bank",
        help="list the templates",
        description="One row per template: id, title, topic, kind, difficulty (and parts, "
        "for a multi-part problem).",
    )
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import load_bank

    bank = load_bank()
    rows: list[dict[str, Any]] = [
        {
            "id": t.id,
            "title": t.title,
            "topic": t.topic,
            "kind": t.answer.kind,  # a multi-part template's: its last part's
            "difficulty": t.difficulty,
            "parts": len(t.parts) or 1,
        }
        for t in bank.ordered()
    ]
    for e in bank.errors:
        print(f"warning: {e}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    title_width = max((len(r["title"]) for r in rows), default=5)
    print(f"{'id':<{width}}  {'title':<{title_width}}  {'topic':<36}  {'kind':<18}  d")
    for r in rows:
        kind = f"{r['parts']} parts" if r["parts"] > 1 else r["kind"]
        print(
            f"{r['id']:<{width}}  {r['title']:<{title_width}}  {r['topic']:<36}  "
            f"{kind:<18}  {r['difficulty']}"
        )
    return 0

"""``quizmath class-report EXPORT.json ...``: which questions a class finds too hard, too easy,
or answers with a misconception nobody declared."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "class-report",
        help="item analysis of a class from its learners' exports",
        description="Merge learners' `quizmath export --format json` files into, per "
        "template: facility (share of right first answers), discrimination (upper minus "
        "lower third of learners), median time, and the most frequent wrong answers that "
        "match no declared mistake; per drill seed the scores; per topic the weakest. Each "
        "learner is known only by their file's name.",
    )
    p.add_argument("exports", nargs="+", type=Path, metavar="EXPORT.json")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--out", type=Path, metavar="report.html", help="also write an HTML page")
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="the templates the class used, to recognise declared mistakes (default: built-in)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.classreport import class_report
    from quizmath.core.export import read_json

    exports: dict[str, dict[str, Any]] = {}
    for path in args.exports:
        name = _learner(path, exports)
        try:
            exports[name] = read_json(path)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            print(f"quizmath class-report: {path}: {reason}", file=sys.stderr)
            return 1
    bank = load_bank(args.bank)
    topics = {t.id: t.topic for t in bank.summaries()}
    report = class_report(exports, _mistake_lookup(bank), topics=topics)
    if args.out is not None:
        from quizmath.core.classreport_html import report_html

        try:
            args.out.write_text(report_html(report), encoding="utf-8")
        except OSError as exc:
            print(f"quizmath class-report: cannot write {args.out}: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        from quizmath.core.classreport_text import report_plots, report_text

        print(report_text(report))
        print(report_plots(report))
    if args.out is not None and not args.json:
        print(f"wrote {args.out}")
    return 0


def _learner(path: Path, taken: dict[str, Any]) -> str:
    """The learner's name: the file's name without .json, made unique."""
    name = path.name.removesuffix(".json") or path.name
    k, unique = 2, name
    while unique in taken:
        unique, k = f"{name} ({k})", k + 1
    return unique


def _mistake_lookup(bank):
    """(template, seed, answer) → does the answer match a declared mistake (None: unknown
    template)? Each instance is drawn once."""
    from functools import cache

    from quizmath.core.answers import Mistake, check
    from quizmath.core.bank.generate import generate
    from quizmath.core.errors import QuizmathError

    @cache
    def problem(template_id: str, seed: int):
        template = bank.templates.get(template_id)
        if template is None:
            return None
        try:
            return generate(template, seed)
        except QuizmathError:
            return None

    def is_mistake(template_id: str, seed: int, answer: str) -> bool | None:
        p = problem(template_id, seed)
        if p is None:
            return None
        verdict = check(
            p.kind,
            p.expected,
            answer,
            vars=p.vars,
            tol=p.tolerance,
            mistakes=[Mistake(m.expected, m.feedback) for m in p.mistakes],
            choices=len(p.choices) or None,
        )
        return verdict.mistake is not None

    return is_mistake

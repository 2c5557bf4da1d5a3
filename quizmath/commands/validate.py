"""``quizmath validate``: find every broken template and variant before a learner does."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check question files: schema, self-tests, many seeds",
        description="Load every template (default: the built-in bank), run its "
        "self-tests and instantiate it with many seeds. Exit status 1 on any "
        "failure. Quality warnings (docs/templates.md) are printed too; with --strict "
        "they count as failures.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="template files or folders (default: the built-in bank)",
    )
    p.add_argument(
        "--seeds", type=int, default=50, metavar="N", help="seeds per template (default 50)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON report")
    p.add_argument(
        "--strict",
        action="store_true",
        help="treat quality warnings (few variants, guessable answers …) as failures",
    )
    p.add_argument(
        "--jobs", type=int, default=0, metavar="N", help="processes to use (default: one per core)"
    )


class Progress:
    """ "validating: 37/177 templates" on one line that rewrites itself, only on a terminal:
    the whole bank takes a minute, and silence looks like a hang. Into a pipe or a file it
    writes nothing, so the output stays the report alone."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.on = total > 0 and stream.isatty()

    def show(self) -> None:
        if self.on:
            self.stream.write(f"\rvalidating: {self.done}/{self.total} templates")
            self.stream.flush()

    def step(self) -> None:
        self.done += 1
        self.show()

    def clear(self) -> None:
        if self.on:
            width = len(f"validating: {self.total}/{self.total} templates")
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import Bank, default_curriculum, load_bank
    from quizmath.core.bank.validate import validate_bank
    from quizmath.core.exercises.validate import split_paths, validate_exercises
    from quizmath.core.terminal_text import dumps

    if args.seeds < 0:
        print("quizmath validate: --seeds must be 0 or more", file=sys.stderr)
        return 2
    # Coding exercises (files in an exercises/ folder) have their own validator, run below.
    templates, exercises = split_paths(args.paths)
    if templates != []:  # parsed afresh: validation is about the files, not a cache of them
        bank = load_bank(templates or None, use_cache=False)
    else:
        bank = Bank({}, [], default_curriculum())

    meter = Progress(len(bank.templates), sys.stderr)

    def progress(template, failures) -> None:
        if failures and not args.json:
            meter.clear()
            for f in failures:
                print(f, flush=True)
        meter.step()

    if not args.json:
        for e in bank.errors:
            print(e)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    meter.show()
    report = validate_bank(bank, seeds=args.seeds, on_template=progress, jobs=jobs)
    meter.clear()
    code = validate_exercises(exercises, args.seeds, jobs) if exercises != [] else None
    if args.json:
        data = report.to_json() | ({"exercises": code.to_json()} if code else {})
        print(dumps(data, indent=2))
    else:
        for warning in report.warnings:
            print(warning)
        n, w = len(report.failures), len(report.warnings)
        status = "ok" if n == 0 else f"{n} failure{'s' if n != 1 else ''}"
        if w:
            status += f", {w} warning{'s' if w != 1 else ''}"
        if report.kept:
            status += f" ({len(report.kept)} more kept with a reason)"
        if templates != []:
            print(f"{report.templates} templates, {report.instances} instances: {status}")
        if code is not None:
            print(*code.failures, sep="\n") if code.failures else None
            n = len(code.failures)
            status = "ok" if n == 0 else f"{n} failure{'s' if n != 1 else ''}"
            print(f"{code.exercises} exercises, {code.instances} instances: {status}")
    failed = report.failures or (code and code.failures)
    return 1 if failed or (args.strict and report.warnings) else 0

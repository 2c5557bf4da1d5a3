"""``quizmath schema``: the JSON Schema of template and interview files, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of a question file, for completion in an editor",
        description="Print the JSON Schema (draft 7) of a kind of bank file. Save it and put "
        "'# yaml-language-server: $schema=PATH' on a file's first line for completion and "
        "errors while typing (VS Code, Neovim, Helix). quizmath validate still does the "
        "full checks.",
    )
    p.add_argument(
        "--kind",
        default="template",
        choices=("template", "exercise", "interview"),
        help="which file: template (default), exercise or interview",
    )
    p.add_argument("--out", type=Path, metavar="PATH", help="write to a file instead")


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import default_curriculum
    from quizmath.core.bank.schema import available_kinds, schema_for

    if args.kind not in available_kinds():
        print(f"quizmath schema: no {args.kind} files in this version", file=sys.stderr)
        return 2
    schema = schema_for(args.kind, list(default_curriculum().topics))
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"quizmath schema: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0

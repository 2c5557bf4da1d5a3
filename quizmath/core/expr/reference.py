"""The function reference in ``docs/templates.md``, generated from the registry.

Regenerate after adding a builtin::

    python -m quizmath.core.expr.reference --write docs/templates.md

A test fails when the file and the registry disagree, so the docs never drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quizmath.core.engine.catalog import BUILTINS
from quizmath.core.expr.registry import CATEGORIES

BEGIN = "<!-- BEGIN FUNCTIONS: generated from the registry; do not edit by hand -->"
END = "<!-- END FUNCTIONS -->"


def function_reference() -> str:
    lines = [BEGIN, ""]
    for category in CATEGORIES:
        items = sorted(
            (b for b in BUILTINS.values() if b.category == category), key=lambda b: b.name
        )
        if not items:
            continue
        lines += [f"### {category.capitalize()}", ""]
        lines += [f"- `{b.signature}` — {b.doc}" for b in items]
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def replace_section(text: str) -> str:
    start, end = text.find(BEGIN), text.find(END)
    if start == -1 or end == -1:
        return text.rstrip("\n") + "\n\n" + function_reference() + "\n"
    return text[:start] + function_reference() + text[end + len(END) :]


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--write":
        path = Path(argv[1])
        path.write_text(replace_section(path.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    print(function_reference())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

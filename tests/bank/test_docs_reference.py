"""docs/templates.md lists every function a template can call, exactly as the registry has it."""

from __future__ import annotations

from pathlib import Path

from quizmath.core.engine.catalog import BUILTINS
from quizmath.core.expr.reference import BEGIN, END, function_reference

DOCS = Path(__file__).resolve().parents[2] / "docs" / "templates.md"


def test_function_reference_is_current() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert section == function_reference(), (
        "docs/templates.md is out of date: run "
        "python -m quizmath.core.expr.reference --write docs/templates.md"
    )


def test_every_builtin_has_a_one_line_doc() -> None:
    for name, b in BUILTINS.items():
        assert b.doc and len(b.doc) < 200, name
        assert b.signature.startswith(name + "("), name

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


def test_engine_index_matches_the_registrations() -> None:
    from quizmath.core.engine.catalog import generated_index
    from quizmath.core.engine.index import INDEX

    assert generated_index() == INDEX, (
        "quizmath/core/engine/index.py is out of date: run "
        "python -m quizmath.core.engine.catalog --write"
    )


def test_a_problem_imports_only_the_engine_modules_it_calls() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from quizmath.core.bank.bank import load_one\n"
        "from quizmath.core.bank.generate import generate\n"
        "generate(load_one('linalg.dot-product'), 3)\n"
        "print(sorted(m for m in sys.modules if m.startswith('quizmath.core.engine.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "quizmath.core.engine.random_draws" in out
    assert "quizmath.core.engine.eigen" not in out and "quizmath.core.engine.calculus" not in out

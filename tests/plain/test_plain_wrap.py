"""Plain mode wraps what it prints of a problem like its prompt (core/render/wrap.py): the
header, hints, the solution and the verdict's feedback fit the terminal's width, indented text
stays indented, and drawn lines are never broken (issue 12 follow-up)."""

from __future__ import annotations

import pytest

WIDTH = 40


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    # set before the plain fixture copies the environment for its subprocess
    monkeypatch.setenv("COLUMNS", str(WIDTH))


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def test_hints_solution_and_feedback_fit_a_narrow_terminal(narrow, plain) -> None:  # type: ignore[no-untyped-def]
    out = plain("-6\nhint\n?\nsolution\n8\n", "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    # Hint 2 is 54 columns: it now takes two lines, both indented under "Hint 2 of 2:".
    assert "Hint 2 of 2:\n  Then add the products: (−5)·(−3) +\n  (−1)·3 + (−2)·2.\n" in text
    assert "A common mistake: You added the entries;\nmultiply them pairwise first." in text
    assert "Dot product (test fixture) — Vectors and\nthe dot product, difficulty 1" in text
    start = text.index("Solution:")
    solution = text[start : text.index("Answer:", start)].splitlines()[1:]
    assert solution and all(len(row) <= WIDTH and row.startswith("  ") for row in solution)


def test_a_wide_terminal_keeps_lines_whole(wide, plain) -> None:  # type: ignore[no-untyped-def]
    out = plain("hint\n?\n8\n", "--template", "testfix.dot@3", "--count", "1")
    assert "Hint 2 of 2:\n  Then add the products: (−5)·(−3) + (−1)·3 + (−2)·2.\n" in out.stdout

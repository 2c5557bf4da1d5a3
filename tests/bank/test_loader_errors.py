"""Broken and hostile question files: a clear file:line error, nothing run, the rest loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.errors import ConstraintError, TemplateError

GOOD = """\
id: test.good
title: Good
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 5)
prompt: What is {a} + 1?
answer:
  kind: integer
  value: a + 1
hints: [Add one.]
solution: "{a} + 1 = {a + 1}"
mistakes:
  - value: a - 1
    feedback: That subtracts.
tests:
  - params: {a: 2}
    accept: ["3"]
  - params: {a: 4}
    reject: ["4"]
"""


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


BROKEN = {
    # name: (file text, expected line, words in the message)
    "malformed": (GOOD.replace("kind: integer", "kind: [integer"), 11, "YAML syntax error"),
    "unknown_field": (_with(GOOD, "hints:", "hint: [x]\nhints:"), 12, 'unknown field "hint"'),
    "wrong_type": (_with(GOOD, "difficulty: 1", "difficulty: hard"), 5, "whole number"),
    "unknown_function": (
        _with(GOOD, "randint(1, 5)", "randnum(1, 5)"),
        7,
        'unknown function "randnum"',
    ),
    "unknown_name": (_with(GOOD, "value: a + 1", "value: b + 1"), 11, 'unknown name "b"'),
    "import": (
        _with(GOOD, "randint(1, 5)", "__import__('os').system('touch PWNED')"),
        7,
        "not allowed",
    ),
    "dunder": (
        _with(GOOD, "randint(1, 5)", "().__class__.__bases__[0].__subclasses__()"),
        7,
        "attribute",
    ),
    "open": (_with(GOOD, "randint(1, 5)", "open('PWNED', 'w')"), 7, 'unknown function "open"'),
    "deep_nesting": (_with(GOOD, "randint(1, 5)", "(" * 500 + "1" + ")" * 500), 7, "nest"),
    "placeholder": (_with(GOOD, "What is {a} + 1?", "What is {a + } + 1?"), 8, "column"),
    "alias": (_with(GOOD, "hints: [Add one.]", "hints: &h [Add one.]\nx: *h"), 12, "aliases"),
    "python_tag": (
        _with(GOOD, "hints: [Add one.]", "hints: !!python/object/apply:os.system [touch PWNED]"),
        12,
        "tag",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_reported_with_its_line_and_the_rest_loads(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text, line, words = BROKEN[name]
    (tmp_path / "bad.yaml").write_text(text)
    (tmp_path / "good.yaml").write_text(GOOD)
    bank = load_bank([tmp_path])
    assert list(bank.templates) == ["test.good"], "the good file must still load"
    messages = [str(e) for e in bank.errors]
    assert any(f"bad.yaml:{line}:" in m and words in m for m in messages), messages
    if bank.templates:
        generate(bank.get("test.good"), 1)
    assert not (tmp_path / "PWNED").exists(), "a question file ran code"


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    bank = load_bank([tmp_path])
    assert len(bank.templates) == 1
    (error,) = bank.errors
    assert "b.yaml:1: id:" in str(error) and "a.yaml" in str(error)


def test_constraint_never_met_is_a_clear_error(tmp_path: Path) -> None:
    text = _with(GOOD, "prompt:", "where: [a > 10]\nprompt:")
    (tmp_path / "t.yaml").write_text(text)
    template = load_bank([tmp_path]).get("test.good")
    with pytest.raises(ConstraintError) as info:
        generate(template, 0)
    assert "t.yaml:8: where: never met after 200 draws" in str(info.value)
    assert '"a > 10"' in str(info.value)


def test_every_error_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = _with(_with(GOOD, "difficulty: 1", "difficulty: 9"), "randint(1, 5)", "nope(1)")
    (tmp_path / "t.yaml").write_text(text)
    messages = [str(e) for e in load_bank([tmp_path]).errors]
    assert any(":5: difficulty:" in m for m in messages)
    assert any(":7: params.a:" in m and "nope" in m for m in messages)


def test_validate_command_refuses_a_hostile_file(tmp_path: Path) -> None:
    bad = tmp_path / "hostile.yaml"
    bad.write_text(BROKEN["import"][0])
    run = subprocess.run(
        [sys.executable, "-m", "quizmath", "validate", str(bad), "--json", "--seeds", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["templates"] == 0
    (failure,) = report["failures"]
    assert failure["file"].endswith("hostile.yaml") and failure["line"] == 7
    assert not (tmp_path / "PWNED").exists()


def test_huge_powers_are_refused_when_drawn_without_computing_them(tmp_path: Path) -> None:
    text = _with(_with(GOOD, "randint(1, 5)", "9**9**9**9"), "test.good", "test.tower")
    (tmp_path / "tower.yaml").write_text(text)
    template = load_bank([tmp_path]).get("test.tower")  # it parses: values are unknown here
    with pytest.raises(TemplateError) as info:
        generate(template, 0)
    assert str(info.value).startswith(f"{tmp_path / 'tower.yaml'}:7: params.a:")
    assert "too large" in str(info.value)

"""The JSON Schema of bank files: every bank file passes it, mistakes are caught, and it agrees
with the loader (the loader's field lists build it; a field without a type fails here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from quizmath.core.bank.bank import bank_root, default_curriculum
from quizmath.core.bank.loader import build_template
from quizmath.core.bank.schema import available_kinds, missing_types, schema_for
from quizmath.core.bank.yamlsource import read_yaml_file, read_yaml_text

TOPICS = list(default_curriculum().topics)
TEMPLATE = Draft7Validator(schema_for("template", TOPICS))
INTERVIEW = Draft7Validator(schema_for("interview", TOPICS))

# A template that uses every field at every level.
FULL = """\
id: test.full
title: Full
topic: linear-algebra/vectors
concept: vectors
difficulty: 2
calculator: false
symbols: [x]
params:
  a: randint(1, 5)
  b: randint(6, 9)
where:
  - a != b
prompt: What is {a} + {b}?
answer:
  kind: real
  value: a + b
  tolerance: 1e-3
hints: [Add them.]
solution: "{a} + {b} = {a + b}"
mistakes:
  - value: a - b
    feedback: That subtracts.
tests:
  - params: {a: 2, b: 7}
    answer: "9"
    accept: ["9"]
    reject: ["5"]
  - params: {a: 4, b: 6}
    accept: "10"
lint:
  ignore: [frequent-answer]
  reason: Sums repeat; the test only needs the field.
"""

CHOICE = """\
id: test.pick
title: Pick
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 5)
prompt: Which is {a} + 1?
answer:
  kind: choice
  value: a + 1
  options:
    - value: a - 1
      feedback: That subtracts.
    - {text: "none of these", feedback: One of them is right.}
    - a + 2
hints: [Add one.]
solution: "{a} + 1 = {a + 1}"
tests:
  - params: {a: 2}
    accept: ["A"]
  - params: {a: 3}
    reject: ["Z"]
"""


def _errors(validator: Draft7Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def _loader_errors(text: str) -> list[str]:
    data = read_yaml_text(text, "t.yaml")
    return [e.message for e in build_template(data, "t.yaml", set(TOPICS))[1]]


def test_every_type_is_described() -> None:
    assert missing_types() == [], "describe these fields in quizmath/core/bank/schema.py"


@pytest.mark.parametrize("kind", available_kinds())
def test_schema_is_valid_draft7(kind: str) -> None:
    Draft7Validator.check_schema(schema_for(kind, TOPICS))


@pytest.mark.parametrize(
    "path", sorted((bank_root() / "templates").rglob("*.yaml")), ids=lambda p: p.stem
)
def test_every_template_file_passes(path: Path) -> None:
    assert _errors(TEMPLATE, read_yaml_file(path)) == []


def test_every_interview_file_passes() -> None:
    files = sorted((bank_root() / "interview").glob("*.yaml"))
    assert files
    bad = {p.name: _errors(INTERVIEW, read_yaml_file(p)) for p in files}
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.parametrize("text", [FULL, CHOICE], ids=["full", "choice"])
def test_loader_and_schema_accept_the_examples(text: str) -> None:
    assert _loader_errors(text) == []
    assert _errors(TEMPLATE, read_yaml_text(text)) == []


@pytest.mark.parametrize(
    ("text", "after"),
    [
        (FULL, "title: Full\n"),  # top level
        (FULL, "  kind: real\n"),  # answer
        (FULL, "    feedback: That subtracts.\n"),  # a mistake
        (FULL, '    answer: "9"\n'),  # a self-test
        (FULL, "  reason: Sums repeat; the test only needs the field.\n"),  # lint
        (CHOICE, "      feedback: That subtracts.\n"),  # an option
    ],
    ids=["top", "answer", "mistake", "test", "lint", "option"],
)
def test_an_unknown_field_is_caught_by_both(text: str, after: str) -> None:
    indent = after[: len(after) - len(after.lstrip())]
    broken = text.replace(after, f"{after}{indent}colour: red\n", 1)
    assert broken != text
    assert any("colour" in m for m in _errors(TEMPLATE, read_yaml_text(broken)))
    assert any('unknown field "colour"' in m for m in _loader_errors(broken))


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("difficulty: 2", "difficulty: hard", "'hard' is not of type 'integer'"),
        ("difficulty: 2", "difficulty: 4", "4 is greater than the maximum of 3"),
        ("calculator: false", "calculator: 3", "3 is not of type 'boolean'"),
        ("kind: real", "kind: reals", "'reals' is not one of"),
        ("hints: [Add them.]", "hints: []", "is not valid under any"),
        ("ignore: [frequent-answer]", "ignore: [everything]", "is not valid under any"),
        ("topic: linear-algebra/vectors", "topic: algebra/vectors", "is not one of"),
    ],
)
def test_a_wrong_type_is_caught(old: str, new: str, words: str) -> None:
    broken = FULL.replace(old, new, 1)
    assert broken != FULL
    messages = _errors(TEMPLATE, read_yaml_text(broken))
    assert any(words in m for m in messages), messages
    assert _loader_errors(broken)  # the loader refuses it too


def test_mistakes_are_required_except_for_choice() -> None:
    without = FULL.split("mistakes:")[0] + "tests:" + FULL.split("tests:")[1]
    assert any(
        "'mistakes' is a required property" in m for m in _errors(TEMPLATE, read_yaml_text(without))
    )
    assert _errors(TEMPLATE, read_yaml_text(CHOICE)) == []


def test_interview_unknown_field_and_wrong_type() -> None:
    path = sorted((bank_root() / "interview").glob("*.yaml"))[0]
    data = dict(read_yaml_file(path))
    assert _errors(INTERVIEW, {**data, "colour": "red"})
    assert _errors(INTERVIEW, {**data, "order": "first"})
    assert _errors(INTERVIEW, {**data, "key_points": "one"})


def test_command_prints_the_schema(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "schema"], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == schema_for("template", TOPICS)
    target = tmp_path / "interview.json"
    subprocess.run(
        [sys.executable, "-m", "quizmath", "schema", "--kind", "interview", "--out", str(target)],
        check=True,
        capture_output=True,
    )
    assert json.loads(target.read_text())["title"] == "quizmath interview question"


def test_loader_checks_the_lint_field() -> None:
    unknown = _loader_errors(FULL.replace("[frequent-answer]", "[everything]"))
    assert any("unknown warning 'everything'" in m for m in unknown)
    no_reason = FULL.replace("  reason: Sums repeat; the test only needs the field.\n", "")
    assert any("required field is missing" in m for m in _loader_errors(no_reason))


# -- coding exercises ---------------------------------------------------------------------------

EXERCISE = Draft7Validator(schema_for("exercise", TOPICS))
EXERCISE_FILES = sorted((bank_root() / "exercises").rglob("*.yaml"))


def _literal_check_keys(source: Path) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every ``x.check_keys((...), (...))`` with literal tuples in a loader's source."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "check_keys"
            and len(node.args) == 2
            and all(isinstance(a, ast.Tuple) for a in node.args)
        ):
            req, opt = (tuple(ast.literal_eval(a)) for a in node.args)
            found.add((req, opt))
    return found


def test_exercise_nested_fields_are_the_loaders() -> None:
    from quizmath.core.bank import schema
    from quizmath.core.exercises import loader

    declared = _literal_check_keys(Path(loader.__file__))
    ours = {
        schema.TOLERANCE_FIELDS,
        schema.EXPECT_FIELDS,
        schema.CASE_FIELDS,
        schema.MISCONCEPTION_FIELDS,
    }
    assert declared == ours, "update the exercise field lists in quizmath/core/bank/schema.py"


def test_every_exercise_file_passes() -> None:
    assert EXERCISE_FILES
    bad = {p.name: _errors(EXERCISE, read_yaml_file(p)) for p in EXERCISE_FILES}
    assert {k: v for k, v in bad.items() if v} == {}


def test_exercise_unknown_field_and_wrong_type() -> None:
    from quizmath.core.exercises.loader import build_exercise

    text = (bank_root() / "exercises" / "ml" / "linreg-from-scratch.yaml").read_text()
    assert _errors(EXERCISE, read_yaml_text(text)) == []
    broken = text.replace("\ndifficulty:", "\ncolour: red\ndifficulty:", 1)
    assert any("colour" in m for m in _errors(EXERCISE, read_yaml_text(broken)))
    errors = build_exercise(read_yaml_text(broken, "x.yaml"), "x.yaml", set(TOPICS))[1]
    assert any('unknown field "colour"' in e.message for e in errors)
    wrong = text.replace("\ndifficulty: 2", "\ndifficulty: two", 1)
    assert any("is not of type 'integer'" in m for m in _errors(EXERCISE, read_yaml_text(wrong)))
    nested = text.replace("tolerance: {rtol: 1e-6,", "tolerance: {rtl: 1e-6, rtol: 1e-6,", 1)
    assert nested != text
    assert any("rtl" in m for m in _errors(EXERCISE, read_yaml_text(nested)))

"""Quality warnings of ``quizmath validate``: each lint fires on a template made to trip it, stays
quiet on a good one, can be kept with a reason, and reaches the command's output."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.lints import (
    LintWarning,
    _bad_wrap,
    _format_examples,
    _frequent_answer,
    format_examples,
)
from quizmath.core.bank.model import Template
from quizmath.core.bank.problem import format_note
from quizmath.core.bank.validate import Lints, validate_template

GOOD = """\
id: test.lint
title: Lint
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 60)
  b: randint(2, 9)
prompt: What is {a} + {b}?
answer:
  kind: integer
  value: a + b
hints: [Add them.]
solution: "{a} + {b} = {a + b}"
mistakes:
  - value: a - b
    feedback: That subtracts.
tests:
  - params: {a: 2, b: 3}
    accept: ["5"]
  - params: {a: 4, b: 3}
    reject: ["1"]
"""

CHOICE = """\
id: test.lint
title: Lint
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 60)
prompt: Which is {a} + 1000?
answer:
  kind: choice
  value: a + 10000
  options:
    - value: a
      feedback: That forgot the thousand.
    - {text: "none", feedback: One of them is right.}
hints: [Add them.]
solution: "{a} + 10000 = {a + 10000}"
tests:
  - params: {a: 2}
    accept: ["B"]
  - params: {a: 3}
    reject: ["A"]
"""


def _lints(text: str, tmp_path: Path, seeds: int = 50) -> tuple[list[LintWarning], Lints]:
    path = tmp_path / "lint.yaml"
    path.write_text(text)
    bank = load_bank([path])
    assert [str(e) for e in bank.errors] == []
    lints = Lints()
    failures, _ = validate_template(bank.get("test.lint"), seeds, check, None, lints)
    assert [str(f) for f in failures] == []
    return lints.warnings, lints


def _codes(text: str, tmp_path: Path) -> list[str]:
    return sorted(w.code for w in _lints(text, tmp_path)[0])


def test_a_good_template_has_no_warning(tmp_path: Path) -> None:
    assert _codes(GOOD, tmp_path) == []


def test_few_distinct_prompts(tmp_path: Path) -> None:
    text = GOOD.replace("randint(1, 60)", "randint(1, 2)").replace("randint(2, 9)", "randint(3, 4)")
    warnings, _ = _lints(text, tmp_path)
    assert "distinct-prompts" in [w.code for w in warnings]
    w = next(w for w in warnings if w.code == "distinct-prompts")
    assert "only 4 different prompts in 200 seeds" in w.message
    assert w.line == 9 and w.template == "test.lint" and w.file.endswith("lint.yaml")


def test_one_answer_too_often(tmp_path: Path) -> None:
    text = GOOD.replace("value: a + b\n", "value: 7 if a < 40 else a + b\n")
    text = text.replace('"{a} + {b} = {a + b}"', '"It is {7 if a < 40 else a + b}."')
    text = text.replace("value: a - b\n", "value: 100 * a\n").replace('["5"]', '["7"]')
    warnings, _ = _lints(text, tmp_path)
    assert [w.code for w in warnings] == ["frequent-answer"]
    assert 'the answer is "7" in' in warnings[0].message


def test_an_answer_frequent_only_by_chance_is_counted_again(tmp_path: Path) -> None:
    # The answer is one of eight, an eighth each. In a sample where it is "1" half of the
    # time the share is counted again on 200 seeds, where it is not frequent: no warning.
    text = GOOD.replace("value: a + b\n", "value: a % 8\n")
    text = text.replace('"{a} + {b} = {a + b}"', '"It is {a % 8}."')
    text = text.replace("value: a - b\n", "value: a + 100\n").replace('["5"]', '["2"]')
    t = _template(text, tmp_path / "quarter.yaml")
    drawn = [generate(t, s) for s in range(200)]
    ones = [p for p in drawn if p.answer_text == "1"][:10]
    others = [p for p in drawn if p.answer_text != "1"][:10]
    found: list[str] = []
    _frequent_answer(t, ones + others, lambda code, line, message: found.append(message))
    assert found == []
    # An answer that is frequent stays so after the recount.
    t = _template(text.replace("value: a % 8\n", "value: 1\n"), tmp_path / "one.yaml")
    drawn = [generate(t, s) for s in range(20)]
    _frequent_answer(t, drawn, lambda code, line, message: found.append(message))
    assert len(found) == 1 and '"1" in 200 of 200 instances' in found[0]


def _template(text: str, path: Path) -> Template:
    path.write_text(text)
    return load_bank([path]).get("test.lint")


def test_choice_longest_and_never_right_options(tmp_path: Path) -> None:
    warnings, _ = _lints(CHOICE, tmp_path)
    assert sorted(w.code for w in warnings) == ["longest-option", "unused-option"]
    unused = next(w for w in warnings if w.code == "unused-option")
    assert '"none"' in unused.message and unused.line == 15


def test_where_rejecting_most_draws(tmp_path: Path) -> None:
    text = GOOD.replace("  b: randint(2, 9)\n", "  b: randint(2, 9)\nwhere: [a <= 4]\n")
    text = text.replace("randint(1, 60)", "randint(1, 80)")
    warnings, _ = _lints(text, tmp_path)
    assert "where-rejects" in [w.code for w in warnings]
    w = next(w for w in warnings if w.code == "where-rejects")
    assert '"a <= 4"' in w.message and w.line == 9


def test_format_example_equal_to_the_answer(tmp_path: Path) -> None:
    # The format line picks examples that are not the answer (core/bank/examples.py); the lint
    # is the check that it keeps doing so: here a line that gives the answer away.
    text = GOOD.replace("kind: integer\n  value: a + b", "kind: exact\n  value: a/b")
    text = text.replace('"{a} + {b} = {a + b}"', '"It is {a/b}."').replace('["5"]', '["2/3"]')
    (tmp_path / "lint.yaml").write_text(text)
    template = load_bank([tmp_path / "lint.yaml"]).get("test.lint")
    problems = []
    for seed in range(12):
        p = generate(template, seed)
        note = (
            p.format_note
            if seed % 3
            else f"Answer: an exact value, e.g. {p.answer_text} or ln(2) (a rounded decimal …)."
        )
        problems.append(replace(p, format_note=note))
    found: list[tuple[str, int | None, str]] = []
    _format_examples(template, problems, check, lambda *w: found.append(w))
    assert len(found) == 1 and found[0][0] == "format-example"
    assert "in 4 of 12 instances" in found[0][2]
    assert _codes(text, tmp_path) == []  # the real format line never gives it away


def test_prompt_line_that_wraps_inside_a_vector(tmp_path: Path) -> None:
    long = "Take the vector v = [{a}, {b}, {a + b}, {a * b}, {a - b}] and the other vector"
    text = GOOD.replace(
        "prompt: What is {a} + {b}?",
        f"prompt: {long} u = [{{a}}, {{b}}, 100]; what is {{a}} + {{b}}?",
    )
    warnings, _ = _lints(text, tmp_path)
    assert [w.code for w in warnings] == ["prompt-wrap"]
    assert "breaks inside a bracketed formula" in warnings[0].message


def test_mistake_equal_to_the_answer_for_some_seeds(tmp_path: Path) -> None:
    text = GOOD.replace("value: a - b\n", "value: a + b if a < 8 else a - b\n")
    warnings, _ = _lints(text, tmp_path)
    assert [w.code for w in warnings] == ["mistake-coincides"]
    assert warnings[0].line == 16


def test_a_mistake_limited_with_when_is_linted_only_where_it_applies(tmp_path: Path) -> None:
    # The same mistake as above, declared for the instances it is about: no warning, and it is
    # neither computed nor shown elsewhere.
    text = GOOD.replace("value: a - b\n", "value: a - b\n    when: a >= 8\n")
    warnings, _ = _lints(text, tmp_path)
    assert warnings == []
    bank = load_bank([tmp_path / "lint.yaml"])
    t = bank.get("test.lint")
    shown = {generate(t, 0, overrides={"a": a, "b": 3}).mistakes != () for a in (2, 9)}
    assert [generate(t, 0, overrides={"a": a, "b": 3}).texts.coinciding() for a in (2, 9)] == [
        (),
        (),
    ]
    assert shown == {False, True}
    assert generate(t, 0, overrides={"a": 9, "b": 3}).mistakes[0].typed == "6"


def test_a_when_that_never_holds_is_a_warning(tmp_path: Path) -> None:
    text = GOOD.replace("value: a - b\n", "value: a - b\n    when: a > 60\n")
    warnings, _ = _lints(text, tmp_path)
    assert [w.code for w in warnings] == ["mistake-coincides"]
    assert "holds in none of the 50 instances" in warnings[0].message


def test_a_when_that_is_not_a_condition_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lint.yaml"
    path.write_text(GOOD.replace("value: a - b\n", "value: a - b\n    when: a + 1\n"))
    t = load_bank([path]).get("test.lint")
    failures, _ = validate_template(t, 3, check, None)
    assert failures and "a condition must be true or false" in str(failures[0])
    path.write_text(GOOD.replace("value: a - b\n", "value: a - b\n    when: c > 1\n"))
    errors = [str(e) for e in load_bank([path]).errors]
    assert len(errors) == 1 and "mistakes[0].when" in errors[0]


def test_a_warning_kept_with_a_reason(tmp_path: Path) -> None:
    text = GOOD.replace("value: a - b\n", "value: a + b if a < 8 else a - b\n")
    text += "lint:\n  ignore: [mistake-coincides]\n  reason: The test says so.\n"
    warnings, lints = _lints(text, tmp_path)
    assert warnings == []
    assert [w.code for w in lints.kept] == ["mistake-coincides"]


@pytest.mark.parametrize(
    ("row", "bad"),
    [
        ("word " * 20, ""),
        ("The point (" + "1, " * 30 + "2) is here", "breaks inside a bracketed formula"),
        ("Some prose (" + "which goes on and on " * 5 + ") wraps fine", ""),
        ("x" * 80, "has a word too long to wrap"),
    ],
)
def test_bad_wrap(row: str, bad: str) -> None:
    assert _bad_wrap(row) == bad


@pytest.mark.parametrize(
    ("kind", "symbolic"),
    [("exact", False), ("vector", False), ("vector", True), ("vector-up-to-scale", False),
     ("matrix", False), ("expression", False)],
)  # fmt: skip
def test_format_examples_are_read_from_the_format_line(kind: str, symbolic: bool) -> None:
    note = format_note(kind, None, ("x", "y"), 0, symbolic)
    examples = format_examples(kind, note)
    assert examples and all(e in note for e in examples)
    if kind == "exact":
        assert len(examples) == 3


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", "validate", "--seeds", "20", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_warns_and_strict_fails(tmp_path: Path) -> None:
    (tmp_path / "lint.yaml").write_text(CHOICE)
    plain = _validate(str(tmp_path))
    assert plain.returncode == 0
    assert "warning [longest-option]" in plain.stdout
    assert "ok, 2 warnings" in plain.stdout
    strict = _validate("--strict", str(tmp_path))
    assert strict.returncode == 1
    report = json.loads(_validate("--json", str(tmp_path)).stdout)
    assert report["failures"] == []
    assert {w["code"] for w in report["warnings"]} == {"longest-option", "unused-option"}
    assert set(report["warnings"][0]) >= {"file", "line", "template", "message"}

"""The ``parts:`` format: what loads, what is refused (with file:line), and that the JSON
Schema (built from the loader's field lists) agrees."""

from __future__ import annotations

import pytest
from jsonschema import Draft7Validator
from mp_fakes import BANK

from quizmath.core.bank.bank import default_curriculum
from quizmath.core.bank.loader import build_template, load_template
from quizmath.core.bank.schema import schema_for
from quizmath.core.bank.yamlsource import read_yaml_text

TOPICS = set(default_curriculum().topics)
CHAIN = (BANK / "chain.yaml").read_text()
SCHEMA = Draft7Validator(schema_for("template", sorted(TOPICS)))


def _load(text: str) -> tuple[object, list[str]]:
    t, errors = build_template(read_yaml_text(text, "t.yaml"), "t.yaml", TOPICS)
    return t, [str(e) for e in errors]


def test_the_chain_loads_with_its_parts() -> None:
    t, errors = load_template(BANK / "chain.yaml", TOPICS)
    assert errors == [] and t is not None
    assert [p.label for p in t.parts] == ["a", "b", "c"]
    assert [p.name for p in t.parts] == ["s1", "s2", None]
    assert [p.reads for p in t.parts] == [(), ("s1",), ("s1", "s2")]
    assert t.parts[1].tests[1].given == {"a": "17"}
    # the template's own answer is its last part's; its hints, mistakes, tests are per part
    assert t.answer is t.parts[-1].answer and t.hints == () and t.tests == ()
    view = t.part_view(1)
    assert view.prompt is t.parts[1].prompt and view.parts == () and view.params == t.params


def test_schema_accepts_the_chain() -> None:
    assert [e.message for e in SCHEMA.iter_errors(read_yaml_text(CHAIN))] == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        # a part may not read its own value, nor a later part's
        ("value: a * b + c}", "value: s1 + 1}", 'unknown name "s1"'),
        ("value: s1 * b + c}", "value: s2 * b + c}", 'unknown name "s2"'),
        # every part's prompt is shown from the start: it may not show an answer
        ("prompt: Find s₂.", "prompt: Find s₂ from s₁ = {s1}.", 'unknown name "s1"'),
        # a name is new
        ("- name: s2", "- name: a", '"a" is defined twice'),
        ("- name: s2", "- name: exp", "already the name of a constant or function"),
        ("- name: s2", "- name: 2x", "expected a name"),
        # given names earlier parts only
        ('given: {a: "17"}', 'given: {c: "17"}', '"c" is not an earlier part'),
        # a part has what a template has
        ("    solution: s₂ = {b}·{s1} + {c} = {s2}.\n", "", "parts[1].solution: required field"),
        (
            '    tests:\n      - params: {a: 2, b: 3, c: 1}\n        answer: "7"\n'
            '        reject: ["5"]\n',
            "",
            "parts[0].tests: required field",
        ),
        ("  - name: s1\n", "  - name: s1\n    colour: red\n", 'unknown field "colour"'),
    ],
)
def test_mistakes_are_refused_with_their_line(old: str, new: str, words: str) -> None:
    broken = CHAIN.replace(old, new, 1)
    assert broken != CHAIN
    t, errors = _load(broken)
    assert t is None
    assert any(words in e for e in errors), errors
    assert all(e.startswith("t.yaml:") and e.split(":")[1].isdigit() for e in errors), errors


def test_answer_at_the_top_with_parts_is_refused() -> None:
    broken = CHAIN.replace("parts:\n", "answer: {kind: integer, value: a}\nparts:\n", 1)
    t, errors = _load(broken)
    assert t is None
    assert any("gives each part its own answer" in e for e in errors), errors
    data = read_yaml_text(broken)
    assert list(SCHEMA.iter_errors(data))  # the schema refuses it too


def test_one_part_is_a_single_answer_template() -> None:
    start = CHAIN.index("  - name: s2")
    t, errors = _load(CHAIN[:start])
    assert t is None
    assert any("give 2 to 8 parts, not 1" in e for e in errors), errors


def test_an_unknown_field_in_a_part_is_caught_by_the_schema() -> None:
    broken = CHAIN.replace("  - name: s1\n", "  - name: s1\n    colour: red\n", 1)
    assert any("colour" in e.message for e in SCHEMA.iter_errors(read_yaml_text(broken)))

"""Prerequisites in curriculum.yaml: resolved to topic ids, and every mistake refused with
file:line (unknown names with "did you mean", self, twice, not a list, cycles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.core.bank.bank import default_curriculum
from quizmath.core.bank.curriculum import load_curriculum
from quizmath.core.bank.prerequisites import dependents
from quizmath.core.errors import TemplateError

HEAD = """areas:
  - id: a
    title: A
    topics:
      - id: one
        title: One
      - id: two
        title: Two
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curriculum.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, extra: str) -> object:
    return load_curriculum(write(tmp_path, HEAD + extra))


def refused(tmp_path: Path, extra: str) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        load(tmp_path, extra)
    return info.value


def test_names_resolve_within_the_area_and_across_areas(tmp_path: Path) -> None:
    c = load(
        tmp_path,
        """        requires: [one]
  - id: b
    title: B
    topics:
      - id: three
        title: Three
        requires: [a/two, a/one]
""",
    )
    assert c.requires("a/two") == ("a/one",)  # type: ignore[attr-defined]
    assert c.requires("b/three") == ("a/two", "a/one")  # type: ignore[attr-defined]
    assert c.requires("a/one") == ()  # type: ignore[attr-defined]


def test_an_unknown_name_is_refused_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    err = refused(tmp_path, "        requires: [onr]\n")
    assert err.line == 9 and err.field == "requires"
    assert 'no topic "onr"' in err.message and "did you mean one" in err.message
    assert str(err).startswith(f"{tmp_path / 'curriculum.yaml'}:9: requires:")


def test_a_block_list_reports_the_line_of_the_bad_entry(tmp_path: Path) -> None:
    err = refused(tmp_path, "        requires:\n          - one\n          - nowhere/else\n")
    assert err.line == 11


def test_another_areas_topic_needs_its_area(tmp_path: Path) -> None:
    text = HEAD + "  - id: b\n    title: B\n    topics:\n      - id: x\n        title: X\n"
    text += "        requires: [one]\n"
    with pytest.raises(TemplateError) as info:
        load_curriculum(write(tmp_path, text))
    assert info.value.line == 14 and "a/one" in info.value.message


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("        requires: [two]\n", "the topic itself"),
        ("        requires: [one, a/one]\n", "listed twice"),
        ("        requires: one\n", "a list of topic names"),
        ("        requires: [1]\n", "a list of topic names"),
    ],
)
def test_other_mistakes_are_refused(tmp_path: Path, extra: str, says: str) -> None:
    err = refused(tmp_path, extra)
    assert says in err.message and err.line == 9


def test_a_cycle_is_refused_and_named(tmp_path: Path) -> None:
    text = """areas:
  - id: a
    title: A
    topics:
      - id: one
        title: One
        requires: [three]
      - id: two
        title: Two
        requires: [one]
      - id: three
        title: Three
        requires: [two]
"""
    with pytest.raises(TemplateError) as info:
        load_curriculum(write(tmp_path, text))
    err = info.value
    assert "cycle" in err.message
    assert "a/one → a/three → a/two → a/one" in err.message
    assert err.line == 10  # two requires one: the entry that closes the cycle


def test_no_requires_is_fine(tmp_path: Path) -> None:
    c = load(tmp_path, "        requires: []\n")
    assert all(not t.requires for t in c.topics.values())  # type: ignore[attr-defined]


def test_the_real_curriculum_has_prerequisites_without_cycles() -> None:
    c = default_curriculum()
    roots = [t.id for t in c.topics.values() if not t.requires]
    assert "linear-algebra/vectors" in roots and "calculus/derivatives" in roots
    # Everything in calculus beyond derivatives builds on derivatives; nothing in linear
    # algebra does (placement's done-when: a linear-algebra learner stops calculus early).
    below = dependents(c, "calculus/derivatives")
    assert {t for t in c.topics if t.startswith("calculus/")} - {"calculus/derivatives"} <= set(
        below
    )
    assert not any(t.startswith("linear-algebra/") for t in below)
    # Each prerequisite comes earlier in teaching order.
    for t in c.topics.values():
        for r in t.requires:
            assert c.order_of(r) < t.order, (t.id, r)

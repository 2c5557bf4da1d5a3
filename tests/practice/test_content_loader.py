"""Concept pages and interview Q&A: loading, errors with file:line, the rest still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.core.content import (
    concept_for,
    load_concept,
    load_concepts,
    load_interviews,
)
from quizmath.core.errors import TemplateError

TOPICS = {"linear-algebra/eigen", "optimization/stochastic-methods"}

GOOD = """\
id: {id}
question: Why does SGD work?
topic: optimization/stochastic-methods
difficulty: 2
order: {order}
answer: |
  Because the mini-batch gradient is an unbiased estimate.
  Its noise helps too.
key_points:
  - unbiased estimate
  - noise escapes saddles
  - decaying learning rate
follow_ups:
  - What about Adam?
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_concept_page_title_and_body(tmp_path: Path) -> None:
    _write(tmp_path / "concepts", "eigen.md", "\n# Eigenvalues\n\nAv = λv.\n\n## More\n")
    page = load_concept("eigen", tmp_path)
    assert (page.slug, page.title) == ("eigen", "Eigenvalues")
    assert page.body == "Av = λv.\n\n## More\n"
    assert page.markdown.startswith("# Eigenvalues\n\nAv = λv.")


def test_concept_errors_name_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "concepts", "notitle.md", "Just text.\n# Late title\n")
    _write(tmp_path / "concepts", "good.md", "# Good\nbody\n")
    (tmp_path / "concepts" / "binary.md").write_bytes(b"# T\n\xff\xfe\n")
    with pytest.raises(TemplateError, match=r"notitle\.md:1: .*# Title"):
        load_concept("notitle", tmp_path)
    with pytest.raises(TemplateError, match=r"missing\.md: no such concept page"):
        load_concept("missing", tmp_path)
    with pytest.raises(TemplateError, match="not a concept page name"):
        load_concept("../secrets", tmp_path)
    pages, errors = load_concepts(tmp_path)
    assert list(pages) == ["good"]
    assert sorted(str(e) for e in errors) == [
        f"{tmp_path / 'concepts' / 'binary.md'}:2: file is not valid UTF-8",
        f'{tmp_path / "concepts" / "notitle.md"}:1: the page must start with a "# Title" line',
    ]


def test_concept_for_a_problem_falls_back_to_the_topic_page(tmp_path: Path) -> None:
    _write(tmp_path / "concepts", "eigen.md", "# Eigen\n")
    _write(tmp_path / "concepts", "eigenvalues.md", "# Eigenvalues page\n")
    assert concept_for("linear-algebra/eigen", "eigenvalues", tmp_path).title == (  # type: ignore[union-attr]
        "Eigenvalues page"
    )
    assert concept_for("linear-algebra/eigen", "nope", tmp_path).title == "Eigen"  # type: ignore[union-attr]
    assert concept_for("linear-algebra/svd", None, tmp_path) is None


def test_builtin_concept_pages_load() -> None:
    pages, errors = load_concepts()
    assert errors == []
    assert pages["eigen"].title == "Eigenvalues and eigenvectors"


def test_interview_question_fields(tmp_path: Path) -> None:
    _write(tmp_path, "sgd-works.yaml", GOOD.format(id="sgd-works", order=4))
    bank = load_interviews([tmp_path], TOPICS)
    assert bank.errors == []
    q = bank.get("sgd-works")
    assert q is not None
    assert (q.topic, q.difficulty, q.order, q.line) == ("optimization/stochastic-methods", 2, 4, 1)
    assert (
        q.answer == "Because the mini-batch gradient is an unbiased estimate.\nIts noise helps too."
    )
    assert q.key_points == ("unbiased estimate", "noise escapes saddles", "decaying learning rate")
    assert q.follow_ups == ("What about Adam?",)
    assert bank.by_topic("optimization/stochastic-methods") == [q]


def test_broken_interview_files_are_reported_and_the_rest_load(tmp_path: Path) -> None:
    _write(tmp_path, "b-good.yaml", GOOD.format(id="b-good", order=2))
    _write(tmp_path, "a-good.yaml", GOOD.format(id="a-good", order=1))
    bad = (
        GOOD.format(id="bad", order=3)
        .replace("optimization/stochastic-methods", "optimisation/sgd")
        .replace("difficulty: 2", "difficulty: 7")
        .replace("follow_ups:", "followups:")
    )
    _write(tmp_path, "bad.yaml", bad)
    _write(tmp_path, "renamed.yaml", GOOD.format(id="other-name", order=5))
    _write(tmp_path, "syntax.yaml", "id: x\nquestion: [unclosed\n")
    _write(
        tmp_path,
        "no-points.yaml",
        GOOD.format(id="no-points", order=6).split("key_points:")[0] + "key_points: []\n",
    )
    sub = tmp_path / "more"
    _write(sub, "a-good.yaml", GOOD.format(id="a-good", order=9))
    bank = load_interviews([tmp_path, sub / "a-good.yaml"], TOPICS)
    assert [q.id for q in bank.ordered()] == ["a-good", "b-good"]
    *messages, last = sorted(str(e).replace(str(tmp_path), "D") for e in bank.errors)
    assert messages == [
        'D/bad.yaml:13: followups: unknown field "followups" (did you mean "follow_ups"?)',
        'D/bad.yaml:3: topic: unknown topic "optimisation/sgd" (topics are listed in '
        "curriculum.yaml)",
        "D/bad.yaml:4: difficulty: expected a whole number from 1 to 3, got 7",
        'D/more/a-good.yaml:1: id: duplicate id "a-good" (also in D/a-good.yaml)',
        "D/no-points.yaml:9: key_points: needs at least one item",
        'D/renamed.yaml:1: id: id "other-name" does not match the file name "renamed.yaml"',
    ]
    # The parser's wording differs between libyaml and pure-Python PyYAML.
    assert last.startswith("D/syntax.yaml:") and "YAML syntax error" in last


def test_builtin_interview_questions_load() -> None:
    bank = load_interviews()
    assert bank.errors == []
    orders = [q.order for q in bank.ordered()]
    assert orders == sorted(orders)

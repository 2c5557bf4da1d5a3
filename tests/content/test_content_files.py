"""Checks on the hand-written content: concept pages and interview Q&A.

Uses only pytest, PyYAML and the standard library, so it runs before the core has a loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

BANK = Path(__file__).resolve().parents[2] / "question_bank"
CONCEPTS = BANK / "concepts"
INTERVIEW = BANK / "interview"

# Textual's Markdown widget does not render LaTeX, so none of these may appear.
LATEX_MARKERS = ("$", "\\frac", "\\sqrt", "\\cdot", "\\(", "\\[", "\\left", "\\mathbf")

REQUIRED_FIELDS = {"id", "question", "topic", "difficulty", "order", "answer", "key_points"}
OPTIONAL_FIELDS = {"follow_ups"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The three founding questions of CONTENT.md (c): id -> (order, topic).
FOUNDING = {
    "gd-vs-sgd": (1, "optimization/stochastic-methods"),
    "chain-rule-backprop": (2, "calculus/backpropagation"),
    "eigenvalues-pca": (3, "ml-models/pca"),
}


def _curriculum() -> tuple[dict[str, str], set[str]]:
    """Return {topic id: title} and the set of "<area id>/<topic id>" pairs."""
    data = yaml.safe_load((BANK / "curriculum.yaml").read_text(encoding="utf-8"))
    titles: dict[str, str] = {}
    pairs: set[str] = set()
    for area in data["areas"]:
        for topic in area["topics"]:
            titles[topic["id"]] = topic["title"]
            pairs.add(f"{area['id']}/{topic['id']}")
    return titles, pairs


TITLES, TOPIC_PAIRS = _curriculum()
INTERVIEW_FILES = sorted(INTERVIEW.glob("*.yaml"))


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (plain safe_load silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


def test_curriculum_has_44_topics() -> None:
    assert len(TITLES) == 44


@pytest.mark.parametrize("topic_id", sorted(TITLES))
def test_concept_page_exists_with_title(topic_id: str) -> None:
    page = CONCEPTS / f"{topic_id}.md"
    assert page.is_file(), f"missing concept page {page.name}"
    lines = page.read_text(encoding="utf-8").splitlines()
    assert lines, f"{page.name} is empty"
    assert lines[0] == f"# {TITLES[topic_id]}", f"{page.name}: first line {lines[0]!r}"
    assert 40 <= len(lines) <= 200, f"{page.name}: {len(lines)} lines"
    assert any(line.startswith("## ") for line in lines), f"{page.name}: no ## sections"


def test_no_stray_concept_pages() -> None:
    extra = {p.stem for p in CONCEPTS.glob("*.md")} - set(TITLES)
    assert not extra, f"concept pages for unknown topics: {sorted(extra)}"


@pytest.mark.parametrize("page", sorted(CONCEPTS.glob("*.md")), ids=lambda p: p.name)
def test_concept_page_has_no_latex(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for marker in LATEX_MARKERS:
        assert marker not in text, f"{page.name} contains LaTeX marker {marker!r}"
    # Code fences must be balanced, or the rest of the page renders as code.
    fences = [line for line in text.splitlines() if line.lstrip().startswith("```")]
    assert len(fences) % 2 == 0, f"{page.name}: unbalanced ``` fences"


def test_at_least_52_interview_questions() -> None:
    assert len(INTERVIEW_FILES) >= 52


@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.name)
def test_interview_file_schema(path: Path) -> None:
    data = _load(path)
    keys = set(data)
    missing = REQUIRED_FIELDS - keys
    assert not missing, f"{path.name}: missing {sorted(missing)}"
    extra = keys - REQUIRED_FIELDS - OPTIONAL_FIELDS
    assert not extra, f"{path.name}: unknown fields {sorted(extra)}"

    assert isinstance(data["id"], str) and ID_RE.match(data["id"]), f"{path.name}: bad id"
    assert data["id"] == path.stem, f"{path.name}: id {data['id']!r} != file name"
    assert data["topic"] in TOPIC_PAIRS, f"{path.name}: unknown topic {data['topic']!r}"
    assert data["difficulty"] in (1, 2, 3), f"{path.name}: difficulty must be 1, 2 or 3"
    assert isinstance(data["order"], int) and not isinstance(data["order"], bool)

    for field in ("question", "answer"):
        assert isinstance(data[field], str) and data[field].strip(), f"{path.name}: {field}"
    words = len(data["answer"].split())
    assert 120 <= words <= 250, f"{path.name}: answer has {words} words (want 120-250)"

    points = data["key_points"]
    assert isinstance(points, list) and 3 <= len(points) <= 6, f"{path.name}: 3-6 key points"
    assert all(isinstance(p, str) and p.strip() for p in points)

    if "follow_ups" in data:
        ups = data["follow_ups"]
        assert isinstance(ups, list) and 1 <= len(ups) <= 3, f"{path.name}: 1-3 follow-ups"
        assert all(isinstance(u, str) and u.strip() for u in ups)


@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.name)
def test_interview_text_has_no_latex(path: Path) -> None:
    data = _load(path)
    texts = [data.get("question", ""), data.get("answer", "")]
    texts += data.get("key_points") or []
    texts += data.get("follow_ups") or []
    for text in texts:
        for marker in LATEX_MARKERS:
            assert marker not in str(text), f"{path.name} contains LaTeX marker {marker!r}"


def test_interview_orders_are_unique_and_contiguous() -> None:
    orders = [_load(p)["order"] for p in INTERVIEW_FILES]
    assert len(orders) == len(set(orders)), "duplicate order values"
    assert sorted(orders) == list(range(1, len(orders) + 1)), "orders must cover 1..N"


@pytest.mark.parametrize("qid", sorted(FOUNDING))
def test_founding_questions_exist(qid: str) -> None:
    path = INTERVIEW / f"{qid}.yaml"
    assert path.is_file(), f"founding question {qid} is missing"
    data = _load(path)
    order, topic = FOUNDING[qid]
    assert data["order"] == order
    assert data["topic"] == topic

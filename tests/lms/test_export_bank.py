"""quizmath export-bank: Moodle XML read back question by question, GIFT, and the Anki package
opened as SQLite."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.lms.anki import write_anki
from quizmath.core.lms.gift import escape, write_gift
from quizmath.core.lms.items import MULTIPART, Item, items_for, plain, split_top, typed_forms
from quizmath.core.lms.moodle import write_moodle

BANK = load_bank()
TOPICS = ("linear-algebra/eigen", "linear-algebra/vectors", "calculus/derivatives")
SOME = [t for t in BANK.ordered() if t.topic in TOPICS]


def _items(templates: list, variants: int = 2) -> list[Item]:
    skipped: dict[str, int] = {}
    return list(items_for(templates, variants, skipped))


@pytest.fixture(scope="module")
def some_items() -> list[Item]:
    return _items(SOME)


def _moodle(items: list[Item], tmp_path: Path) -> tuple[ET.Element, dict[str, int], int]:
    out = tmp_path / "q.xml"
    skipped: dict[str, int] = {}
    n = write_moodle(items, out, skipped)
    return ET.parse(out).getroot(), skipped, n


def test_moodle_has_a_question_for_90_percent_of_the_bank(tmp_path: Path) -> None:
    root, skipped, n = _moodle(_items(BANK.ordered(), 1), tmp_path)
    names = [q.findtext("name/text") for q in root if q.get("type") != "category"]
    assert len(names) == n
    covered = {name.split("@")[0] for name in names}
    assert len(covered) >= 0.9 * len(BANK.templates)
    assert set(skipped) <= {
        "vector-up-to-scale (Moodle cannot accept any multiple of a vector)",
        MULTIPART,
    }


def test_moodle_questions_read_back_one_by_one(some_items: list[Item], tmp_path: Path) -> None:
    root, skipped, n = _moodle(some_items, tmp_path)
    by_ref = {i.ref: i for i in some_items}
    questions = [q for q in root if q.get("type") != "category"]
    assert n == len(questions) == len(some_items) - sum(skipped.values())
    categories = [q.findtext("category/text") for q in root if q.get("type") == "category"]
    assert sorted(categories) == sorted(f"$course$/top/quizmath/{t}" for t in TOPICS)
    kinds_seen = set()
    for q in questions:
        item = by_ref[q.findtext("name/text")]
        kinds_seen.add(q.get("type"))
        assert item.solution.splitlines()[0][:20] in q.findtext("generalfeedback/text")
        assert len(q.findall("hint")) == len(item.hints)
        answers = q.findall("answer")
        right = [a for a in answers if a.get("fraction") == "100"]
        if q.get("type") == "numerical":
            value = float(right[0].findtext("text"))
            assert value == pytest.approx(float(item.expected))
            assert float(right[0].findtext("tolerance")) >= 0
            wrong = [a for a in answers if a.get("fraction") == "0"]
            feedback = {a.findtext("feedback/text") for a in wrong}
            assert len(wrong) <= len(item.mistakes)
            assert all(any(m.feedback in f for m in item.mistakes) for f in feedback)
        elif q.get("type") == "shortanswer":
            assert right[0].findtext("text") == item.answer
            assert plain(item.answer) in {a.findtext("text") for a in right}
        elif q.get("type") == "multichoice":
            assert [a.findtext("text") for a in answers] == list(item.choices)
            assert len(right) == 1 and right[0].findtext("text") == item.choices[item.right]
        elif q.get("type") == "cloze":
            text = q.findtext("questiontext/text")
            fields = re.findall(r"\{1:(NUMERICAL|SHORTANSWER):", text)
            inner = item.expected.strip()[1:-1]
            rows = split_top(inner) if item.kind == "matrix" else [f"[{inner}]"]
            assert len(fields) == sum(len(split_top(r.strip()[1:-1])) for r in rows)
        else:
            pytest.fail(f"unexpected question type {q.get('type')}")
    assert kinds_seen >= {"numerical", "shortanswer", "multichoice", "cloze"}


def test_moodle_escapes_what_it_carries(tmp_path: Path) -> None:
    t = BANK.get("linalg.dot-product")
    p = generate(t, 0)
    hostile = Item(
        ref=p.ref, template_id=t.id, seed=0, title="x", topic=t.topic, kind="integer",
        prompt="a < b & c ]]> </text>", format_note="", answer="3", answer_block="3",
        expected="3", tolerance=None, choices=(), right=-1, choice_feedback={}, hints=("<b>",),
        solution="&", mistakes=(),
    )  # fmt: skip
    root, _, _ = _moodle([hostile], tmp_path)
    q = root.findall("question")[1]
    assert "a &lt; b &amp; c ]]&gt; &lt;/text&gt;" in q.findtext("questiontext/text")
    assert "&lt;b&gt;" in q.findtext("hint/text")


def test_gift(some_items: list[Item]) -> None:
    out = io.StringIO()
    skipped: dict[str, int] = {}
    n = write_gift(some_items, out, skipped)
    text = out.getvalue()
    titles = re.findall(r"^::(.+?)::", text, flags=re.M)
    assert len(titles) == n == len(some_items) - sum(skipped.values())
    assert set(titles) <= {escape(i.ref) for i in some_items}
    assert any("GIFT has no embedded answers" in k for k in skipped)
    assert text.count("####") == n  # the worked solution, as general feedback
    assert text.count("$CATEGORY:") == len(TOPICS)


def test_gift_escapes_its_special_characters() -> None:
    assert escape("a = {b}: ~c #d \\") == "a \\= \\{b\\}\\: \\~c \\#d \\\\"
    assert escape("two\nlines") == "two\\nlines"


def test_anki_package_opens_as_sqlite(some_items: list[Item], tmp_path: Path) -> None:
    out = tmp_path / "q.apkg"
    n = write_anki(some_items, out)
    assert n == len(some_items)
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = db.execute("SELECT flds, tags FROM notes").fetchall()
    finally:
        db.close()
    assert len(rows) == len(some_items)
    refs = {flds.split("\x1f")[0] for flds, _ in rows}
    assert refs == {i.ref for i in some_items}
    assert all(" linear-algebra::" in f" {tags}" or "calculus::" in tags for _, tags in rows)
    item = some_items[0]
    front, back = next(f.split("\x1f")[1:] for f, _ in rows if f.startswith(item.ref))
    assert item.prompt.splitlines()[0][:20] in front
    assert "Answer:" in back and "Solution:" in back


def test_typed_forms() -> None:
    assert typed_forms("3x² − 2", "3*x**2 - 2", "expression")[:2] == ["3x² − 2", "3x^2 - 2"]
    assert "0.75" in typed_forms("3/4", "3/4", "exact")
    assert "sqrt(2)/2" in typed_forms("√2/2", "sqrt(2)/2", "exact")
    assert {"2, 5", "5, 2"} <= set(typed_forms("{2, 5}", "{2, 5}", "set"))


def test_command_writes_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "eigen.gift"
    done = subprocess.run(
        [sys.executable, "-m", "quizmath", "export-bank", "--format", "gift", "--variants", "2",
         "--topic", "eigen", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert re.search(r"wrote \d+ questions from \d+ templates", done.stdout)
    assert "skipped" in done.stdout and out.read_text().startswith("$CATEGORY:")
    bad = subprocess.run(
        [sys.executable, "-m", "quizmath", "export-bank", "--format", "moodle", "--topic",
         "eigenz", "--out", str(tmp_path / "x.xml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and "did you mean" in bad.stderr


def test_a_real_answer_in_closed_form_is_a_number() -> None:
    from quizmath.core.lms.items import as_number

    assert as_number("2 - log(2)") == pytest.approx(1.3068528194)
    assert as_number("31/2") == 15.5 and as_number("-3") == -3.0
    assert as_number("x + 1") is None and as_number("log(0)") is None

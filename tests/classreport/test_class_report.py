"""quizmath class-report: three learners take the same seeded plain drill with scripted answers,
export their databases, and the report gives each template's facility and discrimination."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.classreport import class_report

FIXTURES = Path(__file__).parent / "fixtures" / "bank"
SEED = 11
WRONG = "99999"  # matches no declared mistake


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _quizmath(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        input=stdin, capture_output=True, text=True, timeout=120, env=_env(),
    )  # fmt: skip


def _drill(db: Path, empty: Path, answers: list[str]) -> str:
    done = _quizmath(
        "drill", "--plain", "--bank", str(FIXTURES), "--interviews", str(empty), "--db", str(db),
        "--questions", "3", "--minutes", "0", "--seed", str(SEED),
        stdin="".join(a + "\n" for a in answers),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def class_exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict]:
    tmp = tmp_path_factory.mktemp("class")
    empty = tmp / "no-interviews"
    empty.mkdir()
    # Which questions the seeded drill serves: a first run that skips them all.
    probe = _drill(tmp / "probe.db", empty, ["skip"] * 3)
    refs = re.findall(r"Question \d of 3: (\S+)", probe)
    assert len(refs) == 3
    bank = load_bank([FIXTURES])
    problems = []
    for ref in refs:
        tid, seed = ref.split("@")
        problems.append(generate(bank.get(tid), int(seed)))
    right = [p.answer_text for p in problems]
    mistake = [p.mistakes[0].typed for p in problems]
    script = {
        "ann": right,
        "bob": [right[0], mistake[1], WRONG],
        "cat": [WRONG, WRONG, mistake[2]],
    }
    for name, answers in script.items():
        db = tmp / f"{name}.db"
        _drill(db, empty, answers)
        out = tmp / f"{name}.json"
        done = _quizmath("--db", str(db), "export", "--format", "json", "--out", str(out))
        assert done.returncode == 0, done.stderr
    return tmp, refs, script


def test_three_learners_facility_and_discrimination(class_exports: tuple) -> None:
    tmp, refs, _ = class_exports
    files = [str(tmp / f"{n}.json") for n in ("ann", "bob", "cat")]
    done = _quizmath("class-report", *files, "--bank", str(FIXTURES), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["learners"] == ["ann", "bob", "cat"]
    by_id = {t["id"]: t for t in report["templates"]}
    ids = [r.split("@")[0] for r in refs]
    assert set(by_id) == set(ids)
    if len(set(ids)) == 3:  # one question per template: the expected numbers are exact
        facility = [2 / 3, 1 / 3, 1 / 3]
        for k, tid in enumerate(ids):
            t = by_id[tid]
            assert t["responses"] == 3 and t["learners"] == 3
            assert t["facility"] == pytest.approx(facility[k], abs=1e-3)
            # ann (3 of 3) is the upper third, cat (0 of 3) the lower: ann right, cat wrong.
            assert t["discrimination"] == pytest.approx(1.0)
            assert t["median_ms"] is not None and t["median_ms"] >= 0
        # Undeclared wrong answers: the made-up one, never a declared mistake.
        undeclared = {tid: by_id[tid]["undeclared_wrong_answers"] for tid in ids}
        assert undeclared[ids[0]] == [
            {"answer": WRONG, "count": 1, "seeds": [int(refs[0].split("@")[1])]}
        ]
        assert [w["answer"] for w in undeclared[ids[1]]] == [WRONG]  # bob's mistake is declared
        assert [w["answer"] for w in undeclared[ids[2]]] == [WRONG]  # so is cat's
    assert report["drills"] == [
        {
            "seed": SEED,
            "questions": 3,
            "scores": {"ann": 3, "bob": 1, "cat": 0},
            "distribution": {"min": 0, "median": 1, "max": 3, "mean": 1.333},
        }
    ]
    assert {t["topic"] for t in report["topics"]} <= {
        t.topic for t in load_bank([FIXTURES]).templates.values()
    }
    assert len(report["topics"]) >= 1


def test_terminal_table_plots_and_html(class_exports: tuple) -> None:
    tmp, refs, _ = class_exports
    files = [str(tmp / f"{n}.json") for n in ("ann", "bob", "cat")]
    page = tmp / "report.html"
    done = _quizmath("class-report", *files, "--bank", str(FIXTURES), "--out", str(page))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "Class report: 3 learners (ann, bob, cat)" in text
    assert refs[0].split("@")[0] in text and f'"{WRONG}" ×1' in text
    assert "seed 11, 3 questions: min 0, median 1, max 3 of 3" in text
    assert "Right first answers (%)" in text and "\x1b[" not in text  # plotext, no colour
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "ann, bob, cat" in html


def test_everything_from_an_export_is_escaped() -> None:
    from quizmath.core.classreport_html import report_html
    from quizmath.core.classreport_text import report_text

    export = {
        "attempts": [
            {"template_id": "x.<b>", "seed": 1, "topic": "t/<i>", "answer": "<script>\x1b[2J",
             "verdict": "reject", "correct": False, "ms": 5, "try": 1},
        ],
        "drills": [],
    }  # fmt: skip
    report = class_report({"<img src=x>": export, "b": export, "c": export})
    html = report_html(report)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x&gt;" in html
    assert "\x1b" not in report_text(report)


def test_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    done = _quizmath("class-report", str(bad))
    assert done.returncode == 1 and "not a quizmath export" in done.stderr

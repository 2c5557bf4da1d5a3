"""Issue 10's done-when checks, through the commands as a person runs them: for each of the six
named templates, plain mode with a fresh database, part 1 answered 98765 and every later part
with its true value from ``preview --json``, ends with score (n−1)/n in ``export --format
json``; all parts right gives 1. Also ``bank --json`` and ``quizmath new --parts``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SIX = (
    "ml.linreg-normal-equations-steps",
    "info.information-gain-steps",
    "optim.gd-trace",
    "calc.backprop-steps",
    "linalg.eigen-steps",
    "stats.ttest-steps",
)


def _quizmath(*args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _score(db: Path, typed: list[str], ref: str) -> tuple[float, list[str]]:
    """Practise ``ref`` in plain mode with these lines, then the export's score and parts (the
    export read in this process: the command is tested elsewhere, and each start costs)."""
    from quizmath.core.export import export_data
    from quizmath.core.storage import Storage

    out = _quizmath(
        "practice",
        "--plain",
        "--template",
        ref,
        "--count",
        "1",
        "--db",
        str(db),
        stdin="\n".join(typed) + "\n",
    )
    assert "Score:" in out, out
    with Storage.open(db) as storage:
        [attempt] = export_data(storage)["attempts"]
    return attempt["score"], attempt["parts"]


def _truth(ref: str) -> list[str]:
    preview = json.loads(_quizmath("preview", ref, "--json"))
    assert [p["label"] for p in preview["parts"]] == list("abcdefgh"[: len(preview["parts"])])
    return [p["typed"] for p in preview["parts"]]


@pytest.mark.parametrize("template_id", SIX)
def test_a_wrong_first_part_costs_one_part(template_id: str, tmp_path: Path) -> None:
    ref = f"{template_id}@7"
    truth = _truth(ref)
    n = len(truth)
    assert n >= 3
    score, parts = _score(tmp_path / "p.db", ["98765", *truth[1:]], ref)
    assert score == round((n - 1) / n, 4)  # the export writes 4 places
    assert parts[0] == "wrong" and all(p in ("correct", "carried") for p in parts[1:])


def test_all_parts_right_score_one(tmp_path: Path) -> None:
    ref = "optim.gd-trace@11"
    truth = _truth(ref)
    score, parts = _score(tmp_path / "p.db", truth, ref)
    assert score == 1 and parts == ["correct"] * len(truth)


def test_bank_lists_parts() -> None:
    rows = {r["id"]: r for r in json.loads(_quizmath("bank", "--json"))}
    multi = [i for i, r in rows.items() if r["parts"] >= 2]
    assert len(multi) >= 12 and set(SIX) <= set(multi)
    assert rows["linalg.dot-product"]["parts"] == 1


def test_new_writes_a_multi_part_starter_that_validates(tmp_path: Path) -> None:
    _quizmath("new", "optim.my-chain", "--parts", "3", "--dir", str(tmp_path))
    path = tmp_path / "my-chain.yaml"
    assert "parts:" in path.read_text() and "given:" in path.read_text()
    assert "ok" in _quizmath("validate", str(path))

"""``quizmath check``, run as a person or a script would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DONE_WHEN = [
    ("2(x+1)", "accept"),
    ("2x+1", "reject"),
    ("__import__('os')", "invalid"),
]


def _quizmath(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", "check", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_one_answer_each_verdict() -> None:
    codes = {"accept": 0, "reject": 1, "invalid": 2}
    for typed, verdict in DONE_WHEN:
        out = _quizmath("--kind", "expression", "--expected", "2*x + 2", "--vars", "x", typed)
        assert out.stdout.startswith(f"{verdict}:"), out.stdout + out.stderr
        assert out.returncode == codes[verdict]
    accepted = _quizmath("--kind", "expression", "--expected", "2*x + 2", "--vars", "x", "2(x+1)")
    assert "interpreted as: 2·(x + 1)" in accepted.stdout
    invalid = _quizmath(
        "--kind", "expression", "--expected", "2*x + 2", "--vars", "x", "__import__('os')"
    )
    assert "program code" in invalid.stdout


def test_one_answer_json() -> None:
    out = _quizmath("--kind", "real", "--expected", "0.25", "--tol", "1e-3", "--json", "1/4")
    data = json.loads(out.stdout)
    assert data["verdict"] == "accept"
    assert data["interpreted"] == "1/4"
    assert isinstance(data["ms"], float)


def test_missing_arguments() -> None:
    out = _quizmath("--kind", "integer", "5")
    assert out.returncode == 2
    assert "--expected" in out.stderr


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_batch_same_verdicts_order_and_a_bad_line(tmp_path: Path) -> None:
    lines = [
        _line(id=1, kind="expression", expected="2*x + 2", vars=["x"], submitted="2(x+1)"),
        _line(id=2, kind="expression", expected="2*x + 2", vars=["x"], submitted="2x+1"),
        "this is { not json",
        _line(
            id="three",
            kind="expression",
            expected="2*x + 2",
            vars=["x"],
            submitted="__import__('os')",
        ),
        _line(
            id=4, kind="matrix", expected="[[1, 2], [3, 4]]", submitted="1 2; 3 4", extra="ignored"
        ),
        _line(id=5, kind="nonsense", expected="1", submitted="1"),
        _line(id=6, kind="integer", expected="1"),
        "",
        _line(id=7, kind="real", expected="0.5", submitted="0.5004", tol=1e-3),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _quizmath("--batch", str(path))
    assert out.returncode == 0, out.stderr
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(got) == len(lines)
    assert [g.get("id") for g in got] == [1, 2, None, "three", 4, 5, 6, None, 7]
    assert [g["verdict"] for g in got] == [
        "accept",
        "reject",
        "invalid",
        "invalid",
        "accept",
        "invalid",
        "invalid",
        "invalid",
        "accept",
    ]
    for g in got:
        assert set(g) >= {"verdict", "message", "interpreted", "ms"}
    assert "not valid JSON" in got[2]["message"]
    assert got[0]["interpreted"] == "2·(x + 1)"
    assert got[3]["interpreted"] == ""


def test_batch_from_stdin_matches_one_answer_mode() -> None:
    stdin = "\n".join(
        _line(kind="expression", expected="2*x + 2", vars=["x"], submitted=typed)
        for typed, _ in DONE_WHEN
    )
    out = _quizmath("--batch", "-", stdin=stdin)
    assert [json.loads(line)["verdict"] for line in out.stdout.splitlines()] == [
        v for _, v in DONE_WHEN
    ]


def test_batch_survives_hostile_lines() -> None:
    hostile = [
        "1" * 100_000,
        "9^9^9^9",
        "(" * 100 + "1" + ")" * 100,
        "\x1b[31m1\x1b[0m",
        "factorial(10^10)",
        "1e999999",
    ]
    lines = [_line(id=k, kind="integer", expected="1", submitted=s) for k, s in enumerate(hostile)]
    lines.append(_line(id="last", kind="integer", expected="1", submitted="1"))
    out = _quizmath("--batch", "-", stdin="\n".join(lines) + "\n")
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [g["verdict"] for g in got] == ["invalid"] * len(hostile) + ["accept"]
    assert all("\x1b" not in g["message"] for g in got)


def test_batch_unreadable_file() -> None:
    out = _quizmath("--batch", "/nonexistent/answers.jsonl")
    assert out.returncode == 2
    assert "cannot read" in out.stderr


@pytest.mark.parametrize(
    ("args", "verdict"),
    [
        (["--kind", "expression", "--expected", "-2*x", "--vars", "x", "-2x"], "accept"),
        (["--kind", "expression", "--expected", "-2*x", "--vars", "x", "2x"], "reject"),
        (["--kind", "integer", "--expected", "-3", "-3"], "accept"),
        (["--kind", "integer", "--expected", "5", "-x"], "invalid"),
    ],
)
def test_values_that_start_with_a_minus(args: list[str], verdict: str) -> None:
    # argparse reads "-2*x" as an option unless told otherwise; both the expected answer and
    # the learner's answer may start with a minus.
    from quizmath.cli import main

    code = {"accept": 0, "reject": 1, "invalid": 2}[verdict]
    assert main(["check", *args]) == code
    assert main(["--db", "unused.db", "check", *args]) == code


def test_batch_output_carries_no_control_character() -> None:
    # ids and feedback come back as given, but as JSON escapes: nothing a terminal acts on.
    lines = [
        {
            "id": "a\u202eb\x9b",
            "kind": "integer",
            "expected": "3",
            "submitted": "4",
            "mistakes": [{"expected": "4", "feedback": "off \x1b]0;x\x07 by one \x9b2J"}],
        },
        {"id": "\x1b[2J", "kind": "integer", "expected": "3", "submitted": "\x1b[2J3"},
    ]
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "check", "--batch", "-"],
        input="\n".join(json.dumps(x) for x in lines).encode(),
        capture_output=True,
        timeout=300,
    )
    for bad in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()):
        assert bad not in out.stdout + out.stderr
    first, second = (json.loads(line) for line in out.stdout.decode().splitlines())
    assert first["id"] == "a\u202eb\x9b" and first["mistake"] == lines[0]["mistakes"][0]["feedback"]
    assert second["id"] == "\x1b[2J" and second["verdict"] == "invalid"


def test_batch_exit_status_says_when_no_line_could_be_checked() -> None:
    # Issue 13 item 17: a batch whose every line is invalid (here: "answer" instead of
    # "submitted", the usual slip) exits 2, as one invalid answer does; one usable line is 0.
    wrong_field = [
        json.dumps({"kind": "integer", "expected": "1", "answer": "1"}),
        json.dumps({"kind": "integer", "expected": "1", "answer": "2"}),
    ]
    out = _quizmath("--batch", "-", stdin="\n".join(wrong_field) + "\n")
    assert out.returncode == 2
    assert [json.loads(x)["verdict"] for x in out.stdout.splitlines()] == ["invalid"] * 2
    assert "no line" in out.stderr and "submitted" in out.stderr
    usable = [*wrong_field, _line(kind="integer", expected="1", submitted="2")]
    assert _quizmath("--batch", "-", stdin="\n".join(usable) + "\n").returncode == 0
    assert _quizmath("--batch", "-", stdin="").returncode == 0  # nothing to check is no error


def test_batch_line_format_is_documented() -> None:
    from quizmath.commands import check as command

    help_text = _quizmath("--help").stdout
    assert "submitted" in help_text and "--batch" in help_text
    assert "submitted" in (command.__doc__ or "")
    docs = Path(__file__).resolve().parents[2] / "docs" / "checking.md"
    text = docs.read_text(encoding="utf-8")
    for field in ("kind", "expected", "submitted", "vars", "tol", "id", "verdict", "interpreted"):
        assert f"`{field}`" in text

"""``quizmath practice --plain --confidence``: how sure, asked after the answer and before the
verdict, stored with the attempt; and the setting that turns it on for every session.
(testfix.dot@3: the answer is 8; −6 is its declared mistake.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ATTEMPTS = "SELECT answer, verdict, confidence, rating FROM attempts ORDER BY id"
QUESTION = "How sure are you? 1 low, 2 medium, 3 high."


def test_confidence_is_asked_before_the_verdict_and_stored(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("-6\n3\n8\n1\n", "--template", "testfix.dot@3", "--count", "1", "--confidence")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    first_q = lines.index(QUESTION)
    assert lines[first_q + 1].startswith("Not correct")  # the verdict only after it
    assert "a likely misconception" in out.stdout  # sure and wrong
    assert "Right, though you were unsure" in out.stdout
    assert lines.count(QUESTION) == 2
    assert rows(ATTEMPTS) == [("-6", "reject", "high", 1), ("8", "accept", "low", None)]


def test_unreadable_answers_and_bad_keys(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("[1,\n8\nmaybe\n2\n", "--template", "testfix.dot@3", "--count", "1", "--confidence")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    # Unreadable: not counted, so not asked; a key that is not a level is asked again.
    assert text.index("Could not read that") < text.index(QUESTION)
    assert "How sure are you? 1 low, 2 medium, 3 high (type 1, 2 or 3)." in text
    assert rows(ATTEMPTS) == [("8", "accept", "medium", 3)]


def test_quitting_at_the_question_saves_nothing(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("8\nquit\n", "--template", "testfix.dot@3", "--confidence")
    assert out.returncode == 0, out.stderr
    assert rows(ATTEMPTS) == []


def test_without_the_flag_or_setting_nothing_is_asked(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("8\n", "--template", "testfix.dot@3", "--count", "1")
    assert QUESTION not in out.stdout
    assert rows(ATTEMPTS) == [("8", "accept", None, 3)]


def test_the_setting_turns_it_on_and_stats_json_has_the_table(  # type: ignore[no-untyped-def]
    plain, rows, db: Path, tmp_path: Path
) -> None:
    def quizmath(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "quizmath", *args, "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )

    db.parent.mkdir(parents=True, exist_ok=True)
    assert quizmath("settings", "--confidence", "on").returncode == 0
    out = plain("8\n3\n", "--template", "testfix.dot@3", "--count", "1")
    assert QUESTION in out.stdout
    assert rows(ATTEMPTS) == [("8", "accept", "high", 3)]
    stats = quizmath("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    levels = json.loads(stats.stdout)["calibration"]["levels"]
    assert levels[2] == {"confidence": "high", "answers": 1, "right": 1, "share_right": 1.0}

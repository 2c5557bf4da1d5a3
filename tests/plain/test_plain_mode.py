"""``quizmath practice --plain`` end to end: real checker, real database, piped input.

testfix.dot@3 asks for u · v with u = [−5, −1, −2], v = [−3, 3, 2]: the answer is 8, and the
declared mistake (adding all entries) gives −6. testfix.add@3 asks for [4, 5, 3] + [3, −1, 3]
= [7, 4, 6].
"""

from __future__ import annotations

from pathlib import Path

ATTEMPTS = "SELECT template_id, seed, answer, verdict, try, hints, solution_viewed, rating, mode "
ATTEMPTS += "FROM attempts ORDER BY id"


def test_right_answer(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("8\n", "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for expected in (
        "Problem 1 of 1: testfix.dot@3",
        "Dot product (test fixture) — Vectors and the dot product, difficulty 1",
        "Compute u · v for u = [−5, −1, −2] and v = [−3, 3, 2].",
        "Answer: an integer.",
        "hint (or ?), solution, skip, help, quit",
        "Correct.",
        "Read as: 8",
        "1 problem: 1 correct (1 at the first try).",
    ):
        assert expected in text, expected
    assert "\x1b[" not in text  # no colour into a pipe
    assert text.rstrip().endswith("1 problem: 1 correct (1 at the first try).")
    assert rows(ATTEMPTS) == [("testfix.dot", 3, "8", "accept", 1, 0, 0, 3, "plain")]
    assert rows("SELECT key FROM cards") == [("template:testfix.dot",)]
    assert rows("SELECT card_key, rating FROM reviews") == [("template:testfix.dot", 3)]


def test_wrong_answer_with_known_mistake_then_skip(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("-6\nskip\n", "--template", "testfix.dot@3")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Not correct." in text and "Read as: −6" in text
    assert "You added the entries; multiply them pairwise first." in text
    assert "Try again, or type hint, solution or skip." in text
    assert "Skipped. The answer was: 8" in text
    assert "End of input." in text  # no --count: the next problem met the end of input
    assert "2 problems: 0 correct, 1 skipped, 1 not answered." in text
    assert rows(ATTEMPTS) == [
        ("testfix.dot", 3, "-6", "reject", 1, 0, 0, 1, "plain"),
        ("testfix.dot", 3, "", "skipped", 2, 0, 0, None, "plain"),
    ]
    assert rows("SELECT rating FROM reviews") == [(1,)]  # one review per problem


def test_hints_and_solution_are_counted(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("hint\n?\n?\nsolution\n8\n", "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Hint 1 of 2:\n  Multiply matching entries." in text
    assert "Hint 2 of 2:\n  Then add the products: (−5)·(−3) + (−1)·3 + (−2)·2." in text
    assert "No more hints." in text
    assert "Solution:\n  u · v = (−5)·(−3) + (−1)·3 + (−2)·2 = 8" in text
    assert "Correct." in text
    assert "1 problem: 1 correct (0 at the first try)." in text
    assert rows(ATTEMPTS) == [("testfix.dot", 3, "8", "accept", 1, 2, 1, 1, "plain")]


def test_nonsense_is_not_counted_and_can_be_retried(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("import os\n((((\n\n8\n", "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Could not read that; not counted.") == 2
    assert "Correct." in out.stdout
    assert rows(ATTEMPTS) == [("testfix.dot", 3, "8", "accept", 1, 0, 0, 3, "plain")]


def test_end_of_input_mid_problem_ends_cleanly(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("hint", "--template", "testfix.dot@3", "--count", "3")  # no newline, then EOF
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert "Hint 1 of 2" in out.stdout and "End of input." in out.stdout
    assert out.stdout.rstrip().endswith("1 problem: 0 correct, 1 not answered.")
    assert rows(ATTEMPTS) == []  # an unanswered problem is not recorded


def test_quit(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("quit\n8\n", "--template", "testfix.dot@3")
    assert out.returncode == 0, out.stderr
    assert "Correct." not in out.stdout
    assert rows(ATTEMPTS) == []


def test_huge_line_and_bad_bytes_are_refused_not_recorded(plain, rows) -> None:  # type: ignore[no-untyped-def]
    huge = "1" * 100_000
    stdin = (huge + "\n").encode() + b"\xff\xfe\x00\x1b[2J\n" + b"8\n"
    out = plain(stdin, "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Could not read that; not counted.") == 2
    assert huge not in out.stdout  # the input is not echoed back
    assert "\x1b[2J" not in out.stdout
    assert "Correct." in out.stdout
    assert rows(ATTEMPTS) == [("testfix.dot", 3, "8", "accept", 1, 0, 0, 3, "plain")]


def test_three_wrong_answers_show_the_solution(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("1\n2\n3\n", "--template", "testfix.dot@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Not correct.") == 3
    assert "That was 3 tries. The worked solution:" in out.stdout
    assert "The answer was: 8" in out.stdout
    assert "1 problem: 0 correct, 1 wrong." in out.stdout
    assert [(r[2], r[4], r[7]) for r in rows(ATTEMPTS)] == [
        ("1", 1, 1),
        ("2", 2, None),
        ("3", 3, None),
    ]


def test_wrong_entries_of_a_vector(plain) -> None:  # type: ignore[no-untyped-def]
    out = plain("[7, 4, 5]\n[7, 4, 6]\n", "--template", "testfix.add@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert "Answer: a vector" in out.stdout
    assert "Not correct: entry 3 is wrong." in out.stdout
    assert "Read as: [7, 4, 5]" in out.stdout
    assert "Correct." in out.stdout


def test_count_with_fresh_seeds_and_the_saved_progress(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("skip\nskip\nskip\n", "--template", "testfix.dot", "--count", "2")
    assert out.returncode == 0, out.stderr
    assert "Problem 2 of 2: testfix.dot@" in out.stdout
    assert "2 problems: 0 correct, 2 skipped." in out.stdout
    seeds = [r[1] for r in rows(ATTEMPTS)]
    assert len(seeds) == 2 and seeds[0] != seeds[1]


def test_topic_by_slug_serves_curriculum_order(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("skip\n", "--topic", "vectors", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert "Problem 1 of 1: testfix.dot@" in out.stdout  # difficulty 1 before 2
    out = plain("skip\n", "--topic", "linear-algebra/vectors", "--count", "1")
    assert "Problem 1 of 1: testfix.add@" in out.stdout  # the new one next
    out = plain("", "--topic", "linear-algebra/eigen", "--count", "1")
    assert "no problem to practise in topic linear-algebra/eigen" in out.stdout


def test_unknown_topic_or_template(plain) -> None:  # type: ignore[no-untyped-def]
    out = plain("", "--topic", "vectrs")
    assert out.returncode == 2
    assert 'no topic "vectrs"; did you mean' in out.stderr and "vectors" in out.stderr
    out = plain("", "--template", "testfix.dott")
    assert out.returncode == 2
    assert 'no template "testfix.dott"; did you mean testfix.dot' in out.stderr
    assert "coding exercise" not in out.stderr


def test_coding_exercises_are_pointed_to(plain) -> None:  # type: ignore[no-untyped-def]
    """Plain practice does not serve coding exercises; it says where they are."""
    out = plain("", "--template", "linalg.vector-ops@3")
    assert out.returncode == 2
    assert "linalg.vector-ops is a coding exercise: quizmath code linalg.vector-ops" in out.stderr
    out = plain("skip\n", "--topic", "vectors", "--count", "1")
    assert out.returncode == 0, out.stderr
    tail = out.stdout.rstrip().splitlines()[-2:]
    assert tail[0].startswith("Coding exercises in this topic")
    assert tail[1].split()[:3] == ["quizmath", "code", "linalg.vector-ops"]
    out = plain("skip\n", "--topic", "linear-algebra/eigen", "--count", "1")
    assert "Coding exercises" not in out.stdout  # none in that topic


def test_a_corrupt_database_is_refused_and_kept(plain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    out = plain("8\n", "--template", "testfix.dot@3", db_path=bad)
    assert out.returncode == 1
    assert str(bad) in out.stderr and "untouched" in out.stderr
    assert bad.read_bytes() == b"not a database at all" * 100


def test_help_explains_how_to_write_the_answer(plain, rows) -> None:  # type: ignore[no-untyped-def]
    out = plain("help\n", "--template", "testfix.add@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert "Entries in order: [1, 2, 3], (1, 2, 3) or 1, 2, 3" in out.stdout
    assert "Roots sqrt(2) or √2" in out.stdout
    assert rows(ATTEMPTS) == []


def test_db_from_the_top_level_option_or_the_environment(tmp_path: Path) -> None:
    import os
    import sqlite3
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    fixtures = str(Path(__file__).parent / "fixtures")
    args = ["practice", "--plain", "--bank", fixtures, "--template", "testfix.dot@3"]
    top = tmp_path / "top.db"
    subprocess.run(
        [sys.executable, "-m", "quizmath", "--db", str(top), *args],
        input=b"8\n",
        env=env,
        capture_output=True,
        timeout=180,
        check=True,
    )
    env["QUIZMATH_DB"] = str(tmp_path / "env.db")
    subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        input=b"skip\n",
        env=env,
        capture_output=True,
        timeout=180,
        check=True,
    )
    for path, verdict in ((top, "accept"), (tmp_path / "env.db", "skipped")):
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT verdict FROM attempts").fetchall() == [(verdict,)]
        conn.close()
    assert not (tmp_path / "xdg").exists()  # the default location was never touched


def test_wrong_entries_are_counted_from_one() -> None:
    """Used when the checker's message does not already name the entries."""
    from quizmath.plain.items.problem import wrong_entries_line

    assert wrong_entries_line([0, 2], None) == "Wrong entries: 1, 3 (counting from 1)."
    assert wrong_entries_line([(1, 0)], None) == "Wrong entries: row 2 column 1."


def test_checker_falls_back_to_in_process_when_the_service_cannot_start(
    monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from quizmath.core.answers import Verdict, service
    from quizmath.plain.checker import plain_checker

    class Broken:
        def __init__(self) -> None:
            raise OSError("no processes left")

    class NeverReady:
        def check(self, *args: object, **kw: object) -> Verdict:
            return Verdict("invalid", "the checker could not start; the answer was not counted")

        def close(self) -> None:
            pass

    for fake, reason in ((Broken, "no processes left"), (NeverReady, "could not start")):
        monkeypatch.setattr(service, "CheckService", fake)
        checker = plain_checker("practice")
        assert checker("integer", "8", "8").verdict == "accept"
        assert checker("integer", "8", "9").verdict == "reject"
        err = capsys.readouterr().err
        assert "checking in this process" in err and reason in err
        assert err.count("note:") == 1
        checker.close()


def test_a_topic_may_be_an_area_or_a_template_prefix(plain) -> None:  # type: ignore[no-untyped-def]
    # Issue 13 item 18: `practice --topic linear-algebra` was refused though drills took it.
    for name in ("linear-algebra", "testfix", "vectors"):
        out = plain("quit\n", "--topic", name)
        assert out.returncode == 0, (name, out.stderr)
        assert "Problem 1: testfix." in out.stdout
    out = plain("quit\n", "--topic", "nope")
    assert out.returncode == 2 and "did you mean" not in out.stderr
    assert 'no topic "nope"' in out.stderr


def test_the_app_is_not_opened_on_a_coding_exercise_as_a_template(capsys) -> None:  # type: ignore[no-untyped-def]
    from quizmath.cli import main

    assert main(["practice", "--template", "linalg.vector-ops"]) == 2
    err = capsys.readouterr().err
    assert "linalg.vector-ops is a coding exercise" in err
    assert "quizmath code linalg.vector-ops" in err

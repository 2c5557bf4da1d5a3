"""``quizmath drill --plain`` end to end (subprocess, piped input, fixture bank), and in
process with an injected clock for the time-out."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from drill_fakes import Mono, right, wrong

from quizmath.cli import build_parser
from quizmath.commands.drill import run_plain
from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.content import InterviewBank
from quizmath.core.drill.plan import plan_drill

Cli = Callable[..., object]


def q(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_two_question_one_minute_drill(cli, bank: Bank, db: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_drill(bank, None, questions=2, seed=42)
    first, second = (plan.problems[i.ref] for i in plan.items)
    out = cli(
        f"{right(first)}\n{wrong(second)}\n",
        "drill",
        "--plain",
        "--questions",
        "2",
        "--minutes",
        "1",
        "--seed",
        "42",
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "\x1b[" not in text  # no colour into a pipe
    assert f"Drill 1: 2 questions, 1:00 on the clock. Seed 42, code {plan.code}." in text
    assert re.search(rf"\[[01]:\d\d left\] Question 1 of 2: {re.escape(first.ref)}", text)
    assert re.search(rf"\[0:\d\d left\] Question 2 of 2: {re.escape(second.ref)}", text)
    assert first.prompt in text and second.prompt in text
    assert re.search(r"Correct\. 0:\d\d on this question; 0:\d\d left\.", text)
    assert re.search(r"Not correct\. 0:\d\d on this question; 0:\d\d left\.", text)
    # The report.
    assert "Score: 1 of 2 (50%), 1 wrong." in text
    assert f"2. {second.ref} — {second.title}" in text
    assert f"Your answer: {wrong(second)}" in text and f"Answer: {second.answer_text}" in text
    assert f"Replay: quizmath practice --template {second.ref}" in text
    assert "Earlier drills: none yet" in text
    assert "Share this drill: quizmath drill --seed 42 --questions 2 --minutes 1\n" in text
    assert q(
        db, "SELECT status, ended, seed, seeded, questions, limit_ms, code FROM drill_runs"
    ) == [("finished", "completed", 42, 1, 2, 60_000, plan.code)]
    assert q(db, "SELECT template_id, seed, verdict, mode, drill_id, hints FROM attempts") == [
        (first.template_id, first.seed, "accept", "drill", 1, 0),
        (second.template_id, second.seed, "reject", "drill", 1, 0),
    ]
    # Kept, and reachable later.
    later = cli("", "drill", "--report", "last")
    assert later.returncode == 0 and "Score: 1 of 2 (50%), 1 wrong." in later.stdout
    data = json.loads(cli("", "drill", "--report", "1", "--json").stdout)
    assert data["score"]["correct"] == 1 and data["code"] == plan.code
    listing = cli("", "drill", "--list").stdout
    assert re.search(r"\n\s+1\s+\S+ \S+\s+1/2\s+50%\s+\S+\s+all answered", listing)


def test_no_hints_and_skip(cli, bank: Bank, db: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_drill(bank, None, questions=2, seed=7)
    first = plan.problems[plan.items[0].ref]
    out = cli(
        f"hint\nsolution\nskip\n{right(plan.problems[plan.items[1].ref])}\n",
        "drill",
        "--plain",
        "--questions",
        "2",
        "--seed",
        "7",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("No hints during a drill") == 2
    assert first.hints[0] not in out.stdout.split("Score:")[0]
    assert "Skipped." in out.stdout and "Score: 1 of 2 (50%), 1 skipped." in out.stdout
    assert q(db, "SELECT verdict, hints, solution_viewed FROM attempts") == [
        ("skipped", 0, 0),
        ("accept", 0, 0),
    ]


def test_interview_question_in_plain_mode(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli(
        "skip\nskip\nacute when positive\nreveal\nall\n\nskip\n",
        "drill",
        "--plain",
        "--questions",
        "4",
        "--seed",
        "1",
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Question 3 of 4: drillfix-dot-meaning" in text
    assert "What does the sign of a dot product tell you?" in text
    assert "Model answer:\n  Positive: the angle" in text and "Key points:" in text
    assert "Key points:\n  1. u·v = ‖u‖‖v‖cos θ\n  2. the sign is the sign of cos θ" in text
    assert "You covered 2 of 2 key points: that suggests 3 Good." in text
    assert "Rated 3 of 4 (2 of 2 key points)." in text
    assert "Score: 1 of 4 (25%), 3 skipped." in text
    assert q(db, "SELECT kind, outcome, rating, answer FROM drill_items WHERE position = 2") == [
        ("interview", "correct", 3, "acute when positive")
    ]
    assert q(db, "SELECT rating, score, points FROM interview_ratings") == [
        (3, 1.0, '{"of": 2, "covered": [0, 1]}')
    ]


def test_interview_key_points_in_plain_mode(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    """One point of two ticked suggests Hard; a word overrides; a bad number is asked again."""
    out = cli(
        "skip\nskip\n\n7\n2\n4\nskip\n", "drill", "--plain", "--questions", "4", "--seed", "1"
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "the key points are numbered 1 to 2." in text
    assert "You covered 1 of 2 key points: that suggests 2 Hard." in text
    assert "Rated 4 of 4 (1 of 2 key points)." in text  # overridden
    assert q(db, "SELECT rating, score, points FROM interview_ratings") == [
        (4, 0.5, '{"of": 2, "covered": [1]}')
    ]


def test_end_of_input_keeps_the_drill_and_resume_finishes_it(cli, bank: Bank, db: Path) -> None:  # type: ignore[no-untyped-def]
    plan = plan_drill(bank, None, questions=3, seed=5)
    answers = [right(plan.problems[i.ref]) for i in plan.items]
    out = cli(f"{answers[0]}\n", "drill", "--plain", "--questions", "3", "--seed", "5")
    assert out.returncode == 0, out.stderr
    assert "End of input. Drill 1 is kept with 1 of 3 answered" in out.stdout
    assert "quizmath drill --resume" in out.stdout
    assert q(db, "SELECT status FROM drill_runs") == [("running",)]
    # Listed with the others, as unfinished, with how to resume it.
    listing = cli("", "drill", "--list").stdout
    assert re.search(
        r"^\s+1\s.*1/3.*unfinished, 1 of 3 answered: quizmath drill --resume 1$", listing, re.M
    ), listing
    # A script says what to do with it; the drill goes on at question 2.
    out = cli(f"{answers[1]}\n{answers[2]}\n", "drill", "--plain", "--resume")
    assert out.returncode == 0, out.stderr
    assert "Resuming drill 1: 1 of 3 answered" in out.stdout
    assert "Question 1 of 3" not in out.stdout and "Question 2 of 3" in out.stdout
    assert "Score: 3 of 3 (100%)." in out.stdout
    assert q(db, "SELECT status, ended FROM drill_runs") == [("finished", "completed")]


def test_the_next_start_offers_to_resume_or_discard(cli, bank: Bank, db: Path) -> None:  # type: ignore[no-untyped-def]
    cli("skip\n", "drill", "--plain", "--questions", "3", "--seed", "5")
    out = cli("", "drill", "--plain", "--questions", "2", "--seed", "8")
    assert "You have an unfinished drill: drill 1" in out.stdout
    assert "1 of 3 answered" in out.stdout and "Type resume to finish it, discard" in out.stdout
    assert "Nothing started; the unfinished drill is kept." in out.stdout
    assert q(db, "SELECT id, status FROM drill_runs") == [(1, "running")]
    plan = plan_drill(bank, None, questions=2, seed=8)
    answers = "\n".join(right(plan.problems[i.ref]) for i in plan.items)
    out = cli(f"maybe\ndiscard\n{answers}\n", "drill", "--plain", "--questions", "2", "--seed", "8")
    assert out.returncode == 0, out.stderr
    assert "Drill 1 discarded (it stays in the history)." in out.stdout
    assert "Score: 2 of 2 (100%)." in out.stdout
    assert q(db, "SELECT id, status, ended FROM drill_runs") == [
        (1, "discarded", "discarded"),
        (2, "finished", "completed"),
    ]


def test_a_silent_input_ends_the_drill_on_time(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    # A pipe that stays open and silent: select() wakes at the deadline (0.02 min = 1.2 s).
    import subprocess

    from drill_fakes import plain_drill_command, subprocess_env

    cmd = plain_drill_command(db, "--questions", "2", "--minutes", "0.02", "--seed", "3")
    env = subprocess_env()
    with subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env
    ) as proc:
        assert proc.stdout is not None
        text = proc.stdout.read()  # stdin stays open and silent until the drill has ended
        proc.wait(timeout=120)
    assert proc.returncode == 0
    assert "Time is up. Question 1 was not answered." in text
    assert "Score: 0 of 2 (0%), 2 unanswered." in text and "Not reached:" in text
    assert q(db, "SELECT status, ended FROM drill_runs") == [("finished", "timeout")]


class SlowInput(io.StringIO):
    """Piped lines, each arriving ``seconds`` after the last (on the injected clock)."""

    def __init__(self, text: str, clock: Mono, seconds: float) -> None:
        super().__init__(text)
        self.clock = clock
        self.seconds = seconds

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.clock.tick(self.seconds)
        return super().readline(size)


def test_a_line_after_the_deadline_is_judged_then_the_drill_ends(
    bank: Bank, interviews: InterviewBank, db: Path
) -> None:
    plan = plan_drill(bank, None, questions=3, seed=6)
    answers = "".join(right(plan.problems[i.ref]) + "\n" for i in plan.items)
    mono = Mono()
    args = build_parser().parse_args(
        [
            "drill",
            "--plain",
            "--questions",
            "3",
            "--minutes",
            "1",
            "--seed",
            "6",
            "--bank",
            str(bank.files[0].parent),
            "--db",
            str(db),
        ]
    )
    out = io.StringIO()
    # 25 s per line: answers at 0:25 and 0:50, the third at 1:15, after the deadline.
    status = run_plain(args, SlowInput(answers, mono, 25), out, clock=mono, checker=check)
    text = out.getvalue()
    assert status == 0
    assert "Correct. 0:25 on this question; 0:35 left." in text
    assert "Correct. 0:25 on this question; 0:10 left." in text
    assert "Correct. (That answer came in after the time ran out.)" in text
    assert "Time is up." in text
    assert "Score: 3 of 3 (100%)." in text and "(time ran out)" in text
    assert "submitted when time ran out" in text
    assert q(db, "SELECT ms, timed_out FROM drill_items ORDER BY position") == [
        (25_000, 0),
        (25_000, 0),
        (10_000, 1),
    ]

"""Plain mode draws a problem's plot as text under its prompt, within the terminal's width."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quizmath.core.bank.bank import bank_root


def test_a_plot_problem_in_plain_mode(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), PYTHONIOENCODING="utf-8", COLUMNS="80")
    template = bank_root() / "templates" / "ml" / "fit-diagnosis.yaml"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizmath",
            "practice",
            "--plain",
            "--bank",
            str(template),
            "--template",
            "ml.fit-diagnosis@4",
            "--db",
            str(tmp_path / "p.db"),
        ],
        input="skip\nquit\n",
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    start = next(i for i, line in enumerate(lines) if "learning curves" in line)
    legend = next(i for i, line in enumerate(lines) if "• training loss" in line)
    assert start < legend < next(i for i, line in enumerate(lines) if line.startswith("  A) "))
    assert "x validation loss" in lines[legend] and "epoch" in out.stdout
    prompt = next(i for i, line in enumerate(lines) if line.startswith("A polynomial"))
    assert all(len(line) <= 80 for line in lines[prompt : legend + 1])  # wrapped, drawn to fit
    assert "\x1b" not in out.stdout  # piped: no colour, and plotext's escapes are stripped

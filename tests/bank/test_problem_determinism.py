"""A problem named id@seed is the same in every process."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _preview(ref: str, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "preview", ref, "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return out.stdout


def test_preview_is_identical_across_processes() -> None:
    first = _preview("linalg.eigenvalues-2x2@7", "1")
    second = _preview("linalg.eigenvalues-2x2@7", "2")
    assert first == second
    data = json.loads(first)
    assert data["id"] == "linalg.eigenvalues-2x2" and data["seed"] == 7
    # Exact and readable: a set of integers written as a person writes it.
    assert data["answer"].startswith("{") and "Rational" not in data["answer"]
    assert set(data) >= {"id", "seed", "topic", "kind", "prompt", "answer", "hints", "solution"}


def test_every_template_gives_the_same_problem_in_another_process() -> None:
    code = (
        "from quizmath.core.bank.bank import load_bank\n"
        "from quizmath.core.bank.generate import generate\n"
        "b = load_bank()\n"
        "for t in b.ordered():\n"
        "    for s in (0, 17):\n"
        "        p = generate(t, s)\n"
        "        print(p.ref, p.expected, p.prompt.replace(chr(10), ' '), p.choices)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": h},
            check=True,
            timeout=600,
        ).stdout
        for h in ("0", "123")
    ]
    assert runs[0] == runs[1] and runs[0].count("\n") >= 60

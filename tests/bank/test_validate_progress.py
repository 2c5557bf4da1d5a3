"""``quizmath validate`` shows its progress on a terminal, and nothing extra otherwise
(issue 13 item 20: it was silent for ~50 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BANK = Path(__file__).resolve().parents[1] / "drill" / "fixtures" / "bank"
ARGS = [sys.executable, "-m", "quizmath", "validate", str(BANK), "--seeds", "1", "--jobs", "1"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_on_a_terminal() -> None:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(ARGS, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    text = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0, text
    n = len(list(BANK.glob("*.yaml")))
    for k in range(1, n + 1):
        assert f"{k}/{n} templates" in text
    assert f"{n} templates, {n} instances: ok" in text


def test_no_progress_into_a_pipe() -> None:
    out = subprocess.run(ARGS, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert out.stderr == ""
    assert out.stdout.splitlines() == ["4 templates, 4 instances: ok"]

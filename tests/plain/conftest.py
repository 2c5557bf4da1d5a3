"""Plain-mode tests run ``quizmath practice --plain`` in a subprocess with piped input,
over the fixture templates in ``fixtures/`` and a database under tmp_path."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


@pytest.fixture
def plain(tmp_path: Path, db: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")  # never the real user directory
    env["PYTHONIOENCODING"] = "utf-8"

    def run(
        stdin: str | bytes, *args: str, db_path: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        cmd = [
            sys.executable,
            "-m",
            "quizmath",
            "practice",
            "--plain",
            "--bank",
            str(FIXTURES),
            *args,
            "--db",
            str(db_path or db),
        ]
        data = stdin.encode() if isinstance(stdin, str) else stdin
        out = subprocess.run(
            cmd, input=data, capture_output=True, timeout=180, env=env, cwd=tmp_path
        )
        return subprocess.CompletedProcess(
            out.args, out.returncode, out.stdout.decode(), out.stderr.decode()
        )

    return run


@pytest.fixture
def rows(db: Path) -> Callable[[str], list[tuple]]:  # type: ignore[type-arg]
    def query(sql: str) -> list[tuple]:  # type: ignore[type-arg]
        conn = sqlite3.connect(db)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    return query

"""quizmath serve: the page is served on the chosen port, bound to 127.0.0.1 by default."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from quizmath.commands.serve import app_command, is_loopback


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_serves_the_page(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "QUIZMATH_DB"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizmath", "--db", str(tmp_path / "p.db"), "serve",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    try:
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        assert "<!DOCTYPE html>" in page
        assert f"ws://127.0.0.1:{port}/ws" in page  # the terminal connects back here
        assert "data-session-websocket-url" in page
        script = _get(f"http://127.0.0.1:{port}/static/js/textual.js", time.monotonic() + 10)
        assert len(script) > 1000
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert f"quizmath at http://127.0.0.1:{port}/" in out


def test_the_app_command_and_the_default_host() -> None:
    assert app_command(None).endswith("-m quizmath")
    assert app_command("/tmp/my db.sqlite").endswith("--db '/tmp/my db.sqlite'")
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    from quizmath.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)

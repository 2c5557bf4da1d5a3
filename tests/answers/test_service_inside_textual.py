"""The checking service starts inside a running Textual app.

Textual replaces sys.stderr with a capture object whose fileno() is no descriptor; spawning
multiprocessing's resource tracker with it failed ("bad value(s) in fds_to_keep"), and the app
silently fell back to checking without a time limit. Found by using the app in tmux.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    from textual.app import App

    from quizmath.core.answers import CheckService


    class Host(App[str]):
        def on_ready(self) -> None:
            self.run_worker(self.check, thread=True)

        def check(self) -> None:
            with CheckService() as service:
                verdict = service.check("integer", "5", "5")
            self.call_from_thread(self.exit, f"{verdict.verdict}: {verdict.message}")


    if __name__ == "__main__":
        print(Host().run(headless=True))
    """
)


def test_service_starts_inside_a_textual_app(tmp_path: Path) -> None:
    script = tmp_path / "host.py"
    script.write_text(SCRIPT)
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=180, cwd=tmp_path
    )
    assert run.stdout.strip().splitlines()[-1] == "accept: Correct.", run.stdout + run.stderr

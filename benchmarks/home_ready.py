"""Home: when it paints, and when it is usable (reviews due shown, Continue enabled).

    .venv/bin/python benchmarks/home_ready.py [--runs 7]

Each run starts ``quizmath`` (home) on a pseudo-terminal, as a person does, and reads what it
writes to the terminal: home has painted when its curriculum heading is on the screen, and it
is usable when "Reviews due" is (the status line and the Continue entry are filled in the same
step, once the bank, the interview questions and the scheduler are loaded). Both are measured
from just before the process is spawned; then the app is sent ctrl+q. The baseline is home's
own paint, in the same run: issue 13 item 24 budgets usable ≤ 1.3 × painted.

Runs share one progress database (made by a warm-up run) and one bytecode folder, as an
installed copy would.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from startup import quizmath_entry, spawn_on_pty  # benchmarks/ is on the path when a script runs

BUDGET = 1.3
PAINTED = b"Enter: practise a topic"  # home's curriculum heading, in its first frame
USABLE = b"Reviews due"  # the status line once the content is loaded


def quizmath_command(db: Path) -> list[str]:
    return [*quizmath_entry(), "--db", str(db)]


def app_env(work: Path) -> dict[str, str]:
    """The app's environment: bytecode cached in ``work`` (as in an installed copy), its own
    data folder there, a 100×30 terminal, nothing that changes how it starts."""
    drop = ("QUIZMATH_DB", "PYTHONDONTWRITEBYTECODE", "QUIZMATH_EXIT_AFTER_PAINT")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        XDG_DATA_HOME=str(work / "xdg"),
        TERM=env.get("TERM", "xterm-256color"),
        COLUMNS="100",
        LINES="30",
    )
    return env


def time_home(cmd: list[str], env: dict[str, str], timeout: float = 60) -> tuple[float, float]:
    """Milliseconds from just before spawning ``cmd`` to home painted, and to home usable."""
    proc, master, start = spawn_on_pty(cmd, env)
    output = b""
    painted = usable = None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and usable is None:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            now = time.monotonic_ns()
            output += chunk
            if painted is None and PAINTED in output:
                painted = now
            if painted is not None and USABLE in output:
                usable = now
        if proc.poll() is None:
            os.write(master, b"\x11")  # ctrl+q
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
    if painted is None or usable is None:
        tail = output[-1500:].decode(errors="replace")
        raise SystemExit(f"{cmd[0]}: home never became usable (exit {proc.returncode}):\n{tail}")
    return (painted - start) / 1e6, (usable - start) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs (default 7)")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("use at least 5 runs")

    work = Path(tempfile.mkdtemp(prefix="quizmath-home-"))
    try:
        env = app_env(work)
        cmd = quizmath_command(work / "progress.db")
        time_home(cmd, env)  # warm-up: bytecode, the template cache, the database file
        runs = [time_home(cmd, env) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    painted = statistics.median(p for p, _ in runs)
    usable = statistics.median(u for _, u in runs)
    ratios = [u / p for p, u in runs]
    ratio = statistics.median(ratios)
    print(
        f"quizmath home, median of {args.runs} runs; {os.cpu_count()} cores, "
        f"load average {load:.2f}"
    )
    print(f"  painted                    {painted:7.1f} ms   (min {min(p for p, _ in runs):.0f})")
    verdict = "OK" if ratio <= BUDGET else "OVER"
    print(
        f"  usable                     {usable:7.1f} ms   (min {min(u for _, u in runs):.0f})"
        f"   ratio {ratio:.2f} (median of per-run ratios)  {verdict}"
    )
    print(f"  budget: usable ≤ {BUDGET} × painted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

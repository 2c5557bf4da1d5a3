"""Start-up time: process start → first problem painted, quizmath vs a bare Textual app.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--template linalg.dot-product@3]

Each run is a fresh process on a pseudo-terminal (a real terminal as far as Textual knows).
quizmath runs ``quizmath practice --template ID@SEED`` with ``QUIZMATH_EXIT_AFTER_PAINT=1``: it
exits once the problem screen has painted its problem and prints ``painted <monotonic ns>``.
The bare app has the same widgets in its first frame (the problem screen's: Header, a scrolling
sheet of Statics with the same text, an Input with a line under it, a Footer with the same
keys; the problem screen mounts its hidden parts, the verdict and the worked solution, after
its first frame) on a pushed screen, imports nothing from quizmath, and prints the same line
from ``on_ready`` (after its first frame). Both are measured from just
before the process is spawned (``time.monotonic_ns()`` is system-wide on Linux and macOS).
Runs alternate, after one warm-up run each: a round runs each variant once, back to back. Printed
per variant: the median, the ratio of the medians, the ratio of the minimums (what an idle
machine would give) and the median of the per-round ratios, which the verdict uses: this
machine's speed drifts from minute to minute, and a round's runs share the minute. Budget:
ratio ≤ 1.3, also under load: ``--load N`` keeps N other processes busy meanwhile (issue 13
item 24 measured at load averages 1.25 and 2).

quizmath makes its first problem in a helper process when a core is idle (see
``quizmath/tui/prefetch.py``); ``--compare-prefetch`` times both ways in the same run.

Bytecode is cached for both (``PYTHONPYCACHEPREFIX`` in a temporary folder, written by the
warm-up runs), as in an installed copy: with ``PYTHONDONTWRITEBYTECODE`` set, quizmath would be
compiled from source on every start while Textual's installed bytecode is reused.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 1.3
PAINTED = re.compile(rb"painted (\d+) cpu (\d+)")

BARE_APP = r'''
import time
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

PROMPT = """Compute the dot product u·v of

  u = [6, 4, 5, −2]    and    v = [−3, −4, −5, −5]."""


class Practice(Screen[None]):
    # The problem screen's widget tree and footer keys, without quizmath.
    BINDINGS = [
        Binding("ctrl+t", "bell", "Hint"),
        Binding("ctrl+r", "bell", "Solution"),
        Binding("ctrl+o", "bell", "Concept"),
        Binding("ctrl+g", "bell", "Skip"),
        Binding("ctrl+n", "bell", "Next"),
        Binding("escape", "bell", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with ScrollableContainer():
            yield Static("Problem 1 · linalg.dot-product@3 · Vectors and the dot product · ★")
            yield Static("Dot product of two vectors")
            yield Static(PROMPT)
            yield Static("Answer: an integer.")
            yield Vertical(classes="auto")  # hints
        with Vertical(classes="auto"):
            yield Input(placeholder="Type your answer, then Enter")
            yield Static("Enter checks · ctrl+t hint (2 left) · F1 how to type answers")
        yield Footer()


class Bare(App[None]):
    TITLE = "bare"
    CSS = ".auto { height: auto; }"

    def on_mount(self) -> None:
        self.push_screen(Practice())

    def on_ready(self) -> None:
        self.painted = time.monotonic_ns()
        self.cpu = time.process_time_ns()
        self.exit()


app = Bare()
app.run()
print(f"painted {app.painted} cpu {app.cpu}", flush=True)
'''


def quizmath_entry() -> list[str]:
    """The console script, as a person runs it (else ``python -m quizmath``)."""
    script = Path(sys.executable).with_name("quizmath")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizmath"]


def quizmath_command(db: Path, template: str) -> list[str]:
    return [*quizmath_entry(), "--db", str(db), "practice", "--template", template]


def spawn_on_pty(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int, int]:
    """Start ``cmd`` on a new pseudo-terminal (a real terminal as far as Textual knows): the
    process, the terminal's master end, and ``time.monotonic_ns()`` just before the spawn."""
    master, slave = pty.openpty()
    os.set_inheritable(slave, True)
    start = time.monotonic_ns()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    return proc, master, start


def busy_process() -> subprocess.Popen[bytes]:
    """A process that keeps one core busy until it is killed (``--load``)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def time_to_paint(cmd: list[str], env: dict[str, str], timeout: float = 60) -> tuple[float, float]:
    """Milliseconds from just before spawning ``cmd`` to the ``painted`` time it prints, and the
    CPU time its process had used by then (its own: not a helper process's)."""
    proc, master, start = spawn_on_pty(cmd, env)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
        proc.wait(timeout=10)
    match = PAINTED.search(output)
    if proc.returncode != 0 or match is None:
        tail = output[-1500:].decode(errors="replace")
        raise SystemExit(f"{cmd[0]} failed (exit {proc.returncode}):\n{tail}")
    return (int(match.group(1)) - start) / 1e6, int(match.group(2)) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (default 7)")
    parser.add_argument("--template", default="linalg.dot-product@3", help="ID@SEED to paint")
    parser.add_argument(
        "--compare-prefetch",
        action="store_true",
        help="time quizmath with and without the helper process (QUIZMATH_PREFETCH=on/off)",
    )
    parser.add_argument(
        "--load", type=int, default=0, help="keep this many busy processes running meanwhile"
    )
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("use at least 5 runs")

    work = Path(tempfile.mkdtemp(prefix="quizmath-bench-"))
    busy = [busy_process() for _ in range(args.load)]
    try:
        drop = ("QUIZMATH_DB", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env.update(
            # Bytecode cached, as after `pip install` (which compiles it): kept in a private
            # folder for both apps, so the checkout is not written to.
            PYTHONPYCACHEPREFIX=str(work / "pycache"),
            QUIZMATH_EXIT_AFTER_PAINT="1",
            XDG_DATA_HOME=str(work / "xdg"),
            TERM=env.get("TERM", "xterm-256color"),
            COLUMNS="100",
            LINES="30",
        )
        bare_script = work / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        ours = quizmath_command(work / "progress.db", args.template)
        bare = [sys.executable, str(bare_script)]

        variants = {"quizmath": (ours, env), "bare": (bare, env)}
        if args.compare_prefetch:  # both ways of making the first problem, whatever the load
            variants = {
                "quizmath, helper process": (ours, {**env, "QUIZMATH_PREFETCH": "on"}),
                "quizmath, in process": (ours, {**env, "QUIZMATH_PREFETCH": "off"}),
                "bare": (bare, env),
            }
        for cmd, cmd_env in variants.values():  # warm-up: bytecode caches, the database file
            time_to_paint(cmd, cmd_env)
        ms: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.runs):  # alternate, so drift in machine load hits all alike
            for name, (cmd, cmd_env) in variants.items():
                wall, used = time_to_paint(cmd, cmd_env)
                ms[name].append(wall)
                cpu[name].append(used)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)

    bare_ms = statistics.median(ms["bare"])
    print(
        f"process start → first problem painted ({args.template}), median of {args.runs} "
        f"runs each; {os.cpu_count()} cores, load average {load:.2f}"
        + (f" with {args.load} busy processes" if args.load else "")
    )
    for name, runs in ms.items():
        median = statistics.median(runs)
        line = f"  {name:<26} {median:7.1f} ms   (min {min(runs):.0f})"
        if name != "bare":
            ratio = median / bare_ms
            per_round = statistics.median(a / b for a, b in zip(runs, ms["bare"], strict=True))
            verdict = "OK" if per_round <= BUDGET else "OVER"
            line += (
                f"   ratio {ratio:.2f}, min/min {min(runs) / min(ms['bare']):.2f},"
                f" per round {per_round:.2f}  {verdict}"
            )
        print(line)
    print(f"  budget: ratio ≤ {BUDGET} (the verdict: median of the per-round ratios)")
    # CPU time to the paint: the work done, whatever the load (a helper's is not counted).
    bare_cpu = statistics.median(cpu["bare"])
    print("CPU time of the process until the first paint (median; a helper process's not counted)")
    for name, used in cpu.items():
        median = statistics.median(used)
        ratio_text = "" if name == "bare" else f"   ratio {median / bare_cpu:.2f}"
        print(f"  {name:<26} {median:7.1f} ms{ratio_text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A long history end to end: the app on a pseudo-terminal, timed as a learner waits for it.

Used by ``history.py`` (its end-to-end table; ``--no-app`` leaves it out, ``--app-only`` runs
only it). Each measurement starts ``quizmath`` as a person does, on a fresh copy of a cached
history, and reads what it writes to the terminal:

- home painted, home usable: process start → home's curriculum heading on the screen, and →
  "Reviews due" (``time_home`` of ``home_ready.py``, on ``quizmath --db COPY``);
- problem painted: ``quizmath --db COPY practice --template ID@SEED`` started → the problem's
  title on the screen;
- Enter → verdict (wrong), Enter → verdict (right): from writing the Enter byte to "✗ Not
  correct" or "✓ Correct" (the verdict panel's first line) on the screen. The answers come from
  the core (the problem made through ``tui.prefetch.make``: its expected integer, and that plus
  one or two for the wrong ones), so they follow the template. A first wrong answer, not timed,
  comes first: it waits for the practice session and the checking service to be ready (a person
  reads the problem for longer than that) and warms the checker; then a wrong answer and the
  right one are timed. Each answer is typed, the live "reads as" line is left to settle, then
  Enter is written alone. Three attempts are recorded into the copy: every run makes new copies.

The environment is ``home_ready.app_env``: bytecode cached in a temporary ``PYTHONPYCACHEPREFIX``
(written by a warm-up run of every size), a temporary ``XDG_DATA_HOME``, a 100×30 terminal; the
prefetch helper is left to its default (on when a core is idle).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from home_ready import app_env, time_home
from home_ready import quizmath_command as home_command  # benchmarks/ is on the path
from startup import quizmath_command as practice_command
from startup import spawn_on_pty

TEMPLATE = "linalg.dot-product@3"  # a short integer answer
WRONG = "✗ Not correct".encode()  # the verdict panel's first line (tui/widgets/verdict_panel.py)
RIGHT = "✓ Correct".encode()
READING = b"reads as"  # under the answer box, once it has read what was typed
SETTLE = 0.3  # seconds between keys typed and Enter, and after a verdict (a person is slower)
CLEAR = b"\x15"  # ctrl+u: the answer box deletes everything left of the cursor
QUIT = b"\x11"  # ctrl+q

MEASURES = (
    "home painted",
    "home usable",
    "problem painted",
    "Enter → verdict (wrong)",
    "Enter → verdict (right)",
)


@dataclass(frozen=True)
class Answers:
    ref: str
    title: bytes  # on the screen once the problem is painted
    right: str
    wrong: tuple[str, str]  # the untimed first answer, then the timed one


def answers_for(ref: str) -> Answers:
    """The problem ``ref`` as the app will show it, and answers to it (an integer template)."""
    from quizmath.tui.prefetch import make

    problem, _topic = make(ref, [])
    if problem.kind != "integer":
        raise SystemExit(f"{ref}: pick a template with an integer answer (not {problem.kind})")
    n = int(problem.expected)
    return Answers(ref, problem.title.encode(), str(n), (str(n + 1), str(n + 2)))


class Terminal:
    """A process on a pseudo-terminal: what it writes, and keys typed into it."""

    def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
        self.cmd = cmd
        self.proc, self.master, self.start = spawn_on_pty(cmd, env)
        self.output = b""  # written since the last ``type`` or ``settle``
        self.read_at = self.start  # ``time.monotonic_ns()`` when output was last read

    def read(self, seconds: float) -> None:
        """Wait up to ``seconds`` for output and read what has come."""
        ready, _, _ = select.select([self.master], [], [], seconds)
        if not ready:
            if self.proc.poll() is not None:
                raise self.failure("exited")
            return
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            chunk = b""
        self.read_at = time.monotonic_ns()
        if not chunk:
            raise self.failure("closed the terminal")
        self.output += chunk

    def shows(self, text: bytes, timeout: float) -> bool:
        """Whether ``text`` is written within ``timeout`` seconds (since the last ``type``)."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.read(min(0.2, left))
        return True

    def wait_for(self, text: bytes, timeout: float = 60) -> int:
        """``time.monotonic_ns()`` when ``text`` was read (written since the last ``type``)."""
        if not self.shows(text, timeout):
            raise self.failure(f"did not show {text.decode()!r} within {timeout:.0f} s")
        return self.read_at

    def settle(self, seconds: float) -> None:
        """Read for ``seconds`` (frames still coming), then forget what was written."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.read(left)
        self.output = b""

    def answer(self, text: str, timeout: float = 60) -> None:
        """Type ``text`` into the answer box, again until its "reads as" line shows it: keys
        typed just after the first paint can be lost while the practice session loads."""
        deadline = time.monotonic() + timeout
        while True:
            self.type(CLEAR)  # alone: typed with the text, Textual may run it after the text
            self.settle(0.1)
            self.type(text.encode())
            if self.shows(READING, 1.0):
                break
            if time.monotonic() > deadline:
                raise self.failure(f"never read the answer {text!r}")
        self.settle(SETTLE)  # the rest of the keys, and the "reads as" line

    def type(self, keys: bytes) -> int:
        """Write ``keys``; ``time.monotonic_ns()`` just before. Output is read afresh."""
        self.output = b""
        sent = time.monotonic_ns()
        os.write(self.master, keys)
        return sent

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                os.write(self.master, QUIT)
                self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        finally:
            os.close(self.master)
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(timeout=10)

    def failure(self, what: str) -> SystemExit:
        tail = self.output[-1500:].decode(errors="replace")
        return SystemExit(f"{' '.join(self.cmd)}: {what} (exit {self.proc.poll()}):\n{tail}")


def time_practice(cmd: list[str], env: dict[str, str], answers: Answers) -> tuple[float, ...]:
    """Milliseconds: process start → problem painted; Enter → verdict, wrong and right."""
    term = Terminal(cmd, env)
    try:
        painted = term.wait_for(answers.title)
        term.answer(answers.wrong[0])  # untimed: waits for the session, warms the checker
        term.type(b"\r")
        term.wait_for(WRONG)
        timed = []
        for typed, verdict in ((answers.wrong[1], WRONG), (answers.right, RIGHT)):
            term.settle(SETTLE)
            term.answer(typed)
            sent = term.type(b"\r")
            timed.append((term.wait_for(verdict) - sent) / 1e6)
    finally:
        term.close()
    return ((painted - term.start) / 1e6, *timed)


def measure_once(source: Path, work: Path, env: dict[str, str], answers: Answers) -> list[float]:
    """One run on a fresh copy of ``source``: home first (the copy as built), then practice."""
    copy = work / source.name
    shutil.copyfile(source, copy)
    try:
        home = time_home(home_command(copy), env)
        practice = time_practice(practice_command(copy, answers.ref), env, answers)
    finally:
        for leftover in work.glob(source.name + "*"):  # with its -wal and -shm files
            leftover.unlink()
    return [*home, *practice]


def measure(
    sources: dict[int, Path], runs: int, template: str = TEMPLATE
) -> dict[tuple[int, str], list[float]]:
    """Milliseconds per (size, measure) over ``runs`` runs, after a warm-up run of every size;
    sizes alternate within a run, so drift in the machine's speed hits all of them alike."""
    answers = answers_for(template)
    work = Path(tempfile.mkdtemp(prefix="quizmath-history-app-"))
    ms: dict[tuple[int, str], list[float]] = {}
    try:
        env = app_env(work)
        for run in range(runs + 1):
            print(f"end to end: run {run} of {runs}", file=sys.stderr, end="\r")
            for n, source in sources.items():
                taken = measure_once(source, work, env, answers)
                if run:  # run 0 is the warm-up: bytecode, the template cache, the files
                    for name, value in zip(MEASURES, taken, strict=True):
                        ms.setdefault((n, name), []).append(value)
        print(file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ms

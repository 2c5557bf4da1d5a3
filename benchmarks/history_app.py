"""A long history end to end: the app on a pseudo-terminal, timed as a learner waits for it.

Used by ``history.py`` (its end-to-end table; ``--no-app`` leaves it out, ``--app-only`` runs
only it). Each run starts ``quizmath`` three times as a person does, on a fresh copy of a cached
history, and reads what it writes to the terminal:

- ``quizmath --db COPY``: home painted, home usable: process start → home's curriculum heading
  on the screen, and → "Reviews due" (``home_ready.time_home``), then ctrl+q;
- ``quizmath --db COPY practice --template ID@SEED``: problem painted (process start → the
  problem's title on the screen), then Enter → verdict (wrong), Enter → verdict (right): from
  writing the Enter byte to "✗ Not correct" or "✓ Correct" (the verdict panel's first line) on
  the screen. Nothing is under the practice screen here;
- ``quizmath --db COPY`` again, practising over home as a learner does: once home is usable,
  the same template opened from the command palette (ctrl+p, its id, Enter → its title painted:
  "over home: problem painted"), then the two verdicts timed the same way with home under the
  practice screen (an answer once reloaded the hidden home on the UI thread: issue 13 item 23).

The answers come from the core (the problem made through ``tui.prefetch.make`` for the seed on
the screen: its expected integer, and that plus one or two for the wrong ones), so they follow
the template. A first wrong answer, not timed, comes first: it waits for the practice session
and the checking service to be ready (a person reads the problem for longer than that) and
warms the checker; then a wrong answer and the right one are timed. Each answer is typed, the
live "reads as" line is left to settle, then Enter is written alone. Each practice records three
attempts into the copy (six a run, on 0 … 1M): every run makes a new copy of every size.

The environment is ``home_ready.app_env``: bytecode cached in a temporary ``PYTHONPYCACHEPREFIX``
(written by a warm-up run), a temporary ``XDG_DATA_HOME``, a 100×30 terminal; the prefetch
helper is left to its default (on when a core is idle).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from home_ready import USABLE, app_env, time_home
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
PALETTE = b"\x10"  # ctrl+p: the command palette, which opens any template by name

MEASURES = (
    "home painted",
    "home usable",
    "problem painted",
    "Enter → verdict (wrong)",
    "Enter → verdict (right)",
    "over home: problem painted",
    "over home: verdict (wrong)",
    "over home: verdict (right)",
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

    def match(self, pattern: re.Pattern[bytes], timeout: float = 60) -> re.Match[bytes]:
        """The first match of ``pattern`` in what is written (since the last ``type``)."""
        deadline = time.monotonic() + timeout
        while (found := pattern.search(self.output)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise self.failure(f"did not show {pattern.pattern!r} within {timeout:.0f} s")
            self.read(min(0.2, left))
        return found

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


def time_verdicts(term: Terminal, answers: Answers) -> list[float]:
    """Milliseconds from Enter to the verdict, for a wrong and then the right answer, after an
    untimed wrong one (it waits for the practice session, and warms the checker)."""
    term.answer(answers.wrong[0])
    term.type(b"\r")
    term.wait_for(WRONG)
    timed = []
    for typed, verdict in ((answers.wrong[1], WRONG), (answers.right, RIGHT)):
        term.settle(SETTLE)
        term.answer(typed)
        sent = term.type(b"\r")
        timed.append((term.wait_for(verdict) - sent) / 1e6)
    return timed


def time_practice(cmd: list[str], env: dict[str, str], answers: Answers) -> list[float]:
    """``quizmath practice --template``, milliseconds: process start → problem painted, then
    ``time_verdicts`` (nothing under the practice screen)."""
    term = Terminal(cmd, env)
    try:
        painted = term.wait_for(answers.title)
        return [(painted - term.start) / 1e6, *time_verdicts(term, answers)]
    finally:
        term.close()


def time_over_home(cmd: list[str], env: dict[str, str], answers: Answers) -> list[float]:
    """``quizmath`` (home), milliseconds: once home is usable, the template opened from the
    command palette (Enter → its title painted), then ``time_verdicts`` with home under the
    practice screen, as a learner practises. The scheduler picks the seed: the answers are
    made for the one on the screen."""
    template_id = answers.ref.partition("@")[0]
    term = Terminal(cmd, env)
    try:
        term.wait_for(USABLE)
        term.settle(SETTLE)
        term.type(PALETTE)
        term.settle(SETTLE)
        term.type(template_id.encode())
        term.settle(2 * SETTLE)  # the palette's hits
        sent = term.type(b"\r")
        painted = term.wait_for(answers.title, timeout=20)
        ref = term.match(re.compile(re.escape(template_id.encode()) + rb"@\d+")).group()
        shown = answers_for(ref.decode())
        return [(painted - sent) / 1e6, *time_verdicts(term, shown)]
    finally:
        term.close()


def measure_once(source: Path, work: Path, env: dict[str, str], answers: Answers) -> list[float]:
    """One run on a fresh copy of ``source``: home first (the copy as built), then practice
    (which records three attempts), then practice over home (three more)."""
    copy = work / source.name
    shutil.copyfile(source, copy)
    try:
        home = time_home(home_command(copy), env)
        practice = time_practice(practice_command(copy, answers.ref), env, answers)
        over_home = time_over_home(home_command(copy), env, answers)
    finally:
        for leftover in work.glob(source.name + "*"):  # with its -wal and -shm files
            leftover.unlink()
    return [*home, *practice, *over_home]


def measure(
    sources: dict[int, Path], runs: int, template: str = TEMPLATE
) -> dict[tuple[int, str], list[float]]:
    """Milliseconds per (size, measure) over ``runs`` runs, after a warm-up run (``sources[0]``,
    the empty database); sizes alternate within a run, so drift in the machine's speed hits all
    of them alike."""
    answers = answers_for(template)
    work = Path(tempfile.mkdtemp(prefix="quizmath-history-app-"))
    ms: dict[tuple[int, str], list[float]] = {}
    try:
        env = app_env(work)
        measure_once(sources[0], work, env, answers)  # warm-up: bytecode, the template cache
        for run in range(runs):
            print(f"end to end: run {run + 1} of {runs}", file=sys.stderr, end="\r")
            for n, source in sources.items():
                taken = measure_once(source, work, env, answers)
                for name, value in zip(MEASURES, taken, strict=True):
                    ms.setdefault((n, name), []).append(value)
        print(file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ms

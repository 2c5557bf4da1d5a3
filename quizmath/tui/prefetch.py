"""Make the first problem in a helper process while the app's UI toolkit loads.

``quizmath practice --template ID@SEED`` must paint that problem fast. Making it needs the
template engine (about as much to import as Textual itself); importing both one after the
other would double the start-up time. So ``run_app`` starts ``python -m quizmath.tui.prefetch
ID@SEED`` first, imports Textual meanwhile (on the other core), and reads the problem back as
JSON: plain data, never code. The app's own session takes over the same problem once the
engine has loaded in a worker, after the first paint. Any failure to spawn or read falls back
to making the problem in this process; an error in the template itself (unknown id, broken
file) is reported like in plain mode.

Only refs with a seed are prefetched (without one, the seed comes from the scheduler and the
database, which belong to the app), and only when a core is idle: on a busy machine the helper
would compete with the app for the same core and make start-up slower, not faster.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec

from quizmath.core.bank.problem import Problem, parse_ref
from quizmath.core.bank.problem_data import problem_from_data, problem_to_data
from quizmath.core.errors import QuizmathError

TIMEOUT = 60.0  # a cold start on a loaded machine can take a few seconds


class Prefetched(msgspec.Struct, frozen=True):
    problem: Problem
    topic_title: str


class PrefetchFailed(Exception):
    """The helper could not be used (not the template's fault): make the problem here."""


def to_json(problem: Problem, topic_title: str) -> str:
    """Raises ValueError for a problem that is not plain data (the app makes it itself)."""
    return json.dumps({"ok": True, "problem": problem_to_data(problem), "topic": topic_title})


def from_json(line: str) -> Prefetched:
    """Raises QuizmathError for the template's own errors, PrefetchFailed for anything else."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise PrefetchFailed(f"unreadable reply: {exc}") from None
    if not isinstance(data, dict):
        raise PrefetchFailed("unreadable reply")
    if not data.get("ok"):
        raise QuizmathError(str(data.get("error") or "could not make the problem"))
    try:
        problem = problem_from_data(data["problem"])
    except (KeyError, TypeError) as exc:
        raise PrefetchFailed(f"unexpected reply: {exc}") from None
    return Prefetched(problem, str(data.get("topic") or ""))


LOADAVG = Path("/proc/loadavg")  # Linux: load averages, then "runnable/total" right now


def spare_core() -> bool:
    """A helper only pays off on a core nobody else is busy with: the 1-minute load average
    and, where the system says it, the processes runnable right now leave one idle.
    ``QUIZMATH_PREFETCH=on`` or ``off`` overrides the guess (benchmarks compare both)."""
    forced = os.environ.get("QUIZMATH_PREFETCH", "").strip().lower()
    if forced in ("on", "off"):
        return forced == "on"
    cpus = os.cpu_count() or 1
    if cpus < 2:
        return False
    try:
        # The helper needs about 100 ms of a core while the app imports Textual (~250 ms).
        if os.getloadavg()[0] > cpus - 0.5:
            return False
    except (AttributeError, OSError):  # no load average here (Windows): assume an idle core
        return True
    # The average lags by a minute: a process that started seconds ago is not in it yet, and
    # with no idle core the helper makes start-up ~20 % slower (benchmarks/startup.py --load).
    others = runnable_now()
    return others is None or others <= cpus - 2  # this process takes a core, the helper one


def runnable_now() -> int | None:
    """Processes runnable right now besides this one, or None where the system does not say."""
    try:
        running = LOADAVG.read_text(encoding="ascii").split()[3].split("/")[0]
        return max(int(running) - 1, 0)
    except (OSError, IndexError, ValueError):
        return None


class Prefetch:
    """A running helper; ``result()`` waits for its problem."""

    def __init__(self, proc: subprocess.Popen[bytes], ref: str) -> None:
        self.proc = proc
        self.ref = ref

    @classmethod
    def start(cls, ref: str, bank_paths: list[Path] | None = None) -> Prefetch | None:
        """Start the helper, or None when ``ref`` has no seed or the helper cannot start."""
        try:
            _template_id, seed = parse_ref(ref)
        except QuizmathError:
            return None  # reported by the normal path, with the same message
        if seed is None or not spare_core():
            return None
        cmd = [sys.executable, "-m", "quizmath.tui.prefetch", ref]
        cmd += [str(p) for p in bank_paths or []]
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError:
            return None
        return cls(proc, ref)

    def result(self, timeout: float = TIMEOUT) -> Prefetched:
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.cancel()
            raise PrefetchFailed("the helper took too long") from None
        lines = out.decode("utf-8", errors="replace").strip().splitlines()
        if not lines:
            raise PrefetchFailed(f"the helper exited with {self.proc.returncode}")
        return from_json(lines[-1])

    def cancel(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def make(ref: str, bank_paths: list[Path]) -> tuple[Problem, str]:
    """In the helper: the problem ``ref`` and its topic's title (QuizmathError if it fails)."""
    from quizmath.core.bank.bank import load_bank, load_one
    from quizmath.core.bank.generate import generate

    template_id, seed = parse_ref(ref)
    assert seed is not None
    bank = load_bank(bank_paths) if bank_paths else None
    template = bank.get(template_id) if bank else load_one(template_id)
    problem = generate(template, seed)
    from quizmath.core.bank.bank import default_curriculum

    topic = default_curriculum().topic(problem.topic)
    return problem, topic.title if topic else problem.topic


def main(argv: list[str]) -> int:
    from quizmath.tui import gc_pause

    gc_pause.pause()  # a short-lived process: it makes one problem and exits
    ref, paths = argv[0], [Path(p) for p in argv[1:]]
    try:
        problem, topic = make(ref, paths)
    except QuizmathError as exc:
        print(json.dumps({"ok": False, "error": str(exc)}), flush=True)
        return 0
    print(to_json(problem, topic), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Running the learner's file, fenced: a fresh ``python -I`` in its own process group.

The learner's code runs on purpose, on their own machine, but it must never hang or hurt the
app. ``run`` starts ``harness.py`` with

- ``-I`` (no user site, no environment variables, no current directory on ``sys.path``),
- a new session, so the whole process group can be killed at once,
- an empty temporary working directory (removed afterwards) holding a copy of the file,
- a minimal environment (one BLAS thread: the memory limit and a shared machine both want it),
- no standard input,

and the harness limits its own CPU time, address space and file size before any of the
learner's code exists in the process. (Not in a ``preexec_fn``: that is unsafe when the parent
has threads, as the TUI does.) The parent keeps the wall clock: at the limit it kills the
group. Results come back as JSON lines on a pipe of their own; the learner's stray output on
stdout and stderr is read too, kept up to a limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HARNESS = Path(__file__).with_name("harness.py")
DEFAULT_SECONDS = 10.0
DEFAULT_MEMORY = 2 * 1024**3  # address space, bytes
DEFAULT_FILE_SIZE = 16 * 1024**2
MAX_RESULT_BYTES = 64 * 1024**2
MAX_STRAY_BYTES = 16 * 1024
AFTER_EXIT_SECONDS = 0.5  # how long to drain pipes a lingering grandchild keeps open


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS
    memory: int = DEFAULT_MEMORY
    file_size: int = DEFAULT_FILE_SIZE


@dataclass
class RunOutput:
    """What came back from one run of the harness."""

    events: list[dict[str, Any]] = field(default_factory=list)
    timed_out: bool = False
    signal: int | None = None  # the signal that ended the child, if one did
    returncode: int | None = None
    stray: str = ""  # the child's own stdout/stderr (crashes, os.write)
    too_much_output: bool = False
    ms: float = 0.0

    @property
    def finished(self) -> bool:
        return any(e.get("event") == "done" for e in self.events)


def child_environment(home: str) -> dict[str, str]:
    env = {
        "PATH": os.defpath,
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "Agg",
    }
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    return env


def run(source: str, file_name: str, job: dict[str, Any], limits: Limits = Limits()) -> RunOutput:
    """Run the harness on ``source`` (saved as ``file_name``) with the job's cases."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="quizmath-run-") as tmp:
        path = Path(tmp) / file_name
        path.write_text(source, encoding="utf-8")
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps({**job, "path": str(path)}), encoding="utf-8")
        out = _run_child(tmp, job_path, limits)
    out.ms = (time.perf_counter() - started) * 1000
    return out


def _run_child(cwd: str, job_path: Path, limits: Limits) -> RunOutput:
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-I",
                str(HARNESS),
                str(job_path),
                str(write_fd),
                str(limits.seconds),
                str(limits.memory),
                str(limits.file_size),
            ],
            cwd=cwd,
            env=child_environment(cwd),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(write_fd,),
            start_new_session=True,
        )
    finally:
        os.close(write_fd)
    try:
        return _collect(proc, read_fd, limits.seconds)
    finally:
        _kill_group(proc)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
        os.close(read_fd)


def _collect(proc: subprocess.Popen[bytes], read_fd: int, seconds: float) -> RunOutput:
    out = RunOutput()
    result = bytearray()
    stray = bytearray()
    deadline = time.monotonic() + seconds
    sel = selectors.DefaultSelector()
    sel.register(read_fd, selectors.EVENT_READ, "result")
    assert proc.stdout is not None and proc.stderr is not None
    for stream in (proc.stdout, proc.stderr):
        sel.register(stream.fileno(), selectors.EVENT_READ, "stray")
    open_fds = 3
    exit_deadline: float | None = None
    try:
        while open_fds:
            now = time.monotonic()
            if exit_deadline is None and proc.poll() is not None:
                exit_deadline = now + AFTER_EXIT_SECONDS
            stop = exit_deadline if exit_deadline is not None else deadline
            if now >= stop:
                out.timed_out = exit_deadline is None
                break
            for key, _ in sel.select(timeout=min(0.05, stop - now)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fd)
                    open_fds -= 1
                elif key.data == "result":
                    result.extend(chunk)
                    if len(result) > MAX_RESULT_BYTES:
                        out.too_much_output = True
                        open_fds = 0
                        break
                elif len(stray) < MAX_STRAY_BYTES:
                    stray.extend(chunk[: MAX_STRAY_BYTES - len(stray)])
    finally:
        sel.close()
    _kill_group(proc)
    with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL does not fail
        proc.wait(timeout=5)
    out.returncode = proc.returncode
    if proc.returncode is not None and proc.returncode < 0:
        out.signal = -proc.returncode
    out.stray = stray.decode("utf-8", errors="replace")
    for line in bytes(result).decode("utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a partial last line from a killed run
        if isinstance(event, dict):
            out.events.append(event)
    return out


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the child's whole process group (whatever it started too)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)

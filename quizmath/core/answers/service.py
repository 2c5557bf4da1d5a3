"""``CheckService``: ``check`` in a persistent worker process with a hard time budget.

Why a process: a check that runs long (sympy on a hostile expression) must be cut off, and the
only reliable way to stop Python code is to kill its process. ``signal.alarm`` works only on the
main thread, and the app checks from worker threads. The worker is started with the "spawn"
method because the app runs threads, and forking a threaded process can deadlock the child.

The worker starts in the background as soon as the service is created and imports mpmath and
sympy while the learner reads the problem, so the first check is as fast as the rest. A check
that overruns the budget is answered with ``invalid`` / "could not check in time", never with
``accept``; the worker is killed and a fresh one started.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from typing import Any

from quizmath.core.answers.verdict import INVALID, Mistake, Verdict

BUDGET = 2.0  # seconds for one check, once the worker is up
# seconds to make one problem (``CheckService.generate``): generous, since the app makes the
# problem itself when the worker does not answer in time, which is slower, not wrong
GENERATE_BUDGET = 30.0
# The worker's address space (it needs ~60 MB with sympy loaded). A check that would take more
# (sympy on a hostile expected value grew to 1.4 GB within the budget) gets a MemoryError, which
# the check turns into "invalid", instead of crowding the machine.
WORKER_MEMORY = 512 * 1024 * 1024
STARTUP_TIMEOUT = 60.0  # a cold start on a loaded 2-core machine can take a few seconds


def _worker_main(conn: Any, preload_sympy: bool) -> None:
    """The worker: warm up, say ready, then answer requests until the pipe closes.

    A parent that is gone (the app killed during start-up, or while a check ran) is not an
    error: the worker just ends, without a traceback on the terminal the parent left behind.
    """
    with contextlib.suppress(BrokenPipeError, ConnectionResetError, EOFError):
        _serve(conn, preload_sympy)


def _serve(conn: Any, preload_sympy: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _limit_memory(WORKER_MEMORY)
    from quizmath.core.answers.judge import check

    check("expression", "x", "2x", vars=("x",))  # imports mpmath, fills caches
    if preload_sympy:
        import sympy  # noqa: F401 - preloaded for the rare second opinion

    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        kwargs, sleep = request
        if sleep:  # test hook: a deterministic "slow check"
            time.sleep(sleep)
        if "job" in kwargs:
            conn.send(_job(*kwargs["job"]))
            continue
        kwargs["mistakes"] = [Mistake(e, f) for e, f in kwargs["mistakes"]]
        conn.send(check(**kwargs))


def _job(name: str, args: tuple[Any, ...]) -> str:
    """In the worker: one of the jobs the service runs besides checks (``JOBS``), answered as
    text (plain data, never code); an error is answered as "error: …", for the log."""
    try:
        from importlib import import_module

        module, function = JOBS[name].rsplit(".", 1)
        reply = getattr(import_module(module), function)(*args)
    except Exception as exc:  # MemoryError under the worker's limit included
        return f"error: {type(exc).__name__}: {exc}"[:500]
    return reply if isinstance(reply, str) else "error: the job's answer is not text"


# The jobs a worker runs (by name: the worker imports them when first asked): making a problem
# and computing a later part of one from a learner's answers (``core.items.remote_problem``).
JOBS = {
    "generate": "quizmath.core.items.remote_problem.make",
    "carry": "quizmath.core.items.remote_problem.carry",
}


class JobFailed(Exception):
    """A job could not be done in the worker (the message says why); the caller does it in
    its own process."""


def _limit_memory(limit: int) -> None:
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not POSIX, or not allowed: the budget still holds
        pass


_tracker_lock = threading.Lock()


def _ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    The tracker is spawned with ``sys.stderr.fileno()`` among its descriptors. Inside a
    Textual app ``sys.stderr`` is Textual's capture object, whose fileno() is no descriptor,
    and starting a worker failed with "bad value(s) in fds_to_keep" — so the app fell back to
    checking without a time limit. Start the tracker once against the process's own stderr.
    """
    from multiprocessing import resource_tracker

    with _tracker_lock:
        try:
            sys.stderr.fileno()
            resource_tracker.ensure_running()
            return
        except Exception:  # not a real stream (captured): fall through
            pass
        captured = sys.stderr
        try:
            sys.stderr = sys.__stderr__
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


class _Worker:
    def __init__(self, preload_sympy: bool) -> None:
        _ensure_resource_tracker()
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child, preload_sympy), name="quizmath-check"
        )
        self.proc.daemon = True
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready and self.conn.poll(timeout):
            self.ready = self.conn.recv() == "ready"
        return self.ready

    def kill(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(timeout=5)


def _kill(holder: dict[str, Any]) -> None:
    worker = holder.get("worker")
    if worker is not None:
        worker.kill()


class CheckService:
    """Thread-safe; use as a context manager or call ``close()``.

    ``start=False`` defers the worker to the first check. ``preload_sympy=False`` makes the worker
    ready sooner (the command line), at the cost of importing sympy inside the budget of the rare
    check that needs it. The program's main module must be import-safe (``if __name__ ==
    "__main__":``), as for any multiprocessing "spawn" worker.
    """

    def __init__(
        self, budget: float = BUDGET, *, start: bool = True, preload_sympy: bool = True
    ) -> None:
        self.budget = budget
        self._preload = preload_sympy
        self._lock = threading.Lock()  # one request at a time through the one worker
        self._holder: dict[str, Any] = {"worker": None}
        self._starting: threading.Thread | None = None
        self._closed = False
        self._sleep_next = 0.0  # test hook: the worker sleeps this long before the next check
        self._finalizer = weakref.finalize(self, _kill, self._holder)
        if start:
            self._start_in_background()

    def __enter__(self) -> CheckService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start_in_background(self) -> None:
        def start() -> None:
            if self._holder["worker"] is None and not self._closed:
                with contextlib.suppress(Exception):  # retried, and reported, by the next check
                    self._holder["worker"] = _Worker(self._preload)

        self._starting = threading.Thread(target=start, name="quizmath-check-start", daemon=True)
        self._starting.start()

    def _worker(self) -> _Worker | None:
        """The running, ready worker (started now if need be), or None if it will not start."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        worker = self._holder["worker"]
        if worker is None or not worker.proc.is_alive():
            if worker is not None:
                worker.kill()
            worker = self._holder["worker"] = _Worker(self._preload)
        try:
            ok = worker.wait_ready(STARTUP_TIMEOUT)
        except (EOFError, OSError):
            ok = False
        if not ok:
            self._restart()
            return None
        return worker

    def _restart(self) -> None:
        worker = self._holder["worker"]
        self._holder["worker"] = None
        if worker is not None:
            worker.kill()
        if not self._closed:
            self._start_in_background()

    def check(
        self,
        kind: str,
        expected: str,
        submitted: str,
        *,
        vars: Sequence[str] = (),
        tol: float | None = None,
        mistakes: Sequence[Mistake] = (),
        choices: int | None = None,
    ) -> Verdict:
        """Like ``check``, in the worker, cut off after ``budget`` seconds."""
        request = {
            "kind": kind,
            "expected": expected,
            "submitted": submitted,
            "vars": list(vars) if not isinstance(vars, str) else vars,
            "tol": tol,
            "mistakes": [(m.expected, m.feedback) for m in mistakes],
            "choices": choices,
        }
        with self._lock:
            if self._closed:
                raise RuntimeError("the check service is closed")
            try:
                worker = self._worker()
            except Exception:  # cannot spawn (no resources?): not the learner's fault
                worker = None
            if worker is None:
                return Verdict(INVALID, "the checker could not start; the answer was not counted")
            sleep, self._sleep_next = self._sleep_next, 0.0
            start = time.perf_counter()
            try:
                worker.conn.send((request, sleep))
                done = worker.conn.poll(self.budget)
                verdict = worker.conn.recv() if done else None
            except (EOFError, OSError, BrokenPipeError):
                self._restart()
                return Verdict(
                    INVALID, "the checker stopped unexpectedly; the answer was not counted"
                )
            elapsed = (time.perf_counter() - start) * 1000
            if verdict is None:
                self._restart()
                return Verdict(INVALID, "could not check in time", timed_out=True, ms=elapsed)
            verdict.ms = elapsed
            return verdict

    def generate(self, template: Any, seed: int, budget: float = GENERATE_BUDGET) -> Any:
        """``generate(template, seed)`` in the worker, or None if it could not be made there
        (said in the log): the caller then makes it in its own process.

        Why: making some problems imports sympy, numpy and scipy (~100 MB); the worker has
        them loaded already, and the app's process stays small (issue 13 item 25)."""
        from quizmath.core.items.remote_problem import generate

        return generate(self, template, seed, budget)

    def run(self, job: str, args: tuple[Any, ...], budget: float = GENERATE_BUDGET) -> str:
        """The worker's text answer to ``job`` (``JOBS``) with ``args`` (pickled: plain data
        and templates). Raises JobFailed, saying why, if the worker is not up, the arguments do
        not pickle, it takes longer than ``budget`` seconds (the worker is restarted) or fails.
        """
        with self._lock:
            if self._closed:
                raise JobFailed("the checking service is closed")
            try:
                worker = self._worker()
            except Exception as exc:
                raise JobFailed(f"the checking service did not start ({exc})") from None
            if worker is None:
                raise JobFailed("the checking service did not start")
            sleep, self._sleep_next = self._sleep_next, 0.0
            try:
                # pickled whole before anything is written: arguments that do not pickle
                # leave the pipe as it was
                worker.conn.send(({"job": (job, args)}, sleep))
            except Exception as exc:
                raise JobFailed(f"could not send it to the worker ({exc})") from None
            try:
                done = worker.conn.poll(budget)
                reply = worker.conn.recv() if done else None
            except (EOFError, OSError):
                done, reply = False, None
            if not done:  # gone, or still busy with it: a fresh worker for the next request
                self._restart()
                raise JobFailed(f"the worker did not answer within {budget:g} s")
        if not isinstance(reply, str):
            raise JobFailed("the worker's answer is not text")
        if reply.startswith("error: "):
            raise JobFailed(f"the worker could not do it ({reply.removeprefix('error: ')})")
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._starting is not None:
                self._starting.join()
                self._starting = None
            worker = self._holder["worker"]
            self._holder["worker"] = None
            if worker is not None:
                with contextlib.suppress(OSError, BrokenPipeError):
                    worker.conn.send(None)
                worker.proc.join(timeout=1)
                worker.kill()

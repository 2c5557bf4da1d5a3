"""A checking worker whose parent is gone ends quietly (issue 13 item 8).

Killing the app during start-up left the worker to say "ready" into a closed pipe, and it
printed a BrokenPipeError traceback on the terminal (2 kills in 25).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import multiprocessing, sys
    from quizmath.core.answers.service import _worker_main

    if __name__ == "__main__":
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker_main, args=(child, False))
        proc.start()
        child.close()
        parent.close()  # the parent is gone before the worker says "ready"
        proc.join(60)
        print("exit", proc.exitcode)
    """
)

ANSWER_THEN_GONE = textwrap.dedent(
    """
    import multiprocessing, sys
    from quizmath.core.answers.service import _worker_main

    if __name__ == "__main__":
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker_main, args=(child, False))
        proc.start()
        child.close()
        assert parent.recv() == "ready"
        request = {"kind": "integer", "expected": "1", "submitted": "1", "vars": [],
                   "tol": None, "mistakes": [], "choices": None}
        parent.send((request, 0.5))  # the worker sleeps 0.5 s, then answers into nothing
        parent.close()
        proc.join(60)
        print("exit", proc.exitcode)
    """
)


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )


def test_a_worker_whose_parent_left_before_ready_exits_quietly() -> None:
    out = _run(SCRIPT)
    assert "Traceback" not in out.stderr and "BrokenPipeError" not in out.stderr, out.stderr
    assert out.stdout.strip() == "exit 0"


def test_a_worker_whose_parent_left_during_a_check_exits_quietly() -> None:
    out = _run(ANSWER_THEN_GONE)
    assert "Traceback" not in out.stderr and "BrokenPipeError" not in out.stderr, out.stderr
    assert out.stdout.strip() == "exit 0"

"""The sandbox: the learner's code runs fenced, and whatever it does comes back as data."""

from __future__ import annotations

import os
import time
from pathlib import Path

from quizmath.core.exercises.grade import grade
from quizmath.core.exercises.result import Status
from quizmath.core.exercises.sandbox import Limits

SEEDS = (1, 2)
QUICK = Limits(seconds=3)


def body(code: str, imports: str = "import numpy as np") -> str:
    """A project() whose body is ``code`` (indented by the caller)."""
    return f"{imports}\n\n\ndef project(v, u):\n{code}\n"


RIGHT = body("    return (v @ u) / (u @ u) * u")


def test_a_right_answer_passes(project) -> None:  # type: ignore[no-untyped-def]
    r = grade(project, RIGHT, seeds=SEEDS)
    assert r.status is Status.PASSED, r
    assert [c.passed for c in r.cases] == [True, True]


def test_an_endless_loop_is_stopped_at_the_time_limit(project) -> None:  # type: ignore[no-untyped-def]
    r = grade(project, body("    while True:\n        pass"), seeds=SEEDS, limits=QUICK)
    assert r.status is Status.FAILED and r.timed_out
    assert "time limit of 3 s" in r.problem
    assert "time limit" in r.cases[0].message and r.cases[1].message == "not run"


def test_the_whole_process_group_is_killed(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pid_file = tmp_path / "pid"
    code = (
        "    import subprocess\n"
        "    p = subprocess.Popen(['sleep', '60'])\n"
        f"    open({str(pid_file)!r}, 'w').write(str(p.pid))\n"
        "    while True:\n"
        "        pass"
    )
    r = grade(project, body(code), seeds=(1,), limits=QUICK)
    assert r.timed_out
    pid = int(pid_file.read_text())
    for _ in range(100):  # the orphan is reaped by init once killed
        if not Path(f"/proc/{pid}").exists() or "Z" in _state(pid):
            break
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return "Z"


def test_memory_is_limited(project) -> None:  # type: ignore[no-untyped-def]
    # 3.2 GB: more than the 2 GiB limit, though a machine might otherwise allow it.
    r = grade(project, body("    np.ones(4 * 10**8)\n    return u"), seeds=(1,))
    assert r.status is Status.FAILED
    assert "ran out of memory" in r.cases[0].message and "2 GiB" in r.cases[0].message
    r = grade(project, body("    np.ones(10**11)\n    return u"), seeds=(1,))
    assert "ran out of memory" in r.cases[0].message


def test_a_memory_error_says_nothing_empty_and_nothing_raw(project) -> None:  # type: ignore[no-untyped-def]
    # Seen in the app: a MemoryError without a message showed "the limit is 2 GiB ()".
    r = grade(project, body("    raise MemoryError\n"), seeds=(1,))
    assert r.cases[0].message.endswith("the limit is 2 GiB"), r.cases[0].message
    r = grade(project, body("    raise MemoryError('\\x1b[2Jgone')\n"), seeds=(1,))
    assert "\x1b" not in r.cases[0].message and "gone" in r.cases[0].message


def test_file_size_is_limited(project) -> None:  # type: ignore[no-untyped-def]
    code = "    open('big', 'wb').write(b'x' * (40 * 1024 * 1024))\n    return u"
    r = grade(project, body(code), seeds=(1,))
    assert r.status is Status.FAILED
    assert "File too large" in r.cases[0].message or "Errno 27" in r.cases[0].message


def test_no_stdin_and_a_minimal_environment(project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QUIZMATH_TEST_SECRET", "leaked")
    code = (
        "    import os\n"
        "    print('secret:', os.environ.get('QUIZMATH_TEST_SECRET'), os.getcwd())\n"
        "    input()"
    )
    r = grade(project, body(code), seeds=(1,))
    assert "EOFError" in r.cases[0].message
    assert r.failure is not None and "secret: None" in r.failure.stdout
    assert os.getcwd() not in r.failure.stdout


def test_banned_names_are_replaced_at_run_time_too(project) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    banned = dataclasses.replace(project, banned=("numpy.linalg.lstsq", "sklearn"))
    sneaky = body("    f = getattr(np.linalg, 'lst' + 'sq')\n    return f(v[:, None], u)[0]")
    r = grade(banned, sneaky, seeds=(1,))
    assert not r.banned  # the source scan cannot see it …
    # … the run can
    assert "numpy.linalg.lstsq is not allowed in this exercise" in r.cases[0].message
    importing = body("    import importlib\n    importlib.import_module('sklearn')")
    r = grade(banned, importing, seeds=(1,))
    assert "importing sklearn is not allowed" in r.cases[0].message


def test_tracebacks_show_only_the_learners_frames(project) -> None:  # type: ignore[no-untyped-def]
    source = body("    return helper(v)") + "\n\ndef helper(v):\n    return v / undefined_name\n"
    r = grade(project, source, file_name="mine.py", seeds=(1,))
    assert r.failure is not None
    tb = r.failure.traceback
    assert 'File "mine.py", line 5, in project' in tb and 'File "mine.py", line 9, in helper' in tb
    assert "NameError: name 'undefined_name' is not defined" in tb
    assert "harness" not in tb and "quizmath" not in tb
    assert r.failure.step == "p = project(v, u)"


def test_print_output_is_captured_per_case_and_truncated(project) -> None:  # type: ignore[no-untyped-def]
    r = grade(project, body("    print('x' * 100000)\n    return None"), seeds=(1,))
    assert r.failure is not None
    assert 1000 < len(r.failure.stdout) < 3000 and "more print output not shown" in r.failure.stdout
    assert "None (is a return statement missing?)" in r.cases[0].message


def test_control_characters_from_the_learner_are_made_safe(project) -> None:  # type: ignore[no-untyped-def]
    code = "    import os\n    os.write(1, b'\\x1b[2J')\n    print('\\x1b[31mred')\n    return None"
    r = grade(project, body(code), seeds=(1,))
    assert r.failure is not None
    assert "\x1b" not in r.failure.stdout + r.stdout
    assert "␛[31mred" in r.failure.stdout and "␛[2J" in r.stdout


def test_import_errors_syntax_errors_and_exits(project) -> None:  # type: ignore[no-untyped-def]
    r = grade(project, "import numpy as np\nraise ValueError('at import')\n", seeds=(1,))
    assert r.status is Status.FAILED and "ValueError: at import" in r.problem
    assert r.failure is not None and r.failure.case == "importing your file"
    r = grade(project, "def project(v, u):\n    return v +\n", seeds=(1,))
    assert r.status is Status.FAILED and r.problem.startswith("SyntaxError: line 2")
    r = grade(project, body("    import sys\n    sys.exit(0)"), seeds=(1,))
    assert r.status is Status.FAILED and "SystemExit" in r.cases[0].message


def test_a_missing_function_says_so(project) -> None:  # type: ignore[no-untyped-def]
    r = grade(project, "def projection(v, u):\n    return u\n", seeds=(1,))
    assert "your file does not define project" in r.cases[0].message


def test_a_banned_function_of_a_module_not_yet_imported_is_replaced_when_it_loads(
    project,  # type: ignore[no-untyped-def]
) -> None:
    import dataclasses

    banned = dataclasses.replace(project, banned=("json.dumps",))
    uses = body("    import json\n    return json.dumps([1])")
    r = grade(banned, uses, seeds=(1,))
    assert r.banned  # the scan sees json.dumps …
    hidden = body("    import importlib\n    return importlib.import_module('json').dumps([1])")
    r = grade(banned, hidden, seeds=(1,))
    # … and so does the run
    assert "json.dumps is not allowed in this exercise" in r.cases[0].message

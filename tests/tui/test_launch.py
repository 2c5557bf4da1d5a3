"""Into the app: ``commands.full_screen.open_app`` (a terminal is required; storage is opened
first, a clear error and no UI if it fails) and ``tui.launch.run_app`` (``quizmath practice
--topic/--template/--count`` opens the app straight on practice)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEMPLATES

from quizmath.commands import full_screen
from quizmath.core.errors import QuizmathError
from quizmath.core.storage import Storage
from quizmath.tui.launch import prepare, run_app
from quizmath.tui.practice_controller import practice_title
from quizmath.tui.services import Services, StartSpec


def test_unusable_database_is_reported_without_starting_the_ui(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(full_screen, "has_terminal", lambda: True)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert full_screen.open_app(program="quizmath", plain="-", db=str(folder)) == 1
    err = capsys.readouterr().err
    assert "is a directory, not a progress database" in err


def test_unknown_topic_is_reported_with_suggestions(tmp_path: Path, capsys) -> None:
    storage = Storage.open(tmp_path / "p.db")
    try:
        services = Services(storage, bank_paths=[TEMPLATES])
        assert run_app(services, StartSpec(topic="eigne")) == 2
    finally:
        storage.close()
    assert 'quizmath: no topic "eigne"; did you mean' in capsys.readouterr().err


def test_home_when_no_practice_is_asked_for() -> None:
    start, bank = prepare(StartSpec(), None)  # `quizmath` has no practice options
    assert not start.practice and bank is None


def test_template_opens_practice_on_that_problem() -> None:
    start, bank = prepare(StartSpec(template="tuifix.dot@3", count=2), [TEMPLATES])
    assert start.template == "tuifix.dot@3" and start.count == 2
    assert bank is not None and "tuifix.dot" in bank.templates


def test_template_from_the_built_in_bank_loads_only_its_file() -> None:
    start, bank = prepare(StartSpec(template="linalg.eigenvalues-2x2@7"), None)
    assert start.template == "linalg.eigenvalues-2x2@7"
    assert bank is not None and list(bank.templates) == ["linalg.eigenvalues-2x2"]


def test_topic_by_its_short_name() -> None:
    start, _bank = prepare(StartSpec(topic="matrices"), [TEMPLATES])
    assert start.topic == "linear-algebra/matrices"


def test_topic_by_its_area_or_a_template_prefix() -> None:
    # Issue 13 item 18: practice takes what drills take (the one resolver, core.bank.topic_names).
    start, bank = prepare(StartSpec(topic="linear-algebra"), [TEMPLATES])
    area = next(a for a in bank.curriculum.areas if a.id == "linear-algebra")
    assert start.topic == tuple(t.id for t in area.topics)
    assert practice_title(bank, start.topic, None) == f"Practice · {area.title}"
    start, bank = prepare(StartSpec(topic="tuifix"), [TEMPLATES])
    assert start.topic == tuple(
        sorted({t.topic for t in bank.templates.values()}, key=bank.curriculum.order_of)
    )


def test_unknown_template_is_an_error() -> None:
    with pytest.raises(QuizmathError, match="did you mean"):
        prepare(StartSpec(template="tuifix.dott"), [TEMPLATES])


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        ([], "quizmath practice --plain"),
        (["practice", "--topic", "matrices"], "quizmath practice --plain"),
        (["drill", "--discard"], "quizmath drill --plain"),
    ],
)
def test_without_a_terminal_the_app_says_so_and_exits(
    tmp_path: Path, args: list[str], plain: str
) -> None:
    # It used to wait forever for keys it could not read, burning a core (issue 8 item 8).
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    for name in ("QUIZMATH_DB", "QUIZMATH_EXIT_AFTER_PAINT"):
        env.pop(name, None)
    db = tmp_path / "p.db"
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against the old hang, not a timing assertion
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0] and plain in lines[0]
    assert out.stdout == ""
    assert not db.exists()  # nothing was opened


def test_practice_command_paints_the_first_problem(tmp_path: Path) -> None:
    """`quizmath practice --template` in a real process (exit hook of the benchmark)."""
    env = {**os.environ, "QUIZMATH_EXIT_AFTER_PAINT": "1", "XDG_DATA_HOME": str(tmp_path)}
    env.pop("QUIZMATH_DB", None)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizmath",
            "--db",
            str(tmp_path / "p.db"),
            "practice",
            "--template",
            "tuifix.dot@3",
            "--bank",
            str(TEMPLATES),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    words = out.stdout.strip().splitlines()[-1].split()
    assert words[0] == "painted" and words[2] == "cpu"  # benchmarks/startup.py reads both
    assert int(words[1]) > 0 and int(words[3]) > 0


@pytest.fixture
def idle_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prefetch as if a core were free, however busy the test machine is."""
    monkeypatch.setattr("quizmath.tui.prefetch.spare_core", lambda: True)


def test_prefetched_problem_is_the_same_problem(idle_core: None) -> None:
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.bank.generate import generate
    from quizmath.tui.prefetch import Prefetch

    prefetch = Prefetch.start("tuifix.mat@5", [TEMPLATES])
    assert prefetch is not None
    got = prefetch.result()
    made = generate(load_bank([TEMPLATES]).get("tuifix.mat"), 5)
    assert got.problem == made
    assert (got.problem.hints, got.problem.solution, got.problem.mistakes) == (
        made.hints,
        made.solution,
        made.mistakes,
    )
    assert got.topic_title == "Matrices and matrix multiplication"


def test_prefetch_reports_the_templates_own_error(idle_core: None) -> None:
    from quizmath.tui.prefetch import Prefetch

    prefetch = Prefetch.start("tuifix.nope@1", [TEMPLATES])
    assert prefetch is not None
    with pytest.raises(QuizmathError, match=r'no template "tuifix\.nope"'):
        prefetch.result()


def test_prefetch_only_with_a_seed(idle_core: None) -> None:
    from quizmath.tui.prefetch import Prefetch

    assert Prefetch.start("tuifix.mat", [TEMPLATES]) is None


def test_no_prefetch_when_every_core_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizmath.tui import prefetch

    monkeypatch.setattr(prefetch.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(prefetch.os, "getloadavg", lambda: (3.5, 3.0, 2.0))
    assert prefetch.Prefetch.start("tuifix.mat@5", [TEMPLATES]) is None


@pytest.mark.parametrize(
    ("line", "spare"),
    [
        ("0.30 0.40 0.50 1/180 4242", True),  # only this process runs: a core is idle
        ("0.30 0.40 0.50 2/180 4242", False),  # one other process started seconds ago
        ("0.30 0.40 0.50 5/180 4242", False),
        ("garbled", True),  # the system does not say: the load average decides
    ],
)
def test_a_process_busy_right_now_counts_before_the_load_average_shows_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line: str, spare: bool
) -> None:
    # The 1-minute load average lags: with one core already taken by a process that started
    # seconds ago, the helper made start-up slower (issue 13 item 24, startup.py --load 1).
    from quizmath.tui import prefetch

    loadavg = tmp_path / "loadavg"
    loadavg.write_text(line + "\n", encoding="ascii")
    monkeypatch.delenv("QUIZMATH_PREFETCH", raising=False)
    monkeypatch.setattr(prefetch, "LOADAVG", loadavg)
    monkeypatch.setattr(prefetch.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(prefetch.os, "getloadavg", lambda: (0.3, 0.4, 0.5))
    assert prefetch.spare_core() is spare
    monkeypatch.setattr(prefetch, "LOADAVG", tmp_path / "missing")
    assert prefetch.spare_core() is True


def test_without_a_helper_a_seeded_problem_is_made_before_the_app_the_same_way() -> None:
    # No idle core: the problem is made in this process as the helper makes it, so the app
    # paints it before a practice session exists (issue 13 item 24).
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.bank.generate import generate
    from quizmath.tui.launch import make_here, seeded

    start = StartSpec(template="tuifix.mat@5")
    assert seeded(start)
    assert not seeded(StartSpec(template="tuifix.mat"))
    assert not seeded(StartSpec(template="tuifix.mat@5", topic="linear-algebra"))
    assert not seeded(StartSpec(template="tuifix.mat@x"))  # prepare reports it
    got = make_here(start, [TEMPLATES])
    assert got.problem == generate(load_bank([TEMPLATES]).get("tuifix.mat"), 5)
    assert got.topic_title == "Matrices and matrix multiplication"
    with pytest.raises(QuizmathError, match=r'no template "tuifix\.nope"'):
        make_here(StartSpec(template="tuifix.nope@1"), [TEMPLATES])


def test_a_crash_exits_with_a_failure_status(tmp_path: Path) -> None:
    # Textual prints the traceback and run() returns None after an unhandled exception; the
    # command used to exit 0, so scripts could not tell a crash from a normal quit.
    script = tmp_path / "crash.py"
    script.write_text(
        "from textual.app import App\n"
        "from quizmath.tui.launch import exit_status\n"
        "class Crash(App):\n"
        "    def on_mount(self):\n"
        "        raise RuntimeError('boom')\n"
        "if __name__ == '__main__':\n"
        "    app = Crash()\n"
        "    raise SystemExit(exit_status(app, app.run(headless=True)))\n"
    )
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert run.returncode == 1 and "boom" in run.stdout + run.stderr

"""Layering, checked in fresh interpreters:

- no module of ``quizmath.core`` imports a UI library (textual, rich);
- no module of ``quizmath.commands`` or ``quizmath.plain`` does either, or a heavy library (the
  layers themselves are import-linter contracts in pyproject.toml: ``lint-imports``);
- the TUI paints its first screen (home, or a non-symbolic first problem) without importing
  sympy, scipy or numpy: those load later, in workers, when a problem needs them;
- nor what the first problem does not need (issue 13 item 24: start-up is mostly imports):
  the answer parser, plotext, the drill and exercise code, and, when the problem was made by
  the prefetch helper, the template language and YAML;
- YAML is imported only to parse a file: with the template and curriculum caches warm, neither
  the first problem nor home's bank load parses one.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import quizmath.core

HEAVY = ("sympy", "scipy", "numpy")
FIXTURES = Path(__file__).resolve().parent / "tui" / "fixtures" / "templates"


def run(code: str, **env: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(quizmath.core.__path__, prefix="quizmath.core.")
    )


def test_every_core_module_imports_without_a_ui_library() -> None:
    modules = core_modules()
    assert len(modules) > 40  # the walk found the core, not an empty package
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps([m for m in ('textual', 'rich') if m in sys.modules]))\n"
    )
    assert run(code) == []


def front_modules(package: str) -> list[str]:
    module = importlib.import_module(package)
    return sorted(m.name for m in pkgutil.walk_packages(module.__path__, prefix=f"{package}."))


def test_commands_and_plain_mode_import_without_a_ui_library_or_heavy_maths() -> None:
    # `quizmath --help` and plain mode never load Textual; commands import their heavy
    # dependencies inside run(), and start the app through commands.full_screen only when asked.
    modules = front_modules("quizmath.commands") + front_modules("quizmath.plain")
    assert "quizmath.commands.full_screen" in modules and "quizmath.plain.practice" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps([m for m in ('textual', 'rich', *%r) if m in sys.modules]))\n" % (HEAVY,)
    )
    assert run(code) == []


PAINT = """
import json, sys
from pathlib import Path
from quizmath.commands.full_screen import open_app
from quizmath.tui.app import QuizApp

seen = {{}}

def loaded():
    return [m for m in {heavy_names!r} if m in sys.modules]

def deferred():
    return [m for m in {deferred_names!r} if m in sys.modules]

original_exit = QuizApp.exit
def exit(self, *a, **k):  # practice: called once the first problem is painted
    seen.setdefault("at_paint", loaded())
    seen.setdefault("deferred", deferred())
    return original_exit(self, *a, **k)
QuizApp.exit = exit

original_ready = QuizApp.on_ready
def ready(self):  # after the first frame
    seen.setdefault("at_ready", loaded())
    original_ready(self)
    if not self.start.practice:
        self.exit(0)
QuizApp.on_ready = ready

args = {args!r}
bank = [Path(b) for b in args.get("bank") or []] or None
open_app(
    topic=args.get("topic"),
    template=args.get("template"),
    count=args.get("count"),
    program="quizmath",
    plain="-",
    db=args["db"],
    bank_paths=bank,
)
print(json.dumps(seen))
"""


# Loaded only when used: none is needed to paint a problem.
NOT_FOR_THE_FIRST_PROBLEM = (
    "quizmath.core.answers.judge",  # the answer parser: the first key typed needs it
    "plotext",  # a problem with a plot mounts its plot widget
    "quizmath.tui.drill_controller",
    "quizmath.core.drill.runs",
    "quizmath.core.exercises.catalog",
    "quizmath.core.placement.walk",
    "fsrs",  # the scheduler's: it is made once the bank has loaded
    "quizmath.core.items.problem",  # the practice session's generator
    "quizmath.core.drill.options",  # a drill's
    "quizmath.core.expr.parser",  # a template read from the cache needs no parsing
    "quizmath.core.bank.plot_spec",  # a template with a plot: decoded and drawn on first use
    "quizmath.core.render.plot",
    "quizmath.core.practice.outcomes",  # an answer's outcome (the screen needs only Status)
    "quizmath.core.answers.verdict",  # the checker's verdict types
    "quizmath.core.storage.attempts",  # the attempt rows: opening the storage needs none
    "quizmath.core.storage.totals",
)
# Also not needed when the prefetch helper made the problem.
MADE_ELSEWHERE = (
    "yaml",
    "quizmath.core.expr",
    "quizmath.core.bank.loader",
    "quizmath.core.values",
)


def paint(args: dict, tmp_path: Path, deferred: tuple[str, ...] = (), **env: str) -> dict:  # type: ignore[type-arg]
    code = PAINT.format(
        heavy_names=HEAVY, deferred_names=deferred, args={"db": str(tmp_path / "p.db"), **args}
    )
    return run(code, QUIZMATH_EXIT_AFTER_PAINT="1", XDG_DATA_HOME=str(tmp_path), **env)


def test_home_paints_before_any_heavy_library(tmp_path: Path) -> None:
    got = paint({}, tmp_path, ("fsrs", "quizmath.core.items.problem"))
    assert got == {"at_ready": [], "at_paint": [], "deferred": []}


def test_first_problem_paints_before_any_heavy_library(tmp_path: Path) -> None:
    got = paint(
        {"template": "linalg.dot-product@3", "topic": None, "count": None, "bank": None},
        tmp_path,
    )
    assert got == {"at_ready": [], "at_paint": [], "deferred": []}


def test_first_problem_paints_without_what_it_does_not_need(tmp_path: Path) -> None:
    args = {"template": "linalg.dot-product@3", "topic": None, "count": None, "bank": None}
    here = paint(args, tmp_path, NOT_FOR_THE_FIRST_PROBLEM, QUIZMATH_PREFETCH="off")
    assert here["deferred"] == []
    helped = paint(
        args, tmp_path, NOT_FOR_THE_FIRST_PROBLEM + MADE_ELSEWHERE, QUIZMATH_PREFETCH="on"
    )
    assert helped["deferred"] == []


def test_fixture_problem_paints_before_any_heavy_library(tmp_path: Path) -> None:
    args = {"template": "tuifix.mat@5", "topic": None, "count": None, "bank": [str(FIXTURES)]}
    assert paint(args, tmp_path)["at_paint"] == []


def test_a_command_imports_only_its_own_command_module() -> None:
    # Building the whole command line imported all 17 command modules on every start.
    code = (
        "import contextlib, io, json, sys\n"
        "from quizmath.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['schema'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('quizmath.commands.'))))\n"
    )
    assert run(code) == ["quizmath.commands.schema"]


WARM_START = """
import json, sys
from quizmath.tui.prefetch import make
problem, topic = make("linalg.dot-product@3", [])
after_make = "yaml" in sys.modules
from quizmath.core.bank.bank import load_bank
bank = load_bank(None)
print(json.dumps([topic, len(bank.templates), len(bank.errors), after_make, "yaml" in sys.modules]))
"""


def test_a_start_with_warm_caches_never_imports_yaml(tmp_path: Path) -> None:
    # The first problem (made in the app's process, as without the helper) and home's bank load.
    root = str(tmp_path / "cache")
    cold = run(WARM_START, QUIZMATH_CACHE_DIR=root, QUIZMATH_NO_CACHE="")
    assert cold[3:] == [True, True]  # an empty cache: the files are parsed
    warm = run(WARM_START, QUIZMATH_CACHE_DIR=root, QUIZMATH_NO_CACHE="")
    assert warm[0] == "Vectors and the dot product" and warm[1] > 100 and warm[2] == 0
    assert warm[3:] == [False, False]
    off = run(WARM_START, QUIZMATH_CACHE_DIR=root, QUIZMATH_NO_CACHE="1")
    assert off[:3] == warm[:3] and off[3:] == [True, True]

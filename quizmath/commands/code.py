"""``quizmath code``: coding exercises, written in NumPy and graded on fresh random instances.

- ``quizmath code`` lists the exercises (``--json`` for data).
- ``quizmath code ID`` writes the starter file into a workspace (``--dir``; default
  ``<user data dir>/exercises``), never over the learner's own file, opens ``$EDITOR`` (in a
  tmux pane beside this one when inside tmux; otherwise in this terminal, and watching starts
  when it closes), then watches the file and grades it on every save: a practice session,
  recorded like the app's exercise screen, with typed commands (``code_practice``).
- ``quizmath code ID --check FILE [--json]`` grades once: exit 0 pass, 1 fail, 2 error.
- ``--hints`` and ``--solution`` print the hints and the model solution.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizmath.core.exercises.model import Exercise
    from quizmath.core.exercises.result import GradeResult
    from quizmath.core.items.exercise import ExerciseTask
    from quizmath.core.practice.exercise import ExercisePractice
    from quizmath.core.storage import Storage


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "code",
        help="coding exercises: implement it in NumPy, graded on fresh random instances",
        description="Without ID: list the exercises. With ID: write the starter file into a "
        "workspace, open $EDITOR, and grade the file on every save. With --check FILE: grade "
        "once (exit status 0 pass, 1 fail, 2 error).",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="the exercise, e.g. ml.linreg-from-scratch")
    p.add_argument("--check", type=Path, metavar="FILE", help="grade FILE once and exit")
    p.add_argument("--json", action="store_true", help="print JSON (the list, or --check)")
    p.add_argument(
        "--dir", type=Path, metavar="DIR", help="workspace folder (default: the user data dir)"
    )
    p.add_argument("--no-editor", action="store_true", help="do not open $EDITOR")
    p.add_argument("--hints", action="store_true", help="print the hints")
    p.add_argument("--solution", action="store_true", help="print the model solution")
    p.add_argument(
        "--seed",
        type=int,
        action="append",
        metavar="N",
        help="grade on this seed (repeatable) instead of fresh random ones",
    )
    # Also accepted after the subcommand; SUPPRESS keeps a top-level --db when this is absent.
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database, where a session is recorded (default: $QUIZMATH_DB, else the "
        "user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core.errors import QuizmathError
    from quizmath.core.exercises.catalog import load_exercises, load_one

    if args.id is None:
        if args.check or args.hints or args.solution:
            print("quizmath code: give the exercise's ID", file=sys.stderr)
            return 2
        return _list(load_exercises(), args.json)
    try:
        exercise = load_one(args.id)
    except QuizmathError as exc:
        print(f"quizmath code: {exc}", file=sys.stderr)
        return 2
    if args.hints:
        for k, hint in enumerate(exercise.hints, start=1):
            print(f"{k}. {hint}")
        return 0
    if args.solution:
        print(exercise.solution, end="")
        return 0
    seeds = tuple(args.seed) if args.seed else None
    if args.check is not None:
        return _check(exercise, args.check, args.json, seeds)
    return _watch(exercise, args, seeds)


def _list(bank, as_json: bool) -> int:
    rows = [
        {"id": x.id, "title": x.title, "topic": x.topic, "difficulty": x.difficulty}
        for x in bank.ordered()
    ]
    for e in bank.errors:
        print(f"warning: {e}", file=sys.stderr)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'id':<{width}}  {'title':<44}  {'topic':<36}  d")
    for r in rows:
        print(f"{r['id']:<{width}}  {r['title']:<44}  {r['topic']:<36}  {r['difficulty']}")
    print("\nStart one with: quizmath code ID   (grade a file: quizmath code ID --check FILE)")
    return 0


def _check(exercise: Exercise, path: Path, as_json: bool, seeds: tuple[int, ...] | None) -> int:
    from quizmath.commands.code_text import Renderer, terminal_width, use_color
    from quizmath.core.exercises.grade import grade
    from quizmath.core.exercises.result import Status
    from quizmath.core.exercises.workspace import read_source

    try:
        source = read_source(path)
    except OSError as exc:
        print(f"quizmath code: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    result = grade(exercise, source, file_name=path.name, seeds=seeds)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(Renderer(use_color(sys.stdout), terminal_width(sys.stdout)).result(result)))
    return {Status.PASSED: 0, Status.FAILED: 1, Status.ERROR: 2}[result.status]


def _watch(exercise: Exercise, args: argparse.Namespace, seeds: tuple[int, ...] | None) -> int:
    """The exercise practised here: its file, $EDITOR, every save graded; typed commands and
    the record are ``code_practice``'s."""
    import threading

    from quizmath.commands.code_practice import COMMANDS, CodePractice
    from quizmath.commands.code_text import Renderer, terminal_width, use_color
    from quizmath.core.exercises.grade import grade
    from quizmath.core.exercises.workspace import prepare, saves
    from quizmath.core.items.exercise import ExerciseTask

    try:
        space = prepare(exercise, Path(args.dir).expanduser() if args.dir else None)
    except OSError as exc:
        print(f"quizmath code: cannot write the file: {exc.strerror or exc}", file=sys.stderr)
        return 2
    path = space.path
    served = ExerciseTask(exercise, path, space.created)
    note = (
        "Wrote the starter file" if space.created else "Your file is already there, kept as it is"
    )
    renderer = Renderer(use_color(sys.stdout), terminal_width(sys.stdout))
    say = _printer()
    say(renderer.paint(f"{exercise.title} ({exercise.id})", "1"), "", exercise.task, "")
    say(f"{note}: {path}")

    def grader(task: ExerciseTask, source: str) -> GradeResult:
        return grade(task.exercise, source, file_name=task.path.name, seeds=seeds)

    storage, session = _session(served, args, say, grader)  # the file as opened, before editing
    try:
        if not args.no_editor:
            _open_editor(path, say)
        say("Grading on every save. " + COMMANDS)
        stop = threading.Event()
        width = (lambda: terminal_width(sys.stdout)) if sys.stdout.isatty() else None
        practice = CodePractice(served, session, renderer, say, grader, width)
        practice.run(saves(path, stop), sys.stdin, stop)
    finally:
        if storage is not None:
            storage.close()
    return 0


def _session(
    served: ExerciseTask,
    args: argparse.Namespace,
    say: Callable[..., None],
    grader: Callable[[ExerciseTask, str], GradeResult],
) -> tuple[Storage | None, ExercisePractice | None]:
    """The progress database and the session that records this exercise in it, or (None,
    None) with a note: grading works without them."""
    from quizmath.core.bank.bank import Bank, default_curriculum
    from quizmath.core.practice.exercise import ExercisePractice
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage, StorageError

    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        say(f"Progress is not recorded this time: {exc}")
        return None, None
    try:
        # Recording an attempt needs no templates: an empty bank spares loading them all.
        bank = Bank({}, [], default_curriculum())
        scheduler = Scheduler(storage, bank, exercises={served.id: served.exercise.topic})
        return storage, ExercisePractice(served, scheduler, grader=grader)
    except StorageError as exc:
        storage.close()
        say(f"Progress is not recorded this time: {exc}")
        return None, None


def _printer():
    def say(*lines: str) -> None:
        for line in lines:
            print(line)
        sys.stdout.flush()  # a pipe (tests, tee) sees each result as it comes

    return say


def _open_editor(path: Path, say) -> None:
    editor = os.environ.get("EDITOR", "").strip()
    if not editor:
        say("Open the file in your editor; results appear here on every save.")
        return
    command = [*shlex.split(editor), str(path)]
    if os.environ.get("TMUX") and shutil.which("tmux"):
        # Beside this pane, so the results stay in view while editing.
        subprocess.run(["tmux", "split-window", "-h", shlex.join(command)], check=False)
        say(f"Opened {command[0]} in a pane beside this one.")
        return
    say(f"Opening {command[0]}; results appear here after it closes, then on every save.")
    try:
        subprocess.run(command, check=False)
    except OSError as exc:
        say(f"Could not start {command[0]}: {exc.strerror or exc}")

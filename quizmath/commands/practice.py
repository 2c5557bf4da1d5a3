"""``quizmath practice``: the TUI on practice, or ``--plain`` line by line.

Plain mode is for screen readers, pipes and scripts (``quizmath.plain.practice`` says how it
reads and what it prints). ``--count N`` stops after N problems. A one-line summary ends the
session.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank


EPILOG = """\
in --plain mode, type an answer, or one of:
  hint, ?    the next hint (a right answer after hints is scheduled as Hard)
  solution   the worked solution and the answer (the problem then counts as not known)
  skip       give up on this problem: saved as skipped, the answer is shown
  help       these commands and how to write the answer to the current problem
  quit       stop; so does the end of input (an unanswered problem is not saved)
With --confidence, each answer is followed by "how sure are you?" (1, 2 or 3) before its
verdict. A wrong answer can be tried again ({tries} tries, then the solution is shown). Input
that cannot be read is explained and never counted. Output has no colour unless it is a terminal.
"""


def register(sub: argparse._SubParsersAction) -> None:
    from quizmath.core.practice.rules import MAX_WRONG

    p = sub.add_parser(
        "practice",
        help="practise: the full-screen app, or --plain line by line",
        description="Practise problems chosen by the scheduler (due reviews first, then new "
        "templates in curriculum order). --plain works line by line, for screen readers, "
        "pipes and scripts.",
        epilog=EPILOG.format(tries=MAX_WRONG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full screen)")
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--topic",
        metavar="TOPIC",
        help="only this topic: an id (linear-algebra/eigen) or its last part (eigen)",
    )
    which.add_argument(
        "--template",
        metavar="ID[@SEED]",
        help="only this template; with @SEED the first problem is exactly that one",
    )
    p.add_argument("--count", metavar="N", type=_positive, help="stop after N problems")
    p.add_argument(
        "--confidence",
        action="store_true",
        help="before each verdict, say how sure you are (1 low, 2 medium, 3 high); on for "
        "every session with `quizmath settings --confidence on`",
    )
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="template files or folders to practise instead of the built-in bank (repeatable)",
    )
    # Also accepted after the subcommand; SUPPRESS keeps a top-level --db when this is absent.
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        try:
            return open_full_screen(args)
        except ModuleNotFoundError as exc:
            if exc.name not in ("quizmath.tui.launch", "quizmath.tui"):
                raise
            print(
                "quizmath practice: the full-screen app is not available in this build; "
                "use `quizmath practice --plain` to practise line by line.",
                file=sys.stderr,
            )
            return 1
    return run_plain(args)


def open_full_screen(args: argparse.Namespace) -> int:
    """The app, straight on practice (``--topic``, ``--template``, ``--count``)."""
    from quizmath.commands.full_screen import open_app

    if args.template and not args.bank and _is_exercise(args.template):
        name = args.template.split("@")[0]
        print(
            f"quizmath practice: {name} is a coding exercise: open it from the app's curriculum "
            f"or palette (ctrl+p), or run quizmath code {name}",
            file=sys.stderr,
        )
        return 2

    return open_app(
        topic=args.topic,
        template=args.template,
        count=args.count,
        program="quizmath",
        plain="quizmath practice --plain",
        db=getattr(args, "db", None),
        bank_paths=args.bank,
        confidence=args.confidence,  # it was read by plain mode only
    )


# -- setting up ------------------------------------------------------------------------------


def run_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    from quizmath.core.bank.topic_names import practice_scope
    from quizmath.core.errors import QuizmathError
    from quizmath.core.practice.flow import Practice
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage, StorageError

    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    for stream in (inp, out):  # odd bytes or a narrow locale must not end the session
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        bank = _bank(args)
        topic = practice_scope(bank, args.topic) if args.topic else None
    except QuizmathError as exc:
        return _refused(args, exc)
    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        print(f"quizmath practice: {exc}", file=sys.stderr)
        return 1
    from quizmath.plain.checker import plain_checker  # imports the answer parser (~60 ms)

    checker = plain_checker("practice")
    try:
        from quizmath.core.settings import load as load_settings

        scheduler = Scheduler(storage, bank)
        confidence = args.confidence or load_settings(storage).confidence
        try:
            practice = Practice(
                bank,
                scheduler,
                checker,
                mode="plain",
                topic=topic,
                template=args.template,
                confidence=confidence,
            )
        except QuizmathError as exc:
            return _refused(args, exc)
        from quizmath.plain.practice import PlainPractice

        code = PlainPractice(practice, inp, out, count=args.count).run()
        if topic is not None:
            _topic_exercises(topic, out)
        return code
    except StorageError as exc:
        print(f"quizmath practice: {exc}", file=sys.stderr)
        return 1
    finally:
        checker.close()
        storage.close()


def _refused(args: argparse.Namespace, exc: Exception) -> int:
    print(f"quizmath practice: {exc}", file=sys.stderr)
    if args.template and _is_exercise(args.template):
        name = args.template.split("@")[0]
        print(f"{name} is a coding exercise: quizmath code {name}", file=sys.stderr)
    return 2


def _is_exercise(ref: str) -> bool:
    """Whether ``ref`` names a coding exercise (practised with ``quizmath code``)."""
    from quizmath.core.bank.places import exercise_path  # light: no loader

    name = ref.split("@")[0]
    return "/" not in name and "\\" not in name and exercise_path(name).is_file()


def _topic_exercises(topic: str | tuple[str, ...], out: TextIO) -> None:
    """The topic's coding exercises, after a session on it: plain mode's way to them."""
    from quizmath.core.exercises.catalog import load_exercises

    topics = {topic} if isinstance(topic, str) else set(topic)  # one topic, or an area's
    here = [x for x in load_exercises().ordered() if x.topic in topics]
    if here:
        out.write("Coding exercises in this topic (graded on every save, recorded like here):\n")
        width = max(len(x.id) for x in here)
        for x in here:
            out.write(f"  quizmath code {x.id:<{width}}   {x.title}\n")
        out.flush()


def _bank(args: argparse.Namespace) -> Bank:
    from quizmath.core.bank.bank import Bank, default_curriculum, load_bank, load_one
    from quizmath.core.bank.problem import parse_ref

    if args.template and not args.bank:
        # One template: load just its file (fast), not the whole bank.
        template = load_one(parse_ref(args.template)[0])
        return Bank({template.id: template}, [], default_curriculum())
    bank = load_bank(args.bank)
    if bank.errors:
        files = len({e.file for e in bank.errors})
        print(
            f"quizmath practice: note: {files} template file(s) have errors and are left "
            "out; `quizmath validate` lists them.",
            file=sys.stderr,
        )
    return bank

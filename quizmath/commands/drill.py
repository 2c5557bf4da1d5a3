"""``quizmath drill``: a timed interview drill (the TUI, or ``--plain`` line by line), its
report, and the list of past drills.

Plain mode prints the countdown before each question and after each answer, takes one answer per
question (no hints, no retries; unreadable input may be retyped), and ends when the questions
are done or the time is up, with the report. ``quit``, Ctrl-C or the end of input leave the drill
unfinished: the next ``quizmath drill`` offers to resume it (with the time it had left) or
discard it (kept in the history as discarded); scripts say which with ``--resume``/``--discard``.
Rules: ``quizmath.core.drill.run`` (answering, time, scheduling) and
``quizmath.core.drill.plan`` (which items, and the seed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# Light (no scheduler, no bank): --help quotes the defaults and the type functions check bounds.
from quizmath.core.drill.options import (
    DEFAULT_MINUTES,
    DEFAULT_QUESTIONS,
    read_minutes,
    read_questions,
    read_seed,
)

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.drill.run import DrillRun
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.items.problem import Checker
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage

PROG = "quizmath drill"

EPILOG = """\
in --plain mode, type an answer, or one of:
  skip       pass over this question (it counts as missed)
  help       how to write the answer to this question
  quit       stop now; the drill is kept and the next `quizmath drill` offers to resume it
Interview questions: type notes if you like, `reveal` (or an empty line) shows the model answer,
then rate yourself 1-4 (3 Good or 4 Easy count as right). A coding exercise (--code): edit the file
it names in your editor, save it, then type `submit`; it counts once it passes, and when the time
is up the file is graded as it stands. There are no hints in a drill; the
report at the end has the worked solution of every missed question. When the time is up, the
line you send next is the last answer judged, and a silent terminal or pipe ends the drill on
time.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "drill",
        help="a timed drill of mixed problems and interview questions, with a report",
        description="A timed drill: mixed topics (weighted toward your weak ones unless "
        "--topics is given), problems and interview questions, a countdown, no hints, and a "
        "report at the end. --seed S serves everyone the same drill.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--plain", action="store_true", help="line-by-line mode (no full screen)")
    p.add_argument(
        "--minutes",
        metavar="M",
        type=_minutes,
        default=DEFAULT_MINUTES,
        help=f"time limit in minutes (default {DEFAULT_MINUTES:g}; 0: untimed)",
    )
    p.add_argument(
        "--questions",
        metavar="N",
        type=_count,
        default=DEFAULT_QUESTIONS,
        help=f"number of questions (default {DEFAULT_QUESTIONS})",
    )
    p.add_argument(
        "--topics",
        metavar="T,...",
        help="only these topics: ids (linear-algebra/eigen), slugs (eigen) or areas",
    )
    p.add_argument(
        "--seed",
        metavar="S",
        type=_seed,
        help="the drill's seed: the same seed and options serve the same questions",
    )
    p.add_argument(
        "--code",
        action="store_true",
        help="include coding exercises (one per 10 questions, at least one; last in the drill)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--resume",
        metavar="ID",
        nargs="?",
        const="last",
        help="finish the unfinished drill (the latest, or drill ID)",
    )
    which.add_argument(
        "--discard",
        metavar="ID",
        nargs="?",
        const="last",
        help="discard the unfinished drill (kept as discarded), then start anew",
    )
    which.add_argument(
        "--report",
        metavar="ID",
        nargs="?",
        const="last",
        help="print the report of drill ID (default: the latest) and exit",
    )
    which.add_argument(
        "--list", action="store_true", help="list past drills, unfinished ones too, and exit"
    )
    p.add_argument("--json", action="store_true", help="with --report or --list: JSON output")
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="template files or folders instead of the built-in bank (repeatable)",
    )
    p.add_argument(
        "--interviews",
        metavar="PATH",
        action="append",
        type=Path,
        help="interview question files or folders instead of the built-in ones",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def _count(text: str) -> int:
    from quizmath.core.drill.options import MAX_QUESTIONS, MIN_QUESTIONS, Fault, OptionError

    try:
        return read_questions(text)
    except OptionError as exc:
        if exc.fault == Fault.NOT_A_NUMBER:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        raise argparse.ArgumentTypeError(f"expected {MIN_QUESTIONS} to {MAX_QUESTIONS}") from None


def _minutes(text: str) -> float:
    from quizmath.core.drill.options import MAX_MINUTES, Fault, OptionError

    try:
        return read_minutes(text)
    except OptionError as exc:
        if exc.fault == Fault.NOT_A_NUMBER:
            message = f"expected a number of minutes, got {text!r}"
        else:
            message = f"expected 0 (untimed) to {MAX_MINUTES} minutes"
        raise argparse.ArgumentTypeError(message) from None


def _seed(text: str) -> int:
    from quizmath.core.drill.options import OptionError

    try:
        return read_seed(text)
    except OptionError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number ≥ 0, got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    if args.report is not None or args.list:
        return run_report(args)
    if not args.plain:
        try:
            return open_full_screen(args)
        except ModuleNotFoundError as exc:
            if exc.name not in ("quizmath.tui.launch", "quizmath.tui"):
                raise
            print(
                f"{PROG}: note: the full-screen drill is not available in this build; "
                "running it line by line (--plain).",
                file=sys.stderr,
            )
    return run_plain(args)


def open_full_screen(args: argparse.Namespace) -> int:
    """``quizmath drill`` full screen: the drill its options ask for, over home (an unfinished
    drill is offered first; ``--resume``/``--discard`` say what to do with it). Topics are
    checked before the app starts, so a mistyped one is reported on the terminal; the bank
    loads after the first paint, while the drill screen says it is preparing."""
    from quizmath.commands.full_screen import open_app
    from quizmath.core.bank.bank import default_curriculum
    from quizmath.core.bank.topic_names import template_topics
    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.drill.plan import resolve_topics
    from quizmath.core.errors import QuizmathError

    names = (args.topics or "").split(",")
    try:
        topics = resolve_topics(default_curriculum(), names)
    except QuizmathError:
        try:  # a template-id prefix (``linalg``) needs the templates: load them only then
            from quizmath.core.bank.bank import load_bank

            bank = load_bank(getattr(args, "bank", None))
            topics = resolve_topics(bank.curriculum, names, template_topics(bank))
        except QuizmathError as exc:
            return _fail(str(exc))
    options = DrillOptions(
        minutes=args.minutes,
        questions=args.questions,
        topics=topics,
        seed=args.seed,
        code=args.code,
    )
    return open_app(
        drill=options,
        resume=args.resume,
        discard=args.discard,
        program=PROG,
        plain="quizmath drill --plain",
        db=getattr(args, "db", None),
        bank_paths=args.bank,
        interview_paths=args.interviews,
    )


def _fail(message: str, code: int = 2) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


# -- report and list -------------------------------------------------------------------------


def run_report(args: argparse.Namespace) -> int:
    import json

    from quizmath.core.drill.plan import DrillError
    from quizmath.core.drill.report import build_report
    from quizmath.core.drill.runs import drill_history
    from quizmath.core.storage import Storage, StorageError
    from quizmath.plain.drill_report import history_text, report_text

    try:
        storage = Storage.open_for_reading(getattr(args, "db", None))
    except StorageError as exc:
        return _fail(str(exc), 1)
    with storage:
        if args.list:
            runs = drill_history(storage, include_discarded=True, include_unfinished=True)
            if args.json:
                from quizmath.core.export import drill_records

                drills = list(drill_records(storage))
                print(
                    json.dumps(
                        [{k: v for k, v in d.items() if k != "items"} for d in drills], indent=2
                    )
                )
            else:
                print(history_text(runs))
            return 0
        ids = [r.id for r in drill_history(storage, include_discarded=True)]
        if args.report == "last":
            if not ids:
                return _fail("no drill has been finished yet", 1)
            drill_id = ids[-1]
        elif args.report.isdigit():
            drill_id = int(args.report)
        else:
            return _fail(f"--report takes a drill id or 'last', not {args.report!r}")
        try:
            bank, interviews = _content(args, quiet=True)
            from quizmath.core.answers import check  # wrong answers checked again, in process

            report = build_report(
                storage, drill_id, bank, interviews, exercises=_exercises(), checker=check
            )
        except DrillError as exc:
            return _fail(str(exc), 1)
        if args.json:
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            print(report_text(report))
    return 0


def _exercises() -> ExerciseBank:
    """The built-in coding exercises (``--code``, and a drill or report that has some)."""
    from quizmath.core.exercises.catalog import load_exercises

    return load_exercises()


def _content(args: argparse.Namespace, *, quiet: bool = False) -> tuple[Bank, InterviewBank]:
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.content import load_interviews

    bank = load_bank(args.bank)
    if bank.errors and not quiet:
        files = len({e.file for e in bank.errors})
        print(
            f"{PROG}: note: {files} template file(s) have errors and are left out; "
            "`quizmath validate` lists them.",
            file=sys.stderr,
        )
    interviews = load_interviews(args.interviews, set(bank.curriculum.topics))
    return bank, interviews


# -- plain mode ------------------------------------------------------------------------------


def run_plain(
    args: argparse.Namespace,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    checker: Any = None,
) -> int:
    from quizmath.core.drill.plan import DrillError
    from quizmath.core.drill.run import DrillRun
    from quizmath.core.drill.runs import StartAction, decide_start, discard, find_unfinished
    from quizmath.core.errors import QuizmathError
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage, StorageError
    from quizmath.plain.checker import plain_checker
    from quizmath.plain.drill import Loop, PlainDrill, settle
    from quizmath.plain.lines import LineReader
    from quizmath.plain.output import Output

    inp = stdin or sys.stdin
    stream = stdout or sys.stdout
    for s in (inp, stream):  # odd bytes or a narrow locale must not end the drill
        if hasattr(s, "reconfigure"):
            s.reconfigure(errors="replace")
    out = Output(stream)
    try:
        bank, interviews = _content(args)
    except QuizmathError as exc:
        return _fail(str(exc))
    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        return _fail(str(exc), 1)
    own_checker = checker is None
    checker = checker or plain_checker("drill")
    reader = LineReader(inp)
    try:
        scheduler = Scheduler(storage, bank)
        unfinished = find_unfinished(storage)
        decision = decide_start(unfinished, resume=args.resume, discard=args.discard)
        settled = settle(decision, reader, out)
        if settled is None:
            return 0
        if settled.action == StartAction.RESUME:
            assert settled.run is not None
            run = DrillRun.resume(
                storage,
                scheduler,
                settled.run.id,
                checker,
                interviews=interviews,
                clock=clock,
                exercises=_exercises(),
            )
            drill = PlainDrill(run, reader, out)
            drill.resumed()
        else:
            if settled.discard and settled.run is not None:
                discard(storage, settled.run.id, scheduler.now())
                out.say(f"Drill {settled.run.id} discarded (it stays in the history).")
            run, weighted = _start(args, storage, scheduler, bank, interviews, checker, clock)
            drill = PlainDrill(run, reader, out)
            drill.started(weighted)
        out.say()
        try:
            state = drill.loop()
        except KeyboardInterrupt:
            state = Loop.INTERRUPTED
        if state != Loop.ENDED:
            run.pause()
            drill.kept(state)
            return 130 if state == Loop.INTERRUPTED else 0
        from quizmath.core.drill.report import build_report
        from quizmath.plain.drill_report import report_text

        exercises = _exercises() if run.has_code else None
        report = build_report(
            storage, run.id, bank, interviews, exercises=exercises, checker=checker
        )
        out.say(report_text(report))
        return 0
    except DrillError as exc:
        return _fail(str(exc), 1)
    except StorageError as exc:
        return _fail(str(exc), 1)
    finally:
        if own_checker:
            checker.close()
        storage.close()


def _start(
    args: argparse.Namespace,
    storage: Storage,
    scheduler: Scheduler,
    bank: Bank,
    interviews: InterviewBank,
    checker: Checker,
    clock: Callable[[], float],
) -> tuple[DrillRun, bool]:
    """A new drill as the options ask, and whether its topics were the learner's weakest."""
    from quizmath.core.bank.topic_names import template_topics
    from quizmath.core.drill.plan import make_plan, resolve_topics
    from quizmath.core.drill.run import DrillRun

    topics = resolve_topics(bank.curriculum, (args.topics or "").split(","), template_topics(bank))
    weak = args.seed is None and not topics
    exercises = _exercises() if args.code else None
    plan = make_plan(
        bank,
        interviews,
        questions=args.questions,
        seed=args.seed,
        topics=topics,
        progress=scheduler.topic_progress() if weak else None,
        exercises=exercises.ordered() if exercises is not None else None,
    )
    run = DrillRun.start(
        storage,
        scheduler,
        plan,
        checker,
        interviews=interviews,
        minutes=args.minutes,
        clock=clock,
        exercises=exercises,
    )
    return run, plan.weighted

"""``quizmath practice``: the TUI on practice, or ``--plain`` line by line.

Plain mode is for screen readers, pipes and scripts: the same problems, checking, feedback and
saved progress as the TUI (attempts are recorded with mode "plain"), as plain lines of text.

For each problem it prints the ref (``id@seed``), title, prompt, choices and the answer-format
line, then reads one line at a time:

- an answer: judged and reported (verdict, "Read as", message, the known mistake it matches,
  which entries are wrong). Right → the next problem. Unreadable → not counted; type it again.
  Wrong → another try; after MAX_WRONG wrong answers the answer is shown and the next problem
  comes (every judged answer is saved; only the first one reviews the card).
- ``hint`` or ``?``: the next hint (counted; a right answer after hints is rated Hard).
- ``solution``: the worked solution and the answer (counted; the problem is then rated Again,
  and the learner may still type the answer to practise it, or ``skip``).
- ``skip``: saved as skipped (rated Again), shows the answer, next problem.
- ``help``: the commands, and how to write this kind of answer.
- ``quit`` or end of input: stop; a problem left unanswered is not recorded.

``--count N`` stops after N problems. A one-line summary ends the session.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.problem import Problem
    from quizmath.core.session import Session

MAX_WRONG = 3
COMMANDS_LINE = "Type your answer, or: hint (or ?), solution, skip, help, quit."

EPILOG = """\
in --plain mode, type an answer, or one of:
  hint, ?    the next hint (a right answer after hints is scheduled as Hard)
  solution   the worked solution and the answer (the problem then counts as not known)
  skip       give up on this problem: saved as skipped, the answer is shown
  help       these commands and how to write the answer to the current problem
  quit       stop; so does the end of input (an unanswered problem is not saved)
A wrong answer can be tried again ({tries} tries, then the solution is shown). Input that
cannot be read is explained and never counted. Output has no colour unless it is a terminal.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
            from quizmath.tui.launch import run_tui
        except ModuleNotFoundError as exc:
            if exc.name not in ("quizmath.tui.launch", "quizmath.tui"):
                raise
            print(
                "quizmath practice: the full-screen app is not available in this build; "
                "use `quizmath practice --plain` to practise line by line.",
                file=sys.stderr,
            )
            return 1
        return int(run_tui(args) or 0)
    return run_plain(args)


# -- setting up ------------------------------------------------------------------------------


def run_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    from quizmath.core.errors import QuizmathError
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.session import Session
    from quizmath.core.storage import Storage, StorageError

    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    for stream in (inp, out):  # odd bytes or a narrow locale must not end the session
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        bank = _bank(args)
        topic = bank.curriculum.resolve_topic(args.topic) if args.topic else None
    except QuizmathError as exc:
        print(f"quizmath practice: {exc}", file=sys.stderr)
        return 2
    try:
        storage = Storage.open(getattr(args, "db", None))
    except StorageError as exc:
        print(f"quizmath practice: {exc}", file=sys.stderr)
        return 1
    from quizmath.commands.checking import plain_checker  # imports the answer parser (~60 ms)

    checker = plain_checker("practice")
    try:
        scheduler = Scheduler(storage, bank)
        try:
            session = Session(
                bank, scheduler, checker, mode="plain", topic=topic, template=args.template
            )
        except QuizmathError as exc:
            print(f"quizmath practice: {exc}", file=sys.stderr)
            return 2
        return PlainLoop(session, inp, out, count=args.count).run()
    except StorageError as exc:
        print(f"quizmath practice: {exc}", file=sys.stderr)
        return 1
    finally:
        checker.close()
        storage.close()


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


# -- the loop --------------------------------------------------------------------------------


class PlainLoop:
    def __init__(
        self, session: Session, inp: TextIO, out: TextIO, *, count: int | None = None
    ) -> None:
        self.session = session
        self.inp = inp
        self.out = out
        self.count = count
        self.interactive = inp.isatty() if hasattr(inp, "isatty") else False
        self.color = (out.isatty() if hasattr(out, "isatty") else False) and not (
            os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
        )

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def read(self) -> str | None:
        """One line without its newline; None at end of input."""
        if self.interactive and self.inp is sys.stdin:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401 - line editing and history for input()
            try:
                return input("answer> ")
            except EOFError:
                self.say()
                return None
        line = self.inp.readline()
        if not line:
            return None
        return line.rstrip("\r\n")

    def run(self) -> int:
        from quizmath.core.errors import QuizmathError

        served = 0
        status = 0
        try:
            while self.count is None or served < self.count:
                try:
                    problem = self.session.next_problem()
                except QuizmathError as exc:
                    self.say(f"Cannot continue: {exc}")
                    status = 1
                    break
                served += 1
                self.show(problem, served)
                if not self.ask(problem):
                    break
        except KeyboardInterrupt:
            status = 130
            self.say()
        self.say(self.session.close().summary())
        return status

    def show(self, p: Problem, n: int) -> None:
        of = f" of {self.count}" if self.count else ""
        topic = self.session.bank.curriculum.topic(p.topic)
        self.say(self.paint(f"Problem {n}{of}: {p.ref}", "1"))
        self.say(f"{p.title} — {topic.title if topic else p.topic}, difficulty {p.difficulty}")
        self.say()
        self.say(p.prompt)
        if p.choices:
            self.say()
            for i, choice in enumerate(p.choices):
                self.say(f"  {chr(65 + i)}) {choice}")
        self.say()
        self.say(p.format_note)
        hints = len(p.hints)
        extra = f" ({hints} hint{'s' if hints != 1 else ''} available)" if hints else ""
        self.say(COMMANDS_LINE + extra)

    def ask(self, p: Problem) -> bool:
        """Handle lines until the problem is over. False means stop the session."""
        wrong = 0
        while True:
            line = self.read()
            if line is None:
                self.say("End of input.")
                self.say()
                return False
            command = line.strip().lower()
            if not command:
                self.say(COMMANDS_LINE)
            elif command in ("hint", "?"):
                self.hint(p)
            elif command == "solution":
                self.say("Solution:")
                self.say(_indent(self.session.show_solution()))
                self.say("Answer:")
                self.say(_indent(p.answer_block))
                self.say("Type the answer to practise it, or skip to go on.")
            elif command in ("help", "format"):
                from quizmath.core.session import answer_help

                self.say(COMMANDS_LINE)
                self.say(answer_help(p.kind) or p.format_note)
            elif command == "skip":
                self.session.skip()
                self.say(f"Skipped. The answer was: {p.answer_text}")
                self.say()
                return True
            elif command in ("quit", "exit"):
                self.say()
                return False
            else:
                verdict = self.session.submit(line)
                self.report(verdict)
                if verdict.verdict == "accept":
                    self.say()
                    return True
                if verdict.verdict == "reject":
                    wrong += 1
                    if wrong >= MAX_WRONG:
                        self.say(f"That was {MAX_WRONG} tries. The worked solution:")
                        self.say(_indent(p.solution))
                        self.say(f"The answer was: {p.answer_text}")
                        self.say()
                        return True
                    self.say("Try again, or type hint, solution or skip.")

    def hint(self, p: Problem) -> None:
        text = self.session.hint()
        if text is None:
            self.say("No more hints. Type solution to see the worked solution.")
            return
        used = len(p.hints) - self.session.hints_left
        self.say(f"Hint {used} of {len(p.hints)}:")
        self.say(_indent(text))

    def report(self, v: Any) -> None:
        """Verdict first (quickest to hear), then how the input was read, then why."""
        message = (v.message or "").strip()
        if v.verdict in ("accept", "reject"):
            word, colour = ("Correct", "32;1") if v.verdict == "accept" else ("Not correct", "31;1")
            # The checker's message usually starts with the verdict ("Not correct: entry 3 is
            # wrong."); say it once.
            if not message.startswith(word):
                message = f"{word}. {message}".strip()
            self.say(self.paint(message, colour))
            message = ""
        elif getattr(v, "timed_out", False):
            self.say(self.paint("Could not check that in time; not counted.", "33;1"))
        else:
            self.say(self.paint("Could not read that; not counted.", "33;1"))
        if message:
            self.say(message)
        if v.interpreted:
            self.say(f"Read as: {v.interpreted}")
        if getattr(v, "mistake", None):
            self.say(f"A common mistake: {v.mistake}")
        entries = list(getattr(v, "wrong_entries", None) or [])
        if entries and v.message.strip() in ("Not correct.", ""):  # not said by the message
            self.say(_wrong_entries(entries, self.session.problem))


def _wrong_entries(entries: list[Any], problem: Problem | None) -> str:
    """The checker's 0-based positions, said the way a person counts (from 1)."""
    if not entries:
        return ""
    if all(isinstance(e, tuple | list) and len(e) == 2 for e in entries):
        cells = [f"row {r + 1} column {c + 1}" for r, c in entries]
        return "Wrong entries: " + "; ".join(cells) + "."
    positions = ", ".join(str(int(e) + 1) for e in entries)
    if problem is not None and problem.kind == "set":
        return f"Not in the answer: value(s) {positions} of yours (counting from 1)."
    return f"Wrong entries: {positions} (counting from 1)."


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in (text.splitlines() or [""]))

"""The plain-mode drill loop: one line in, plain lines out (screen readers, pipes, scripts).

Reading with a deadline: on POSIX, stdin is read straight from its file descriptor with
``select``, so a terminal or a pipe that stays silent until the deadline ends the drill on time;
the answer then "as it stands" is empty, because a terminal hands over a line only when Enter is
pressed. A line that arrives after the deadline (or any line, where ``select`` cannot be used,
e.g. a StringIO in tests) is still judged, and then the drill ends. While waiting, the time used
is saved every CHECKPOINT_S seconds, so a kill loses at most that much of the countdown.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from quizmath.core.drill_items import format_clock

if TYPE_CHECKING:
    from quizmath.core.drill import DrillItem, DrillRun, ItemResult
    from quizmath.core.storage.drills import RunRow

CHECKPOINT_S = 5.0
TIMEOUT = object()  # LineReader.read: the deadline passed with no complete line
COMMANDS_LINE = "Type your answer, or: skip, help, quit (the drill is kept to resume later)."
RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}


class LineReader:
    """Lines from a stream, with an optional timeout where the stream allows it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.fd: int | None = None
        self._buf = b""
        self._eof = False
        try:
            import select  # noqa: F401 - POSIX select works on pipes and terminals

            fd = stream.fileno()
            if os.name == "posix":
                self.fd = fd
        except (ImportError, AttributeError, OSError, ValueError):
            self.fd = None  # StringIO and friends: blocking readline

    def read(self, timeout: float | None, on_wait: Any = None) -> str | object | None:
        """The next line without its newline; None at end of input; TIMEOUT when ``timeout``
        seconds pass without a whole line (only with a file descriptor). ``on_wait`` is called
        every CHECKPOINT_S seconds while waiting."""
        if self.fd is None:
            line = self.stream.readline()
            return line.rstrip("\r\n") if line else None
        import select
        import time

        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while b"\n" not in self._buf and not self._eof:
            wait = CHECKPOINT_S
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    self._drop_typed()
                    return TIMEOUT
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                if on_wait is not None:
                    on_wait()
                continue
            chunk = os.read(self.fd, 65536)
            if chunk:
                self._buf += chunk
            else:
                self._eof = True
        if b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
        elif self._buf:
            line, self._buf = self._buf, b""
        else:
            return None
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def _drop_typed(self) -> None:
        # Half a line typed at a terminal when time ran out would otherwise reach the shell.
        try:
            import termios

            if self.fd is not None and os.isatty(self.fd):
                termios.tcflush(self.fd, termios.TCIFLUSH)
        except (ImportError, OSError):
            pass


class PlainDrill:
    def __init__(self, run: DrillRun, reader: LineReader, out: TextIO, *, color: bool) -> None:
        self.run = run
        self.reader = reader
        self.out = out
        self.color = color
        self.interactive = bool(getattr(reader.stream, "isatty", lambda: False)())

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def left(self) -> str:
        remaining = self.run.remaining_ms()
        return "untimed" if remaining is None else f"{format_clock(remaining)} left"

    def read(self) -> str | object | None:
        if self.interactive:
            print("answer> ", end="", file=self.out, flush=True)
        remaining = self.run.remaining_ms()
        timeout = None if remaining is None else remaining / 1000
        return self.reader.read(timeout, on_wait=self.run.checkpoint)

    def loop(self) -> str:
        """Serve items until the drill ends ("ended") or is left ("paused" / "eof")."""
        run = self.run
        while (item := run.current) is not None:
            if run.expired():
                self.time_up(run.time_out(""))
                return "ended"
            self.show(item)
            outcome = self.ask(item) if item.kind == "problem" else self.interview(item)
            if outcome != "next":
                return outcome
        return "ended"

    def show(self, item: DrillItem) -> None:
        run = self.run
        head = f"[{self.left()}] Question {item.position + 1} of {run.total}: {item.ref}"
        self.say(self.paint(head, "1"))
        if item.problem is not None:
            p = item.problem
            self.say(f"{p.title} — difficulty {p.difficulty}")
            self.say()
            self.say(p.prompt)
            if p.choices:
                self.say()
                for i, choice in enumerate(p.choices):
                    self.say(f"  {chr(65 + i)}) {choice}")
            self.say()
            self.say(p.format_note)
            self.say(COMMANDS_LINE)
        elif item.question is not None:
            self.say("Interview question")
            self.say()
            self.say(item.question.question)
            self.say()
            self.say(
                "Answer it aloud or type notes (each line is kept). Type reveal, or press Enter "
                "on an empty line, to see the model answer; skip and quit work too."
            )

    def ask(self, item: DrillItem) -> str:
        from quizmath.core.session import answer_help

        run = self.run
        while True:
            line = self.read()
            if line is TIMEOUT:
                self.time_up(run.time_out(""))
                return "ended"
            if line is None:
                return "eof"
            assert isinstance(line, str)
            command = line.strip().lower()
            if command in ("quit", "exit"):
                return "paused"
            if command == "skip":
                return self.after(run.skip(), "Skipped.")
            if command in ("hint", "?", "solution"):
                self.say("No hints during a drill; the report at the end shows the solutions.")
                continue
            if command in ("help", "format"):
                assert item.problem is not None
                self.say(COMMANDS_LINE)
                self.say(answer_help(item.problem.kind) or item.problem.format_note)
                continue
            if not command and not run.expired():
                self.say(COMMANDS_LINE)
                continue
            judgement, result = run.submit(line)
            if result is None:
                v = judgement.verdict
                self.say(self.paint("Could not read that; not counted. Type it again.", "33;1"))
                if v is not None and v.message:
                    self.say(v.message)
                continue
            word = {"correct": ("Correct.", "32;1"), "wrong": ("Not correct.", "31;1")}
            text, colour = word.get(result.outcome, ("Not answered.", "33;1"))
            return self.after(result, self.paint(text, colour))

    def interview(self, item: DrillItem) -> str:
        run = self.run
        notes: list[str] = []
        revealed = False
        while True:
            line = self.read()
            if line is TIMEOUT:
                self.time_up(run.time_out("\n".join(notes)))
                return "ended"
            if line is None:
                return "eof"
            assert isinstance(line, str)
            command = line.strip().lower()
            if command in ("quit", "exit"):
                return "paused"
            if command == "skip":
                return self.after(run.skip(), "Skipped.")
            if run.expired():  # typed after the deadline: the drill ends, unrated
                self.time_up(run.time_out("\n".join(notes)))
                return "ended"
            if not revealed:
                if command in ("", "reveal"):
                    revealed = True
                    self.reveal()
                else:
                    notes.append(line)
                continue
            if command in RATINGS:
                result = run.rate(RATINGS[command], "\n".join(notes))
                return self.after(result, f"Rated {RATINGS[command]} of 4.")
            self.say("Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (or skip).")

    def reveal(self) -> None:
        q = self.run.reveal()
        self.say("Model answer:")
        self.say(_indent(q.answer))
        self.say("Key points:")
        for point in q.key_points:
            self.say(f"  - {point}")
        self.say("Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (3 or 4 counts as right).")

    def after(self, result: ItemResult, text: str) -> str:
        if result.timed_out or (result.ended and self.run.ended == "timeout"):
            self.say(f"{text} (That answer came in after the time ran out.)")
            self.time_up(None)
            return "ended"
        took = format_clock(result.ms)
        self.say(f"{text} {took} on this question; {self.left()}.")
        self.say()
        return "ended" if result.ended else "next"

    def time_up(self, result: ItemResult | None) -> None:
        if result is not None and result.outcome == "unanswered":
            self.say()
            self.say(f"Time is up. Question {result.position + 1} was not answered.")
        else:
            self.say("Time is up.")
        self.say()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in (text.splitlines() or [""]))


def choose(
    args: argparse.Namespace, unfinished: list[RunRow], reader: Any, say: Callable[..., None]
) -> tuple[str, int | None] | None:
    """What to do: ("resume", id), ("new", id of a drill to discard first, or None), or None
    to stop. Asks when a drill is unfinished and neither --resume nor --discard says."""
    from quizmath.commands.drill_text import local_time

    def pick(which: str) -> RunRow | None:
        if which == "last":
            return unfinished[0] if unfinished else None
        return next((r for r in unfinished if str(r.id) == which), None)

    if args.resume is not None:
        target = pick(args.resume)
        if target is None:
            say(
                "There is no unfinished drill to resume."
                if args.resume == "last"
                else f"Drill {args.resume} is not an unfinished drill."
            )
            return None
        return "resume", target.id
    if args.discard is not None:
        target = pick(args.discard)
        if target is None:
            say("There is no unfinished drill to discard; starting a new one.")
        return "new", target.id if target else None
    if not unfinished:
        return "new", None
    r = unfinished[0]
    left = "no time limit" if r.remaining_ms is None else format_clock(r.remaining_ms) + " left"
    say(
        f"You have an unfinished drill: drill {r.id}, started {local_time(r.started_at)}, "
        f"{r.answered} of {r.questions} answered, {left}."
    )
    for _ in range(3):
        say(
            "Type resume to finish it, discard to drop it (it stays in the history as "
            "discarded) and start a new drill, or quit."
        )
        if getattr(reader.stream, "isatty", lambda: False)():
            print("> ", end="", flush=True)
        line = reader.read(None)
        if line is None or line is TIMEOUT:
            break
        answer = str(line).strip().lower()
        if answer in ("r", "resume", "f", "finish"):
            return "resume", r.id
        if answer in ("d", "discard"):
            return "new", r.id
        if answer in ("q", "quit", "exit"):
            break
    say("Nothing started; the unfinished drill is kept.")
    return None

"""The plain-mode drill loop: one line in, plain lines out (screen readers, pipes, scripts).

Lines are read with the drill's deadline (``plain.lines``): a terminal or a pipe that stays
silent until the deadline ends the drill on time, and a line that arrives after it is still
judged, and then the drill ends. While waiting, the time used is saved every CHECKPOINT_S
seconds, so a kill loses at most that much of the countdown.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from quizmath.core.drill.clock import format_clock
from quizmath.core.drill.outcomes import RunEnding
from quizmath.core.items import Ending, ItemKind
from quizmath.plain.lines import TIMEOUT, LineReader

if TYPE_CHECKING:
    from quizmath.core.drill.outcomes import ItemResult
    from quizmath.core.drill.run import DrillRun
    from quizmath.core.drill.run_items import DrillItem
    from quizmath.core.storage.drills import RunRow

COMMANDS_LINE = "Type your answer, or: skip, help, quit (the drill is kept to resume later)."
RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}


class Loop(StrEnum):
    """Where the loop stands after an item."""

    NEXT = "next"  # the item is answered: serve the next one
    ENDED = "ended"  # the drill is over: the report follows
    PAUSED = "paused"  # the learner typed quit: the drill is kept to resume
    EOF = "eof"  # the input ended: the drill is kept to resume
    INTERRUPTED = "interrupted"  # Ctrl-C: the drill is kept to resume


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
        """Serve items until the drill ends (ENDED) or is left (PAUSED, EOF)."""
        run = self.run
        while (item := run.current) is not None:
            if run.expired():
                self.time_up(run.time_out(""))
                return Loop.ENDED
            self.show(item)
            outcome = self.ask(item) if item.kind == ItemKind.PROBLEM else self.interview(item)
            if outcome != Loop.NEXT:
                return outcome
        return Loop.ENDED

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
        from quizmath.core.items.problem import answer_help

        run = self.run
        while True:
            line = self.read()
            if line is TIMEOUT:
                self.time_up(run.time_out(""))
                return Loop.ENDED
            if line is None:
                return Loop.EOF
            assert isinstance(line, str)
            command = line.strip().lower()
            if command in ("quit", "exit"):
                return Loop.PAUSED
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
            word = {Ending.CORRECT: ("Correct.", "32;1"), Ending.WRONG: ("Not correct.", "31;1")}
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
                return Loop.ENDED
            if line is None:
                return Loop.EOF
            assert isinstance(line, str)
            command = line.strip().lower()
            if command in ("quit", "exit"):
                return Loop.PAUSED
            if command == "skip":
                return self.after(run.skip(), "Skipped.")
            if run.expired():  # typed after the deadline: the drill ends, unrated
                self.time_up(run.time_out("\n".join(notes)))
                return Loop.ENDED
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
        if result.timed_out or (result.ended and self.run.ended == RunEnding.TIMEOUT):
            self.say(f"{text} (That answer came in after the time ran out.)")
            self.time_up(None)
            return Loop.ENDED
        took = format_clock(result.ms)
        self.say(f"{text} {took} on this question; {self.left()}.")
        self.say()
        return Loop.ENDED if result.ended else Loop.NEXT

    def time_up(self, result: ItemResult | None) -> None:
        if result is not None and result.outcome == Ending.UNANSWERED:
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
    from quizmath.plain.drill_report import local_time

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

"""The plain-mode drill loop: one line in, plain lines out (screen readers, pipes, scripts).

Lines are read with the drill's deadline (``plain.lines``): a terminal or a pipe that stays
silent until the deadline ends the drill on time, and a line that arrives after it is still
judged, and then the drill ends. While waiting, the time used is saved every CHECKPOINT_S
seconds, so a kill loses at most that much of the countdown.

The rules are the drill flow's (``core.drill.run``); this loop says what it returns. An item
is shown by its kind's renderer (``plain.items``) and answered the way its kind is answered
(``core.items.Answering``): a judged item takes one typed answer; a self-rated one takes notes,
then ``reveal`` (or an empty line), then a rating 1–4.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from quizmath.core.drill.clock import format_clock, local_time
from quizmath.core.drill.outcomes import RunEnding
from quizmath.core.drill.runs import LAST, Choice, StartAction, StartDecision, after_choice
from quizmath.core.items import Answering, Ending
from quizmath.core.items.types import item_type
from quizmath.core.keypoints import parse_point_numbers
from quizmath.core.storage.waiting import while_busy
from quizmath.plain.items import JUDGED, RENDERERS, multipart
from quizmath.plain.items.interview import (
    RATE_AGAIN,
    RATINGS,
    WORDS,
    reveal_lines,
    suggestion_lines,
)
from quizmath.plain.items.problem import DRILL_COMMANDS
from quizmath.plain.lines import TIMEOUT, LineReader
from quizmath.plain.output import BOLD, GREEN, RED, YELLOW, Output

T = TypeVar("T")

if TYPE_CHECKING:
    from quizmath.core.drill.outcomes import ItemResult
    from quizmath.core.drill.run import DrillRun
    from quizmath.core.drill.run_items import DrillItem
    from quizmath.core.keypoints import KeyPointScore

NO_HINTS = "No hints during a drill; the report at the end shows the solutions."
ENDING_WORD = {Ending.CORRECT: ("Correct.", GREEN), Ending.WRONG: ("Not correct.", RED)}


class Loop(StrEnum):
    """Where the loop stands after an item."""

    NEXT = "next"  # the item is answered: serve the next one
    ENDED = "ended"  # the drill is over: the report follows
    PAUSED = "paused"  # the learner typed quit: the drill is kept to resume
    EOF = "eof"  # the input ended: the drill is kept to resume
    INTERRUPTED = "interrupted"  # Ctrl-C: the drill is kept to resume


class PlainDrill:
    def __init__(self, run: DrillRun, reader: LineReader, out: Output) -> None:
        self.run = run
        self.reader = reader
        self.out = out
        self.say = out.say
        self.interactive = bool(getattr(reader.stream, "isatty", lambda: False)())
        self.sleep: Callable[[float], None] = time.sleep  # the pauses while the file is locked

    def saving(self, save: Callable[[], T]) -> T:
        """``save()``, waiting while another program holds the progress file's write lock (the
        drill's clock runs on: the time limit is the learner's promise, not ours to stretch)."""
        return while_busy(save, self.waiting, sleep=self.sleep)

    def waiting(self, pause: float) -> None:
        self.say(
            "The progress file is locked by another program; your answer is kept and saved "
            f"when it is free: trying again in {pause:g} s (Ctrl+C stops)."
        )

    def left(self) -> str:
        remaining = self.run.remaining_ms()
        return "untimed" if remaining is None else f"{format_clock(remaining)} left"

    def time_left(self) -> str:
        remaining = self.run.remaining_ms()
        return "no time limit" if remaining is None else f"{format_clock(remaining)} left"

    def started(self, weighted: bool) -> None:
        """A new drill: its size, clock, seed and code, the rules, and how to share it."""
        run = self.run
        limit = "no time limit"
        if run.limit_ms is not None:
            limit = f"{format_clock(run.limit_ms)} on the clock"
        n = run.total
        self.say(
            f"Drill {run.id}: {n} question{'s' if n != 1 else ''}, {limit}. Seed {run.seed}, "
            f"code {run.code}."
        )
        if weighted:
            self.say("Topics were chosen from your weakest ones.")
        self.say(
            "No hints. skip passes over a question; quit stops and keeps the drill to resume. "
            "When the time is up, the drill ends."
        )
        self.say(f"Share this drill: quizmath drill {run.share_args}")

    def resumed(self) -> None:
        run = self.run
        self.say(
            f"Resuming drill {run.id}: {run.answered} of {run.total} answered, {self.time_left()}."
        )

    def kept(self, state: Loop) -> None:
        """Left unfinished (quit, end of input, Ctrl-C): how to finish it later."""
        run = self.run
        lead = {Loop.EOF: "End of input. ", Loop.INTERRUPTED: "\n"}.get(state, "")
        self.say(
            f"{lead}Drill {run.id} is kept with {run.answered} of {run.total} answered and "
            f"{self.time_left()}; `quizmath drill --resume` finishes it."
        )

    def read(self) -> str | object | None:
        if self.interactive:
            print("answer> ", end="", file=self.out.out, flush=True)
        remaining = self.run.remaining_ms()
        timeout = None if remaining is None else remaining / 1000
        return self.reader.read(timeout, on_wait=self.run.checkpoint)

    def loop(self) -> Loop:
        """Serve items until the drill ends (ENDED) or is left (PAUSED, EOF)."""
        run = self.run
        while (item := run.current) is not None:
            if run.expired():
                self.time_up(run.time_out(""))
                return Loop.ENDED
            self.show(item)
            answering = item_type(item.kind).answering
            if answering == Answering.JUDGED:
                state = self.ask(item)
            elif answering == Answering.STEPS:
                state = self.ask_parts(item)
            else:
                state = self.self_rate()
            if state != Loop.NEXT:
                return state
        return Loop.ENDED

    def show(self, item: DrillItem) -> None:
        head = f"[{self.left()}] Question {item.position + 1} of {self.run.total}: {item.ref}"
        self.say(self.out.paint(head, BOLD))
        self.out.lines(RENDERERS[item.kind].drill_lines(item.served))

    def ask(self, item: DrillItem) -> Loop:
        """One answer (unreadable ones are typed again while time remains); the kind's
        renderer says what a typed line submits (a coding exercise: the learner's file)."""
        run = self.run
        renderer = JUDGED[item.kind]
        while True:
            line = self.read()
            if line is TIMEOUT:
                self.time_up(run.time_out(renderer.answer_text(item.served, None)))
                return Loop.ENDED
            if line is None:
                return Loop.EOF
            assert isinstance(line, str)
            command = line.strip().lower()
            if command in ("quit", "exit"):
                return Loop.PAUSED
            if command == "skip":
                return self.after(self.saving(run.skip), "Skipped.")
            if command in ("hint", "?", "solution"):
                self.say(NO_HINTS)
                continue
            if command in ("help", "format"):
                self.out.lines(RENDERERS[item.kind].help_lines(item.served))
                continue
            if not command and not run.expired():
                self.say(renderer.prompt_line(item.served))
                continue
            judgement = run.judge(renderer.answer_text(item.served, line))
            result = self.saving(partial(run.record, judgement))
            if result is None:
                self.out.lines(renderer.not_counted_lines(judgement.verdict, self.out))
                continue
            text, colour = ENDING_WORD.get(result.outcome, ("Not answered.", YELLOW))
            return self.after(result, self.out.paint(text, colour))

    def ask_parts(self, item: DrillItem) -> Loop:
        """A multi-part problem: one typed answer per part, each part's verdict as it comes,
        then the score (unreadable answers are typed again while time remains)."""
        run = self.run
        steps = item.steps
        assert steps is not None
        self.part(item)
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
                skipped = run.skip()
                self.out.lines(multipart.score_lines(item.served, steps.answers, self.out))
                return self.after(skipped, "Skipped.")
            if command in ("hint", "?", "solution"):
                self.say(NO_HINTS)
                continue
            if command in ("help", "format"):
                self.out.lines(RENDERERS[item.kind].help_lines(item.served))
                continue
            if not command and not run.expired():
                self.say(DRILL_COMMANDS)
                continue
            judgement, result = run.submit(line)
            if result is None:
                v = judgement.verdict
                self.say(self.out.paint("Could not read that; not counted. Type it again.", YELLOW))
                if v is not None and v.reason:
                    self.say(v.reason)
                continue
            if result.part is not None:
                self.say(multipart.drill_part_line(result.part, self.out))
            if result.more:
                self.part(item)
                continue
            self.out.lines(multipart.score_lines(item.served, steps.answers, self.out))
            text, colour = ENDING_WORD.get(result.outcome, ("Not answered.", YELLOW))
            return self.after(result, self.out.paint(text, colour))

    def part(self, item: DrillItem) -> None:
        """The part of a multi-part problem to answer now."""
        steps = item.steps
        k = steps.current if steps is not None else None
        if k is not None:
            self.out.lines(multipart.part_lines(item.served.parts[k]))

    def self_rate(self) -> Loop:
        """Notes, then the model answer, then the key points covered (their numbers), then a
        rating 1–4: the one the points suggest (Enter), or another."""
        run = self.run
        notes: list[str] = []
        revealed = False
        asking_points = False
        points: KeyPointScore | None = None
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
                return self.after(self.saving(run.skip), "Skipped.")
            if run.expired():  # typed after the deadline: the drill ends, unrated
                self.time_up(run.time_out("\n".join(notes)))
                return Loop.ENDED
            if not revealed:
                if command in ("", "reveal"):
                    revealed = True
                    question = run.reveal()
                    asking_points = bool(question.key_points)
                    self.out.lines(reveal_lines(question))
                else:
                    notes.append(line)
                continue
            if asking_points and command not in WORDS:
                try:
                    points = parse_point_numbers(command, len(question.key_points))
                except ValueError as exc:
                    self.say(f"{exc}.")
                    continue
                asking_points = False
                self.out.lines(suggestion_lines(points))
                continue
            if command == "" and points is not None:
                command = str(int(points.rating))
            if command in RATINGS:
                rate = partial(run.rate, RATINGS[command], "\n".join(notes), points)
                result = self.saving(rate)
                covered = f" ({points.describe()})" if points is not None else ""
                return self.after(result, f"Rated {RATINGS[command]} of 4{covered}.")
            self.say(RATE_AGAIN)

    def after(self, result: ItemResult, text: str) -> Loop:
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


ASK_LINE = (
    "Type resume to finish it, discard to drop it (it stays in the history as discarded) and "
    "start a new drill, or quit."
)
ANSWERS = {
    "r": Choice.RESUME,
    "resume": Choice.RESUME,
    "f": Choice.RESUME,
    "finish": Choice.RESUME,
    "d": Choice.DISCARD,
    "discard": Choice.DISCARD,
}


def settle(decision: StartDecision, reader: LineReader, out: Output) -> StartDecision | None:
    """Say what ``decision`` (``core.drill.runs.decide_start``) means, asking about the
    unfinished drill when it says ASK: the decision to carry out, or None to start nothing."""
    say = out.say
    if decision.action == StartAction.NOTHING:
        missing = decision.missing
        if missing == LAST:
            say("There is no unfinished drill to resume.")
        else:
            say(f"Drill {missing} is not an unfinished drill.")
        return None
    if decision.action == StartAction.NEW and decision.missing is not None:
        say("There is no unfinished drill to discard; starting a new one.")
        return decision
    if decision.action != StartAction.ASK:
        return decision
    r = decision.run
    assert r is not None
    left = "no time limit" if r.remaining_ms is None else format_clock(r.remaining_ms) + " left"
    say(
        f"You have an unfinished drill: drill {r.id}, started {local_time(r.started_at)}, "
        f"{r.answered} of {r.questions} answered, {left}."
    )
    for _ in range(3):
        say(ASK_LINE)
        if getattr(reader.stream, "isatty", lambda: False)():
            print("> ", end="", flush=True)
        line = reader.read(None)
        if line is None or line is TIMEOUT:
            break
        answer = str(line).strip().lower()
        if answer in ANSWERS:
            return after_choice(ANSWERS[answer], r)
        if answer in ("q", "quit", "exit"):
            break
    say("Nothing started; the unfinished drill is kept.")
    return None

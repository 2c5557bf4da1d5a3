"""The plain-mode practice loop: one line in, plain lines out (screen readers, pipes, scripts).

The same problems, checking, feedback and saved progress as the TUI (attempts are recorded with
mode "plain"), as plain lines of text. For each problem it prints the ref (``id@seed``), title,
prompt, choices and the answer-format line, then reads one line at a time:

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

With confidence on (``--confidence``, or ``quizmath settings --confidence on``), an answer that
will be recorded is followed by "How sure are you? 1 low, 2 medium, 3 high" before its verdict
(``core.confidence``: sure and wrong is flagged as a likely misconception; unsure and right is
rated Hard).

While another program holds the progress file's write lock, a save waits and says so
(``core.storage.waiting``), instead of ending the session (issue 13 item 9).

A multi-part problem shows the shared prompt and all its parts, then asks them one at a time,
``(a)``, ``(b)`` …: each part takes one answer (an unreadable one is typed again), its verdict
follows ("Correct, carried forward from your part (a)." when it is right from the learner's own
earlier answer), then the next part; hints and the solution are the current part's. After the
last part comes the score, part by part.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TextIO, TypeVar

from quizmath.core.confidence import QUESTION as CONFIDENCE_QUESTION
from quizmath.core.confidence import Confidence, parse_confidence
from quizmath.core.errors import QuizmathError
from quizmath.core.items.problem import format_help
from quizmath.core.practice.outcomes import Outcome, Status
from quizmath.core.storage.waiting import while_busy
from quizmath.plain.items import multipart
from quizmath.plain.items.problem import body_lines, verdict_lines
from quizmath.plain.output import BOLD, Output, wrapped, wrapped_line

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.practice.flow import Practice

COMMANDS_LINE = "Type your answer, or: hint (or ?), solution, skip, help, quit."

T = TypeVar("T")


class PlainPractice:
    """The loop: a problem, then lines until it is over, until the count or the input ends."""

    def __init__(
        self, practice: Practice, inp: TextIO, out: TextIO, *, count: int | None = None
    ) -> None:
        self.practice = practice
        self.inp = inp
        self.out = Output(out)
        self.say = self.out.say
        self.count = count
        self.interactive = inp.isatty() if hasattr(inp, "isatty") else False
        self.sleep: Callable[[float], None] = time.sleep  # the pauses while the file is locked

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
        served = 0
        status = 0
        try:
            while self.count is None or served < self.count:
                try:
                    problem = self.practice.next_problem()
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
        self.say(self.practice.close().summary())
        return status

    def show(self, p: Problem, n: int) -> None:
        of = f" of {self.count}" if self.count else ""
        topic = self.practice.bank.curriculum.topic(p.topic)
        self.say(self.out.paint(f"Problem {n}{of}: {p.ref}", BOLD))
        header = f"{p.title} — {topic.title if topic else p.topic}, difficulty {p.difficulty}"
        self.say(wrapped_line(header))
        self.say()
        if p.parts:
            self.out.lines(multipart.body_lines(p))
            self.next_part()
            return
        self.out.lines(body_lines(p))
        self.commands()

    def commands(self) -> None:
        hints = self.practice.hints_left
        extra = f" ({hints} hint{'s' if hints != 1 else ''} available)" if hints else ""
        self.say(wrapped_line(COMMANDS_LINE + extra))

    def next_part(self) -> None:
        """A multi-part problem's part to answer now, and the commands."""
        shown = self.practice.current
        part = shown.part if shown is not None else None
        if part is not None:
            self.out.lines(multipart.part_lines(part))
            self.commands()

    def ask(self, p: Problem) -> bool:
        """Handle lines until the problem is over. False means stop the session."""
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
                self.hint()
            elif command == "solution":
                self.solution(p)
            elif command in ("help", "format"):
                self.say(COMMANDS_LINE)
                self.say(format_help(self.asked(p)))
            elif command == "skip":
                self.skipped(p)
                return True
            elif command in ("quit", "exit"):
                self.say()
                return False
            else:
                judgement = self.practice.judge(line)
                confidence = None
                if self.practice.needs_confidence(judgement):
                    confidence = self.ask_confidence()
                    if confidence is None:  # quit or end of input: the answer is not saved
                        self.say()
                        return False
                # Judged once, saved when the file is free: the time taken is the learner's.
                outcome = self.saving(partial(self.practice.record, judgement, confidence))
                if self.answered(outcome):
                    return True

    def saving(self, save: Callable[[], T]) -> T:
        return while_busy(save, self.waiting, sleep=self.sleep)

    def waiting(self, pause: float) -> None:
        self.say(
            "The progress file is locked by another program; your answer is kept and saved "
            f"when it is free: trying again in {pause:g} s (Ctrl+C stops; earlier answers "
            "are saved)."
        )

    def ask_confidence(self) -> Confidence | None:
        """How sure the learner is, before the verdict (None: they stopped)."""
        self.say(CONFIDENCE_QUESTION + ".")
        while True:
            line = self.read()
            if line is None or line.strip().lower() in ("quit", "exit"):
                return None
            confidence = parse_confidence(line)
            if confidence is not None:
                return confidence
            self.say(f"{CONFIDENCE_QUESTION} (type 1, 2 or 3).")

    def asked(self, p: Problem) -> Problem:
        """What is being answered: the problem, or its part to answer now."""
        shown = self.practice.current
        part = shown.part if shown is not None else None
        return part.problem if part is not None else p

    def solution(self, p: Problem) -> None:
        asked = self.asked(p)
        part = self.practice.current.part if self.practice.current else None
        self.say(f"Solution of part ({part.label}):" if part else "Solution:")
        self.say(wrapped(self.practice.show_solution()))
        self.say("Answer:")
        self.say(wrapped(asked.answer_block))
        if part is not None:
            self.say("Type the answer to this part to go on, or skip.")
        else:
            self.say("Type the answer to practise it, or skip to go on.")

    def skipped(self, p: Problem) -> None:
        shown = self.practice.current
        self.saving(self.practice.skip)
        if shown is not None and shown.steps is not None:
            self.say("Skipped.")
            self.out.lines(multipart.score_lines(p, shown.steps.answers, self.out))
        else:
            self.say(f"Skipped. The answer was: {p.answer_text}")
        self.say()

    def answered(self, outcome: Outcome) -> bool:
        """Say what became of an answer; True when the problem is over."""
        p = outcome.problem
        assert outcome.verdict is not None
        if outcome.part is not None:
            return self.answered_part(outcome)
        self.out.lines(verdict_lines(outcome.status, outcome.verdict, p, self.out))
        note = confidence_note(outcome)
        if note:
            self.say(note)
        if outcome.status == Status.CORRECT:
            self.say()
            return True
        if outcome.out_of_tries:
            self.say(f"That was {outcome.tries} tries. The worked solution:")
            self.say(wrapped(p.solution))
            self.say(f"The answer was: {p.answer_text}")
            self.say()
            return True
        if outcome.status == Status.WRONG:
            self.say("Try again, or type hint, solution or skip.")
        elif outcome.status == Status.ROUNDED:
            self.say("Not counted; type the exact values.")
        return False

    def answered_part(self, outcome: Outcome) -> bool:
        """A part of a multi-part problem: its verdict, then the next part or the score."""
        shown = self.practice.current
        assert outcome.part is not None and shown is not None and shown.steps is not None
        p = outcome.problem
        part = p.parts[outcome.part.index]
        self.out.lines(multipart.part_verdict_lines(outcome.part, part, self.out))
        if not outcome.part.counted:
            return False
        if outcome.finished:
            self.out.lines(multipart.score_lines(p, shown.steps.answers, self.out))
            self.say()
            return True
        self.next_part()
        return False

    def hint(self) -> None:
        hint = self.practice.hint()
        if hint is None:
            self.say("No more hints. Type solution to see the worked solution.")
            return
        whose = f" for part ({hint.part})" if hint.part else ""
        self.say(f"Hint {hint.number} of {hint.total}{whose}:")
        self.say(wrapped(hint.text))


def confidence_note(outcome: Outcome) -> str:
    """What the learner's confidence made of this answer, in words."""
    if outcome.misconception:
        return (
            "You were sure, and it is not right: a likely misconception. Read the solution "
            "(type solution) before trying again."
        )
    if outcome.status == Status.CORRECT and outcome.confidence == Confidence.LOW:
        return "Right, though you were unsure: it comes back a little sooner."
    return ""

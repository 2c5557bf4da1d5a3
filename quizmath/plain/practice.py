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
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from quizmath.core.practice.rules import MAX_WRONG

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem
    from quizmath.core.practice.flow import Practice

COMMANDS_LINE = "Type your answer, or: hint (or ?), solution, skip, help, quit."


class PlainPractice:
    def __init__(
        self, session: Practice, inp: TextIO, out: TextIO, *, count: int | None = None
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
                from quizmath.core.items.problem import answer_help

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
            self.say(wrong_entries_line(entries, self.session.problem))


def wrong_entries_line(entries: list[Any], problem: Problem | None) -> str:
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

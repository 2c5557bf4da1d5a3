"""``quizmath code ID``: one coding exercise practised in the terminal, the exercise screen's
plain counterpart. Every save of the learner's file is graded and printed; lines typed meanwhile
are commands (``hint``, ``solution``, ``quit``, ``help``). What counts, and what is recorded in
the progress database (one attempt per session that reviews the exercise's FSRS card), is
``core.practice.exercise``'s rule, the same as in the app.

Two threads feed one queue: the file's saves (``workspace.saves``) and the typed lines. The main
thread grades and records, so the database is used from one thread only. The end of input (a
pipe, /dev/null) stops the commands, not the watching; Ctrl+C or ``quit`` ends the session
(after failing saves without a pass, that is giving up this time: recorded as Again).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from quizmath.commands.code_text import Renderer
    from quizmath.core.exercises.result import GradeResult
    from quizmath.core.items.exercise import ExerciseTask
    from quizmath.core.practice.exercise import ExercisePractice, Graded
    from quizmath.core.scheduler import Recorded

RATING_WORDS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
COMMANDS = (
    "Type hint (or ?) for a hint, solution for a model solution, quit (or Ctrl+C) to stop; "
    "help repeats this."
)


@dataclass(frozen=True)
class _Event:
    kind: str  # "save", "line", "eof", "done"
    text: str = ""


class CodePractice:
    """One session on one exercise: grade every save, answer typed commands, record by the
    session's rules (``session`` None: grading only, e.g. the database could not be opened)."""

    def __init__(
        self,
        served: ExerciseTask,
        session: ExercisePractice | None,
        renderer: Renderer,
        say: Callable[..., None],
        grader: Callable[[ExerciseTask, str], GradeResult],
        width: Callable[[], int] | None = None,
    ) -> None:
        """``width``: the terminal's width now (it changes: a pane split for the editor)."""
        self.served = served
        self.width = width
        self.session = session
        self.renderer = renderer
        self.say = say
        self.grader = grader
        self.solution_asked = False  # "solution" typed once before passing: asked to confirm

    def run(self, sources: Iterable[str], lines: TextIO | None, stop: threading.Event) -> None:
        """Until ``quit`` or Ctrl+C (KeyboardInterrupt), then ``leave``."""
        events: queue.Queue[_Event] = queue.Queue()

        def watch() -> None:
            for source in sources:
                events.put(_Event("save", source))
            events.put(_Event("done"))  # the saves ended (``stop`` was set, or a test's list)

        def read() -> None:
            assert lines is not None
            for line in lines:
                events.put(_Event("line", line))
            events.put(_Event("eof"))

        threading.Thread(target=watch, name="code-saves", daemon=True).start()
        if lines is not None:
            # A daemon: a read blocked on the terminal must not keep the process alive.
            threading.Thread(target=read, name="code-commands", daemon=True).start()
        try:
            while True:
                event = events.get()
                if event.kind == "done":
                    break
                if event.kind == "save":
                    self.graded(event.text)
                elif event.kind == "line" and not self.command(event.text.strip().lower()):
                    break
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
        self.leave()

    # -- saves -------------------------------------------------------------------------------

    def graded(self, source: str) -> None:
        r = self.renderer
        self.say("", r.paint(f"── {time.strftime('%H:%M:%S')} ──", "2"))
        result = self.grader(self.served, source)
        if self.width is not None:
            r.width = max(40, self.width())
        self.say(*r.result(result, solution_note=self.session is None))
        if self.session is not None:
            from quizmath.core.storage import StorageError

            try:
                counted = self.session.record(source, result)
            except StorageError as exc:
                self.say(r.paint(f"Not saved: {exc}", "33"))
            else:
                self.say(*self.count_lines(counted))
        self.say(r.paint("Waiting for the next save…", "2"))

    def count_lines(self, graded: Graded) -> list[str]:
        """How this grade counted, in words (the rules are the session's)."""
        from quizmath.core.practice.exercise import NotCounted

        r = self.renderer
        why = graded.not_counted
        if why is NotCounted.STARTER:
            return [r.paint("The starter as written: write your solution and save the file.", "2")]
        if why is NotCounted.AS_OPENED:
            return [
                r.paint(
                    "Your file as it was when you started (not counted: change it and save "
                    "to be graded for this session).",
                    "2",
                )
            ]
        if why is NotCounted.NOT_GRADED:
            return [r.paint("Not counted: this could not be graded.", "33")]
        if why is NotCounted.RECORDED:
            return [r.paint("Graded (this session is already recorded).", "2")]
        if graded.recorded is not None:
            return [
                r.paint("Solved — well done. ", "1;32") + self._recorded(graded.recorded),
                "Type solution to compare with a model solution, quit to stop.",
            ]
        return [
            r.paint(
                f"Save {graded.number} of this session. Keep going: the next save is graded.", "2"
            )
        ]

    # -- typed commands ------------------------------------------------------------------------

    def command(self, word: str) -> bool:
        """Do what a typed line asks; False ends the session."""
        if word in ("quit", "q", "exit"):
            return False
        if word in ("hint", "?", "h"):
            self.hint()
        elif word in ("solution", "s"):
            self.solution()
        elif word in ("help", "commands"):
            self.say(COMMANDS)
        elif word:
            self.say(f"Not a command: {word[:40]!r}. " + COMMANDS)
        if word not in ("solution", "s"):
            self.solution_asked = False
        return True

    def hint(self) -> None:
        if self.session is None:
            hints = self.served.exercise.hints
            self.say(*(f"Hint {k} of {len(hints)}: {h}" for k, h in enumerate(hints, 1)))
            return
        hint = self.session.hint()
        if hint is None:
            self.say("No more hints.")
            return
        more = f" ({hint.left} more)" if hint.left else " (the last one)"
        self.say(f"Hint {hint.number} of {hint.total}{more}: {hint.text}")

    def solution(self) -> None:
        from quizmath.core.storage import StorageError

        session = self.session
        if session is not None and not session.solution_is_free and not self.solution_asked:
            self.solution_asked = True
            self.say(
                "Before you pass, reading a model solution counts as not solved this time "
                "(review: Again). Type solution again to read it."
            )
            return
        self.solution_asked = False
        if session is None:
            text, recorded = self.served.exercise.solution, None
        else:
            try:
                shown = session.show_solution()
            except StorageError as exc:
                self.say(self.renderer.paint(f"Not saved: {exc}", "33"))
                return
            text, recorded = shown.text, shown.recorded
        self.say("", self.renderer.paint("A model solution:", "1"), "", text.rstrip(), "")
        if recorded is not None:
            self.say(self._recorded(recorded))

    # -- the end ---------------------------------------------------------------------------------

    def leave(self) -> None:
        from quizmath.core.storage import StorageError

        self.say("", "Stopped watching.")
        if self.session is None:
            return
        try:
            recorded = self.session.leave()
        except StorageError as exc:
            self.say(f"Not saved: {exc}")
            return
        if recorded is not None:
            self.say("Not passed this time: " + self._recorded(recorded))

    def _recorded(self, recorded: Recorded) -> str:
        rating = int(recorded.rating) if recorded.rating is not None else None
        word = RATING_WORDS.get(rating, str(rating)) if rating is not None else None
        return f"Recorded (review: {word})." if word else "Recorded."

"""Practising a coding exercise on its own screen: the learner edits their file, every save is
graded, hints and the model solution are there on request. Shared by any front end (no UI).

    session = ExercisePractice(task, scheduler)       # task: items.exercise.task(...)
    result = session.grade(source)                     # slow: the sandbox; any thread
    graded = session.record(source, result)            # the storage's thread: what it counts

The rules, all here:

- Every save is graded and shown. A grade counts toward the learner's record only when the file
  holds something of theirs written in this session: not the starter as written (nothing done
  yet), not the file exactly as it was when the exercise was opened (work from an earlier
  session, solved or not, earns nothing now), and not a grade that could not be made (an error
  of the exercise file or of Python, not the learner's).
- A session records one attempt (mode "exercise", under the exercise's id), when its outcome is
  known, and that attempt reviews the exercise's card:
  - the first counted grade that passes: "accept", rated Good; Hard after a hint, or after
    FAILING_SAVES_HARD or more counted failing saves;
  - the model solution viewed before passing: "skipped" with the solution seen, rated Again;
  - leaving (``leave``) after counted failing saves, without passing or the solution: "reject",
    rated Again (gave up).
  Its ``try`` is the number of counted grades so far, its time the time since the exercise was
  opened, its answer the file (cut to the attempts' length). Later saves are graded and shown
  but not recorded again.
- The model solution may be read at any time; before the exercise is passed in this session it
  counts as above. Hints are counted one at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from fsrs import Rating

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.exercises.result import Status
from quizmath.core.items.exercise import ExerciseTask, grade_file
from quizmath.core.items.problem import SKIPPED
from quizmath.core.practice.outcomes import Hint
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.exercises.result import GradeResult
    from quizmath.core.scheduler import Recorded, Scheduler

FAILING_SAVES_HARD = 3  # a pass after this many failing saves is rated Hard, not Good


class NotCounted(StrEnum):
    """Why a grade was shown but not counted."""

    STARTER = "starter"  # the file is still the starter as written
    AS_OPENED = "as-opened"  # the file is as it was when the exercise was opened
    NOT_GRADED = "not-graded"  # the grade could not be made (not the learner's doing)
    RECORDED = "recorded"  # the session's outcome is already recorded


class SessionEnd(StrEnum):
    """How a session's recorded outcome came about."""

    SOLVED = "solved"
    SOLUTION = "solution"  # the model solution was viewed before passing
    GAVE_UP = "gave-up"  # left after failing saves


@dataclass(frozen=True)
class Graded:
    """A grade of the learner's file, as this session counts it."""

    result: GradeResult
    number: int  # counted grades so far in this session, this one included (0: none yet)
    not_counted: NotCounted | None  # None: counted
    recorded: Recorded | None  # the session's attempt, when this grade recorded it
    end: SessionEnd | None  # the outcome this grade recorded

    @property
    def counted(self) -> bool:
        return self.not_counted is None

    @property
    def rating(self) -> Rating | None:
        return self.recorded.rating if self.recorded is not None else None


@dataclass(frozen=True)
class SolutionShown:
    """The model solution, and what viewing it recorded (None: nothing, e.g. after passing)."""

    text: str
    recorded: Recorded | None


class ExercisePractice:
    """One exercise on screen, from opening to leaving."""

    def __init__(
        self,
        task: ExerciseTask,
        scheduler: Scheduler,
        *,
        opening: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        grader: Callable[[ExerciseTask, str], GradeResult] = grade_file,
    ) -> None:
        """``opening``: the file's text when the exercise was opened (None: read it now)."""
        from quizmath.core.exercises.workspace import read_source

        self.task = task
        self.scheduler = scheduler
        self.clock = clock
        self.grader = grader
        if opening is None:
            try:
                opening = read_source(task.path)
            except OSError:
                opening = ""
        self.opening = opening
        self.opened_at = clock()
        self.hints = 0
        self.solution_viewed = False
        self.passed = False  # a counted grade passed in this session
        self.graded = 0  # counted grades
        self.failing = 0  # counted grades that did not pass
        self.end: SessionEnd | None = None  # the outcome recorded, once it is
        self.last: Graded | None = None
        self.last_failing = ""  # the latest counted failing file (what giving up records)

    @property
    def exercise_id(self) -> str:
        return self.task.id

    # -- hints and the solution ----------------------------------------------------------------

    def hint(self) -> Hint | None:
        """The next hint (counted), or None when there are no more."""
        hints = self.task.exercise.hints
        if self.hints >= len(hints):
            return None
        self.hints += 1
        return Hint(hints[self.hints - 1], self.hints, len(hints))

    @property
    def hints_left(self) -> int:
        return len(self.task.exercise.hints) - self.hints

    @property
    def solution_is_free(self) -> bool:
        """Viewing the model solution now costs nothing (passed, or already seen or recorded)."""
        return self.passed or self.solution_viewed or self.end is not None

    def show_solution(self) -> SolutionShown:
        """The model solution. Before passing, it is counted: the session's outcome is recorded
        as "skipped" with the solution seen (rated Again). Raises StorageError."""
        recorded = None
        if not self.solution_is_free:
            recorded = self._record(SKIPPED, "", Rating.Again, SessionEnd.SOLUTION, solution=True)
        self.solution_viewed = True
        return SolutionShown(self.task.exercise.solution, recorded)

    # -- grading -------------------------------------------------------------------------------

    def grade(self, source: str) -> GradeResult:
        """Grade ``source`` in the sandbox (slow; any thread, no database)."""
        return self.grader(self.task, source)

    def record(self, source: str, result: GradeResult) -> Graded:
        """Count a grade of ``source`` by the rules above (the storage's thread). Raises
        StorageError (then nothing of it is counted)."""
        from quizmath.core.exercises.workspace import untouched

        why: NotCounted | None = None
        if result.status is Status.ERROR:
            why = NotCounted.NOT_GRADED
        elif untouched(self.task.exercise, source):
            why = NotCounted.STARTER
        elif source == self.opening:
            why = NotCounted.AS_OPENED
        elif self.end is not None:
            why = NotCounted.RECORDED
        if why is not None:
            if why is NotCounted.RECORDED and result.passed:
                self.passed = True  # the solution is free to read now
            graded = Graded(result, self.graded, why, None, None)
        elif result.passed:
            rating = Rating.Good
            if self.hints or self.failing >= FAILING_SAVES_HARD:
                rating = Rating.Hard
            self.graded += 1
            recorded = self._record(VerdictKind.ACCEPT, source, rating, SessionEnd.SOLVED)
            self.passed = True
            graded = Graded(result, self.graded, None, recorded, SessionEnd.SOLVED)
        else:
            self.graded += 1
            self.failing += 1
            self.last_failing = source
            graded = Graded(result, self.graded, None, None, None)
        self.last = graded
        return graded

    def leave(self) -> Recorded | None:
        """The learner leaves. After counted failing saves, with nothing recorded yet, the
        session is recorded as given up ("reject", rated Again); otherwise nothing is.
        Raises StorageError."""
        if self.end is not None or not self.failing:
            return None
        return self._record(VerdictKind.REJECT, self.last_failing, Rating.Again, SessionEnd.GAVE_UP)

    # -- recording -----------------------------------------------------------------------------

    def _record(
        self, verdict: str, source: str, rating: Rating, end: SessionEnd, *, solution: bool = False
    ) -> Recorded:
        attempt = Attempt(
            self.task.id,
            0,
            source,
            verdict,
            max(0, round((self.clock() - self.opened_at) * 1000)),
            self.hints,
            solution or self.solution_viewed,
            try_no=max(1, self.graded),
            mode="exercise",
            at=self.scheduler.now(),
        )
        recorded = self.scheduler.record_attempt(attempt, review=True, rating=rating)
        self.end = end  # only once saved: a failed save leaves the session as it was
        return recorded

"""The coding-exercise item: the learner writes a function or class in their own file, which is
graded in the sandbox (``core.exercises``) on fresh random instances.

Shown as an ``ExerciseTask``: the exercise (title, task, what to write, hints, the model
solution as text) and the path of the learner's file, written from the starter only when it is
not there (``exercises.workspace.prepare``: never over the learner's work). Without a seed it is
the learner's own file for the exercise (the exercise screen); in a drill (a seed) it is a file
of that drill's own, ``drills/<name>_<seed>.py``, so a drill never starts from a solution the
learner already has, and a resumed drill finds the work done so far.

The answer to an exercise is its file. The text a front end submits names it (``submission``:
the file's path, or "" while there is nothing of the learner's in it), and ``judge`` grades the
file as it stands (slow, a subprocess; any thread). The path is what a drill keeps as the
answer, so a report can say where the work is (the file itself is never overwritten).

The rule for a drill, where an item takes one answer: a submission counts only when it passes
("accept"); one that does not pass yet is "invalid" (not counted, with the summary as the
reason: "3 of 9 cases pass"), so the learner keeps editing while time remains; at the time-out
the file as it stands is final (passing: correct; otherwise wrong), and a file still the
untouched starter is not an answer (unanswered). Recorded like a problem (``save``): an attempt
under the exercise's id that reviews its card.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.items import Answering, Ending, ItemKind
from quizmath.core.items.problem import SKIPPED
from quizmath.core.items.types import Answer, Details, NotAvailable, Saved, Sources
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.exercises.model import Exercise
    from quizmath.core.exercises.result import GradeResult
    from quizmath.core.items.problem import Checker
    from quizmath.core.scheduler import Scheduler

DRILL_FOLDER = "drills"  # under the workspace: the files of exercises served in drills
NOTHING_YET = "nothing written yet: the file is still the starter (or missing)"


@dataclass(frozen=True)
class ExerciseTask:
    """What an exercise item serves: the exercise and the learner's file for it."""

    exercise: Exercise
    path: Path
    created: bool  # the starter was written just now (False: the learner's file, kept as is)

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def title(self) -> str:
        return self.exercise.title

    @property
    def code(self) -> str:
        """What to write: each function or class with its signature and docstring."""
        from quizmath.core.exercises.starter import code_source

        return code_source(self.exercise)

    @property
    def graded_on(self) -> str:
        """What is graded, in one sentence."""
        x = self.exercise
        fresh = f"{x.seeds} fresh random instance{'s' if x.seeds != 1 else ''}"
        cases = f" and {len(x.cases)} set case{'s' if len(x.cases) != 1 else ''}" if x.cases else ""
        return (
            f"Graded on {fresh}{cases}: every output compared with the expected value, "
            "shapes strictly."
        )

    @property
    def cases(self) -> tuple[str, ...]:
        """The set cases' names (what they check)."""
        return tuple(c.name for c in self.exercise.cases)

    @property
    def banned(self) -> tuple[str, ...]:
        return self.exercise.banned


@dataclass(frozen=True)
class ExerciseVerdict:
    """A drill's judgement of a submitted file (see the module docstring for the rule)."""

    verdict: VerdictKind  # ACCEPT when it passes; INVALID otherwise: not counted before the end
    reason: str  # the grade in one line: "3 of 9 cases pass", "SyntaxError: line 4: …"
    result: GradeResult | None  # None: nothing was graded (nothing written yet)
    timed_out: bool = False  # (the answer checker's flag; a time limit is in ``reason``)

    @property
    def accepted(self) -> bool:
        return self.verdict == VerdictKind.ACCEPT


def drill_file_name(exercise_id: str, seed: int) -> str:
    from quizmath.core.exercises.starter import file_name

    return f"{file_name(exercise_id).removesuffix('.py')}_{seed}.py"


def task(exercise: Exercise, seed: int | None, workspace: Path | None = None) -> ExerciseTask:
    """The task for ``exercise``: its file written from the starter if absent. ``seed`` None:
    the learner's own file; a seed: a drill's. Raises NotAvailable when it cannot be written."""
    from quizmath.core.exercises.workspace import default_folder, prepare

    folder = workspace if workspace is not None else default_folder()
    try:
        if seed is None:
            space = prepare(exercise, folder)
        else:
            space = prepare(exercise, folder / DRILL_FOLDER, drill_file_name(exercise.id, seed))
    except OSError as exc:
        raise NotAvailable(
            f"cannot write the file for exercise {exercise.id}: {exc.strerror or exc}"
        ) from None
    return ExerciseTask(exercise, space.path, space.created)


def submission(served: ExerciseTask) -> str:
    """What a front end submits for the file as it stands: its path; "" when there is nothing
    of the learner's in it yet (missing, unreadable, or still the starter as written)."""
    return str(served.path) if _source(served) else ""


def _source(served: ExerciseTask) -> str:
    """The learner's file, or "" (missing, unreadable, or the untouched starter)."""
    from quizmath.core.exercises.workspace import read_source, untouched

    try:
        source = read_source(served.path)
    except OSError:
        return ""
    return "" if untouched(served.exercise, source) else source


def grade_file(served: ExerciseTask, source: str) -> GradeResult:
    """Grade ``source`` as the learner's file (slow: a sandboxed subprocess; any thread)."""
    from quizmath.core.exercises.grade import grade

    return grade(served.exercise, source, file_name=served.path.name)


def judge(served: ExerciseTask, text: str) -> ExerciseVerdict:
    """A drill's verdict on the learner's file as it stands, submitted as ``text``
    (``submission``; "" submits nothing). Slow; any thread, no database."""
    source = _source(served) if text.strip() else ""
    if not source.strip():
        return ExerciseVerdict(VerdictKind.INVALID, NOTHING_YET, None)
    result = grade_file(served, source)
    kind = VerdictKind.ACCEPT if result.passed else VerdictKind.INVALID
    return ExerciseVerdict(kind, result.summary(), result)


# An exercise's ending in a drill, as the verdict of its attempt.
_ATTEMPT_VERDICT = {
    Ending.CORRECT: VerdictKind.ACCEPT,
    Ending.WRONG: VerdictKind.REJECT,
    Ending.SKIPPED: SKIPPED,
}


class ExerciseItem:
    """The coding-exercise kind of item, for the flows (``items.types.ItemType``)."""

    kind = ItemKind.EXERCISE
    answering = Answering.JUDGED

    def serve(self, item_id: str, seed: int | None, sources: Sources) -> ExerciseTask:
        exercise = _find(sources, item_id)
        if exercise is None:
            raise NotAvailable(f'the exercise "{item_id}" is not available')
        return task(exercise, seed, sources.workspace)

    def judge(self, served: ExerciseTask, text: str, checker: Checker) -> ExerciseVerdict:
        return judge(served, text)

    def save(self, conn: sqlite3.Connection, scheduler: Scheduler, answer: Answer) -> Saved:
        """As a problem: an answered or skipped exercise is an attempt (mode "drill") under
        the exercise's id that reviews its card; unanswered at the time-out records nothing.
        Its answer is the file's path (the file is kept)."""
        if answer.outcome is None:
            return Saved()
        attempt = Attempt(
            answer.item_id,
            answer.seed or 0,
            answer.text,
            _ATTEMPT_VERDICT[answer.outcome],
            answer.ms,
            mode="drill",
            drill_id=answer.drill_id,
            at=answer.at,
        )
        recorded = scheduler.record_attempt_in(conn, attempt, review=True)
        rating = int(recorded.rating) if recorded.rating is not None else None
        return Saved(rating, recorded.attempt_id)

    def usual_ms(self, conn: sqlite3.Connection, item_id: str, before: datetime) -> list[int]:
        return drill_rows.usual_problem_ms(conn, item_id, before)

    def details(self, item_id: str, seed: int | None, sources: Sources, missed: bool) -> Details:
        """The exercise's title; for a missed one, the model solution."""
        exercise = _find(sources, item_id)
        if exercise is None:
            return Details(item_id, None, "(this exercise is not available)" if missed else None)
        if not missed:
            return Details(exercise.title)
        return Details(exercise.title, None, exercise.solution.rstrip("\n"))


def _find(sources: Sources, item_id: str) -> Exercise | None:
    return sources.exercises.exercises.get(item_id) if sources.exercises else None


ITEM = ExerciseItem()

"""The exercises of the bank: every file under ``question_bank/exercises``, errors kept apart.

Like the template bank, one broken file never stops the others from loading.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizmath.core.bank.bank import default_curriculum, template_files
from quizmath.core.bank.places import exercise_path, exercises_root
from quizmath.core.errors import QuizmathError, TemplateError
from quizmath.core.exercises.loader import load_exercise
from quizmath.core.exercises.model import Exercise


class UnknownExerciseError(QuizmathError):
    """No exercise has the requested id."""


@dataclass
class ExerciseBank:
    exercises: dict[str, Exercise]
    errors: list[TemplateError]
    files: list[Path] = field(default_factory=list)

    def ordered(self) -> list[Exercise]:
        """Curriculum order, then difficulty, then id."""
        curriculum = default_curriculum()
        return sorted(
            self.exercises.values(),
            key=lambda x: (curriculum.order_of(x.topic), x.difficulty, x.id),
        )

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            close = difflib.get_close_matches(exercise_id, list(self.exercises), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownExerciseError(f'no exercise "{exercise_id}"{hint}') from None


def load_exercises(paths: Sequence[Path] | None = None) -> ExerciseBank:
    """Load exercise files and folders (default: the built-in ones)."""
    topics = set(default_curriculum().topics)
    files = template_files(paths if paths else [exercises_root()])  # the same folder walk
    found: dict[str, Exercise] = {}
    errors: list[TemplateError] = []
    for path in files:
        if not path.exists():
            errors.append(TemplateError("no such file or folder", file=str(path)))
            continue
        exercise, problems = load_exercise(path, topics)
        errors.extend(problems)
        if exercise is None:
            continue
        if exercise.id in found:
            errors.append(
                TemplateError(
                    f'duplicate id "{exercise.id}" (also in {found[exercise.id].file})',
                    file=str(path),
                    line=exercise.field_lines.get("id"),
                    field="id",
                )
            )
            continue
        found[exercise.id] = exercise
    return ExerciseBank(found, errors, files)


def load_one(exercise_id: str) -> Exercise:
    """A built-in exercise by id, read alone when it sits where the convention says."""
    path = exercise_path(exercise_id)
    if not path.is_file():
        return load_exercises().get(exercise_id)
    exercise, problems = load_exercise(path, set(default_curriculum().topics))
    if exercise is None:
        raise problems[0]
    if exercise.id != exercise_id:
        return load_exercises().get(exercise_id)
    return exercise

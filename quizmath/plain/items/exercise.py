"""A coding exercise in plain text: the task, what to write, the file to write it in, and what
to say of a submission. The answer is the learner's file, not the typed line: save the file,
then type ``submit`` (``core.items.exercise``: a file that does not pass yet is not counted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizmath.core.items.exercise import submission
from quizmath.core.terminal_text import neutralise
from quizmath.plain.output import YELLOW, Output, indent

if TYPE_CHECKING:
    from quizmath.core.items.exercise import ExerciseTask

SUBMIT = "Save your file, then type submit. Or: skip, help, quit (the drill is kept)."


def task_lines(served: ExerciseTask) -> list[str]:
    """The task, what to write, what is graded and the file (the drill and ``help``)."""
    x = served.exercise
    code = "\n".join(row.rstrip() for row in indent(served.code).splitlines())
    lines = [x.task.strip(), "", "Write this (signatures and docstrings):", "", code]
    lines += ["", served.graded_on]
    if served.banned:
        lines.append("Not allowed: " + ", ".join(served.banned) + ".")
    return lines


class ExerciseRenderer:
    def drill_lines(self, served: ExerciseTask) -> list[str]:
        where = "written from the starter" if served.created else "your work so far"
        return [
            f"Coding exercise: {served.title} — difficulty {served.exercise.difficulty}",
            "",
            *task_lines(served),
            "",
            f"Your file ({where}): {neutralise(str(served.path))}",
            "Edit it in your editor. " + SUBMIT,
            "It counts once it passes; when the time is up, the file is graded as it stands.",
        ]

    def help_lines(self, served: ExerciseTask) -> list[str]:
        return [SUBMIT, f"Your file: {neutralise(str(served.path))}"]

    def prompt_line(self, served: ExerciseTask) -> str:
        return SUBMIT

    def answer_text(self, served: ExerciseTask, line: str | None) -> str:
        """The file as it stands is the answer, whatever was typed (None: the time is up)."""
        return submission(served)

    def not_counted_lines(self, verdict: Any, out: Output) -> list[str]:
        reason = verdict.reason if verdict is not None else ""
        lines = [out.paint("Not passing yet; not counted.", YELLOW)]
        if reason:
            lines.append(neutralise(reason[:1].upper() + reason[1:]) + ".")
        lines.append("Edit the file, save it, and type submit again.")
        return lines


RENDERER = ExerciseRenderer()

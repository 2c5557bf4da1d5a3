"""An interview question in plain text: the question, then its model answer and key points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizmath.plain.output import indent

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion

RATE_LINE = "Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (3 or 4 counts as right)."
RATE_AGAIN = "Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (or skip)."
RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}


def reveal_lines(q: InterviewQuestion) -> list[str]:
    return [
        "Model answer:",
        indent(q.answer),
        "Key points:",
        *(f"  - {point}" for point in q.key_points),
        RATE_LINE,
    ]


class InterviewRenderer:
    def drill_lines(self, served: InterviewQuestion) -> list[str]:
        return [
            "Interview question",
            "",
            served.question,
            "",
            "Answer it aloud or type notes (each line is kept). Type reveal, or press Enter on "
            "an empty line, to see the model answer; skip and quit work too.",
        ]

    def help_lines(self, served: InterviewQuestion) -> list[str]:
        return [RATE_AGAIN]


RENDERER = InterviewRenderer()

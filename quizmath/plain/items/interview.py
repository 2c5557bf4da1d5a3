"""An interview question in plain text: the question, then its model answer and numbered key
points; the learner types the numbers of the points their answer covered, and the rating they
suggest (``core.keypoints``) is offered, to take with Enter or to override."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizmath.plain.output import wrapped

if TYPE_CHECKING:
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.keypoints import KeyPointScore

RATE_LINE = "Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (3 or 4 counts as right)."
RATE_AGAIN = "Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy (or skip)."
RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}
WORDS = {"again": 1, "hard": 2, "good": 3, "easy": 4}  # a rating while points are asked
POINTS_LINE = (
    "Which key points did your answer cover? Type their numbers (e.g. 1 3), all, or none; "
    "or rate it yourself with a word: again, hard, good, easy."
)


def reveal_lines(q: InterviewQuestion) -> list[str]:
    if not q.key_points:
        return ["Model answer:", wrapped(q.answer), RATE_LINE]
    return [
        "Model answer:",
        wrapped(q.answer),
        "Key points:",
        *(f"  {n}. {point}" for n, point in enumerate(q.key_points, 1)),
        POINTS_LINE,
    ]


def suggestion_lines(score: KeyPointScore) -> list[str]:
    rating = score.rating
    return [
        f"You covered {score.describe()}: that suggests {int(rating)} {rating.label}.",
        f"Press Enter to rate it {rating.label}, or type 1–4 to rate it otherwise "
        "(3 or 4 counts as right).",
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

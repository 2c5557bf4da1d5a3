"""Items: what a learner is served, one module per kind.

A kind of item says how it is shown (data, never widgets), how input to it is judged, and what
is recorded. The kinds:

- ``problem``: a generated problem (``core.bank.problem.Problem``) with one typed answer,
  judged by the answer checker (``items.problem``);
- ``interview``: an interview question, answered aloud or in notes, then self-rated 1–4
  against its model answer (``items.interview``);
- ``exercise``: a coding exercise, the learner's own file graded in the sandbox on fresh
  random instances (``items.exercise``);
- ``multipart``: a generated problem with parts (a), (b), …, one typed answer per part, a
  later part judged also on the learner's own earlier answers (``items.multipart``).

The flows (``core.practice``, ``core.drill``) serve items and own every rule about tries,
hints, time and recording; front ends render what the flows return. The closed sets the
flows and front ends share are here, as enums whose values are the strings stored in SQLite.
"""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    """The kinds of item (stored in ``drill_item.kind``)."""

    PROBLEM = "problem"
    INTERVIEW = "interview"
    EXERCISE = "exercise"  # a coding exercise: the learner's file, graded in the sandbox
    MULTIPART = "multipart"  # a problem asked step by step, one answer per part


class Ending(StrEnum):
    """How an item ended for the learner (stored in ``drill_item.outcome``, except
    ``UNANSWERED``, which is stored as NULL)."""

    CORRECT = "correct"
    WRONG = "wrong"  # answered, never right
    SKIPPED = "skipped"  # the learner gave up on it
    UNANSWERED = "unanswered"  # shown, or never reached, and not answered


class Answering(StrEnum):
    """How a kind of item is answered, which decides what a flow asks of it."""

    JUDGED = "judged"  # the learner submits an answer; the item's ``judge`` decides (slow)
    SELF_RATED = "self-rated"  # the learner reveals the model answer, then rates it 1–4
    STEPS = "steps"  # one judged answer per part, in order (``items.multipart``)


class PartStatus(StrEnum):
    """How one part ended (stored in ``attempts.parts``; exported as the part's verdict)."""

    CORRECT = "correct"
    CARRIED = "carried"  # right given the learner's own earlier answers
    WRONG = "wrong"
    SKIPPED = "skipped"  # not answered: given up, or the time ran out

    @property
    def right(self) -> bool:
        return self in (PartStatus.CORRECT, PartStatus.CARRIED)

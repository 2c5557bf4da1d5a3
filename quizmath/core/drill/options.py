"""A drill's options, their defaults and bounds, and reading them from text.

Light on purpose (``quizmath drill --help`` and the setup screen read it before anything else
loads). Each front end says a refused value in its own words (``OptionError.field`` and
``.fault``); the bounds are only here.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec

from quizmath.core.errors import QuizmathError

DEFAULT_QUESTIONS = 10
DEFAULT_MINUTES = 15.0
MIN_QUESTIONS = 1
MAX_QUESTIONS = 100
MAX_MINUTES = 24 * 60  # 0 means untimed
MAX_SEED_DIGITS = 18


class DrillOptions(msgspec.Struct, frozen=True):
    """A drill to start: the setup screen's fields, or ``quizmath drill``'s options."""

    minutes: float = DEFAULT_MINUTES  # 0: untimed
    questions: int = DEFAULT_QUESTIONS
    topics: tuple[str, ...] = ()  # topic ids, already resolved; (): weighted to weak topics
    seed: int | None = None  # None: drawn at random (and recorded)
    code: bool = False  # include coding exercises (``quizmath drill --code``)


def limit_ms(minutes: float | None) -> int | None:
    """A drill's time limit in milliseconds, as stored; None (untimed) for None or 0 minutes."""
    return round(minutes * 60_000) if minutes else None


def minutes_arg(limit: int | None) -> str:
    """``--minutes``'s value that gives this limit again: "15", "2.5", "0" when untimed."""
    return "0" if limit is None else f"{limit / 60_000:.10g}"


class Field(StrEnum):
    QUESTIONS = "questions"
    MINUTES = "minutes"
    SEED = "seed"


class Fault(StrEnum):
    NOT_A_NUMBER = "not-a-number"  # not a number of the field's kind
    OUT_OF_RANGE = "out-of-range"


class OptionError(QuizmathError):
    """A drill option that cannot be used: which field, and what is wrong with it."""

    def __init__(self, field: Field, fault: Fault, text: str) -> None:
        super().__init__(f"{field}: {fault} ({text!r})")
        self.field = field
        self.fault = fault
        self.text = text


def read_questions(text: str) -> int:
    """The number of questions in ``text``; raises OptionError."""
    try:
        value = int(text)
    except ValueError:
        raise OptionError(Field.QUESTIONS, Fault.NOT_A_NUMBER, text) from None
    if not MIN_QUESTIONS <= value <= MAX_QUESTIONS:
        raise OptionError(Field.QUESTIONS, Fault.OUT_OF_RANGE, text)
    return value


def read_minutes(text: str) -> float:
    """The time limit in minutes in ``text`` (0: untimed); raises OptionError."""
    try:
        value = float(text)
    except ValueError:
        raise OptionError(Field.MINUTES, Fault.NOT_A_NUMBER, text) from None
    if not 0 <= value <= MAX_MINUTES:  # NaN fails too
        raise OptionError(Field.MINUTES, Fault.OUT_OF_RANGE, text)
    return value


def read_seed(text: str) -> int:
    """A drill seed: a whole number ≥ 0 of at most MAX_SEED_DIGITS digits; raises
    OptionError."""
    if not text.isdigit() or len(text) > MAX_SEED_DIGITS:
        raise OptionError(Field.SEED, Fault.NOT_A_NUMBER, text)
    return int(text)


def read_options(
    questions: str, minutes: str, seed: str, topics: tuple[str, ...] = (), code: bool = False
) -> DrillOptions:
    """The drill that fields ask for; an empty field means its default (a random seed).
    Raises OptionError for the first field that cannot be used."""
    n = read_questions(questions) if questions.strip() else DEFAULT_QUESTIONS
    m = read_minutes(minutes) if minutes.strip() else DEFAULT_MINUTES
    s = read_seed(seed.strip()) if seed.strip() else None
    return DrillOptions(minutes=m, questions=n, topics=topics, seed=s, code=code)

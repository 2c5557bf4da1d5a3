"""App-wide messages (messages a widget owns are nested in its class)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.scheduler import Scheduler


@dataclass(frozen=True)
class Loaded:
    """What screens wait for after the first paint: the full bank, the interview questions, and
    the scheduler over them (made on the UI thread)."""

    bank: Bank
    interviews: InterviewBank
    scheduler: Scheduler
    exercises: ExerciseBank | None = None  # the coding exercises (None: they did not load)


@dataclass
class BankLoaded(Message):
    """The full bank is loaded (posted from a worker)."""

    bank: Bank


@dataclass
class ExtrasLoaded(Message):
    """After the bank, once home has shown it: the interview questions and the coding
    exercises (None: the exercises did not load)."""

    interviews: InterviewBank  # none (and ``interviews_error``) if they could not be read
    exercises: ExerciseBank | None
    interviews_error: str | None = None


@dataclass
class BankFailed(Message):
    """Loading the bank failed; ``error`` says why."""

    error: str


@dataclass
class ContentReady(Message, bubble=False):
    """Sent by the app to every open screen once the bank has arrived (``Loaded``); a screen
    opened later finds it in ``QuizApp.loaded``."""

    loaded: Loaded


@dataclass
class ContentFailed(Message, bubble=False):
    """Sent by the app to every open screen when the bank could not be loaded."""

    error: str


class ProgressChanged(Message):
    """Something was recorded; screens showing progress should refresh."""


@dataclass
class ProblemPainted(Message):
    """A problem screen has painted its first problem (start-up timing and deferred work)."""

    at_ns: int  # time.monotonic_ns() right after that refresh

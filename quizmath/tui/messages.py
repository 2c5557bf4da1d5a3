"""App-wide messages (messages a widget owns are nested in its class).

Plain classes, not dataclasses: these are made before the first problem is painted, and a
dataclass compiles its methods with exec when its class is made (~0.5 ms each on Python 3.11;
issue 13 item 24). Textual's ``Message.__init__`` sets up the message; each ``__init__`` here
calls it after storing its fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from textual.message import Message

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.scheduler import Scheduler


class Loaded(msgspec.Struct, frozen=True):
    """What screens wait for after the first paint: the full bank, the interview questions, and
    the scheduler over them (made on the UI thread)."""

    bank: Bank
    interviews: InterviewBank
    scheduler: Scheduler
    exercises: ExerciseBank | None = None  # the coding exercises (None: they did not load)


class BankLoaded(Message):
    """The full bank is loaded (posted from a worker)."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        super().__init__()


class ExtrasLoaded(Message):
    """After the bank, once home has shown it: the interview questions and the coding
    exercises (None: the exercises did not load)."""

    def __init__(
        self,
        interviews: InterviewBank,  # none (and ``interviews_error``) if they could not be read
        exercises: ExerciseBank | None,
        interviews_error: str | None = None,
    ) -> None:
        self.interviews = interviews
        self.exercises = exercises
        self.interviews_error = interviews_error
        super().__init__()


class BankFailed(Message):
    """Loading the bank failed; ``error`` says why."""

    def __init__(self, error: str) -> None:
        self.error = error
        super().__init__()


class ContentReady(Message, bubble=False):
    """Sent by the app to every open screen once the bank has arrived (``Loaded``); a screen
    opened later finds it in ``QuizApp.loaded``."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        super().__init__()


class ContentFailed(Message, bubble=False):
    """Sent by the app to every open screen when the bank could not be loaded."""

    def __init__(self, error: str) -> None:
        self.error = error
        super().__init__()


class ProgressChanged(Message):
    """Something was recorded; screens showing progress should refresh."""


class ProblemPainted(Message):
    """A problem screen has painted its first problem (start-up timing and deferred work)."""

    def __init__(self, at_ns: int) -> None:
        self.at_ns = at_ns  # time.monotonic_ns() right after that refresh
        super().__init__()

"""What the drill flow returns, and the closed sets of a drill run (as stored in SQLite)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import msgspec

from quizmath.core.items import Ending


class RunStatus(StrEnum):
    """``drill_runs.status``."""

    RUNNING = "running"  # started, not over: offered to resume or discard
    FINISHED = "finished"
    DISCARDED = "discarded"  # left unfinished and dropped (kept in the history)


class RunEnding(StrEnum):
    """``drill_runs.ended``: how a run that is over ended."""

    COMPLETED = "completed"  # every item answered
    TIMEOUT = "timeout"  # the time ran out
    DISCARDED = "discarded"


ENDING_WORDS = {
    RunEnding.COMPLETED: "all answered",
    RunEnding.TIMEOUT: "time ran out",
    RunEnding.DISCARDED: "discarded",
}


def ending_words(ended: str | None, otherwise: str) -> str:
    """How a run ended, in words ("time ran out"); ``otherwise`` for a run not over."""
    return ENDING_WORDS[RunEnding(ended)] if ended else otherwise


class JudgementKind(StrEnum):
    """What a drill judgement is: the checker's verdict, or nothing typed at the time-out."""

    ACCEPT = "accept"
    REJECT = "reject"
    INVALID = "invalid"
    ROUNDED = "rounded"  # wrong only by rounding where exact values are asked
    EMPTY = "empty"  # nothing typed when the time ran out


class DrillJudgement(msgspec.Struct, frozen=True):
    """A checked answer to a problem, ready for ``DrillRun.record``."""

    position: int
    text: str
    verdict: Any | None  # quizmath.core.answers.Verdict; None: nothing typed at the time-out
    ms: int
    final: bool  # made at or after the deadline: recorded whatever it is, then the drill ends
    part: Any | None = None  # a multi-part problem: the judged part (``items.multipart``)

    @property
    def kind(self) -> JudgementKind:
        if self.verdict is None:
            return JudgementKind.EMPTY
        kind = JudgementKind(self.verdict.verdict)
        if kind == JudgementKind.REJECT and getattr(self.verdict, "rounded", False):
            return JudgementKind.ROUNDED
        return kind

    @property
    def retype(self) -> bool:
        """Not recorded: the learner types the answer again (unreadable, or rounded where exact
        values are asked), unless the time is up."""
        return self.kind in (JudgementKind.INVALID, JudgementKind.ROUNDED) and not self.final


class ItemResult(msgspec.Struct, frozen=True):
    """How an item ended, once saved."""

    position: int
    outcome: Ending
    ms: int
    verdict: Any | None = None  # the checker's verdict for a judged problem
    rating: int | None = None  # the card's fsrs rating (problem) or the self-rating (interview)
    timed_out: bool = False
    ended: bool = False  # the drill is over (last item, or time ran out)
    part: Any | None = None  # a multi-part problem: the part just judged (its verdict, note)
    more: bool = False  # a multi-part problem goes on with its next part (nothing ended yet)
    score: float | None = None  # a multi-part problem, once over: parts right / parts

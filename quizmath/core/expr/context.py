"""What an evaluation may use besides its environment: the problem's Rng and a work budget."""

from __future__ import annotations

import time

from quizmath.core.errors import LimitError
from quizmath.core.rng import Rng


class Budget:
    """How much work evaluation may do: steps (nodes and loop iterations) and seconds.

    One budget is meant for one problem instance: every evaluation made with the same context
    draws from it. The clock starts at the first step, not at construction.
    """

    __slots__ = ("deadline", "max_seconds", "max_steps", "next_check", "steps")
    CHECK_EVERY = 256  # steps between looks at the clock

    def __init__(self, max_steps: int = 200_000, max_seconds: float = 2.0) -> None:
        self.max_steps = max_steps
        self.max_seconds = max_seconds
        self.steps = 0
        self.next_check = 0
        self.deadline: float | None = None

    def check(self) -> None:
        """Called when ``steps`` reaches ``next_check``; raises LimitError when spent."""
        now = time.monotonic()
        if self.deadline is None:
            self.deadline = now + self.max_seconds
        elif now > self.deadline:
            raise LimitError(f"too much work: evaluation took over {self.max_seconds:g} s")
        if self.steps > self.max_steps:
            raise LimitError(f"too much work: over {self.max_steps:,} evaluation steps")
        self.next_check = min(self.steps + self.CHECK_EVERY, self.max_steps + 1)

    def charge(self, cost: int) -> None:
        """Count work beyond one step (big containers), looking at the clock when it is big."""
        self.steps += cost
        if self.steps >= self.next_check or cost >= self.CHECK_EVERY:
            self.check()


class Context:
    """What evaluation may use besides the environment: the problem's Rng and the budget."""

    __slots__ = ("budget", "rng")

    def __init__(self, rng: Rng | None = None, budget: Budget | None = None) -> None:
        self.rng = rng
        self.budget = budget if budget is not None else Budget()

"""A drill's countdown: the time left, in the error colour for the last LOW_MS.

It only displays: the drill screen sets ``remaining_ms`` from the core's ``remaining_ms()`` on
every tick, so the time shown is the core's (an injected clock in tests), never a second timer
that could drift from it.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from quizmath.core.drill.clock import format_clock

LOW_MS = 10_000  # the last 10 s are shown in the error colour


class Countdown(Static):
    """``remaining_ms`` None: an untimed drill (shows "untimed")."""

    DEFAULT_CSS = """
    Countdown {
        width: auto;
        padding: 0 1;
        text-style: bold;
        background: $panel;
        &.-low { color: $error; background: $error 20%; }
        &.-untimed { color: $text-muted; text-style: none; }
    }
    """

    remaining_ms: reactive[int | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_remaining_ms(self, remaining: int | None) -> None:
        if remaining is None:
            self.update("untimed")
        else:
            self.update(f"⏱ {format_clock(remaining)} left")
        self.set_class(remaining is not None and remaining <= LOW_MS, "-low")
        self.set_class(remaining is None, "-untimed")

    @property
    def low(self) -> bool:
        return self.has_class("-low")

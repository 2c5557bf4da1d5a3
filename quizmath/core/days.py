"""The learner's day: a local calendar day that starts at ``ROLLOVER_HOUR`` o'clock, not at
midnight (Anki's "next day starts at" 4 am): an answer given at 1 am after a late evening
belongs to the evening's day, so it neither starts a new day in the calendar nor breaks a
streak. Stats count days with this; "due today" and streaks elsewhere should ask it too.

Local means the system's time-zone rules at each instant (so a daylight-saving change moves no
answer to the wrong day), or a given ``tzinfo`` (tests, or a learner who wants another zone).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

import msgspec

ROLLOVER_HOUR = 4  # the one setting: a new day starts at 04:00 local time


class LearnerDays(msgspec.Struct, frozen=True):
    """Turns instants into the learner's days and back."""

    tz: tzinfo | None = None  # None: the system's time zone
    rollover_hour: int = ROLLOVER_HOUR

    def __post_init__(self) -> None:
        if not 0 <= self.rollover_hour <= 23:
            raise ValueError(f"the rollover hour is 0 to 23, not {self.rollover_hour}")

    def local(self, when: datetime) -> datetime:
        """``when`` (aware) as local wall-clock time."""
        return when.astimezone(self.tz) if self.tz is not None else when.astimezone()

    def day_of(self, when: datetime) -> date:
        """The learner's day an instant belongs to: 03:59 local is still the day before."""
        return (self.local(when).replace(tzinfo=None) - timedelta(hours=self.rollover_hour)).date()

    def start(self, day: date) -> datetime:
        """The instant (UTC) a learner's day begins: ``day`` at the rollover hour, local."""
        wall = datetime.combine(day, time(self.rollover_hour))
        local = wall.replace(tzinfo=self.tz) if self.tz is not None else wall.astimezone()
        return local.astimezone(UTC)

    def zone_name(self, now: datetime) -> str:
        return str(self.tz) if self.tz is not None else (self.local(now).tzname() or "local")

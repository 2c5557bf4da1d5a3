"""The learner's settings, kept in the progress database (``storage/settings.py`` says why).

- ``confidence``: ask how sure the learner is before each verdict (``core.confidence``);
  off by default. Plain practice also takes ``--confidence`` for one session.
- ``until``: a target date (an interview, an exam): until then the scheduler raises desired
  retention and caps intervals so every card is reviewed before it (``core.target``). None:
  no target.

A stored value this version cannot read (a hand-edited file, a newer quizmath) counts as the
default: settings never stop the app.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from quizmath.core.errors import QuizmathError
from quizmath.core.storage import settings as rows
from quizmath.core.storage.store import Storage

ON = ("on", "yes", "true", "1")
OFF = ("off", "no", "false", "0")
NO_DATE = ("off", "none", "no", "")


class Settings(msgspec.Struct, frozen=True):
    confidence: bool = False
    until: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "confidence": self.confidence,
            "until": self.until.isoformat() if self.until else None,
        }


def load(storage: Storage) -> Settings:
    """The stored settings (defaults for anything unset or unreadable)."""
    stored = storage.read(rows.read_all)
    until = None
    if "until" in stored:
        try:
            until = date.fromisoformat(stored["until"])
        except ValueError:
            until = None
    return Settings(confidence=stored.get("confidence") == "on", until=until)


def save(storage: Storage, settings: Settings) -> Settings:
    """Store every setting of ``settings`` (one transaction)."""

    def tx(conn: Any) -> None:
        rows.put(conn, "confidence", "on" if settings.confidence else None)
        rows.put(conn, "until", settings.until.isoformat() if settings.until else None)

    storage.write(tx)
    return settings


def change(storage: Storage, **changes: Any) -> Settings:
    """The stored settings with ``changes`` applied, saved."""
    return save(storage, msgspec.structs.replace(load(storage), **changes))


def parse_switch(text: str) -> bool:
    """on/off (yes/no, true/false, 1/0); raises QuizmathError."""
    word = text.strip().lower()
    if word in ON:
        return True
    if word in OFF:
        return False
    raise QuizmathError(f'expected on or off, not "{text}"')


def parse_until(text: str, today: date) -> date | None:
    """A target date YYYY-MM-DD after ``today``, or off/none for no target; raises
    QuizmathError."""
    if text.strip().lower() in NO_DATE:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        example = "a date is written YYYY-MM-DD (e.g. 2027-03-01)"
        raise QuizmathError(f'{example}, not "{text}"') from None
    if day <= today:
        raise QuizmathError(f"the target date {day.isoformat()} is not after today ({today})")
    return day

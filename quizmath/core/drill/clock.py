"""A drill's time, as the front ends say it, and how often the time used is saved."""

from __future__ import annotations

from datetime import datetime

CHECKPOINT_S = 5.0  # the time used is saved this often while waiting: a kill loses at most this


def format_clock(ms: int | None) -> str:
    """``12:34`` (``1:02:03`` past an hour); "—" for None."""
    if ms is None:
        return "—"
    s = max(0, int(ms)) // 1000
    h, m, s = s // 3600, s // 60 % 60, s % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def local_time(when: datetime) -> str:
    """A stored UTC time in the learner's zone, to the minute: ``2026-03-02 09:00``."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")

"""Quitting while the bank loads ends the process at once (found reviewing the start-up work).

The bank worker posts BankLoaded and then waits for home to have shown it before loading the
exercises. If the app quits first, BankLoaded is never handled: the worker used to wait out a
5-second timeout, and the process with it (Python joins worker threads at exit).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from quizmath.tui import app as app_module
from quizmath.tui.app import QuizApp


def test_the_bank_worker_stops_waiting_when_the_app_exits(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    loaded: list[str] = []
    monkeypatch.setattr(app.services, "load_exercises", lambda: loaded.append("exercises"))
    # The app is exiting: Textual has cancelled its workers; home never shows the bank.
    monkeypatch.setattr(
        app_module, "get_current_worker", lambda: SimpleNamespace(is_cancelled=True)
    )
    waits: list[float | None] = []
    real_wait = app._bank_shown.wait

    def wait(timeout: float | None = None) -> bool:
        waits.append(timeout)
        return real_wait(0)  # never set: BankLoaded is not handled

    monkeypatch.setattr(app._bank_shown, "wait", wait)
    QuizApp._load_bank.__wrapped__(app)  # the worker's body, on this thread
    assert loaded == []  # it returned instead of going on to the exercises
    assert waits and all(t is not None and t <= 0.1 for t in waits)

"""Run a session's slow step off the UI thread while its database stays on the UI thread.

``Practice.next_problem`` asks the scheduler which template and seed to serve (SQLite reads,
which must run on the thread that opened the connection) and then generates the problem (the
template engine, sometimes sympy: slow). The app calls ``next_problem`` in a worker thread and
gives the session an ``OnUIThread`` wrapper around its scheduler, so every scheduler call made
from the worker hops back to the UI thread and the session's own logic is reused unchanged.
"""

from __future__ import annotations

import threading
from functools import wraps
from typing import Any, TypeVar, cast

from textual.app import App


class OnUIThread:
    """Forwards attribute access to ``target``; callables run on ``app``'s thread.
    Create it on the UI thread (it remembers which thread that is)."""

    def __init__(self, target: Any, app: App[Any]) -> None:
        self._target = target
        self._app = app
        self._ui_thread = threading.get_ident()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value
        app, ui_thread = self._app, self._ui_thread

        @wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() == ui_thread:
                return value(*args, **kwargs)
            return app.call_from_thread(value, *args, **kwargs)

        return call


T = TypeVar("T")


def on_ui_thread(target: T, app: App[Any]) -> T:
    """``target`` wrapped in an OnUIThread, typed as ``target`` itself (it answers the same
    calls). Call it on the UI thread."""
    return cast(T, OnUIThread(target, app))

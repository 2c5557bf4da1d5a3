"""The app's answer checker: the checking service (a worker process with a 2 s budget), started
on first use from whichever thread needs it first (the warm-up worker, usually), and closed with
the app. If the service cannot start, checking falls back to this process and ``on_fallback``
says why (from any thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class AppChecker:
    """A ``core.items.problem.Checker`` for the app (call it like ``answers.check``)."""

    def __init__(
        self,
        factory: Callable[[Callable[[str], None]], Callable[..., Any]],
        on_fallback: Callable[[str], None],
    ) -> None:
        self.factory = factory
        self.on_fallback = on_fallback
        self._checker: Callable[..., Any] | None = None
        self._lock = threading.Lock()

    def start(self) -> Callable[..., Any]:
        """The checker, created on first use (any thread)."""
        with self._lock:
            if self._checker is None:
                self._checker = self.factory(self.on_fallback)
            return self._checker

    def __call__(self, kind: str, expected: str, submitted: str, **kwargs: Any) -> Any:
        """Check an answer (from a worker thread: it may take up to the service's budget)."""
        return self.start()(kind, expected, submitted, **kwargs)

    def close(self) -> None:
        with self._lock:
            checker, self._checker = self._checker, None
        close = getattr(checker, "close", None)
        if close is not None:
            close()

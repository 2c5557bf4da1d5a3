"""The app's answer checker: the checking service (a worker process with a 2 s budget), started
on first use from whichever thread needs it first (the warm-up worker, usually), and closed with
the app. If the service cannot start, checking falls back to this process and ``on_fallback``
says why (from any thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizmath.core.bank.model import Template
    from quizmath.core.bank.problem import Problem
    from quizmath.core.items.problem import Generator


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

    def generate(self, template: Template, seed: int) -> Problem | None:
        """The problem made in the checking service's process, or None (no service, or it
        could not make it there)."""
        make = getattr(self.start(), "generate", None)
        return make(template, seed) if make is not None else None

    def close(self) -> None:
        with self._lock:
            checker, self._checker = self._checker, None
        close = getattr(checker, "close", None)
        if close is not None:
            close()


def service_generator(checker: AppChecker) -> Generator:
    """The app's generator (practice and drills): problems made in the checking service's
    process, so that the app's own process never imports sympy, numpy or scipy for them (issue
    13 item 25: the app grew from 62 to 172 MB over 200 problems). That holds for multi-part
    problems (their later parts are computed from the learner's answers there too) and plots
    (sent as numbers). On the UI thread (the first problem, made before the first frame) and
    whenever the service cannot make one (said in the log), the problem is made here as
    before: correctness never depends on the service."""

    def make(template: Template, seed: int) -> Problem:
        if threading.current_thread() is not threading.main_thread():
            problem = checker.generate(template, seed)
            if problem is not None:
                return problem
        from quizmath.core.items.problem import generate  # not before the first paint

        return generate(template, seed)

    return make

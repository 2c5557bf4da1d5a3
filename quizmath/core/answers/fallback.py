"""The checking service with a fallback: if its worker process cannot start, check in this
process instead (without the hard time limit) rather than leave the learner unable to answer.

The first answer probes the service, so showing the first problem never waits for the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class FallbackChecker:
    """Callable like ``check``; ``on_fallback(reason)`` is told once if the service is dropped."""

    def __init__(self, on_fallback: Callable[[str], None]) -> None:
        from quizmath.core.answers import CheckService, check

        self._check = check
        self._on_fallback = on_fallback
        self._probed = False
        self._service: Any = None
        try:
            self._service = CheckService()
        except Exception as exc:  # any failure to start means: check in this process
            self._fall_back(str(exc))

    def _fall_back(self, reason: str) -> None:
        self._on_fallback(reason)
        self.close()

    def __call__(self, kind: str, expected: str, submitted: str, **kw: Any) -> Any:
        if self._service is not None and not self._probed:
            self._probed = True
            try:
                probe = self._service.check("integer", "1", "1")
                if probe.verdict != "accept":
                    self._fall_back(probe.message)
            except Exception as exc:
                self._fall_back(str(exc))
        if self._service is None:
            return self._check(kind, expected, submitted, **kw)
        return self._service.check(kind, expected, submitted, **kw)

    def generate(self, template: Any, seed: int) -> Any:
        """The problem made in the service's worker (``CheckService.generate``), or None: make
        it in this process then."""
        service = self._service
        if service is None:
            return None
        try:
            return service.generate(template, seed)
        except Exception:
            return None

    def close(self) -> None:
        service, self._service = self._service, None
        if service is not None:
            service.close()

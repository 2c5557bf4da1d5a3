"""The checker the line-by-line commands use (not a subcommand itself)."""

from __future__ import annotations

import sys

from quizmath.core.answers.fallback import FallbackChecker


def plain_checker(program: str) -> FallbackChecker:
    """The checking service, or checking in this process (with a note) if it cannot start."""

    def note(reason: str) -> None:
        print(
            f"quizmath {program}: note: the checking service could not start ({reason}); "
            "checking in this process, without the time limit.",
            file=sys.stderr,
        )

    return FallbackChecker(note)

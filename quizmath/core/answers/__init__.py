"""Reading what a learner types and judging it against the expected answer.

Public API (see ANSWERS.md for the contract)::

    check(kind, expected, submitted, *, vars=(), tol=None, mistakes=(), choices=None) -> Verdict
    interpret(text, kind, vars=()) -> Interpretation     # live preview; never imports sympy
    CheckService()                                        # the same check in a worker, 2 s budget
    Verdict, Mistake, Interpretation, KINDS

Importing this package is cheap: the parser, sympy, mpmath and multiprocessing load when first
used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizmath.core.answers.verdict import KINDS, Interpretation, Mistake, Verdict

if TYPE_CHECKING:
    from quizmath.core.answers.judge import check, interpret
    from quizmath.core.answers.service import CheckService

__all__ = ["KINDS", "CheckService", "Interpretation", "Mistake", "Verdict", "check", "interpret"]


def __getattr__(name: str) -> Any:
    # The parser and the checker load on first use: the app imports ``answers.verdict`` before
    # its first paint, and that must not cost the ~25 ms of loading them.
    if name in ("check", "interpret"):
        from quizmath.core.answers import judge

        return getattr(judge, name)
    if name == "CheckService":
        from quizmath.core.answers.service import CheckService

        return CheckService
    raise AttributeError(name)

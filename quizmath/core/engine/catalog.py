"""Imports every engine module so that their ``@builtin`` functions are registered.

The interpreter imports this module; nothing is callable from a template unless it is
registered by one of these modules.
"""

from __future__ import annotations

from quizmath.core.engine import (  # noqa: F401 - imported for their registrations
    activations,
    calculus,
    combinatorics,
    eigen,
    geometry,
    info,
    linalg,
    matrices,
    models,
    numbers,
    optim,
    polynomials,
    prob,
    random_draws,
    regression,
    sequences,
    stats,
    text,
)
from quizmath.core.expr.registry import BUILTINS

__all__ = ["BUILTINS"]

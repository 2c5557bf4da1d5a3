"""Values of the template language and exact arithmetic on them.

A value is one of:

- a scalar: ``int``, ``fractions.Fraction``, ``float``, or a sympy expression (radicals, π, e,
  logs, and anything built from declared symbols);
- ``Vec`` (1-D) or ``Mat`` (2-D) of scalars;
- ``ValueSet``, an unordered collection (eigenvalues, roots);
- ``bool`` (conditions) and ``str`` (text, choice labels).

Exact arithmetic stays in ``int``/``Fraction`` for speed and promotes to sympy only when a result
is irrational or symbolic, so most problems are generated without importing sympy at all.
Every result passes through ``canon``, which also enforces the size limits.
"""

from __future__ import annotations

from quizmath.core.values.arrays import (
    Mat,
    ValueSet,
    Vec,
    describe,
)
from quizmath.core.values.ops import (
    binary,
    equal,
    from_python,
    matmul,
    to_sympy_text,
    unary,
)
from quizmath.core.values.scalars import (
    MAX_ENTRIES,
    MAX_EXPR_NODES,
    MAX_INT_BITS,
    MAX_TEXT_LENGTH,
    Scalar,
    Value,
    add,
    canon,
    compare,
    div,
    is_exact,
    is_scalar,
    is_symbolic,
    is_zero,
    mul,
    neg,
    power,
    sub,
    sympy_module,
    to_sympy,
)

__all__ = [
    "MAX_ENTRIES",
    "MAX_EXPR_NODES",
    "MAX_INT_BITS",
    "MAX_TEXT_LENGTH",
    "Mat",
    "Scalar",
    "Value",
    "ValueSet",
    "Vec",
    "add",
    "binary",
    "canon",
    "compare",
    "describe",
    "div",
    "equal",
    "from_python",
    "is_exact",
    "is_scalar",
    "is_symbolic",
    "is_zero",
    "matmul",
    "mul",
    "neg",
    "power",
    "sub",
    "sympy_module",
    "to_sympy",
    "to_sympy_text",
    "unary",
]

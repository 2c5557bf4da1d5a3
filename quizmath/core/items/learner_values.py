"""A learner's answer as a value of the template language, to carry an error forward.

The text is read by the answer checker's own parser (``answers.check.read`` and ``shape``, with
its size limits), and each entry becomes an exact scalar: ``fractions.Fraction``/``int`` when
it is rational (``0.25`` is 1/4, as the template language reads it), else a sympy expression
built from the parse tree (``answers.to_sympy``: never ``sympify``). Vectors, matrices and sets
become ``Vec``, ``Mat`` and ``ValueSet``. Nothing is evaluated from text.

A value is carried only when it has the true value's shape (``bank.generate_parts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quizmath.core.values import Mat, ValueSet, Vec, canon


def learner_value(text: str, kind: str, vars: Sequence[str] = ()) -> Any | None:
    """``text`` typed as an answer of ``kind``, as a template value; None when it cannot be
    one (unreadable, a choice letter, too large)."""
    if kind == "choice":
        return None
    from quizmath.core.answers.check import _read_shaped, canonical_vars
    from quizmath.core.answers.shape import expand_plus_minus

    try:
        _node, shaped = _read_shaped(text, kind, canonical_vars(vars), expected=False)
        if shaped.tag == "set":
            return ValueSet(_scalar(v) for item in shaped.items for v in expand_plus_minus(item))
        entries = [_scalar(item) for item in shaped.items]
        if shaped.tag == "scalar":
            return entries[0]
        if shaped.tag == "vector":
            return Vec(entries)
        return Mat(entries[i * shaped.cols : (i + 1) * shaped.cols] for i in range(shaped.rows))
    except Exception:  # the checker already said what is wrong with it; nothing to carry
        return None


def _scalar(node: Any) -> Any:
    from quizmath.core.answers.exact import exact

    q = exact(node)
    if q is not None:
        return canon(q)
    from quizmath.core.answers.to_sympy import to_sympy

    return canon(to_sympy(node))

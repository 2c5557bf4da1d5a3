"""A learner's answer as a value of the template language, to carry an error forward.

The text is read by the answer checker's own parser (``answers.judge.read`` and ``shape``, with
its size limits), and each entry becomes an exact scalar: ``fractions.Fraction``/``int`` when
it is rational (``0.25`` is 1/4, as the template language reads it), else a sympy expression
built from the parse tree (``answers.to_sympy``: never ``sympify``). Vectors, matrices and sets
become ``Vec``, ``Mat`` and ``ValueSet``. Nothing is evaluated from text.

A value is carried only when it has the true value's shape (``bank.generate_parts``).

Only small rationals stay exact. A learner can type a number no template meant to meet, and
exact arithmetic on it can run long where no work budget reaches (sympy factoring a 40-digit
integer for ln, or simplifying logs of logs): an irrational number (√2, ln 3) or a rational
with more than EXACT_BITS bits is carried as a float, which every template expression handles
in microseconds. An expression in the problem's variables stays symbolic (a polynomial whose
roots a later part takes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

EXACT_BITS = 53  # a numerator or denominator beyond this is carried as a float


def learner_value(text: str, kind: str, vars: Sequence[str] = ()) -> Any | None:
    """``text`` typed as an answer of ``kind``, as a template value; None when it cannot be
    one (unreadable, a choice letter, too large)."""
    if kind == "choice":
        return None
    from quizmath.core.answers.judge import _read_shaped, canonical_vars
    from quizmath.core.answers.names import canonical_var
    from quizmath.core.answers.shape import expand_plus_minus
    from quizmath.core.values import Mat, ValueSet, Vec  # here: the app imports this module
    # before its first paint (through the parts panel) and needs no value types then

    # The parser names a variable canonically (λ for lamda); the template's symbols keep the
    # names they were declared with.
    names = {canonical_var(v): v for v in vars}
    try:
        _node, shaped = _read_shaped(text, kind, canonical_vars(vars), expected=False)
        if kind == "set":  # "2, 5" and "{2, 5}" alike (the parser reads a list as a vector)
            return ValueSet(
                _scalar(v, names) for item in shaped.items for v in expand_plus_minus(item)
            )
        entries = [_scalar(item, names) for item in shaped.items]
        if shaped.tag == "scalar":
            return entries[0]
        if shaped.tag == "vector":
            return Vec(entries)
        return Mat(entries[i * shaped.cols : (i + 1) * shaped.cols] for i in range(shaped.rows))
    except Exception:  # the checker already said what is wrong with it; nothing to carry
        return None


def _scalar(node: Any, names: dict[str, str]) -> Any:
    from quizmath.core.answers.exact import exact
    from quizmath.core.values import canon

    q = exact(node)
    if q is not None:
        if max(q.numerator.bit_length(), q.denominator.bit_length()) <= EXACT_BITS:
            return canon(q)
        return canon(float(q))
    import sympy

    from quizmath.core.answers.to_sympy import to_sympy

    value = to_sympy(node)
    if not value.free_symbols:
        return canon(float(value.evalf(30)))
    renamed = {
        s: sympy.Symbol(names[s.name], real=True)
        for s in value.free_symbols
        if s.name in names and names[s.name] != s.name
    }
    return canon(value.xreplace(renamed) if renamed else value)

"""Any template value as terminal text: one line (``inline``) or a block of lines (``block``).

``inline`` is the form a learner could type back (``[[1, 2], [3, 4]]``, ``{2, 5}``, ``√2/2``);
``block`` draws matrices with Unicode brackets for prompts and solutions.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizmath.core.render.expression import expression_text
from quizmath.core.render.numbers import format_rational_or_float
from quizmath.core.values import Mat, ValueSet, Vec, is_symbolic


def inline(value: Any) -> str:
    """One line of readable Unicode for any value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | Fraction | float):
        return format_rational_or_float(value)
    if is_symbolic(value):
        return expression_text(value)
    if isinstance(value, Vec):
        return "[" + ", ".join(inline(x) for x in value) + "]"
    if isinstance(value, Mat):
        return "[" + ", ".join(inline(Vec(r)) for r in value.rows) + "]"
    if isinstance(value, ValueSet):
        return "{" + ", ".join(inline(x) for x in _sorted_for_display(value)) + "}"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(inline(x) for x in value) + "]"
    raise TypeError(f"cannot render {type(value).__name__}")


def _sorted_for_display(s: ValueSet) -> list[Any]:
    """Real numbers in increasing order; anything else in the order it was built."""

    def key(x: Any) -> float:
        if is_symbolic(x):
            if x.free_symbols or not x.is_real:
                raise TypeError
            return float(x.evalf(20))
        if isinstance(x, int | Fraction | float):
            return float(x)
        raise TypeError

    try:
        return sorted(s, key=key)
    except TypeError:
        return list(s)


def block(value: Any) -> list[str]:
    """Lines of text; a matrix with two or more rows is drawn with ⎡ ⎤ brackets."""
    if isinstance(value, Mat) and value.shape[0] > 1:
        return matrix_block(value)
    if isinstance(value, Mat):
        return ["[" + "  ".join(inline(x) for x in value.rows[0]) + "]"]
    return [inline(value)]


def matrix_block(m: Mat) -> list[str]:
    return grid_block([[inline(x) for x in row] for row in m.rows])


def grid_block(cells: list[list[str]]) -> list[str]:
    """Rows of text cells in matrix brackets, each column right-aligned."""
    if len(cells) == 1:
        return ["[" + "  ".join(cells[0]) + "]"]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    lines = []
    last = len(cells) - 1
    for i, row in enumerate(cells):
        left, right = ("⎡", "⎤") if i == 0 else ("⎣", "⎦") if i == last else ("⎢", "⎥")
        body = "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True))
        lines.append(f"{left}{body}{right}")
    return lines

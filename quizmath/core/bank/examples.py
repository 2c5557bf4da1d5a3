"""Examples for the line under a prompt that never give the answer away.

"Answer: a vector, e.g. [1, −2]" is a giveaway when the answer is [1, −2] (or [−2, 4], for an
eigenvector). Each example is chosen for the instance: not equal to the answer, its negative,
or (for vectors) any multiple of it, and a vector's example has the answer's length.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from quizmath.core.render.symbols import MINUS
from quizmath.core.render.values import inline
from quizmath.core.values import Mat, Vec, equal, is_symbolic, mul

# Entries for example vectors, two different sequences: if one is parallel to the answer, the
# other is not (they are not parallel to each other at any length ≥ 2).
_VECTOR_ENTRIES = ((1, -2, 3, 0, -1, 2, 4, -3), (2, 0, -1, 4, 1, -3, 0, 2))
_EXACT = (("3/4", "5/8"), ("√2/2", "√3/3"), ("ln(2)", "ln(3)"))
_EXPRESSION = ("2{x}² + 1", "3{x} − 2")
_SYMBOLIC_VECTOR = ("[2{x}·{y}, {x}² + 1]", "[3{y}², {x} − 1]")


def _bare(text: str) -> str:
    return text.removeprefix(MINUS)


def exact_examples(answer: Any) -> str:
    shown = _bare(inline(answer)) if answer is not None else ""
    first, second, third = (a if a != shown else b for a, b in _EXACT)
    return f"{first}, {second} or {third}"


def _parallel(u: list[Any], v: list[Any]) -> bool:
    if len(u) != len(v):
        return False
    if all(equal(x, 0) for x in u) or all(equal(x, 0) for x in v):
        return all(equal(x, 0) for x in u) and all(equal(x, 0) for x in v)
    return all(
        equal(mul(u[i], v[j]), mul(u[j], v[i])) for i, j in combinations(range(len(u)), 2)
    ) and any(not equal(a, 0) and not equal(b, 0) for a, b in zip(u, v, strict=True))


def vector_example(answer: Any) -> str:
    n = len(answer) if isinstance(answer, Vec) and 1 <= len(answer) <= 8 else 3
    entries = list(answer) if isinstance(answer, Vec) else []
    for seq in _VECTOR_ENTRIES:
        candidate = list(seq[:n])
        if not entries or not _parallel(candidate, entries):
            return inline(Vec(candidate))
    return inline(Vec([7] * n))  # only a length-1 answer can be parallel to both


def matrix_example(answer: Any) -> str:
    rows, cols = answer.shape if isinstance(answer, Mat) else (2, 2)
    if rows > 3 or cols > 3:
        rows, cols = 2, 2
    for start in (1, 2):
        cells = [[start + i * cols + j for j in range(cols)] for i in range(rows)]
        candidate = Mat(cells)
        if not isinstance(answer, Mat) or answer.shape != candidate.shape:
            break
        if not all(
            equal(a, b) or equal(a, mul(b, -1))
            for a, b in zip(answer.entries(), candidate.entries(), strict=True)
        ):
            break
    typed = "; ".join(" ".join(inline(x) for x in row) for row in cells)
    return f"{inline(candidate)} or {typed}"


def expression_example(answer: Any, variables: tuple[str, ...]) -> str:
    name = variables[0] if variables else "x"
    shown = _bare(inline(answer)) if answer is not None and is_symbolic(answer) else ""
    for form in _EXPRESSION:
        text = form.format(x=name)
        if text != shown:
            return text
    return _EXPRESSION[0].format(x=name)


def symbolic_vector_example(answer: Any, variables: tuple[str, ...]) -> str:
    names = (*variables, "x", "y") if len(variables) < 2 else variables
    x, y = names[0], names[1]
    shown = inline(answer) if isinstance(answer, Vec) else ""
    for form in _SYMBOLIC_VECTOR:
        text = form.format(x=x, y=y)
        if text != shown:
            return text
    return _SYMBOLIC_VECTOR[0].format(x=x, y=y)

"""A typical mistake may have another shape than the answer, and still gets its feedback."""

from __future__ import annotations

import pytest

from quizmath.core.answers import Mistake, check


@pytest.mark.parametrize(
    ("kind", "expected", "typed", "mistake", "matches"),
    [
        # The element-wise product typed for a dot product.
        ("integer", "5", "[1, 4]", "[1, 4]", True),
        ("integer", "5", "[1, 3]", "[1, 4]", False),
        # A scalar typed where a matrix is asked (the determinant instead of the inverse).
        ("matrix", "[[1, 2], [3, 4]]", "−2", "-2", True),
        ("vector", "[1, 2]", "{2, 1}", "{1, 2}", True),
        # The answer's own shape still works.
        ("integer", "5", "6", "6", True),
    ],
)
def test_mistake_of_another_shape(
    kind: str, expected: str, typed: str, mistake: str, matches: bool
) -> None:
    v = check(kind, expected, typed, mistakes=[Mistake(mistake, "that is the mistake")])
    assert v.verdict == "reject"
    assert (v.mistake == "that is the mistake") is matches

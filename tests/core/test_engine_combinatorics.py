"""combinatorics: exact integer functions against math, and the size limits."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizmath.core.engine import combinatorics as C
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Vec


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 300), st.integers(-3, 310))
def test_comb_perm_match_math(n: int, k: int) -> None:
    want = math.comb(n, k) if 0 <= k <= n else 0
    assert C.comb(n, k) == want and C.binomial(n, k) == want
    assert C.perm(n, k) == (math.perm(n, k) if 0 <= k <= n else 0)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 500))
def test_factorial_matches_math(n: int) -> None:
    assert C.factorial(n) == math.factorial(n)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=6))
def test_gcd_lcm_match_math(xs: list[int]) -> None:
    assert C.gcd(*xs) == math.gcd(*xs)
    assert C.gcd(Vec(xs)) == math.gcd(*xs)
    assert C.lcm(*xs) == math.lcm(*xs)


def test_huge_inputs_are_refused_at_once() -> None:
    # Refused by the size check before any work (a timing assertion here flaked under load).
    with pytest.raises(LimitError):
        C.factorial(10**10)
    with pytest.raises(LimitError):
        C.comb(10**6, 5 * 10**5)
    with pytest.raises(LimitError):
        C.comb(10**9, 3)
    with pytest.raises(LimitError):
        C.perm(10**5, 10**4)


def test_errors() -> None:
    with pytest.raises(ExprEvalError, match="n ≥ 0"):
        C.factorial(-1)
    with pytest.raises(ExprEvalError, match="integer"):
        C.comb(5, 1.5)
    assert C.comb(10**6, 3) == math.comb(10**6, 3)

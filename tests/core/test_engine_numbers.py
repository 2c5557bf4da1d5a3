"""numbers: exact scalar functions checked against sympy, math, decimal and statistics."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction as F

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from quizmath.core.engine import numbers as N
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Vec

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=60)
positive = st.fractions(min_value=F(1, 60), max_value=1000, max_denominator=60)


def S(x: object) -> sp.Basic:  # type: ignore[return]
    if isinstance(x, F):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, int):
        return sp.Integer(x)
    return x  # already a sympy object


def same(a: object, b: object) -> bool:
    return sp.simplify(S(a) - S(b)) == 0


def exact_type(x: object) -> bool:
    return type(x) in (int, F)


# ---------------------------------------------------------------------------- roots, logs


@settings(max_examples=80, deadline=None)
@given(positive)
def test_sqrt_matches_sympy_and_is_rational_when_it_can_be(q: F) -> None:
    got = N.sqrt(q)
    assert same(got, sp.sqrt(S(q)))
    squared = N.sqrt(q * q)
    assert squared == q and exact_type(squared)


def test_sqrt_examples_and_errors() -> None:
    assert N.sqrt(F(9, 4)) == F(3, 2)
    assert N.sqrt(8) == 2 * sp.sqrt(2)
    assert N.sqrt(2.25) == 1.5
    assert N.sqrt(Vec([4, 8])) == Vec([2, 2 * sp.sqrt(2)])
    with pytest.raises(ExprEvalError, match="negative"):
        N.sqrt(-1)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(-12, 12))
def test_log_of_an_exact_power_is_exact(base: int, k: int) -> None:
    x = F(base) ** k
    got = N.log(x, base)
    assert got == k and type(got) is int
    assert N.exp(N.ln(x)) == x


@settings(max_examples=60, deadline=None)
@given(positive, st.sampled_from([2, 10, sp.E, "e", F(1, 2)]))
def test_log_matches_math(x: F, base: object) -> None:
    got = N.log(x, base)
    b = math.e if base in ("e", sp.E) else float(base)  # type: ignore[arg-type]
    assert float(got) == pytest.approx(math.log(x) / math.log(b), rel=1e-12, abs=1e-12)


def test_log_examples() -> None:
    assert N.log2(F(1, 8)) == -3
    assert N.log10(1000) == 3
    assert N.ln(1) == 0 and type(N.ln(1)) is int
    assert N.log(3, 2) == sp.log(3) / sp.log(2)
    assert N.log(F(1, 3), F(1, 9)) == F(1, 2)
    assert N.ln(8) == 3 * sp.log(2)
    assert N.exp(0) == 1 and N.exp(sp.log(3)) == 3
    with pytest.raises(ExprEvalError, match="non-positive"):
        N.log(0)
    with pytest.raises(ExprEvalError, match="base"):
        N.log(2, 1)


# -------------------------------------------------------------------------------- rounding


def _decimal_round(q: F, n: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 80
        d = Decimal(q.numerator) / Decimal(q.denominator)
        return d.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(fractions, st.integers(0, 4))
def test_round_half_away_from_zero_matches_decimal(q: F, n: int) -> None:
    got = N.round_(q, n)
    assert exact_type(got)
    assert F(got) == F(_decimal_round(q, n))
    if n == 0:
        assert type(got) is int


def test_round_examples() -> None:
    assert N.round_(F(5, 2)) == 3 and N.round_(F(-5, 2)) == -3
    assert N.round_(2.675, 2) == 2.68  # the decimal a person typed, not the binary float
    assert N.round_(sp.sqrt(2), 3) == F(1414, 1000)
    assert N.round_(1234, -2) == 1200
    assert N.round_(Vec([F(1, 3), F(2, 3)]), 2) == Vec([F(33, 100), F(67, 100)])


@settings(max_examples=80, deadline=None)
@given(fractions)
def test_floor_ceil_sign(q: F) -> None:
    assert N.floor(q) == math.floor(q) and N.ceil(q) == math.ceil(q)
    assert N.sign_(q) == (q > 0) - (q < 0)
    assert N.abs_(q) == abs(q)


def test_floor_of_radicals_uses_exact_comparison() -> None:
    assert N.floor(sp.sqrt(10)) == 3 and N.ceil(sp.sqrt(10)) == 4
    assert N.floor(-sp.pi) == -4
    assert N.sign_(sp.sqrt(2) - F(141, 100)) == 1 and N.sign_(sp.pi - F(22, 7)) == -1
    close = sp.sqrt(2) - F(14142135623731, 10**13)  # needs more than double precision
    assert N.sign_(close) == (1 if sp.N(close, 50) > 0 else -1)
    assert N.sign_(Vec([-2, 0, sp.E])) == Vec([-1, 0, 1])


# ------------------------------------------------------------------------- sums, extremes


@settings(max_examples=60, deadline=None)
@given(st.lists(fractions, min_size=1, max_size=8))
def test_sum_prod_min_max_match_python(xs: list[F]) -> None:
    v = Vec(xs)
    assert N.sum_(v) == sum(xs) and exact_type(N.sum_(v))
    assert N.prod(v) == math.prod(xs)
    assert N.min_(v) == min(xs) and N.max_(*xs) == max(xs)


def test_extremes_compare_radicals_exactly() -> None:
    assert N.max_(F(141, 100), sp.sqrt(2)) == sp.sqrt(2)
    assert N.min_(Vec([3, sp.pi])) == 3
    assert N.sum_((Vec([1, 2]), Vec([3, 4]))) == Vec([4, 6])


# ----------------------------------------------------------------------------- trigonometry


@pytest.mark.parametrize("k", range(-12, 25))
def test_trig_at_multiples_of_15_degrees(k: int) -> None:
    x = sp.pi * k / 12
    assert float(N.sin(x)) == pytest.approx(math.sin(math.pi * k / 12), abs=1e-12)
    assert float(N.cos(x)) == pytest.approx(math.cos(math.pi * k / 12), abs=1e-12)
    assert N.deg(x) == 15 * k
    assert same(N.rad(15 * k), x)


def test_trig_exact_values() -> None:
    assert N.sin(sp.pi / 6) == F(1, 2)
    assert N.cos(sp.pi / 4) == sp.sqrt(2) / 2
    assert N.tan(sp.pi / 3) == sp.sqrt(3)
    assert N.acos(F(-1, 2)) == 2 * sp.pi / 3
    assert N.deg(N.acos(F(1, 2))) == 60
    assert N.atan(1) == sp.pi / 4
    assert N.sin(0) == 0 and N.cos(0) == 1
    assert N.sin(0.5) == math.sin(0.5)
    with pytest.raises(ExprEvalError, match="between -1 and 1"):
        N.asin(2)


# ----------------------------------------------------------------------- kinds of numbers


def test_float_exact_numerator_denominator_is_integer() -> None:
    assert N.float_(F(1, 4)) == 0.25 and N.float_(sp.sqrt(2)) == math.sqrt(2)
    assert N.float_(Mat([[1, F(1, 2)]])) == Mat([[1.0, 0.5]])
    assert N.exact(0.1) == F(1, 10)
    assert N.exact(math.pi, 1000) == F(355, 113)
    assert N.numerator(F(6, 4)) == 3 and N.denominator(F(6, 4)) == 2
    assert N.is_integer(sp.sqrt(9)) and N.is_integer(4.0) and not N.is_integer(F(1, 2))
    with pytest.raises(ExprEvalError):
        N.numerator(sp.sqrt(2))
    with pytest.raises(ExprEvalError, match="variables"):
        N.float_(sp.Symbol("x"))


def test_symbolic_input_builds_expressions() -> None:
    x = sp.Symbol("x")
    assert N.sin(x) == sp.sin(x)
    assert N.exp(2 * x) == sp.exp(2 * x)
    assert N.sqrt(x) == sp.sqrt(x)
    assert N.abs_(x) == sp.Abs(x)
    assert N.log(x) == sp.log(x)


def test_random_rationals_logs_agree_with_sympy() -> None:
    rng = random.Random(7)
    for _ in range(40):
        q = F(rng.randint(1, 500), rng.randint(1, 500))
        assert same(N.ln(q), sp.log(S(q)))


def test_float_of_exact_constants_matches_high_precision_evalf() -> None:
    rng = random.Random(9)
    atoms = [sp.sqrt(2), sp.sqrt(3), sp.pi, sp.E, sp.log(3), sp.log(2), sp.exp(-sp.Rational(1, 2))]
    for _ in range(300):
        e = sp.Rational(rng.randint(-9, 9), rng.randint(1, 9))
        for _ in range(rng.randint(1, 4)):
            a = rng.choice(atoms)
            op = rng.randrange(4)
            e = e + a if op == 0 else e * a if op == 1 else e - a if op == 2 else e / a
        if e == 0:
            continue
        want = float(sp.N(e, 50))
        assert N.float_(e) == pytest.approx(want, rel=1e-14, abs=1e-300)
    # cancellation falls back to sympy's arbitrary precision
    near = sp.sqrt(2) - sp.Rational(14142135623731, 10**13)
    assert N.float_(near) == pytest.approx(float(sp.N(near, 50)), rel=1e-12)

"""activations: exact sigmoid/tanh/softmax checked against scipy.special and math."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import scipy.special as ss
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from quizmath.core.engine import activations as A
from quizmath.core.values import Vec


@pytest.mark.parametrize("k", [1, 2, 3, 4, 7, F(1, 3), F(5, 2)])
def test_sigmoid_of_log_k_is_k_over_k_plus_1(k: object) -> None:
    got = A.sigmoid(sp.log(sp.Rational(k.numerator, k.denominator) if isinstance(k, F) else k))
    assert got == F(k) / (F(k) + 1) and type(got) in (int, F)


@pytest.mark.parametrize("k", [2, 3, 5])
def test_tanh_of_log_k_is_exact(k: int) -> None:
    assert A.tanh(sp.log(k)) == F(k * k - 1, k * k + 1)


@settings(max_examples=60, deadline=None)
@given(st.floats(-40, 40))
def test_float_activations_match_scipy(z: float) -> None:
    assert A.sigmoid(z) == pytest.approx(ss.expit(z), rel=1e-12, abs=1e-300)
    assert A.tanh(z) == pytest.approx(math.tanh(z), rel=1e-12, abs=1e-300)
    assert A.softplus(z) == pytest.approx(float(np.logaddexp(0.0, z)), rel=1e-12, abs=1e-300)
    assert A.relu(z) == max(z, 0.0)
    assert A.leaky_relu(z, 0.1) == (z if z >= 0 else 0.1 * z)


@settings(max_examples=40, deadline=None)
@given(st.fractions(-6, 6, max_denominator=8))
def test_exact_activations_agree_numerically(z: F) -> None:
    zf = float(z)
    assert float(A.sigmoid(z)) == pytest.approx(ss.expit(zf), rel=1e-12)
    assert float(A.tanh(z)) == pytest.approx(math.tanh(zf), rel=1e-12, abs=1e-15)
    assert float(A.softplus(z)) == pytest.approx(float(np.logaddexp(0.0, zf)), rel=1e-12)
    assert A.relu(z) == max(z, 0)


def test_symbolic_activations() -> None:
    x = sp.Symbol("x")
    assert A.sigmoid(x) == 1 / (1 + sp.exp(-x))
    assert A.relu(x) == sp.Max(0, x)
    assert A.sigmoid(0) == F(1, 2) and A.tanh(0) == 0


def test_softmax_random_logits_match_scipy() -> None:
    rng = random.Random(3)
    for _ in range(30):
        z = [rng.randint(-3, 3) for _ in range(rng.randint(2, 5))]
        got = A.softmax(Vec(z))
        want = ss.softmax(np.array(z, dtype=float))
        assert [float(x) for x in got] == pytest.approx(list(want), rel=1e-12)
        assert float(A.logsumexp(Vec(z))) == pytest.approx(ss.logsumexp(z), rel=1e-12)


def test_softmax_of_log_weights_is_exact_and_shift_invariant() -> None:
    rng = random.Random(4)
    for _ in range(20):
        w = [rng.randint(1, 6) for _ in range(3)]
        c = rng.randint(-3, 3)
        got = A.softmax(Vec([sp.log(x) + c for x in w]))
        assert got == Vec([F(x, sum(w)) for x in w])
        assert all(type(x) in (int, F) for x in got)
    assert A.softmax(Vec([5, 5, 5, 5])) == Vec([F(1, 4)] * 4)
    assert list(A.softmax(Vec([0.0, math.log(3)]))) == pytest.approx([0.25, 0.75])


def test_softplus_exact() -> None:
    assert A.softplus(sp.log(3)) == 2 * sp.log(2)
    assert A.softplus(0) == sp.log(2)

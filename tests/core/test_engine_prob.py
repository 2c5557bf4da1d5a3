"""prob: exact pmfs/pdfs checked against scipy.stats; moments and Bayes against numpy."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest
import scipy.stats as st
import sympy as sp

from quizmath.core.engine import prob as P
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, Vec

RNG = random.Random(31)
PROBS = [F(1, 2), F(1, 3), F(1, 4), F(1, 5), F(1, 10), F(2, 3), F(3, 4), F(0), F(1)]


def fl(x: object) -> float:
    return float(sp.N(x, 30)) if isinstance(x, sp.Basic) else float(x)  # type: ignore[arg-type]


def test_binomial_matches_scipy() -> None:
    for _ in range(120):
        n, p = RNG.randint(0, 15), RNG.choice(PROBS)
        k = RNG.randint(-1, n + 1)
        got = P.binom_pmf(k, n, p)
        assert type(got) in (int, F)
        assert float(got) == pytest.approx(st.binom.pmf(k, n, float(p)), rel=1e-12, abs=1e-15)
        assert float(P.binom_cdf(k, n, p)) == pytest.approx(
            st.binom.cdf(k, n, float(p)), rel=1e-12, abs=1e-15
        )
    assert P.binom_pmf(3, 10, F(1, 2)) == F(15, 128)
    assert P.binom_pmf(3, 10, 0.5) == pytest.approx(st.binom.pmf(3, 10, 0.5))


def test_geometric_bernoulli_poisson_match_scipy() -> None:
    for _ in range(60):
        p = RNG.choice([F(1, 2), F(1, 3), F(1, 6), F(2, 5)])
        k = RNG.randint(0, 8)
        assert float(P.geom_pmf(k, p)) == pytest.approx(st.geom.pmf(k, float(p)), abs=1e-15)
        assert float(P.geom_cdf(k, p)) == pytest.approx(st.geom.cdf(k, float(p)), abs=1e-15)
        b = RNG.randint(0, 1)
        assert P.bernoulli_pmf(b, p) == pytest.approx(st.bernoulli.pmf(b, float(p)))
        lam = RNG.randint(1, 6)
        got = P.poisson_pmf(k, lam)
        assert isinstance(got, sp.Basic)  # λᵏe^(−λ)/k! is irrational
        assert fl(got) == pytest.approx(st.poisson.pmf(k, lam), rel=1e-12)
        assert fl(P.poisson_cdf(k, lam)) == pytest.approx(st.poisson.cdf(k, lam), rel=1e-12)
        assert P.poisson_pmf(k, float(lam)) == pytest.approx(st.poisson.pmf(k, lam), rel=1e-12)
    assert P.poisson_pmf(2, 3) == 9 * sp.exp(-3) / 2
    assert P.geom_pmf(3, F(1, 4)) == F(9, 64)


def test_normal_pdf_is_exact_at_mu_plus_k_sigma() -> None:
    for mu in range(-5, 6, 2):
        for sigma in (F(1, 2), 1, 2, 3):
            for k in (-2, -1, 0, 1, 2):
                x = mu + k * sigma
                got = P.normal_pdf(x, mu, sigma)
                want = sp.exp(-sp.Rational(k * k, 2)) / (
                    sp.Rational(F(sigma).numerator, F(sigma).denominator) * sp.sqrt(2 * sp.pi)
                )
                assert sp.simplify(got - want) == 0
                assert fl(got) == pytest.approx(st.norm.pdf(float(x), mu, float(sigma)), rel=1e-12)
    assert P.normal_pdf(1.3, 0.2, 1.7) == pytest.approx(st.norm.pdf(1.3, 0.2, 1.7))


def test_normal_cdf_and_ppf_match_scipy() -> None:
    for _ in range(40):
        xv, mu, sd = RNG.uniform(-6, 6), RNG.uniform(-2, 2), RNG.uniform(0.3, 3)
        assert P.normal_cdf(xv, mu, sd) == pytest.approx(st.norm.cdf(xv, mu, sd), rel=1e-12)
        q = RNG.uniform(0.001, 0.999)
        assert P.normal_ppf(q, mu, sd) == pytest.approx(st.norm.ppf(q, mu, sd), rel=1e-9)
    assert P.normal_cdf(-10) == pytest.approx(st.norm.cdf(-10), rel=1e-9)  # the lower tail
    assert P.normal_ppf(0.975) == pytest.approx(1.959964, abs=1e-6)


def test_uniform_and_exponential_match_scipy() -> None:
    for _ in range(40):
        a, b = sorted(RNG.sample(range(-5, 6), 2))
        xv = F(RNG.randint(-12, 12), 2)
        assert P.uniform_pdf(xv, a, b) == pytest.approx(st.uniform.pdf(float(xv), a, b - a))
        assert P.uniform_cdf(xv, a, b) == pytest.approx(st.uniform.cdf(float(xv), a, b - a))
        lam = RNG.choice([F(1, 2), 1, 2, 3])
        scale = 1 / float(lam)
        assert fl(P.exp_pdf(xv, lam)) == pytest.approx(st.expon.pdf(float(xv), scale=scale))
        assert fl(P.exp_cdf(xv, lam)) == pytest.approx(st.expon.cdf(float(xv), scale=scale))
    assert P.uniform_pdf(F(1, 4), 0, F(1, 2)) == 2  # a density above 1
    assert P.exp_pdf(1, 2) == 2 * sp.exp(-2)


def test_moments_match_numpy() -> None:
    for _ in range(30):
        n = RNG.randint(1, 6)
        xs = [RNG.randint(-2, 5) for _ in range(n)]
        w = [RNG.randint(1, 9) for _ in range(n)]
        ps = [F(v, sum(w)) for v in w]
        mean = np.dot(xs, [float(p) for p in ps])
        var = np.dot([(v - mean) ** 2 for v in xs], [float(p) for p in ps])
        assert float(P.expectation(Vec(xs), Vec(ps))) == pytest.approx(mean)
        assert float(P.variance(Vec(xs), Vec(ps))) == pytest.approx(var, abs=1e-12)
        assert type(P.variance(Vec(xs), Vec(ps))) in (int, F)
    with pytest.raises(ExprEvalError, match="add up to 3/4, not 1"):
        P.expectation(Vec([1, 2]), Vec([F(1, 2), F(1, 4)]))
    with pytest.raises(ExprEvalError, match="0 and 1"):
        P.expectation(Vec([1, 2]), Vec([F(3, 2), F(-1, 2)]))


def test_bayes_and_total_probability() -> None:
    for prev in (F(1, 1000), F(1, 100), F(1, 50), F(1, 10)):
        for sens in (F(9, 10), F(95, 100), F(99, 100)):
            for fpr in (F(1, 100), F(5, 100), F(1, 10)):
                got = P.bayes(prev, sens, fpr)
                p, s, f = float(prev), float(sens), float(fpr)
                assert float(got) == pytest.approx(s * p / (s * p + f * (1 - p)))
                post = P.posterior(Vec([prev, 1 - prev]), Vec([sens, fpr]))
                assert post[0] == got
                assert P.total_probability(Vec([prev, 1 - prev]), Vec([sens, fpr])) == (
                    sens * prev + fpr * (1 - prev)
                )
    assert P.bayes(F(1, 100), F(9, 10), F(1, 10)) == F(1, 12)


def test_tables() -> None:
    assert P.normalize(Vec([1, 3])) == Vec([F(1, 4), F(3, 4)])
    assert P.normalize(Mat([[1, 1], [1, 1]])) == Mat([[F(1, 4)] * 2] * 2)
    for _ in range(20):
        a = [RNG.randint(1, 5) for _ in range(2)]
        b = [RNG.randint(1, 5) for _ in range(3)]
        joint = Mat([[u * v for v in b] for u in a])
        assert P.is_independent(joint)
        bumped = Mat([[joint.rows[0][0] + 1, *joint.rows[0][1:]], list(joint.rows[1])])
        assert not P.is_independent(bumped)


def test_limits_and_errors() -> None:
    with pytest.raises(LimitError):
        P.binom_pmf(5, 10**6, F(1, 2))
    with pytest.raises(ExprEvalError, match="positive"):
        P.normal_pdf(0, 0, 0)
    with pytest.raises(ExprEvalError, match="between 0 and 1"):
        P.binom_pmf(1, 3, F(3, 2))
    with pytest.raises(ExprEvalError, match="a < b"):
        P.uniform_pdf(0, 2, 1)

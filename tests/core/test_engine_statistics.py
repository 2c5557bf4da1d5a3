"""stats: exact descriptive statistics vs statistics/numpy; tests vs scipy.stats."""

from __future__ import annotations

import random
import statistics
from fractions import Fraction as F

import numpy as np
import pytest
import scipy.stats as st
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as hs

from quizmath.core.engine import statistics as S
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, ValueSet, Vec

RNG = random.Random(41)
data = hs.lists(hs.integers(-20, 20), min_size=2, max_size=9)


def fl(x: object) -> float:
    return float(sp.N(x, 30)) if isinstance(x, sp.Basic) else float(x)  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(data)
def test_descriptive_statistics_match_the_statistics_module_exactly(xs: list[int]) -> None:
    v = Vec(xs)
    fs = [F(x) for x in xs]
    assert S.mean(v) == statistics.mean(fs)
    assert S.median(v) == statistics.median(fs)
    assert S.var(v) == statistics.pvariance(fs)
    assert S.svar(v) == S.var(v, sample=True) == statistics.variance(fs)
    assert S.modes(v) == ValueSet(statistics.multimode(xs))
    assert S.mode(v) == min(statistics.multimode(xs))
    assert fl(S.std(v)) == pytest.approx(statistics.pstdev(xs), abs=1e-12)
    assert fl(S.sstd(v)) == pytest.approx(statistics.stdev(xs), abs=1e-12)
    assert S.std(v) ** 2 == S.var(v) or sp.simplify(S.std(v) ** 2 - S.var(v)) == 0
    for x in (S.mean(v), S.median(v), S.var(v)):
        assert type(x) in (int, F)


@settings(max_examples=80, deadline=None)
@given(data, hs.integers(0, 100))
def test_percentile_and_iqr_match_numpy(xs: list[int], q: int) -> None:
    assert float(S.percentile(Vec(xs), q)) == pytest.approx(np.percentile(xs, q))
    assert float(S.iqr(Vec(xs))) == pytest.approx(st.iqr(xs))
    assert type(S.percentile(Vec(xs), q)) in (int, F)


@settings(max_examples=60, deadline=None)
@given(data)
def test_standardization_and_sem_match_scipy(xs: list[int]) -> None:
    if len(set(xs)) == 1:
        with pytest.raises(ExprEvalError, match="equal"):
            S.zscores(Vec(xs))
        return
    assert [fl(z) for z in S.zscores(Vec(xs))] == pytest.approx(list(st.zscore(xs)), abs=1e-12)
    assert [fl(z) for z in S.zscores(Vec(xs), sample=True)] == pytest.approx(
        list(st.zscore(xs, ddof=1)), abs=1e-12
    )
    assert fl(S.sem(Vec(xs))) == pytest.approx(st.sem(xs))
    assert S.zscore(Vec([1, 3]), 1, 2) == Vec([0, 1])


def test_covariance_and_correlation_match_numpy() -> None:
    for _ in range(40):
        n = RNG.randint(2, 7)
        xs = [RNG.randint(-9, 9) for _ in range(n)]
        ys = [RNG.randint(-9, 9) for _ in range(n)]
        assert float(S.cov(Vec(xs), Vec(ys))) == pytest.approx(np.cov(xs, ys, bias=True)[0, 1])
        assert float(S.cov(Vec(xs), Vec(ys), sample=True)) == pytest.approx(np.cov(xs, ys)[0, 1])
        if len(set(xs)) > 1 and len(set(ys)) > 1:
            assert fl(S.corr(Vec(xs), Vec(ys))) == pytest.approx(np.corrcoef(xs, ys)[0, 1])
        x = Mat([[RNG.randint(-5, 5) for _ in range(3)] for _ in range(n)])
        arr = np.array(x.rows, dtype=float)
        got = np.array(S.cov_matrix(x).rows, dtype=float)
        assert np.allclose(got, np.cov(arr, rowvar=False, bias=True))
        got = np.array(S.cov_matrix(x, sample=True).rows, dtype=float)
        assert np.allclose(got, np.cov(arr, rowvar=False))
    # y = ax + b exactly: r = ±1, a Fraction not a radical
    assert S.corr(Vec([1, 2, 3]), Vec([5, 3, 1])) == -1
    assert S.corr(Vec([1, 2, 3]), Vec([2, 4, 7])) == 5 * sp.sqrt(57) / 38
    with pytest.raises(ExprEvalError, match="constant"):
        S.corr(Vec([1, 1, 1]), Vec([1, 2, 3]))


def test_t_statistic_and_p_value_match_scipy_ttest_1samp() -> None:
    for _ in range(60):
        n = RNG.randint(2, 9)
        xs = [RNG.randint(0, 20) for _ in range(n)]
        mu0 = RNG.randint(0, 20)
        if len(set(xs)) == 1:
            continue
        res = st.ttest_1samp(xs, mu0)
        assert fl(S.t_stat(Vec(xs), mu0)) == pytest.approx(res.statistic, rel=1e-12, abs=1e-12)
        assert S.ttest_p(Vec(xs), mu0) == pytest.approx(res.pvalue, rel=1e-9)
    # integer mean and nice s: an exact t
    assert S.t_stat(Vec([5, 7, 9, 11]), 6) == 2 * sp.sqrt(15) / 5
    assert S.t_stat(Vec([1, 3, 5, 7]), 3) == sp.sqrt(15) / 5
    assert S.t_stat(Vec([1, 2, 3, 4, 5]), 2) == sp.sqrt(2)  # s = √(5/2)


def test_critical_values_and_z() -> None:
    for df in (1, 2, 5, 10, 30):
        for alpha in (0.01, 0.05, 0.1):
            assert S.t_crit(alpha, df) == pytest.approx(st.t.ppf(1 - alpha / 2, df), rel=1e-9)
    assert S.z_stat(105, 100, 15, 25) == F(5, 3)


def test_exact_binomial_test_matches_scipy() -> None:
    for _ in range(60):
        n = RNG.randint(1, 12)
        k = RNG.randint(0, n)
        p = RNG.choice([F(1, 2), F(1, 3), F(1, 4), F(3, 5)])
        got = S.binom_test(k, n, p)
        assert type(got) in (int, F)
        assert float(got) == pytest.approx(st.binomtest(k, n, float(p)).pvalue, rel=1e-9)
    assert S.binom_test(9, 12) == F(299, 2048)
    with pytest.raises(LimitError):
        S.binom_test(5, 10**5)


def test_errors() -> None:
    with pytest.raises(ExprEvalError, match="at least 2"):
        S.svar(Vec([1]))
    with pytest.raises(ExprEvalError, match="lengths 2 and 3"):
        S.cov(Vec([1, 2]), Vec([1, 2, 3]))
    with pytest.raises(ExprEvalError, match="between 0 and 100"):
        S.percentile(Vec([1, 2]), 101)

"""Descriptive and inferential statistics, exact for exact data.

Conventions, stated once: ``var``/``std``/``cov`` divide by n (population) and ``svar``/``sstd``
or ``sample=true`` by n − 1; percentiles interpolate linearly like numpy's default; a data
matrix has one observation per row. p-values are floats (they need the t distribution).
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

from quizmath.core.engine._common import (
    exact_sum,
    integer,
    is_float,
    is_rational,
    matrix,
    number,
    same_length,
    scalars,
    sign,
    sqrt_value,
    to_float,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    ValueSet,
    Vec,
    canon,
    compare,
    div,
    mul,
    sub,
)


def _data(x: Value, fn: str, at_least: int = 1) -> list[Scalar]:
    xs = [number(v, fn, "each data value") for v in scalars(x, fn, "the data")]
    if len(xs) < at_least:
        raise ExprEvalError(f"{fn}: needs at least {at_least} values, got {len(xs)}")
    return xs


def _sorted(xs: list[Scalar]) -> list[Scalar]:
    if all(type(x) in (int, Fraction, float) for x in xs):
        return sorted(xs)
    return sorted(xs, key=lambda v: to_float(v))


def _mean(xs: list[Scalar]) -> Scalar:
    if all(is_rational(x) for x in xs):
        return canon(Fraction(sum(xs), len(xs)))
    return div(exact_sum(xs), len(xs))


def ss(xs: list[Scalar], ys: list[Scalar]) -> Scalar:
    """Σ (xᵢ − x̄)(yᵢ − ȳ), exact (plain fractions when the data are rational)."""
    if all(is_rational(v) for v in xs) and all(is_rational(v) for v in ys):
        mx, my = Fraction(sum(xs), len(xs)), Fraction(sum(ys), len(ys))
        return canon(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)))
    mx, my = _mean(xs), _mean(ys)
    return exact_sum(mul(sub(x, mx), sub(y, my)) for x, y in zip(xs, ys, strict=True))


_ss = ss


def _ddof(sample: object, fn: str) -> int:
    if not isinstance(sample, bool):
        raise ExprEvalError(f"{fn}: sample must be true or false")
    return 1 if sample else 0


# -------------------------------------------------------------------------------- centre


@builtin("mean(data)", "statistics")
def mean(data: Value) -> Scalar:
    """The arithmetic mean, exact."""
    return _mean(_data(data, "mean"))


@builtin("median(data)", "statistics")
def median(data: Value) -> Scalar:
    """The median: the middle value, or the mean of the two middle values."""
    xs = _sorted(_data(data, "median"))
    n = len(xs)
    if n % 2:
        return xs[n // 2]
    return div(exact_sum([xs[n // 2 - 1], xs[n // 2]]), 2)


@builtin("mode(data)", "statistics")
def mode(data: Value) -> Scalar:
    """The most frequent value (the smallest of them if several tie)."""
    return _sorted(list(modes(data)))[0]


@builtin("modes(data)", "statistics")
def modes(data: Value) -> ValueSet:
    """The set of most frequent values."""
    counts = Counter(_data(data, "modes"))
    top = max(counts.values())
    return ValueSet(v for v, c in counts.items() if c == top)


# -------------------------------------------------------------------------------- spread


def _var(xs: list[Scalar], ddof: int, fn: str) -> Scalar:
    if len(xs) - ddof < 1:
        raise ExprEvalError(f"{fn}: needs at least {ddof + 1} values")
    return div(_ss(xs, xs), len(xs) - ddof)


@builtin("var(data, sample=false)", "statistics")
def var(data: Value, sample: bool = False) -> Scalar:
    """Variance, dividing by n (population), or by n − 1 with sample=true; exact."""
    return _var(_data(data, "var"), _ddof(sample, "var"), "var")


@builtin("svar(data)", "statistics")
def svar(data: Value) -> Scalar:
    """Sample variance Σ(xᵢ − x̄)²/(n − 1), exact."""
    return _var(_data(data, "svar"), 1, "svar")


@builtin("std(data, sample=false)", "statistics")
def std(data: Value, sample: bool = False) -> Scalar:
    """Standard deviation (population: divide by n; sample=true: n − 1), exact radical."""
    return sqrt_value(_var(_data(data, "std"), _ddof(sample, "std"), "std"), "std")


@builtin("sstd(data)", "statistics")
def sstd(data: Value) -> Scalar:
    """Sample standard deviation √(Σ(xᵢ − x̄)²/(n − 1)), exact radical."""
    return sqrt_value(_var(_data(data, "sstd"), 1, "sstd"), "sstd")


@builtin("sem(data)", "statistics")
def sem(data: Value) -> Scalar:
    """Standard error of the mean s/√n (sample standard deviation), exact."""
    xs = _data(data, "sem", 2)
    return sqrt_value(div(_var(xs, 1, "sem"), len(xs)), "sem")


@builtin("percentile(data, q)", "statistics")
def percentile(data: Value, q: Value) -> Scalar:
    """The q-th percentile (0–100) with linear interpolation, like numpy's default; exact."""
    xs = _sorted(_data(data, "percentile"))
    qq = number(q, "percentile", "q")
    if sign(qq) < 0 or sign(sub(qq, 100)) > 0:
        raise ExprEvalError(f"percentile: q must be between 0 and 100, got {qq}")
    pos = div(mul(len(xs) - 1, qq), 100)
    lo = math.floor(pos) if not is_float(pos) else int(pos)
    frac = sub(pos, lo)
    if lo >= len(xs) - 1:
        return xs[-1]
    return exact_sum([xs[lo], mul(frac, sub(xs[lo + 1], xs[lo]))])


@builtin("iqr(data)", "statistics")
def iqr(data: Value) -> Scalar:
    """The interquartile range: 75th minus 25th percentile (linear interpolation)."""
    return sub(percentile(data, 75), percentile(data, 25))


@builtin("zscore(x, mu, sigma)", "statistics")
def zscore(x: Value, mu: Value, sigma: Value) -> Value:
    """The z-score (x − μ)/σ; entry by entry for a vector x."""
    m, s = number(mu, "zscore", "mu"), number(sigma, "zscore", "sigma")
    if sign(s) <= 0:
        raise ExprEvalError(f"zscore: sigma must be positive, got {s}")
    if isinstance(x, Vec):
        return Vec(div(sub(v, m), s) for v in x.items)
    return div(sub(number(x, "zscore", "x"), m), s)


@builtin("zscores(data, sample=false)", "statistics")
def zscores(data: Value, sample: bool = False) -> Vec:
    """The data standardized: (xᵢ − x̄)/s, with the population s unless sample=true."""
    xs = _data(data, "zscores", 2)
    s = sqrt_value(_var(xs, _ddof(sample, "zscores"), "zscores"))
    if sign(s) == 0:
        raise ExprEvalError("zscores: all values are equal (the standard deviation is 0)")
    m = _mean(xs)
    return Vec(div(sub(v, m), s) for v in xs)


# --------------------------------------------------------------------------- association


def _pair(x: Value, y: Value, fn: str) -> tuple[list[Scalar], list[Scalar]]:
    xs, ys = _data(x, fn, 2), _data(y, fn, 2)
    same_length(xs, ys, fn, "data")
    return xs, ys


@builtin("cov(x, y, sample=false)", "statistics")
def cov(x: Value, y: Value, sample: bool = False) -> Scalar:
    """Covariance Σ(xᵢ − x̄)(yᵢ − ȳ)/n (or /(n − 1) with sample=true), exact."""
    xs, ys = _pair(x, y, "cov")
    return div(_ss(xs, ys), len(xs) - _ddof(sample, "cov"))


@builtin("corr(x, y)", "statistics")
def corr(x: Value, y: Value) -> Scalar:
    """Pearson's correlation r = Sxy/√(Sxx·Syy), exact (rational when it is)."""
    xs, ys = _pair(x, y, "corr")
    sxx, syy = _ss(xs, xs), _ss(ys, ys)
    if sign(sxx) == 0 or sign(syy) == 0:
        raise ExprEvalError("corr: one variable is constant (its variance is 0)")
    return div(_ss(xs, ys), sqrt_value(mul(sxx, syy), "corr"))


@builtin("cov_matrix(X, sample=false)", "statistics")
def cov_matrix(x: Value, sample: bool = False) -> Mat:
    """The covariance matrix of a data matrix with one observation per row, exact."""
    m = matrix(x, "cov_matrix")
    n, d = m.shape
    ddof = _ddof(sample, "cov_matrix")
    if n - ddof < 1:
        raise ExprEvalError(f"cov_matrix: needs at least {ddof + 1} rows")
    cols = [list(c) for c in zip(*m.rows, strict=True)]
    return Mat([div(_ss(cols[i], cols[j]), n - ddof) for j in range(d)] for i in range(d))


# ------------------------------------------------------------------------------ inference


@builtin("t_stat(data, mu0)", "statistics")
def t_stat(data: Value, mu0: Value) -> Scalar:
    """One-sample t = (x̄ − μ₀)/(s/√n) with the sample standard deviation, exact."""
    xs = _data(data, "t_stat", 2)
    s2 = _var(xs, 1, "t_stat")
    if sign(s2) == 0:
        raise ExprEvalError("t_stat: all values are equal (s = 0)")
    diff = sub(_mean(xs), number(mu0, "t_stat", "mu0"))
    # √(n/s²) in one radical keeps the result as simple as possible.
    return mul(diff, sqrt_value(div(len(xs), s2), "t_stat"))


@builtin("ttest_p(data, mu0)", "statistics")
def ttest_p(data: Value, mu0: Value) -> float:
    """Two-sided p-value of the one-sample t-test (df = n − 1), as a float."""
    from scipy.special import stdtr  # much lighter to import than scipy.stats

    xs = _data(data, "ttest_p", 2)
    t = to_float(t_stat(xs, mu0), "ttest_p")
    return float(2 * stdtr(len(xs) - 1, -abs(t)))


@builtin("t_cdf(t, df)", "statistics")
def t_cdf(t: Value, df: Value) -> float:
    """Student's t distribution P(T ≤ t) with df degrees of freedom, as a float."""
    from scipy.special import stdtr

    x = to_float(number(t, "t_cdf", "t"), "t_cdf")
    k = integer(df, "t_cdf", "df")
    if k < 1:
        raise ExprEvalError("t_cdf: df must be at least 1")
    return float(stdtr(k, x))


@builtin("t_crit(alpha, df)", "statistics")
def t_crit(alpha: Value, df: Value) -> float:
    """The two-sided critical value t with P(|T| > t) = alpha for df degrees of freedom."""
    from scipy.special import stdtrit

    a = to_float(number(alpha, "t_crit", "alpha"), "t_crit")
    k = integer(df, "t_crit", "df")
    if not 0 < a < 1 or k < 1:
        raise ExprEvalError("t_crit: needs 0 < alpha < 1 and df ≥ 1")
    return float(stdtrit(k, 1 - a / 2))


@builtin("z_stat(xbar, mu0, sigma, n)", "statistics")
def z_stat(xbar: Value, mu0: Value, sigma: Value, n: Value) -> Scalar:
    """The z statistic (x̄ − μ₀)/(σ/√n), exact."""
    nn = integer(n, "z_stat", "n")
    s = number(sigma, "z_stat", "sigma")
    if nn < 1 or sign(s) <= 0:
        raise ExprEvalError("z_stat: needs n ≥ 1 and sigma > 0")
    diff = sub(number(xbar, "z_stat", "xbar"), number(mu0, "z_stat", "mu0"))
    return mul(div(diff, s), sqrt_value(nn))


@builtin("binom_test(k, n, p=1/2)", "statistics")
def binom_test(k: Value, n: Value, p: Value = Fraction(1, 2)) -> Scalar:
    """Exact two-sided binomial test: the total probability of outcomes no likelier than k."""
    from quizmath.core.engine.prob import binom_pmf

    kk, nn = integer(k, "binom_test", "k"), integer(n, "binom_test", "n")
    if not 0 <= kk <= nn:
        raise ExprEvalError(f"binom_test: needs 0 ≤ k ≤ n, got k = {kk}, n = {nn}")
    if nn > 1000:
        raise LimitError("binom_test: n must be at most 1000")
    pmfs = [binom_pmf(i, nn, p) for i in range(nn + 1)]
    observed = pmfs[kk]
    if is_float(observed):  # scipy's relative tolerance for ties in floats
        tied = [v for v in pmfs if v <= observed * (1 + 1e-7)]
        return min(1.0, math.fsum(tied))
    return exact_sum(v for v in pmfs if not compare(v, observed, ">"))

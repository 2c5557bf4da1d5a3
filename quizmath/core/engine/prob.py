"""Probability: pmfs, pdfs, cdfs and moments, exact where the answer is exact.

Discrete pmfs with rational parameters are fractions; the normal, Poisson and exponential
densities are exact sympy expressions (e^(−1/2)/(2√(2π))); cdfs built on erf are floats.
A float argument anywhere gives a float result.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from quizmath.core.engine._common import (
    exact_sum,
    integer,
    is_float,
    number,
    scalars,
    sign,
    sp,
    to_float,
    to_sympy_value,
)
from quizmath.core.engine.combinatorics import comb
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    canon,
    div,
    equal,
    mul,
    power,
    sub,
)

MAX_TRIALS = 10_000  # n in binomial sums


def _prob(p: Value, fn: str, what: str = "p") -> Scalar:
    x = number(p, fn, what)
    if sign(x, fn) < 0 or sign(sub(x, 1), fn) > 0:
        raise ExprEvalError(f"{fn}: {what} must be between 0 and 1, got {x}")
    return x


def _positive(x: Value, fn: str, what: str) -> Scalar:
    v = number(x, fn, what)
    if sign(v, fn) <= 0:
        raise ExprEvalError(f"{fn}: {what} must be positive, got {v}")
    return v


def _any_float(*xs: Value) -> bool:
    return any(is_float(x) for x in xs)


# -------------------------------------------------------------------------------- discrete


@builtin("binom_pmf(k, n, p)", "probability")
def binom_pmf(k: Value, n: Value, p: Value) -> Scalar:
    """Binomial P(X = k) = C(n, k)·pᵏ(1 − p)ⁿ⁻ᵏ, exact for rational p."""
    kk, nn = integer(k, "binom_pmf", "k"), integer(n, "binom_pmf", "n")
    q = _prob(p, "binom_pmf")
    if nn < 0 or nn > MAX_TRIALS:
        raise LimitError(f"binom_pmf: n must be between 0 and {MAX_TRIALS}")
    if not 0 <= kk <= nn:
        return 0.0 if is_float(q) else 0
    if is_float(q):
        return math.comb(nn, kk) * q**kk * (1 - q) ** (nn - kk)
    return mul(comb(nn, kk), mul(power(q, kk), power(sub(1, q), nn - kk)))


@builtin("binom_cdf(k, n, p)", "probability")
def binom_cdf(k: Value, n: Value, p: Value) -> Scalar:
    """Binomial P(X ≤ k), exact for rational p."""
    kk, nn = integer(k, "binom_cdf", "k"), integer(n, "binom_cdf", "n")
    if nn > 1000:
        raise LimitError("binom_cdf: n must be at most 1000")
    return exact_sum(binom_pmf(i, nn, p) for i in range(max(0, min(kk, nn) + 1))) if kk >= 0 else 0


@builtin("bernoulli_pmf(x, p)", "probability")
def bernoulli_pmf(x: Value, p: Value) -> Scalar:
    """Bernoulli P(X = x): p for x = 1, 1 − p for x = 0."""
    q = _prob(p, "bernoulli_pmf")
    v = integer(x, "bernoulli_pmf", "x")
    if v not in (0, 1):
        return 0
    return q if v == 1 else sub(1, q)


@builtin("geom_pmf(k, p)", "probability")
def geom_pmf(k: Value, p: Value) -> Scalar:
    """Geometric P(first success on trial k) = (1 − p)ᵏ⁻¹·p, for k = 1, 2, …"""
    kk = integer(k, "geom_pmf", "k")
    q = _prob(p, "geom_pmf")
    if kk < 1:
        return 0
    if kk > MAX_TRIALS:
        raise LimitError(f"geom_pmf: k must be at most {MAX_TRIALS}")
    return mul(power(sub(1, q), kk - 1), q)


@builtin("geom_cdf(k, p)", "probability")
def geom_cdf(k: Value, p: Value) -> Scalar:
    """Geometric P(first success within k trials) = 1 − (1 − p)ᵏ."""
    kk = integer(k, "geom_cdf", "k")
    q = _prob(p, "geom_cdf")
    if kk < 1:
        return 0
    if kk > MAX_TRIALS:
        raise LimitError(f"geom_cdf: k must be at most {MAX_TRIALS}")
    return sub(1, power(sub(1, q), kk))


@builtin("poisson_pmf(k, lam)", "probability")
def poisson_pmf(k: Value, lam: Value) -> Scalar:
    """Poisson P(X = k) = λᵏe^(−λ)/k!, exact (a multiple of e^(−λ))."""
    kk = integer(k, "poisson_pmf", "k")
    rate = _positive(lam, "poisson_pmf", "lam")
    if kk < 0:
        return 0
    if kk > 500:
        raise LimitError("poisson_pmf: k must be at most 500")
    if is_float(rate):
        return math.exp(kk * math.log(rate) - rate - math.lgamma(kk + 1))
    s = sp()
    lam_s = to_sympy_value(rate)
    return canon(lam_s**kk * s.exp(-lam_s) / math.factorial(kk))


@builtin("poisson_cdf(k, lam)", "probability")
def poisson_cdf(k: Value, lam: Value) -> Scalar:
    """Poisson P(X ≤ k), exact."""
    kk = integer(k, "poisson_cdf", "k")
    if kk > 500:
        raise LimitError("poisson_cdf: k must be at most 500")
    if kk < 0:
        return 0
    if is_float(lam):
        return math.fsum(poisson_pmf(i, lam) for i in range(kk + 1))
    s = sp()
    lam_s = to_sympy_value(_positive(lam, "poisson_cdf", "lam"))
    poly = s.Add(*(lam_s**i / math.factorial(i) for i in range(kk + 1)))
    return canon(poly * s.exp(-lam_s))


# ------------------------------------------------------------------------------ continuous


@builtin("normal_pdf(x, mu=0, sigma=1)", "probability")
def normal_pdf(x: Value, mu: Value = 0, sigma: Value = 1) -> Scalar:
    """Normal density e^(−z²/2)/(σ√(2π)) with z = (x − μ)/σ, exact."""
    xv, m = number(x, "normal_pdf", "x"), number(mu, "normal_pdf", "mu")
    sd = _positive(sigma, "normal_pdf", "sigma")
    if _any_float(xv, m, sd):
        z = (to_float(xv) - to_float(m)) / to_float(sd)
        return math.exp(-z * z / 2) / (to_float(sd) * math.sqrt(2 * math.pi))
    s = sp()
    z = div(sub(xv, m), sd)
    return canon(s.exp(-(to_sympy_value(z) ** 2) / 2) / (to_sympy_value(sd) * s.sqrt(2 * s.pi)))


@builtin("normal_cdf(x, mu=0, sigma=1)", "probability")
def normal_cdf(x: Value, mu: Value = 0, sigma: Value = 1) -> float:
    """Normal P(X ≤ x) = ½(1 + erf(z/√2)), as a float."""
    sd = to_float(_positive(sigma, "normal_cdf", "sigma"))
    z = (to_float(number(x, "normal_cdf")) - to_float(number(mu, "normal_cdf"))) / sd
    return 0.5 * math.erfc(-z / math.sqrt(2))  # erfc keeps precision in the lower tail


@builtin("normal_ppf(q, mu=0, sigma=1)", "probability")
def normal_ppf(q: Value, mu: Value = 0, sigma: Value = 1) -> float:
    """The normal quantile: x with P(X ≤ x) = q (normal_ppf(0.975) ≈ 1.96), as a float."""
    qq = to_float(_prob(q, "normal_ppf", "q"))
    if not 0 < qq < 1:
        raise ExprEvalError("normal_ppf: q must be strictly between 0 and 1")
    sd = to_float(_positive(sigma, "normal_ppf", "sigma"))
    return NormalDist(to_float(number(mu, "normal_ppf")), sd).inv_cdf(qq)


def _interval(a: Value, b: Value, fn: str) -> tuple[Scalar, Scalar]:
    lo, hi = number(a, fn, "a"), number(b, fn, "b")
    if sign(sub(hi, lo), fn) <= 0:
        raise ExprEvalError(f"{fn}: needs a < b, got a = {lo}, b = {hi}")
    return lo, hi


@builtin("uniform_pdf(x, a, b)", "probability")
def uniform_pdf(x: Value, a: Value, b: Value) -> Scalar:
    """Uniform density on [a, b]: 1/(b − a) inside, 0 outside."""
    lo, hi = _interval(a, b, "uniform_pdf")
    xv = number(x, "uniform_pdf", "x")
    if sign(sub(xv, lo)) < 0 or sign(sub(xv, hi)) > 0:
        return 0
    return div(1, sub(hi, lo))


@builtin("uniform_cdf(x, a, b)", "probability")
def uniform_cdf(x: Value, a: Value, b: Value) -> Scalar:
    """Uniform P(X ≤ x) on [a, b]: (x − a)/(b − a), clipped to [0, 1]."""
    lo, hi = _interval(a, b, "uniform_cdf")
    xv = number(x, "uniform_cdf", "x")
    if sign(sub(xv, lo)) <= 0:
        return 0
    if sign(sub(xv, hi)) >= 0:
        return 1
    return div(sub(xv, lo), sub(hi, lo))


@builtin("exp_pdf(x, lam)", "probability")
def exp_pdf(x: Value, lam: Value) -> Scalar:
    """Exponential density λe^(−λx) for x ≥ 0 (0 below), exact."""
    rate = _positive(lam, "exp_pdf", "lam")
    xv = number(x, "exp_pdf", "x")
    if sign(xv) < 0:
        return 0
    if _any_float(xv, rate):
        return to_float(rate) * math.exp(-to_float(rate) * to_float(xv))
    return mul(rate, canon(sp().exp(-to_sympy_value(mul(rate, xv)))))


@builtin("exp_cdf(x, lam)", "probability")
def exp_cdf(x: Value, lam: Value) -> Scalar:
    """Exponential P(X ≤ x) = 1 − e^(−λx) for x ≥ 0, exact."""
    rate = _positive(lam, "exp_cdf", "lam")
    xv = number(x, "exp_cdf", "x")
    if sign(xv) <= 0:
        return 0
    if _any_float(xv, rate):
        return -math.expm1(-to_float(rate) * to_float(xv))
    return canon(1 - sp().exp(-to_sympy_value(mul(rate, xv))))


# ---------------------------------------------------------------------------------- moments


def _distribution(values: Value, probs: Value, fn: str) -> tuple[list[Scalar], list[Scalar]]:
    xs, ps = scalars(values, fn, "values"), scalars(probs, fn, "probs")
    if len(xs) != len(ps):
        raise ExprEvalError(f"{fn}: {len(xs)} values but {len(ps)} probabilities")
    for p in ps:
        _prob(p, fn, "each probability")
    total = exact_sum(ps)
    if is_float(total):
        if abs(total - 1) > 1e-9:
            raise ExprEvalError(f"{fn}: the probabilities add up to {total}, not 1")
    elif not equal(total, 1):
        raise ExprEvalError(f"{fn}: the probabilities add up to {total}, not 1")
    return xs, ps


@builtin("expectation(values, probs)", "probability")
def expectation(values: Value, probs: Value) -> Scalar:
    """E[X] = Σ xᵢpᵢ for a discrete distribution (the probabilities must add up to 1)."""
    xs, ps = _distribution(values, probs, "expectation")
    return exact_sum(mul(x, p) for x, p in zip(xs, ps, strict=True))


@builtin("variance(values, probs)", "probability")
def variance(values: Value, probs: Value) -> Scalar:
    """Var[X] = Σ pᵢ(xᵢ − μ)² for a discrete distribution."""
    xs, ps = _distribution(values, probs, "variance")
    mu = exact_sum(mul(x, p) for x, p in zip(xs, ps, strict=True))
    return exact_sum(mul(p, power(sub(x, mu), 2)) for x, p in zip(xs, ps, strict=True))


# -------------------------------------------------------------------------------------- Bayes


@builtin("bayes(prior, sensitivity, false_positive_rate)", "probability")
def bayes(prior: Value, sensitivity: Value, false_positive_rate: Value) -> Scalar:
    """P(condition | positive test) = sens·prior / (sens·prior + fpr·(1 − prior)), exact."""
    p = _prob(prior, "bayes", "prior")
    sens = _prob(sensitivity, "bayes", "sensitivity")
    fpr = _prob(false_positive_rate, "bayes", "false_positive_rate")
    hit = mul(sens, p)
    total = exact_sum([hit, mul(fpr, sub(1, p))])
    if sign(total) == 0:
        raise ExprEvalError("bayes: a positive test has probability 0")
    return div(hit, total)


def _priors_likelihoods(priors: Value, likelihoods: Value, fn: str) -> list[tuple[Scalar, Scalar]]:
    lks, ps = _distribution(likelihoods, priors, fn)
    for lk in lks:
        _prob(lk, fn, "each likelihood")
    return list(zip(ps, lks, strict=True))


@builtin("total_probability(priors, likelihoods)", "probability")
def total_probability(priors: Value, likelihoods: Value) -> Scalar:
    """P(E) = Σ P(E | Hᵢ)·P(Hᵢ), the law of total probability."""
    pairs = _priors_likelihoods(priors, likelihoods, "total_probability")
    return exact_sum(mul(p, lk) for p, lk in pairs)


@builtin("posterior(priors, likelihoods)", "probability")
def posterior(priors: Value, likelihoods: Value) -> Vec:
    """The posterior P(Hᵢ | E) ∝ P(E | Hᵢ)·P(Hᵢ), normalized, as a vector."""
    joint = [mul(p, lk) for p, lk in _priors_likelihoods(priors, likelihoods, "posterior")]
    total = exact_sum(joint)
    if sign(total) == 0:
        raise ExprEvalError("posterior: the evidence has probability 0")
    return Vec(div(j, total) for j in joint)


@builtin("normalize(v)", "probability")
def normalize(v: Value) -> Value:
    """Weights or counts scaled to add up to 1 (a vector, or a matrix such as a joint table)."""
    if isinstance(v, Mat):
        total = exact_sum(v.entries())
        if sign(total) == 0:
            raise ExprEvalError("normalize: the entries add up to 0")
        return Mat((div(x, total) for x in r) for r in v.rows)
    xs = scalars(v, "normalize")
    total = exact_sum(xs)
    if sign(total) == 0:
        raise ExprEvalError("normalize: the entries add up to 0")
    return Vec(div(x, total) for x in xs)


@builtin("is_independent(joint)", "probability")
def is_independent(joint: Value) -> bool:
    """True when a joint table equals the outer product of its marginals (rows × columns)."""
    if not isinstance(joint, Mat):
        raise ExprEvalError("is_independent: needs a joint table (a matrix)")
    j = normalize(joint)
    rows = [exact_sum(r) for r in j.rows]
    cols = [exact_sum(c) for c in zip(*j.rows, strict=True)]
    return all(
        equal(j.rows[a][b], mul(rows[a], cols[b]))
        for a in range(len(rows))
        for b in range(len(cols))
    )

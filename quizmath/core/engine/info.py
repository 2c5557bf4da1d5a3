"""Information theory: entropy, cross-entropy, KL divergence, mutual information, splits.

Exact results come from keeping every logarithm as a rational combination Σ c_q·ln q over
primes q (ln(3/4) = ln 3 − 2 ln 2). Dividing by ln 2 turns the dyadic part rational, so
H(1/2, 1/4, 1/4) = 3/2 bits with no sympy at all; what remains becomes sympy logs, e.g.
H(1/3, 2/3) = log(3)/log(2) − 2/3. Float inputs give floats.

Distributions may be given as counts or weights: like scipy.stats.entropy, non-negative entries
are divided by their sum, so entropy([3, 1]) = entropy([3/4, 1/4]).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from quizmath.core.engine._common import (
    exact_sum,
    is_float,
    is_rational,
    number,
    parse_base,
    scalars,
    sp,
    to_float,
    to_sympy_value,
)
from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    canon,
    describe,
    div,
    is_symbolic,
    mul,
    sub,
)

LogLin = dict[int, Fraction]  # Σ coeff·ln(key); keys are primes (or an unfactored cofactor)


@lru_cache(maxsize=4096)
def _factor(n: int) -> tuple[tuple[int, int], ...]:
    """Prime factors by trial division below 10⁴; a larger cofactor stays whole (still exact)."""
    out = []
    p = 2
    while p * p <= n and p < 10_000:
        e = 0
        while n % p == 0:
            n //= p
            e += 1
        if e:
            out.append((p, e))
        p += 1 if p == 2 else 2
    if n > 1:
        out.append((n, 1))
    return tuple(out)


def _ln(q: Fraction) -> LogLin:
    out: LogLin = {}
    for p, e in _factor(q.numerator):
        out[p] = out.get(p, Fraction(0)) + e
    for p, e in _factor(q.denominator):
        out[p] = out.get(p, Fraction(0)) - e
    return out


def _axpy(acc: LogLin, c: Fraction, x: LogLin) -> None:
    """acc += c·x in place."""
    for k, v in x.items():
        acc[k] = acc.get(k, Fraction(0)) + c * v


def _to_value(x: LogLin, base: Scalar | None) -> Scalar:
    """Σ c_q ln q / ln(base) as an exact number: a fraction when every log cancels."""
    return _to_value_cached(tuple(sorted((k, v) for k, v in x.items() if v != 0)), base)


@lru_cache(maxsize=4096)
def _to_value_cached(items: tuple[tuple[int, Fraction], ...], base: Scalar | None) -> Scalar:
    # Building sympy logs costs ~0.3 ms; solutions and mistakes often ask for the same value.
    x = dict(items)
    if not x:
        return 0
    if base is not None and is_rational(base):
        lb = _ln(Fraction(base))
        # Proportional to ln(base)? Then the ratio is rational: H(¼,¼,¼,¼) = 2 bits.
        k0 = next(iter(lb))
        ratio = x.get(k0, Fraction(0)) / lb[k0]
        if set(x) == set(lb) and all(x[k] == ratio * lb[k] for k in lb):
            return canon(ratio)
        if len(lb) == 1:  # base = r^e: the r-part is rational, the rest are log ratios
            (r, e), s = next(iter(lb.items())), sp()
            rational = x.pop(r, Fraction(0)) / e
            rest = s.Add(*(s.Rational(c.numerator, c.denominator) * s.log(k) for k, c in x.items()))
            return canon(
                s.Rational(rational.numerator, rational.denominator) + rest / (e * s.log(r))
            )
    s = sp()
    total = s.Add(*(s.Rational(c.numerator, c.denominator) * s.log(k) for k, c in x.items()))
    if base is None:
        return canon(total)
    return canon(total / s.expand_log(s.log(base), force=True))


def _dist(p: Value, fn: str, what: str = "p") -> list[Scalar]:
    """Non-negative weights divided by their sum (counts work too)."""
    xs = list(p.entries()) if isinstance(p, Mat) else scalars(p, fn, what)
    for x in xs:
        number(x, fn, what)
        if is_symbolic(x) and x.free_symbols:
            raise ExprEvalError(f"{fn}: {what} must hold numbers, got {x}")
        if to_float(x, fn) < 0:
            raise ExprEvalError(f"{fn}: {what} has a negative entry {x}")
    total = exact_sum(xs)
    if to_float(total, fn) <= 0:
        raise ExprEvalError(f"{fn}: {what} adds up to 0")
    if total == 1:
        return xs
    return [div(x, total) for x in xs]


def _exact_kind(xs: list[Scalar]) -> bool:
    return all(is_rational(x) for x in xs)


def _flog(x: Scalar, base: Scalar | None) -> float:
    v = math.log(to_float(x))
    return v if base is None else v / math.log(to_float(base))


def _weighted_logs(weights: list[Scalar], args: list[Scalar], base: Scalar | None) -> Scalar:
    """Σ wᵢ·log(argᵢ) in the given base (terms with wᵢ = 0 are 0)."""
    pairs = [(w, a) for w, a in zip(weights, args, strict=True) if w != 0]
    if _exact_kind([x for pair in pairs for x in pair]):
        acc: LogLin = {}
        for w, a in pairs:
            _axpy(acc, Fraction(w), _ln(Fraction(a)))
        return _to_value(acc, base)
    if any(is_float(x) for pair in pairs for x in pair):
        return math.fsum(to_float(w) * _flog(a, base) for w, a in pairs)
    s = sp()  # symbolic probabilities such as 1/√2: fall back to sympy logs
    total = s.Add(*(to_sympy_value(w) * s.log(to_sympy_value(a)) for w, a in pairs))
    return canon(total if base is None else total / s.log(base))


def _base(base: object, fn: str) -> Scalar | None:
    return parse_base(base, fn)


# ----------------------------------------------------------------------------------- entropy


@builtin("entropy(p, base=2)", "information theory")
def entropy(p: Value, base: object = 2) -> Scalar:
    """Shannon entropy −Σ pᵢ log pᵢ (bits by default), exact; counts are normalized."""
    ps = _dist(p, "entropy")
    return _neg(_weighted_logs(ps, ps, _base(base, "entropy")))


def _neg(x: Scalar) -> Scalar:
    return canon(-x) if not is_float(x) else -x


@builtin("binary_entropy(p, base=2)", "information theory")
def binary_entropy(p: Value, base: object = 2) -> Scalar:
    """H(p) = −p log p − (1 − p) log(1 − p) for one probability p."""
    q = number(p, "binary_entropy", "p")
    return entropy(Vec([q, sub(1, q)]), base)


@builtin("surprisal(p, base=2)", "information theory")
def surprisal(p: Value, base: object = 2) -> Scalar:
    """The information content −log p of an outcome with probability p (bits by default)."""
    q = number(p, "surprisal", "p")
    if to_float(q) <= 0 or to_float(q) > 1:
        raise ExprEvalError(f"surprisal: p must be in (0, 1], got {q}")
    return _neg(_weighted_logs([1], [q], _base(base, "surprisal")))


@builtin("cross_entropy(p, q, base=2)", "information theory")
def cross_entropy(p: Value, q: Value, base: object = 2) -> Scalar:
    """Cross-entropy H(p, q) = −Σ pᵢ log qᵢ (bits by default), exact."""
    ps, qs = _dist(p, "cross_entropy", "p"), _dist(q, "cross_entropy", "q")
    _same(ps, qs, "cross_entropy")
    return _neg(_weighted_logs(ps, qs, _base(base, "cross_entropy")))


def _same(ps: list[Scalar], qs: list[Scalar], fn: str) -> None:
    if len(ps) != len(qs):
        raise ExprEvalError(f"{fn}: p and q have lengths {len(ps)} and {len(qs)}")
    for a, b in zip(ps, qs, strict=True):
        if a != 0 and b == 0:
            raise ExprEvalError(f"{fn}: q is 0 where p is not, so the result is infinite")


@builtin("kl(p, q, base=2)", "information theory")
def kl(p: Value, q: Value, base: object = 2) -> Scalar:
    """KL divergence D(p‖q) = Σ pᵢ log(pᵢ/qᵢ) (bits by default), exact."""
    ps, qs = _dist(p, "kl", "p"), _dist(q, "kl", "q")
    _same(ps, qs, "kl")
    ratios = [div(a, b) if a != 0 else 1 for a, b in zip(ps, qs, strict=True)]
    return _weighted_logs(ps, ratios, _base(base, "kl"))


@builtin("perplexity(p)", "information theory")
def perplexity(p: Value) -> Scalar:
    """Perplexity 2^H(p) = Π pᵢ^(−pᵢ), exact (the same in every log base)."""
    ps = _dist(p, "perplexity")
    if not _exact_kind(ps):
        return math.exp(to_float(entropy(ps, None)))
    acc: LogLin = {}
    for w in ps:
        if w != 0:
            _axpy(acc, -Fraction(w), _ln(Fraction(w)))
    if all(c.denominator == 1 for c in acc.values()):
        return canon(math.prod(Fraction(k) ** int(c) for k, c in acc.items()))
    s = sp()
    return canon(
        s.Mul(*(s.Integer(k) ** s.Rational(c.numerator, c.denominator) for k, c in acc.items()))
    )


# ------------------------------------------------------------------------------ joint tables


def _joint(j: Value, fn: str) -> list[list[Scalar]]:
    if not isinstance(j, Mat):
        raise ExprEvalError(f"{fn}: needs a joint table (a matrix), got {describe(j)}")
    flat = _dist(j, fn, "the joint table")
    cols = j.shape[1]
    return [flat[i : i + cols] for i in range(0, len(flat), cols)]


@builtin("joint_entropy(joint, base=2)", "information theory")
def joint_entropy(joint: Value, base: object = 2) -> Scalar:
    """H(X, Y) of a joint table (rows: X, columns: Y; counts are normalized)."""
    return entropy(Vec(x for r in _joint(joint, "joint_entropy") for x in r), base)


@builtin("conditional_entropy(joint, base=2)", "information theory")
def conditional_entropy(joint: Value, base: object = 2) -> Scalar:
    """H(Y | X) = H(X, Y) − H(X) of a joint table (rows: X, columns: Y)."""
    rows = _joint(joint, "conditional_entropy")
    px = [exact_sum(r) for r in rows]
    flat = [x for r in rows for x in r]
    b = _base(base, "conditional_entropy")
    # H(Y|X) = −Σ p(x,y) log(p(x,y)/p(x))
    ratios = [div(v, px[i]) if v != 0 else 1 for i, r in enumerate(rows) for v in r]
    return _neg(_weighted_logs(flat, ratios, b))


@builtin("mutual_information(joint, base=2)", "information theory")
def mutual_information(joint: Value, base: object = 2) -> Scalar:
    """I(X; Y) = Σ p(x,y) log(p(x,y)/(p(x)p(y))) of a joint table, exact."""
    rows = _joint(joint, "mutual_information")
    px = [exact_sum(r) for r in rows]
    py = [exact_sum(c) for c in zip(*rows, strict=True)]
    flat = [v for r in rows for v in r]
    ratios = [
        div(v, mul(px[i], py[j])) if v != 0 else 1
        for i, r in enumerate(rows)
        for j, v in enumerate(r)
    ]
    return _weighted_logs(flat, ratios, _base(base, "mutual_information"))


# ------------------------------------------------------------------------------------ splits


def _children(parent: Value, children: Value, fn: str) -> tuple[list[Scalar], list[list[Scalar]]]:
    par = scalars(parent, fn, "parent_counts")
    if isinstance(children, Mat):
        kids = [list(r) for r in children.rows]
    elif isinstance(children, list | tuple):
        kids = [scalars(c, fn, "each child") for c in children]
    else:
        raise ExprEvalError(
            f"{fn}: children must be a matrix (one row per child) or a list of vectors"
        )
    for k in kids:
        if len(k) != len(par):
            raise ExprEvalError(f"{fn}: a child has {len(k)} classes, the parent {len(par)}")
    sums = [exact_sum(c) for c in zip(*kids, strict=True)]
    if any(s != p for s, p in zip(sums, par, strict=True)):
        raise ExprEvalError(
            f"{fn}: the children's counts {sums} do not add up to the parent's {par}"
        )
    return par, kids


@builtin("info_gain(parent_counts, children_counts, base=2)", "information theory")
def info_gain(parent_counts: Value, children_counts: Value, base: object = 2) -> Scalar:
    """Information gain H(parent) − Σ (nᵢ/n)·H(childᵢ) of a split, from class counts; exact."""
    par, kids = _children(parent_counts, children_counts, "info_gain")
    n = exact_sum(par)
    b = _base(base, "info_gain")
    # Σ_children (n_c/n)·Σ_k (c_k/n_c) log(c_k/n_c) = Σ_children Σ_k (c_k/n) log(c_k/n_c)
    weights, args = [], []
    for k in kids:
        nc = exact_sum(k)
        if nc == 0:
            continue
        weights += [div(c, n) for c in k]
        args += [div(c, nc) if c != 0 else 1 for c in k]
    children_h = _neg(_weighted_logs(weights, args, b))
    h = entropy(Vec(par), base)
    return h - children_h if is_float(h) or is_float(children_h) else sub(h, children_h)


@builtin("gini(counts)", "information theory")
def gini(counts: Value) -> Scalar:
    """Gini impurity 1 − Σ pᵢ² of class counts or probabilities, exact."""
    ps = _dist(counts, "gini", "counts")
    return sub(1, exact_sum(mul(p, p) for p in ps))


@builtin("gini_gain(parent_counts, children_counts)", "information theory")
def gini_gain(parent_counts: Value, children_counts: Value) -> Scalar:
    """Decrease in Gini impurity: gini(parent) − Σ (nᵢ/n)·gini(childᵢ), exact."""
    par, kids = _children(parent_counts, children_counts, "gini_gain")
    n = exact_sum(par)
    weighted = exact_sum(mul(div(exact_sum(k), n), gini(Vec(k))) for k in kids if exact_sum(k) != 0)
    return sub(gini(Vec(par)), weighted)


@builtin("log_loss(y, p, base=e)", "information theory")
def log_loss(y: Value, p: Value, base: object = None) -> Scalar:
    """Mean binary cross-entropy −(1/n)Σ[y log p + (1 − y) log(1 − p)]; natural log by default."""
    ys, ps = scalars(y, "log_loss", "y"), scalars(p, "log_loss", "p")
    if len(ys) != len(ps):
        raise ExprEvalError(f"log_loss: {len(ys)} labels but {len(ps)} probabilities")
    weights, args = [], []
    for label, prob in zip(ys, ps, strict=True):
        if label not in (0, 1):
            raise ExprEvalError(f"log_loss: labels must be 0 or 1, got {label}")
        q = prob if label == 1 else sub(1, prob)
        if to_float(q) <= 0:
            raise ExprEvalError("log_loss: a true label has probability 0 (the loss is infinite)")
        weights.append(Fraction(1, len(ys)))
        args.append(q)
    return _neg(_weighted_logs(weights, args, _base(base, "log_loss")))

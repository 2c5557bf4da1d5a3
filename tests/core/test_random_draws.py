"""Random draws: properties over many seeds, argument checks, and use from expressions."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction
from typing import Any

import pytest

from quizmath.core.engine import random_draws as rd
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.rng import Rng
from quizmath.core.values import Mat, ValueSet, Vec

sympy = pytest.importorskip("sympy")

SEEDS = range(150)


def rngs(stream: str = "test") -> list[Rng]:
    return [Rng(seed, stream) for seed in SEEDS]


def smat(m: Mat) -> Any:
    return sympy.Matrix([[sympy.Rational(str(x)) for x in row] for row in m.rows])


def is_signed_permutation(m: Mat) -> bool:
    return all(sum(1 for x in row if x != 0) == 1 for row in m.rows)


# ---------------------------------------------------------------------------- integers


def test_randint_covers_the_closed_range() -> None:
    seen = Counter(rd.randint(r, -2, 3) for r in rngs())
    assert set(seen) == {-2, -1, 0, 1, 2, 3}  # both ends included
    assert rd.randint(Rng(1), 5, 5) == 5


def test_nonzero_never_draws_zero() -> None:
    seen = Counter(rd.nonzero(r, -2, 2) for r in rngs())
    assert set(seen) == {-2, -1, 1, 2}
    assert {rd.nonzero(r, 0, 2) for r in rngs()} == {1, 2}
    assert {rd.nonzero(r, -3, -1) for r in rngs()} == {-3, -2, -1}
    with pytest.raises(ExprEvalError, match="no integer other than 0"):
        rd.nonzero(Rng(0), 0, 0)


def test_randsign_and_distinct() -> None:
    assert {rd.randsign(r) for r in rngs()} == {-1, 1}
    for r in rngs():
        values = rd.distinct(r, 3, -4, 5)
        assert len(set(values)) == 3 and all(-4 <= x <= 5 for x in values)
    assert sorted(rd.distinct(Rng(3), 4, 1, 4)) == [1, 2, 3, 4]
    orders = {tuple(rd.distinct(r, 3, 1, 3)) for r in rngs()}
    assert len(orders) == 6  # every order of {1, 2, 3} occurs
    with pytest.raises(ExprEvalError, match="only 3 integers"):
        rd.distinct(Rng(0), 4, 1, 3)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda r: rd.randint(r, Fraction(1, 2), 3),
            ExprEvalError,
            "randint: a must be an integer",
        ),
        (lambda r: rd.randint(r, 1, True), ExprEvalError, "randint: b must be an integer"),
        (lambda r: rd.randint(r, 5, 1), ExprEvalError, "randint: empty range 5 … 1"),
        (lambda r: rd.randint(r, 0, 2**64), LimitError, "randint: range too wide"),
        (lambda r: rd.randvec(r, 0, 1, 2), ExprEvalError, "randvec: n must be at least 1"),
        (lambda r: rd.randmat(r, 21, 20, 0, 1), LimitError, "randmat: 21×20 is too large"),
        (lambda r: rd.unimodular(r, 1), ExprEvalError, "unimodular: n must be at least 2"),
        (lambda r: rd.unimodular(r, 9), LimitError, "unimodular: n must be at most 8"),
        (lambda r: rd.unimodular(r, 2, 0), ExprEvalError, "bound must be at least 1"),
        (lambda r: rd.choice(r, ()), ExprEvalError, "choice: the list is empty"),
        (lambda r: rd.choice(r, "abc"), ExprEvalError, "choice: expected a list"),
        (lambda r: rd.sample(r, Vec([1, 2]), 3), LimitError, "sample: k must be at most 2"),
        (lambda r: rd.nonzero_vec(r, 3, 0, 0), ExprEvalError, "only zero"),
        (lambda r: rd.pythagorean(r, 4), ExprEvalError, "dim must be 2 or 3"),
        (lambda r: rd.rand_prob(r, 5, 4), ExprEvalError, "denominator must be at least 5"),
        (lambda r: rd.rand_counts(r, 3, 2), ExprEvalError, "total must be at least 3"),
        (lambda r: rd.data_with_mean(r, 1, 0, 3), ExprEvalError, "n must be at least 2"),
        (lambda r: rd.data_with_mean(r, 4, Fraction(1, 2), 3), ExprEvalError, "mean must be"),
        (lambda r: rd.low_rank(r, 2, 3, 3), LimitError, "r must be at most 2"),
        (lambda r: rd.with_eigenvalues(r, Vec([1])), LimitError, "needs 2 to 8 values"),
        (lambda r: rd.with_eigenvalues(r, ("a", "b")), ExprEvalError, "values must be numbers"),
    ],
)
def test_bad_arguments(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call(Rng(0))


# ------------------------------------------------------------------------------- lists


def test_choice_sample_shuffle() -> None:
    items = Vec([10, 20, 30, 40])
    assert {rd.choice(r, items) for r in rngs()} == {10, 20, 30, 40}
    assert {rd.choice(r, ("a", "b")) for r in rngs()} == {"a", "b"}
    assert {rd.choice(r, ValueSet([1, 2])) for r in rngs()} == {1, 2}
    for r in rngs():
        picked = rd.sample(r, items, 2)
        assert isinstance(picked, Vec) and len(set(picked)) == 2 and set(picked) <= set(items)
        shuffled = rd.shuffle(r, items)
        assert sorted(shuffled) == sorted(items)
    assert rd.sample(Rng(0), ("x", "y", "z"), 2) in {(a, b) for a in "xyz" for b in "xyz" if a != b}
    assert rd.sample(Rng(0), items, 0) == ()
    rows = rd.shuffle(Rng(5), Mat([[1, 2], [3, 4], [5, 6]]))
    assert isinstance(rows, Mat) and sorted(rows.rows) == [(1, 2), (3, 4), (5, 6)]


# ---------------------------------------------------------------------- vectors, matrices


def test_randvec_randmat_nonzero_vec() -> None:
    for r in rngs():
        v = rd.randvec(r, 3, -2, 2)
        assert len(v) == 3 and all(-2 <= x <= 2 for x in v)
        m = rd.randmat(r, 2, 3, 0, 4)
        assert m.shape == (2, 3) and all(0 <= x <= 4 for x in m.entries())
        assert any(rd.nonzero_vec(r, 2, -1, 1))
        assert rd.nonzero_vec(r, 1, 0, 1) == Vec([1])  # half the plain draws would be zero


@pytest.mark.parametrize("n", [2, 3, 4, 5, 8])
@pytest.mark.parametrize("bound", [1, 2, 3])
def test_unimodular(n: int, bound: int) -> None:
    for r in rngs(f"u{n}{bound}")[: 60 if n < 5 else 20]:
        m = rd.unimodular(r, n, bound)
        assert m.shape == (n, n)
        assert smat(m).det() in (1, -1)
        assert max(abs(x) for x in m.entries()) <= bound
        assert not is_signed_permutation(m)  # so never the identity or a reordering
        assert all(isinstance(x, int) for x in m.entries())  # det ±1: an integer inverse


def test_unimodular_varies() -> None:
    assert len({rd.unimodular(r, 2) for r in rngs()}) > 40
    assert rd.unimodular(Rng(0), 2) == rd.unimodular(Rng(0), 2)


def test_unimodular_fallback_is_still_unimodular(monkeypatch: pytest.MonkeyPatch) -> None:
    # Force every try to fail the bound, as it could for large n: the elementary fallback.
    monkeypatch.setattr(rd, "_mul", lambda a, b: [[99] * len(b[0]) for _ in a])
    for r in rngs()[:20]:
        p, p_inv = rd._unimodular(r, 4, 3)
        m = sympy.Matrix(p)
        assert m.det() in (1, -1) and m.inv() == sympy.Matrix(p_inv)
        assert not is_signed_permutation(Mat(p))


def test_unit_triangular() -> None:
    for r in rngs():
        low, up = rd.unit_lower(r, 3, -2, 2), rd.unit_upper(r, 3, -2, 2)
        for m, lower in ((low, True), (up, False)):
            rows = m.rows
            assert all(rows[i][i] == 1 for i in range(3))
            assert all(
                rows[i][j] == 0 for i in range(3) for j in range(3) if (j > i if lower else j < i)
            )
            assert all(-2 <= x <= 2 for x in m.entries())
        assert smat(low @ up).det() == 1


@pytest.mark.parametrize(
    "values",
    [
        [2, 5],
        [-1, 3],
        [0, 1],
        [-4, 5],
        [3, 3],
        [1, 2, 3],
        [-2, 0, 4],
        [1, 1, 3],
        [2, -1, 0, 3],
        [Fraction(1, 2), 2],
    ],
)
def test_with_eigenvalues(values: list[Any]) -> None:
    expected = Counter(sympy.Rational(str(v)) for v in values)
    distinct_values = len(expected) > 1
    for r in rngs("eig")[:40]:
        a = rd.with_eigenvalues(r, Vec(values))
        assert Counter(smat(a).eigenvals(multiple=True)) == expected
        if all(isinstance(v, int) for v in values):
            assert all(isinstance(x, int) for x in a.entries())
        if distinct_values:
            assert not smat(a).is_upper and not smat(a).is_lower  # the diagonal gives nothing away


def test_with_eigenvalues_entries_stay_small() -> None:
    sizes = [max(abs(x) for x in rd.with_eigenvalues(r, Vec([2, 5])).entries()) for r in rngs()]
    assert sorted(sizes)[len(sizes) // 2] <= 12  # median: hand-computable


def test_low_rank() -> None:
    for r in rngs()[:60]:
        for m, n, rank in ((3, 3, 2), (3, 4, 1), (4, 3, 3), (2, 2, 1)):
            a = rd.low_rank(r, m, n, rank)
            assert a.shape == (m, n) and smat(a).rank() == rank
            assert all(any(row) for row in a.rows) and all(
                any(c) for c in zip(*a.rows, strict=True)
            )


# ------------------------------------------------------------------------- nice numbers


@pytest.mark.parametrize("dim", [2, 3])
def test_pythagorean(dim: int) -> None:
    signs = set()
    for r in rngs():
        v = rd.pythagorean(r, dim)
        assert len(v) == dim
        square = sum(x * x for x in v)
        assert math.isqrt(square) ** 2 == square
        assert all(x != 0 for x in v)
        signs.update(x > 0 for x in v)
    assert signs == {True, False}


def test_rand_prob() -> None:
    for r in rngs():
        p = rd.rand_prob(r, 4, 10)
        assert len(p) == 4 and sum(p) == 1
        assert all(x > 0 and (x * 10).denominator == 1 for x in p)
    assert rd.rand_prob(Rng(0), 3, 3) == Vec([Fraction(1, 3)] * 3)
    assert rd.rand_prob(Rng(0), 1, 7) == Vec([1])


def test_rand_counts() -> None:
    for r in rngs():
        counts = rd.rand_counts(r, 3, 20)
        assert len(counts) == 3 and sum(counts) == 20 and all(c >= 1 for c in counts)


@pytest.mark.parametrize("n", [1, 2, 4, 7, 12])
def test_dyadic_dist(n: int) -> None:
    shapes = set()
    for r in rngs():
        p = rd.dyadic_dist(r, n)
        assert len(p) == n and sum(p) == 1
        for x in p:
            x = Fraction(x)
            assert x.numerator == 1 and x.denominator & (x.denominator - 1) == 0  # 1/2^k
        shapes.add(tuple(sorted(p)))
    if n == 4:
        assert shapes == {
            (Fraction(1, 8), Fraction(1, 8), Fraction(1, 4), Fraction(1, 2)),
            (Fraction(1, 4),) * 4,
        }


@pytest.mark.parametrize(("n", "mean", "spread"), [(2, 0, 1), (5, 10, 4), (8, -3, 2), (40, 7, 3)])
def test_data_with_mean(n: int, mean: int, spread: int) -> None:
    for r in rngs():
        data = rd.data_with_mean(r, n, mean, spread)
        assert len(data) == n
        assert Fraction(sum(data), n) == mean
        assert all(abs(x - mean) <= spread for x in data)
        assert len(set(data)) > 1
        assert all(isinstance(x, int) for x in data)


def test_data_with_mean_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    # If every balanced draw failed, the ±d pairs fallback still gives the exact mean.
    monkeypatch.setattr(Rng, "randint", lambda self, a, b: b)
    data = rd.data_with_mean(Rng(0), 5, 10, 3)
    assert sum(data) == 50 and len(set(data)) > 1


# -------------------------------------------------------------------- from expressions


def test_draws_from_expressions() -> None:
    params = {
        "l": "distinct(2, -4, 5)",
        "A": "with_eigenvalues(l)",
        "u": "randvec(3, -5, 5)",
        "k": "nonzero(-3, 3) * randsign()",
        "p": "rand_prob(3, 8)",
        "pick": "choice(['sin', 'cos', 'tan'])",
    }
    for seed in range(20):
        ctx = Context(rng=Rng(seed, "tmpl"))
        env: dict[str, Any] = {}
        for name, text in params.items():
            env[name] = evaluate(parse(text), env, ctx)
        assert Counter(smat(env["A"]).eigenvals(multiple=True)) == Counter(env["l"])
        assert evaluate(parse("p[0] + p[1] + p[2]"), env, ctx) == 1
        assert env["pick"] in ("sin", "cos", "tan")
        assert env["k"] != 0

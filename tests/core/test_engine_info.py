"""info: exact entropies, divergences and split criteria vs scipy.stats.entropy and by hand."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import scipy.stats as st
import sympy as sp

from quizmath.core.engine import info as I
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Vec

RNG = random.Random(53)
BASES = [(2, 2.0), (sp.E, math.e), ("e", math.e), (10, 10.0), (4, 4.0)]


def fl(x: object) -> float:
    return float(sp.N(x, 30)) if isinstance(x, sp.Basic) else float(x)  # type: ignore[arg-type]


def counts(n: int, lo: int = 0, hi: int = 9) -> list[int]:
    while True:
        c = [RNG.randint(lo, hi) for _ in range(n)]
        if sum(c):
            return c


def test_entropy_matches_scipy_in_every_base() -> None:
    for _ in range(60):
        c = counts(RNG.randint(1, 5))
        for base, fbase in BASES:
            got = I.entropy(Vec(c), base)
            assert fl(got) == pytest.approx(st.entropy(c, base=fbase), rel=1e-12, abs=1e-12)
        ps = [F(v, sum(c)) for v in c]
        assert I.entropy(Vec(ps)) == I.entropy(Vec(c))  # counts are normalized, like scipy
    assert I.entropy(Vec([0.25, 0.75])) == pytest.approx(st.entropy([0.25, 0.75], base=2))


def test_dyadic_entropies_are_rational_without_sympy_logs() -> None:
    for _ in range(40):
        # split 1 into dyadic pieces
        pieces, rest = [], F(1)
        for _ in range(RNG.randint(1, 5)):
            rest /= 2
            pieces.append(rest)
        pieces.append(rest)
        got = I.entropy(Vec(pieces))
        assert type(got) in (int, F)
        assert float(got) == pytest.approx(st.entropy([float(p) for p in pieces], base=2))
    assert I.entropy(Vec([F(1, 2), F(1, 4), F(1, 4)])) == F(3, 2)
    assert I.entropy(Vec([1, 1, 1, 1]), 4) == 1
    assert I.entropy(Vec([1, 2])) == sp.log(3) / sp.log(2) - F(2, 3)
    assert I.entropy(Vec([1, 1]), sp.E) == sp.log(2)
    assert I.binary_entropy(F(1, 4)) == 2 - 3 * sp.log(3) / (4 * sp.log(2))
    assert I.entropy(Vec([1, 0])) == 0


def _np_cross(p: list[float], q: list[float], b: float) -> float:
    return -sum(pi * math.log(qi, b) for pi, qi in zip(p, q, strict=True) if pi > 0)


def test_cross_entropy_kl_perplexity() -> None:
    for trial in range(60):
        n = RNG.randint(2, 5)
        p, q = counts(n), counts(n, 1)
        pn = [v / sum(p) for v in p]
        qn = [v / sum(q) for v in q]
        for base, fbase in BASES:
            assert fl(I.cross_entropy(Vec(p), Vec(q), base)) == pytest.approx(
                _np_cross(pn, qn, fbase), rel=1e-12, abs=1e-12
            )
            assert fl(I.kl(Vec(p), Vec(q), base)) == pytest.approx(
                st.entropy(p, q, base=fbase), rel=1e-12, abs=1e-12
            )
        if trial < 12:  # H(p, q) = H(p) + KL(p‖q), exactly (simplify is slow: a few suffice)
            h, ce, d = I.entropy(Vec(p)), I.cross_entropy(Vec(p), Vec(q)), I.kl(Vec(p), Vec(q))
            assert sp.simplify(sp.Integer(0) + ce - h - d) == 0
        assert fl(I.perplexity(Vec(p))) == pytest.approx(2 ** st.entropy(p, base=2), rel=1e-12)
    assert I.perplexity(Vec([1, 1, 1, 1])) == 4
    assert I.perplexity(Vec([F(1, 2), F(1, 4), F(1, 4)])) == 2 * sp.sqrt(2)
    assert I.cross_entropy(Vec([0, 1, 0]), Vec([F(1, 4), F(1, 2), F(1, 4)])) == 1
    assert I.surprisal(F(1, 8)) == 3
    with pytest.raises(ExprEvalError, match="infinite"):
        I.kl(Vec([1, 1]), Vec([1, 0]))


def _mi_by_hand(j: np.ndarray, b: float) -> float:
    j = j / j.sum()
    px, py = j.sum(axis=1), j.sum(axis=0)
    total = 0.0
    for a in range(j.shape[0]):
        for c in range(j.shape[1]):
            if j[a, c] > 0:
                total += j[a, c] * math.log(j[a, c] / (px[a] * py[c]), b)
    return total


def test_joint_table_quantities() -> None:
    for _ in range(40):
        r, c = RNG.randint(2, 3), RNG.randint(2, 3)
        cells = counts(r * c)
        j = Mat([cells[i * c : (i + 1) * c] for i in range(r)])
        arr = np.array(j.rows, dtype=float)
        for base, fbase in BASES[:2] + BASES[3:4]:
            mi = I.mutual_information(j, base)
            assert fl(mi) == pytest.approx(_mi_by_hand(arr, fbase), abs=1e-12)
            hx = st.entropy(arr.sum(axis=1), base=fbase)
            hy = st.entropy(arr.sum(axis=0), base=fbase)
            hxy = st.entropy(arr.ravel(), base=fbase)
            assert fl(I.joint_entropy(j, base)) == pytest.approx(hxy, abs=1e-12)
            assert fl(I.conditional_entropy(j, base)) == pytest.approx(hxy - hx, abs=1e-12)
            assert fl(mi) == pytest.approx(hx + hy - hxy, abs=1e-12)
    assert I.mutual_information(Mat([[F(1, 2), 0], [0, F(1, 2)]])) == 1
    assert I.mutual_information(Mat([[1, 1], [1, 1]])) == 0


def _h(c: list[int]) -> float:
    n = sum(c)
    return -sum(v / n * math.log2(v / n) for v in c if v)


def test_information_gain_and_gini_by_hand() -> None:
    for _ in range(60):
        k = RNG.randint(2, 3)
        children = [counts(k, 0, 12) for _ in range(RNG.randint(2, 3))]
        parent = [sum(col) for col in zip(*children, strict=True)]
        n = sum(parent)
        want = _h(parent) - sum(sum(ch) / n * _h(ch) for ch in children)
        got = I.info_gain(Vec(parent), Mat(children))
        assert fl(got) == pytest.approx(want, abs=1e-12)
        assert fl(I.info_gain(Vec(parent), tuple(Vec(ch) for ch in children))) == pytest.approx(
            want, abs=1e-12
        )
        gini = 1 - sum((v / n) ** 2 for v in parent)
        assert float(I.gini(Vec(parent))) == pytest.approx(gini)
        want_g = gini - sum(
            sum(ch) / n * (1 - sum((v / sum(ch)) ** 2 for v in ch)) for ch in children if sum(ch)
        )
        got_g = I.gini_gain(Vec(parent), Mat(children))
        assert type(got_g) in (int, F) and float(got_g) == pytest.approx(want_g, abs=1e-12)
    assert I.info_gain(Vec([4, 4]), Mat([[4, 0], [0, 4]])) == 1
    assert I.info_gain(Vec([5, 5]), Mat([[4, 1], [1, 4]])) == F(13, 5) - sp.log(5) / sp.log(2)
    with pytest.raises(ExprEvalError, match="do not add up"):
        I.info_gain(Vec([5, 5]), Mat([[4, 1], [1, 3]]))


def test_log_loss_matches_numpy() -> None:
    for _ in range(30):
        n = RNG.randint(1, 6)
        y = [RNG.randint(0, 1) for _ in range(n)]
        p = [RNG.choice([F(1, 2), F(1, 4), F(3, 4), F(9, 10)]) for _ in range(n)]
        pf = np.array([float(v) for v in p])
        want = -np.mean([math.log(a) if b else math.log(1 - a) for a, b in zip(pf, y, strict=True)])
        assert fl(I.log_loss(Vec(y), Vec(p))) == pytest.approx(want, rel=1e-12)
        assert fl(I.log_loss(Vec(y), Vec(p), 2)) == pytest.approx(want / math.log(2), rel=1e-12)
    assert I.log_loss(Vec([1, 0]), Vec([F(1, 2), F(1, 2)]), 2) == 1
    with pytest.raises(ExprEvalError, match="infinite"):
        I.log_loss(Vec([1]), Vec([0]))

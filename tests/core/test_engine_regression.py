"""regression: exact fits vs numpy.polyfit/lstsq, MSE gradients vs sympy, losses vs numpy."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
import scipy.special as ss
import sympy as sp

from quizmath.core.engine import regression as R
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, Vec

RNG = random.Random(61)


def pts(n: int) -> tuple[list[int], list[int]]:
    while True:
        xs = [RNG.randint(-5, 5) for _ in range(n)]
        if len(set(xs)) > 1:
            return xs, [RNG.randint(-9, 9) for _ in range(n)]


def exact(v: Vec) -> bool:
    return all(type(x) in (int, F) for x in v)


def test_mse_gradient_matches_sympy_differentiation() -> None:
    w, b = sp.symbols("w b")
    for _ in range(30):
        xs, ys = pts(RNG.randint(2, 5))
        loss = sp.Add(*((w * x + b - y) ** 2 for x, y in zip(xs, ys, strict=True))) / len(xs)
        w0, b0 = F(RNG.randint(-3, 3), 2), RNG.randint(-3, 3)
        at = {w: sp.Rational(w0.numerator, w0.denominator), b: b0}
        want = [sp.diff(loss, w).subs(at), sp.diff(loss, b).subs(at)]
        got = R.mse_grad(Vec(xs), Vec(ys), w0, b0)
        assert exact(got) and [sp.Rational(F(g).numerator, F(g).denominator) for g in got] == want
        lr = F(1, 10)
        step = R.linreg_gd_step(Vec(xs), Vec(ys), w0, b0, lr)
        assert step == Vec([w0 - lr * F(got[0]), b0 - lr * F(got[1])])


def test_gd_steps_approach_the_least_squares_fit() -> None:
    xs, ys = [0, 1, 2, 3], [1, 3, 5, 7]
    assert R.linreg_gd_steps(Vec(xs), Vec(ys), 0, 0, F(1, 10), 0) == Vec([0, 0])
    two = R.linreg_gd_steps(Vec(xs), Vec(ys), 0, 0, F(1, 20), 2)
    one = R.linreg_gd_step(Vec(xs), Vec(ys), 0, 0, F(1, 20))
    assert two == R.linreg_gd_step(Vec(xs), Vec(ys), one[0], one[1], F(1, 20))
    far = R.linreg_gd_steps(Vec(xs), Vec(ys), 0.0, 0.0, 0.1, 200)
    assert list(far) == pytest.approx([2.0, 1.0], abs=1e-6)
    with pytest.raises(LimitError):
        R.linreg_gd_steps(Vec(xs), Vec(ys), 0, 0, F(1, 10), 10_000)


def test_linreg_fit_and_normal_equations_match_numpy() -> None:
    for _ in range(40):
        xs, ys = pts(RNG.randint(2, 7))
        fit = R.linreg_fit(Vec(xs), Vec(ys))
        assert exact(fit)
        assert [float(v) for v in fit] == pytest.approx(list(np.polyfit(xs, ys, 1)), abs=1e-9)
        coef = R.normal_equations(R.design_matrix(Vec(xs)), Vec(ys))
        assert list(coef) == [fit[1], fit[0]]  # [intercept, slope]
        x = Mat([[1, RNG.randint(-3, 3), RNG.randint(-3, 3)] for _ in range(6)])
        y = Vec([RNG.randint(-5, 5) for _ in range(6)])
        try:
            got = R.normal_equations(x, y)
        except ExprEvalError:
            continue
        want = np.linalg.lstsq(np.array(x.rows, dtype=float), np.array(y.items, dtype=float))[0]
        assert np.allclose([float(v) for v in got], want)
    with pytest.raises(ExprEvalError, match="all x values are equal"):
        R.linreg_fit(Vec([2, 2]), Vec([1, 3]))
    with pytest.raises(ExprEvalError, match="dependent"):
        R.normal_equations(Mat([[1, 2], [2, 4], [3, 6]]), Vec([1, 2, 3]))


def test_ridge_matches_numpy() -> None:
    for _ in range(20):
        x = Mat([[RNG.randint(-3, 3) for _ in range(2)] for _ in range(5)])
        y = Vec([RNG.randint(-5, 5) for _ in range(5)])
        lam = RNG.choice([1, 2, 5, F(1, 2)])
        a = np.array(x.rows, dtype=float)
        want = np.linalg.solve(a.T @ a + float(lam) * np.eye(2), a.T @ np.array(y.items))
        got = R.ridge(x, y, lam)
        assert exact(got) and np.allclose([float(v) for v in got], want)
        xs, ys = [r[0] for r in x.rows], list(y.items)
        if any(xs) or lam:
            want1 = F(sum(p * q for p, q in zip(xs, ys, strict=True))) / (
                sum(v * v for v in xs) + lam
            )
            assert R.ridge_1d(Vec(xs), Vec(ys), lam) == want1


def test_losses_match_numpy() -> None:
    for _ in range(30):
        n = RNG.randint(2, 6)
        y = [RNG.randint(-5, 5) for _ in range(n)]
        yh = [RNG.randint(-5, 5) for _ in range(n)]
        a, b = np.array(y, dtype=float), np.array(yh, dtype=float)
        assert float(R.mse(Vec(y), Vec(yh))) == pytest.approx(np.mean((a - b) ** 2))
        assert float(R.sse(Vec(y), Vec(yh))) == pytest.approx(np.sum((a - b) ** 2))
        assert float(R.mae(Vec(y), Vec(yh))) == pytest.approx(np.mean(np.abs(a - b)))
        assert float(sp.N(R.rmse(Vec(y), Vec(yh)))) == pytest.approx(
            math.sqrt(np.mean((a - b) ** 2))
        )
        if len(set(y)) > 1:
            want = 1 - np.sum((a - b) ** 2) / np.sum((a - a.mean()) ** 2)
            assert float(R.r2(Vec(y), Vec(yh))) == pytest.approx(want)


def test_predict_soft_threshold_logistic_gradient() -> None:
    assert R.predict(Vec([1, 2]), 3, 1) == Vec([4, 7])
    assert R.predict(Mat([[1, 2], [3, 4]]), Vec([1, -1]), 1) == Vec([0, 0])
    assert R.predict(Vec([1, 2]), Vec([3, 4])) == 11
    z = Vec([3, -1, F(-5, 2), F(1, 2)])
    assert R.soft_threshold(z, 1) == Vec([2, 0, F(-3, 2), 0])
    for _ in range(20):
        x = Mat([[RNG.randint(-2, 2) for _ in range(3)] for _ in range(4)])
        y = Vec([RNG.randint(0, 1) for _ in range(4)])
        w = Vec([RNG.choice([0, F(1, 2), -1]) for _ in range(3)])
        a = np.array(x.rows, dtype=float)
        p = ss.expit(a @ np.array([float(v) for v in w]))
        want = a.T @ (p - np.array(y.items, dtype=float)) / 4
        got = R.logreg_grad(x, y, w)
        assert np.allclose([float(sp.N(v)) for v in got], want)
    # wᵀx = ln 3 gives σ = 3/4 exactly
    g = R.logreg_grad(Vec([sp.log(3), 1]), 1, Vec([1, 0]))
    assert g == Vec([-sp.log(3) / 4, F(-1, 4)])

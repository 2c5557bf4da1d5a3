"""optim: exact GD/momentum/Newton steps vs closed forms; Adam vs numpy; minimize vs analytic."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from quizmath.core.engine import optim as O
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, Vec

x, y = sp.symbols("x y")
RNG = random.Random(23)


def q(v: sp.Rational) -> F:
    return F(int(v.p), int(v.q))


def test_gd_on_a_1d_quadratic_follows_the_contraction_factor() -> None:
    for _ in range(30):
        a, c, d = RNG.choice([1, 2, 3]), RNG.randint(-5, 5), RNG.randint(-3, 3)
        x0, lr, k = RNG.randint(-5, 5), RNG.choice([F(1, 10), F(1, 4), F(1, 2)]), RNG.randint(0, 5)
        f = a * (x - c) ** 2 + d
        want = c + (1 - 2 * a * lr) ** k * (x0 - c)  # x_k − c = (1 − 2aη)^k (x0 − c)
        got = O.gd_steps(f, x, x0, lr, k)
        assert got == want and type(got) in (int, F)
        path = O.gd_path(f, x, x0, lr, k)
        assert list(path) == [c + (1 - 2 * a * lr) ** i * (x0 - c) for i in range(k + 1)]
    assert O.gd_step(2 * (x - 3) ** 2 + 1, x, 5, F(1, 10)) == F(21, 5)


def test_gd_in_2d_matches_a_hand_loop_with_sympy() -> None:
    for _ in range(15):
        f = RNG.randint(1, 3) * x**2 + RNG.randint(1, 3) * y**2 + RNG.randint(-2, 2) * x * y
        start = [RNG.randint(-4, 4), RNG.randint(-4, 4)]
        lr = sp.Rational(1, RNG.choice([4, 10, 20]))
        k = RNG.randint(1, 3)
        p = [sp.Integer(v) for v in start]
        for _ in range(k):
            g = [sp.diff(f, v).subs({x: p[0], y: p[1]}) for v in (x, y)]
            p = [p[0] - lr * g[0], p[1] - lr * g[1]]
        got = O.gd_steps(f, Vec([x, y]), Vec(start), q(lr), k)
        assert list(got) == [q(v) for v in p]
        path = O.gd_path(f, Vec([x, y]), Vec(start), q(lr), k)
        assert isinstance(path, Mat) and path.shape == (k + 1, 2) and path.row(-1) == got
    with pytest.raises(LimitError):
        O.gd_steps(x**2, x, 1, F(1, 10), 10_000)
    with pytest.raises(ExprEvalError, match="2 variables but x0 has 3"):
        O.gd_step(x**2 + y**2, Vec([x, y]), Vec([1, 2, 3]), F(1, 10))


def test_momentum_matches_a_hand_loop() -> None:
    for _ in range(15):
        f = RNG.randint(1, 3) * x**2 + RNG.randint(-3, 3) * x
        x0, lr, beta = F(RNG.randint(-4, 4)), F(1, 10), RNG.choice([F(1, 2), F(9, 10)])
        k = RNG.randint(1, 4)
        pos, vel = x0, F(0)
        for _ in range(k):
            grad = q(sp.diff(f, x).subs(x, sp.Rational(pos.numerator, pos.denominator)))
            vel = beta * vel + grad
            pos = pos - lr * vel
        assert O.momentum_steps(f, x, x0, lr, beta, k) == pos
        assert O.momentum_path(f, x, x0, lr, beta, k)[-1] == pos


def test_adam_matches_a_numpy_implementation() -> None:
    f = (x - 1) ** 2 + 3 * (y + 2) ** 2
    start = np.array([3.0, 1.0])
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    p, m, v = start.copy(), np.zeros(2), np.zeros(2)
    for t in range(1, 6):
        g = np.array([2 * (p[0] - 1), 6 * (p[1] + 2)])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    got = O.adam_steps(f, Vec([x, y]), Vec([3, 1]), F(1, 10), 5)
    assert np.allclose([float(c) for c in got], p, rtol=1e-12)
    # the first bias-corrected step is ≈ lr·sign(g)
    assert O.adam_steps(x**2, x, 3, 0.1) == pytest.approx(2.9, abs=1e-6)


def test_newton_steps() -> None:
    for _ in range(15):
        a, b, c = RNG.randint(1, 3), RNG.randint(-2, 2), RNG.randint(1, 3)
        if 4 * a * c - b * b <= 0:
            continue
        d, e = RNG.randint(-5, 5), RNG.randint(-5, 5)
        f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
        minimizer = sp.solve([sp.diff(f, x), sp.diff(f, y)], [x, y])
        want = Vec([q(minimizer[x]), q(minimizer[y])])
        start = Vec([RNG.randint(-5, 5), RNG.randint(-5, 5)])
        assert O.newton_step(f, Vec([x, y]), start) == want  # one step on a quadratic
        assert O.argmin_quadratic(f, Vec([x, y])) == want
    f = x**3 - 3 * x
    assert O.newton_step(f, x, 2) == 2 - F(3 * 4 - 3, 6 * 2)
    assert O.newton_steps(f, x, 2, 2) == O.newton_step(f, x, O.newton_step(f, x, 2))
    with pytest.raises(ExprEvalError, match="singular"):
        O.newton_step(x**3, x, 0)


def test_argmin_quadratic_errors() -> None:
    assert O.argmin_quadratic(2 * (x - 3) ** 2, x) == 3
    with pytest.raises(ExprEvalError, match="not a quadratic"):
        O.argmin_quadratic(x**4, x)
    with pytest.raises(ExprEvalError, match="not positive definite"):
        O.argmin_quadratic(x**2 - y**2, Vec([x, y]))


@pytest.mark.parametrize(("a", "b"), [(1, 10), (2, 5), (-1, 3), (F(1, 2), 20)])
def test_minimize_finds_the_analytic_minimizer(a: object, b: int) -> None:
    f = (x - a) ** 2 + b * (y - x**2) ** 2  # minimizer (a, a²)
    got = O.minimize(f, Vec([x, y]), Vec([0, 0]))
    assert all(type(v) is float for v in got)
    assert [v for v in got] == pytest.approx([float(a), float(a) ** 2], abs=1e-6)


def test_minimize_one_variable_and_functions() -> None:
    got = O.minimize(sp.exp(x) - 2 * x, x, 0)  # minimum at ln 2
    assert got == pytest.approx(float(sp.log(2)), abs=1e-7)
    xr, yr = sp.symbols("xr yr", real=True)
    got = O.minimize(sp.cosh(xr - 1) + sp.tanh(yr - 2) ** 2, Vec([xr, yr]), Vec([3, 0]))
    assert list(got) == pytest.approx([1.0, 2.0], abs=1e-6)


def test_compile_float_walks_the_tree_like_evalf() -> None:
    xr, yr = sp.symbols("xr yr", real=True)
    exprs = [
        sp.Abs(xr - yr) + sp.sign(xr) * sp.exp(-(yr**2)) / (1 + xr**2),
        sp.log(1 + sp.exp(xr)) - sp.sqrt(yr**2 + 1) + sp.pi * sp.atan(xr * yr),
        sp.Max(0, xr) + sp.Min(yr, 1) + sp.Heaviside(xr) + sp.sin(xr) * sp.cos(yr) ** 3,
    ]
    for e in exprs:
        f = O.compile_float(e, [xr, yr])
        for _ in range(10):
            p = [RNG.uniform(-3, 3), RNG.uniform(-3, 3)]
            want = float(e.subs({xr: p[0], yr: p[1]}).evalf(30))
            assert f(p) == pytest.approx(want, rel=1e-12, abs=1e-12)
    with pytest.raises(ExprEvalError, match="cannot evaluate"):
        O.compile_float(sp.gamma(xr), [xr])

"""calculus: derivatives, substitution, Taylor, finite differences, critical points vs sympy."""

from __future__ import annotations

import random
from fractions import Fraction as F

import pytest
import sympy as sp

from quizmath.core.engine import calculus as C
from quizmath.core.engine import polynomials as PN
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import Mat, ValueSet, Vec

x, y, z = sp.symbols("x y z")
RNG = random.Random(17)


def rand_poly(vars_: list[sp.Symbol], degree: int = 3) -> sp.Expr:
    terms = []
    for _ in range(5):
        mono = sp.Integer(RNG.randint(-4, 4))
        for v in vars_:
            mono *= v ** RNG.randint(0, degree)
        terms.append(mono)
    return sp.Add(*terms)


FUNCS = [
    x**2 * y + sp.exp(x * y),
    sp.log(x**2 + y**2),
    sp.sin(x) * sp.cos(y),
    (3 * x - 2 * y) ** 2,
    1 / (1 + sp.exp(-(2 * x + y))),
]


@pytest.mark.parametrize("f", FUNCS)
def test_grad_hessian_jacobian_match_sympy(f: sp.Expr) -> None:
    v = Vec([x, y])
    assert list(C.grad(f, v)) == [sp.diff(f, x), sp.diff(f, y)]
    h = C.hessian(f, v)
    assert sp.Matrix(h.rows) == sp.hessian(f, (x, y))
    jac = C.jacobian(Vec([f, x * y]), v)
    assert sp.Matrix(jac.rows) == sp.Matrix([f, x * y]).jacobian([x, y])


def test_diff_orders_and_vectors() -> None:
    for _ in range(20):
        f = rand_poly([x])
        n = RNG.randint(0, 4)
        assert C.diff(f, x, n) == sp.diff(f, x, n)
    assert C.diff(Vec([x**2, sp.sin(x)]), x) == Vec([2 * x, sp.cos(x)])
    assert C.diff(5, x) == 0
    with pytest.raises(LimitError):
        C.diff(x, x, 100)
    with pytest.raises(ExprEvalError, match="symbol"):
        C.diff(x**2, 3)


def test_subs_and_evaluations_are_exact() -> None:
    for _ in range(30):
        f = rand_poly([x, y])
        p = Vec([F(RNG.randint(-5, 5), RNG.randint(1, 4)), RNG.randint(-3, 3)])
        want = (
            f.subs({x: sp.Rational(p[0]), y: p[1]})
            if isinstance(p[0], int)
            else f.subs({x: sp.Rational(p[0].numerator, p[0].denominator), y: p[1]})
        )
        got = C.subs(f, Vec([x, y]), p)
        assert type(got) in (int, F) and sp.Rational(F(got).numerator, F(got).denominator) == want
        g = C.grad_at(f, Vec([x, y]), p)
        assert all(type(c) in (int, F) for c in g)
        h = C.hessian_at(f, Vec([x, y]), p)
        assert all(type(c) in (int, F) for c in h.entries())
    assert C.subs(x**2, x, 3) == 9
    assert C.subs(sp.exp(x), x, 0) == 1
    assert C.subs(x**2, x, 1.5) == 2.25 and type(C.subs(x**2, x, 1.5)) is float
    assert C.subs(Mat([[x, y]]), Vec([x, y]), Vec([1, 2])) == Mat([[1, 2]])
    assert C.jacobian_at(Vec([x**2 * y, x + 3 * y]), Vec([x, y]), Vec([1, 2])) == Mat(
        [[4, 1], [1, 3]]
    )
    with pytest.raises(ExprEvalError, match="2 variables but 3 values"):
        C.subs(x, Vec([x, y]), Vec([1, 2, 3]))
    with pytest.raises(ExprEvalError, match="undefined"):
        C.subs(1 / x, x, 0)


def test_directional_derivative_uses_a_unit_direction() -> None:
    f = x**2 + 3 * x * y
    got = C.directional_derivative(f, Vec([x, y]), Vec([1, 2]), Vec([3, 4]))
    assert got == F(8 * 3 + 3 * 4, 5)


@pytest.mark.parametrize(
    ("f", "a"),
    [
        (sp.exp(x), 0),
        (sp.log(1 + x), 0),
        (sp.sin(x), 0),
        (sp.cos(x), 1),
        (1 / (1 - x), 0),
        (x**3 - 2 * x, -1),
        (sp.log(x), 1),
    ],
)
def test_taylor_matches_sympy_series(f: sp.Expr, a: int) -> None:
    for n in (0, 1, 2, 3, 4):
        got = C.taylor(f, x, a, n)
        want = sp.series(f, x, a, n + 1).removeO()
        assert sp.expand(got - want) == 0


def test_algebra_helpers() -> None:
    assert C.expand((x + 1) ** 2) == x**2 + 2 * x + 1
    assert C.factor(x**2 - 1) == (x - 1) * (x + 1)
    assert C.simplify((x**2 - 1) / (x - 1)) == x + 1
    assert C.simplify(sp.exp(x) * sp.exp(2 * x)) == sp.exp(3 * x)
    assert C.simplify(1 / (sp.sqrt(2) + 1)) == sp.sqrt(2) - 1
    assert C.cancel((x**2 + 2 * x + 1) / (x + 1)) == x + 1
    assert PN.coeff(3 * x**2 + 2 * x, x, 2) == 3 and PN.degree(3 * x**2 + 2, x) == 2
    assert PN.roots(x**2 - 5 * x + 6, x) == ValueSet([2, 3])
    assert PN.roots(x**2 + 1, x) == ValueSet([])
    assert PN.roots(x**2 - 2, x) == ValueSet([sp.sqrt(2), -sp.sqrt(2)])
    with pytest.raises(ExprEvalError, match="not a polynomial"):
        PN.roots(sp.exp(x), x)
    with pytest.raises(LimitError, match="too large to multiply out"):
        C.expand((x + y + z) ** 40)
    big = sp.Add(*(x**k * sp.sin(k * x) for k in range(200)))
    with pytest.raises(LimitError):
        C.simplify(big)
    # never sympy's simplify: a 50-node expression it takes seconds on is done at once
    slow = sp.Add(*(k * sp.exp(k * x) * sp.sin(y) ** k / (x**k + k) for k in range(1, 5)))
    out = C.simplify(slow)
    point = {x: sp.Rational(1, 3), y: sp.Rational(2, 7)}
    assert abs(sp.N((out - slow).subs(point), 30)) < 1e-20


def test_numdiff_exact_central_forward_backward() -> None:
    for _ in range(30):
        f = rand_poly([x], 4)
        x0 = F(RNG.randint(-3, 3), RNG.randint(1, 3))
        h = F(1, RNG.choice([2, 10, 100]))

        def at(t: F, f: sp.Expr = f) -> sp.Rational:
            return f.subs(x, sp.Rational(t.numerator, t.denominator))

        central = (at(x0 + h) - at(x0 - h)) / (2 * sp.Rational(h.numerator, h.denominator))
        forward = (at(x0 + h) - at(x0)) / sp.Rational(h.numerator, h.denominator)
        backward = (at(x0) - at(x0 - h)) / sp.Rational(h.numerator, h.denominator)
        assert C.numdiff(f, x, x0, h) == central
        assert C.numdiff(f, x, x0, h, "forward") == forward
        assert C.numdiff(f, x, x0, h, "backward") == backward
    # central differences are exact for quadratics; forward ones are off by a·h
    assert C.numdiff(3 * x**2, x, 2, F(1, 10)) == 12
    assert C.numdiff(3 * x**2, x, 2, F(1, 10), "forward") == 12 + F(3, 10)
    assert C.numdiff(x**3, x, 1, 0.1, "forward") == pytest.approx(3.31)
    with pytest.raises(ExprEvalError, match="method"):
        C.numdiff(x, x, 0, F(1, 10), "sideways")


def test_critical_points_and_classification() -> None:
    for _ in range(20):
        r1, r2 = RNG.sample(range(-4, 5), 2)
        f = sp.integrate(3 * (x - r1) * (x - r2), x)  # f' has integer roots r1, r2
        pts = PN.critical_points(f, x)
        assert pts == ValueSet([r1, r2])
        for r in (r1, r2):
            want = "minimum" if sp.diff(f, x, 2).subs(x, r) > 0 else "maximum"
            assert PN.classify_critical(f, x, r) == want
    # 2-D quadratic with an integer critical point
    for _ in range(20):
        a, c = RNG.choice([1, 2, -1, -2]), RNG.choice([1, 2, -1, -2])
        b = RNG.randint(-3, 3)
        px, py = RNG.randint(-3, 3), RNG.randint(-3, 3)
        f = a * (x - px) ** 2 + b * (x - px) * (y - py) + c * (y - py) ** 2
        d = 4 * a * c - b * b
        if d == 0:
            with pytest.raises(ExprEvalError, match="infinitely many"):
                PN.critical_points(f, Vec([x, y]))
            continue
        assert PN.critical_points(f, Vec([x, y])) == ValueSet([Vec([px, py])])
        want = "saddle point" if d < 0 else ("minimum" if a > 0 else "maximum")
        assert PN.classify_critical(f, Vec([x, y]), Vec([px, py])) == want
    assert PN.classify_critical(x**4, x, 0) == "inconclusive"
    assert PN.classify_critical(x**2 * y**2, Vec([x, y]), Vec([0, 0])) == "inconclusive"
    with pytest.raises(ExprEvalError, match="gradient"):
        PN.classify_critical(x**2, x, 1)
    with pytest.raises(ExprEvalError, match="polynomial"):
        PN.critical_points(sp.exp(x) - x, x)


def _numeric_critical_points(f: sp.Expr) -> list[tuple[float, float]]:
    """Every real critical point in [-6, 6]² that Newton's method finds from a grid (scipy)."""
    from scipy.optimize import fsolve

    terms = [
        [(float(c), i, j) for (i, j), c in sp.Poly(sp.diff(f, v), x, y).terms()] for v in (x, y)
    ]

    def grad(p: list[float]) -> list[float]:
        return [sum(c * p[0] ** i * p[1] ** j for c, i, j in t) for t in terms]

    found: list[tuple[float, float]] = []
    for sx in range(-5, 6, 2):
        for sy in range(-5, 6, 2):
            sol, _, ok, _ = fsolve(grad, [sx + 0.1, sy - 0.2], full_output=True)
            good = ok == 1 and max(abs(v) for v in grad(list(sol))) < 1e-9 and max(abs(sol)) < 6
            if good and all(abs(sol[0] - a) + abs(sol[1] - b) > 1e-6 for a, b in found):
                found.append((float(sol[0]), float(sol[1])))
    return found


def test_cubic_critical_points_in_2d_are_exact_and_complete() -> None:
    rng = random.Random(5)
    answered = 0
    for _ in range(12):
        terms = [(a, b) for a in range(4) for b in range(4) if 0 < a + b <= 3]
        f = sum(rng.randint(-4, 4) * x**a * y**b for a, b in rng.sample(terms, rng.randint(3, 6)))
        try:
            pts = PN.critical_points(f, Vec([x, y]))
        except ExprEvalError as exc:
            assert "irrational" in str(exc) or "infinitely many" in str(exc)
            continue
        answered += 1
        for p in pts:
            assert all(v == 0 for v in C.grad_at(f, Vec([x, y]), p))  # exactly critical
        numeric = _numeric_critical_points(f)
        for a, b in numeric:  # nothing is missed
            assert any(abs(float(p[0]) - a) + abs(float(p[1]) - b) < 1e-6 for p in pts)
    assert answered >= 3
    assert PN.critical_points(x**3 - 3 * x * y + y**3, Vec([x, y])) == ValueSet(
        [Vec([0, 0]), Vec([1, 1])]
    )
    assert PN.classify_critical(x**3 - 3 * x * y + y**3, Vec([x, y]), Vec([1, 1])) == "minimum"
    assert PN.classify_critical(x**3 - 3 * x * y + y**3, Vec([x, y]), Vec([0, 0])) == (
        "saddle point"
    )


def test_critical_points_three_variables_and_refusals() -> None:
    f = x**2 + y**2 + z**2 - 2 * x + 4 * z
    assert PN.critical_points(f, Vec([x, y, z])) == ValueSet([Vec([1, 0, -2])])
    assert PN.critical_points(x**2 + y, Vec([x, y])) == ValueSet([])
    assert PN.critical_points(x**4 - 2 * x**2, x) == ValueSet([0, 1, -1])
    assert PN.critical_points(x**3 - 6 * x, x) == ValueSet([sp.sqrt(2), -sp.sqrt(2)])
    with pytest.raises(ExprEvalError, match="cube roots"):
        PN.critical_points(x**4 / 4 - x**2 - 5 * x, x)  # f' = x³ − 2x − 5
    with pytest.raises(ExprEvalError, match="cube roots"):
        PN.roots(x**3 - 2 * x - 5, x)
    with pytest.raises(ExprEvalError, match="degree"):
        PN.critical_points(x**4 + y**4, Vec([x, y]))
    assert PN.roots(x**4 - 5 * x**2 + 6, x) == ValueSet(
        [sp.sqrt(2), -sp.sqrt(2), sp.sqrt(3), -sp.sqrt(3)]
    )

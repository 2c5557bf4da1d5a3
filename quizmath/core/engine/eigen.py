"""Eigenvalues, eigenvectors, characteristic polynomials, singular values and definiteness.

For rational matrices the characteristic polynomial comes from Faddeev–LeVerrier in exact
fractions; its rational roots are found exactly (numeric approximations rounded to candidates
and then verified by exact evaluation), a leftover quadratic is solved by formula, and only a
leftover irreducible cubic or quartic goes to sympy. Integer-eigenvalue matrices, which is
what templates build, never import sympy.
"""

from __future__ import annotations

import cmath
import itertools
import math
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import (
    is_rational,
    matrix,
    sign,
    sp,
    sqrt_value,
    square,
    tidy,
    to_sympy_value,
)
from quizmath.core.engine.linalg import (
    integer_scaled,
    mat_kind,
    nullspace_vectors,
    to_sym,
)
from quizmath.core.engine.matrices import is_symmetric, is_triangular
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    ValueSet,
    Vec,
    canon,
    div,
    equal,
    is_symbolic,
    is_zero,
    matmul,
    mul,
    sub,
)

MAX_EIGEN = 4  # eigenvalues by formula or sympy: at most 4×4 (triangular: up to 8×8)
MAX_TRIANGULAR = 8

# ------------------------------------------------------------------- characteristic polynomial


def _faddeev(a: Mat) -> list[Scalar]:
    """Coefficients [1, c₁, …, cₙ] of det(λI − A) by Faddeev–LeVerrier (exact for fractions)."""
    kind = mat_kind(a)
    if kind == "s":
        lam = sp().Dummy("lam")
        return [tidy(c) for c in to_sym(a).charpoly(lam).all_coeffs()]
    if kind == "q":
        # Scale to an integer matrix B = L·A: Faddeev–LeVerrier then stays in ints (every
        # division by k is exact), and c_k(A) = c_k(B)/L^k.
        scale = math.lcm(*(Fraction(x).denominator for x in a.entries()))
        ints = [[int(x * scale) for x in r] for r in a.rows]
        coeffs = _faddeev_rows(ints, exact=True)
        return [canon(Fraction(c, scale**k)) for k, c in enumerate(coeffs)]
    return [canon(c) for c in _faddeev_rows([[float(x) for x in r] for r in a.rows], False)]


def _faddeev_rows(rows: list[list[Any]], exact: bool) -> list[Any]:
    n = len(rows)
    coeffs: list[Any] = [1]
    m: list[list[Any]] = [[0] * n for _ in range(n)]
    for k in range(1, n + 1):
        # M_k = A·M_{k−1} + c_{k−1}·I, then c_k = −tr(A·M_k)/k
        c_prev = coeffs[-1]
        m = [
            [
                sum(rows[i][t] * m[t][j] for t in range(n)) + (c_prev if i == j else 0)
                for j in range(n)
            ]
            for i in range(n)
        ]
        tr = sum(sum(rows[i][t] * m[t][i] for t in range(n)) for i in range(n))
        if exact:
            c, rem = divmod(-tr, k)
            if rem:  # cannot happen for integer matrices (Newton's identities)
                raise ExprEvalError("charpoly: internal error (inexact division)")
            coeffs.append(c)
        else:
            coeffs.append(-tr / k)
    return coeffs


@builtin("charpoly_coeffs(A)", "linear algebra")
def charpoly_coeffs(a: Value) -> Vec:
    """Coefficients [1, c₁, …, cₙ] of det(λI − A), highest power first (2×2: [1, −tr, det])."""
    return Vec(_faddeev(square(a, "charpoly_coeffs", 8)))


@builtin("charpoly(A, symbol=lamda)", "linear algebra")
def charpoly(a: Value, symbol: Any = None) -> Scalar:
    """The characteristic polynomial det(λI − A) in the given symbol (default λ)."""
    m = square(a, "charpoly", 8)
    s = sp()
    lam = s.Symbol("lamda") if symbol is None else symbol
    if not (is_symbolic(lam) and lam.is_Symbol):
        raise ExprEvalError("charpoly: the second argument must be a declared symbol")
    coeffs = _faddeev(m)
    n = len(coeffs) - 1
    return canon(s.Add(*(to_sympy_value(c) * lam ** (n - k) for k, c in enumerate(coeffs))))


# ---------------------------------------------------------------------------- polynomial roots


def _horner(coeffs: list[Any], x: Any) -> Any:
    acc = coeffs[0] * 0
    for c in coeffs:
        acc = acc * x + c
    return acc


def _deflate(coeffs: list[Fraction], r: Fraction) -> list[Fraction]:
    out = [coeffs[0]]
    for c in coeffs[1:-1]:
        out.append(c + out[-1] * r)
    return out


def _approx_roots(coeffs: list[Fraction]) -> list[complex]:
    """Durand–Kerner on a monic polynomial: cheap approximations used only to guess candidates."""
    c = [complex(x) for x in coeffs]
    n = len(c) - 1
    radius = 1 + max(abs(x) for x in c[1:])
    z = [radius * cmath.exp(2j * math.pi * k / n + 0.4j) for k in range(n)]
    for _ in range(300):
        moved = 0.0
        for i in range(n):
            den = 1 + 0j
            for j in range(n):
                if j != i:
                    den *= z[i] - z[j]
            step = _horner(c, z[i]) / (den if den != 0 else 1e-30)
            z[i] -= step
            moved = max(moved, abs(step))
        if moved < 1e-13 * radius:
            break
    return z


def _rational_candidates(approx: complex, lead: int) -> list[Fraction]:
    if abs(approx.imag) > 1e-3 * max(1.0, abs(approx)):
        return []
    qs = [q for q in range(1, min(lead, 1000) + 1) if lead % q == 0]
    return [Fraction(round(approx.real * q), q) for q in qs]


def _quadratic_roots(b: Fraction, c: Fraction) -> list[Scalar]:
    """Roots of λ² + bλ + c, exact (radicals, or complex radicals with i)."""
    disc = b * b - 4 * c
    r = sqrt_value(disc) if disc >= 0 else canon(sp().I * to_sympy_value(sqrt_value(-disc)))
    half_b = canon(-b / 2)
    from quizmath.core.values import add

    return [add(half_b, div(r, 2)), sub(half_b, div(r, 2))]


def _divisors(n: int) -> list[int] | None:
    """Positive divisors of n > 0 in increasing order, or None when n is too big to factor."""
    if n > 10**8:
        return None
    small, large = [], []
    d = 1
    while d * d <= n:
        if n % d == 0:
            small.append(d)
            if d * d != n:
                large.append(n // d)
        d += 1
    return small + large[::-1]


def _integer_roots(q: list[int]) -> tuple[list[int], list[int]] | None:
    """Integer roots (with multiplicity) of a monic integer polynomial with q[-1] ≠ 0.

    Returns (roots, the deflated polynomial), or None when the constant is too large.
    """
    divs = _divisors(abs(q[-1]))
    if divs is None:
        return None
    bound = 1 + max(abs(c) for c in q[1:])  # Cauchy: every root has |t| ≤ bound
    roots: list[int] = []
    for d in divs:
        if d > bound:
            break
        for t in (d, -d):
            while len(q) > 1 and _horner(q, t) == 0:
                roots.append(t)
                q = _deflate(q, t)  # type: ignore[arg-type]
    return roots, q


def rational_poly_roots(coeffs: list[Fraction], fn: str = "eigenvalues") -> list[Scalar]:
    """All roots, with multiplicity, of a monic polynomial with rational coefficients."""
    coeffs = [Fraction(c) for c in coeffs]
    roots: list[Scalar] = []
    while len(coeffs) > 1 and coeffs[-1] == 0:  # zero roots
        roots.append(0)
        coeffs = coeffs[:-1]
    if len(coeffs) > 3:
        # x = t/L turns p into a monic integer polynomial q(t) = Lⁿp(t/L), whose rational
        # roots are integers dividing its constant term: an exact, finite search.
        scale = math.lcm(*(c.denominator for c in coeffs))
        q = [int(c * scale**k) for k, c in enumerate(coeffs)]
        found = _integer_roots(q)
        if found is not None:
            ints, rest = found
            roots.extend(canon(Fraction(t, scale)) for t in ints)
            coeffs = [Fraction(c, scale**k) for k, c in enumerate(rest)]
        else:
            coeffs = _numeric_guess_roots(coeffs, scale, roots)
    if len(coeffs) == 2:
        roots.append(canon(-coeffs[1]))
    elif len(coeffs) == 3:
        roots.extend(_quadratic_roots(coeffs[1], coeffs[2]))
    elif len(coeffs) > 3:
        roots.extend(_factored_roots(coeffs, fn))
    return roots


def _no_closed_form(poly: Any, fn: str) -> ExprEvalError:
    if fn not in ("critical_points", "roots"):
        shown = poly.as_expr().subs(poly.gens[0], sp().Symbol("λ"))
        return ExprEvalError(
            f"{fn}: the characteristic polynomial has the factor {shown}, whose roots are not "
            "hand-computable (cube roots); use float(A) for numeric eigenvalues"
        )
    shown = poly.as_expr().subs(poly.gens[0], sp().Symbol("x"))
    return ExprEvalError(f"{fn}: the roots of {shown} are not hand-computable (cube roots)")


def _factored_roots(coeffs: list[Fraction], fn: str) -> list[Scalar]:
    """Roots of a rational polynomial without rational roots, when it splits into quadratics.

    A cubic without rational roots is irreducible; a quartic may be a product of two
    quadratics. Cardano-style closed forms are refused: they take sympy seconds to compare
    and no learner can compute them by hand.
    """
    s = sp()
    x = s.Dummy("x")
    poly = s.Poly([s.Rational(c.numerator, c.denominator) for c in coeffs], x)
    if len(coeffs) == 4:
        raise _no_closed_form(poly, fn)
    out: list[Scalar] = []
    for factor, mult in poly.factor_list()[1]:
        if factor.degree() > 2:
            raise _no_closed_form(factor, fn)
        c = [Fraction(int(v.p), int(v.q)) for v in factor.monic().all_coeffs()]
        found = [canon(-c[1])] if len(c) == 2 else _quadratic_roots(c[1], c[2])
        out.extend(found * mult)
    return out


def _numeric_guess_roots(coeffs: list[Fraction], lead: int, roots: list[Scalar]) -> list[Fraction]:
    """Rational roots guessed from numeric approximations and verified exactly (huge constants)."""
    found = True
    while len(coeffs) > 3 and found:
        found = False
        for approx in _approx_roots(coeffs):
            for cand in _rational_candidates(approx, lead):
                if _horner(coeffs, cand) == 0:
                    roots.append(canon(cand))
                    coeffs = _deflate(coeffs, cand)
                    found = True
                    break
            if found:
                break
    return coeffs


def _key(x: Scalar) -> tuple[float, float]:
    z = complex(x.evalf(20)) if is_symbolic(x) else complex(x)
    return (-round(z.real, 9), -round(z.imag, 9))


def eigvals_list(a: Mat, fn: str = "eigenvalues") -> list[Scalar]:
    """Eigenvalues with multiplicity, largest real part first."""
    n = a.shape[0]
    if is_triangular(a):
        if n > MAX_TRIANGULAR:
            raise LimitError(f"{fn}: matrices larger than 8×8 are not supported")
        vals = [a.rows[i][i] for i in range(n)]
        return sorted(vals, key=_key)
    if n > MAX_EIGEN:
        raise LimitError(f"{fn}: matrices larger than 4×4 are not supported (unless triangular)")
    kind = mat_kind(a)
    if kind == "f":
        import numpy as np

        out: list[Scalar] = []
        for z in np.linalg.eigvals(np.array(a.rows, dtype=float)):
            z = complex(z)
            if abs(z.imag) <= 1e-12 * max(1.0, abs(z)):
                out.append(float(z.real))
            else:
                out.append(canon(sp().Float(z.real) + sp().I * sp().Float(z.imag)))
        return sorted(out, key=_key)
    if kind == "q":
        return sorted(rational_poly_roots(_faddeev(a), fn), key=_key)  # type: ignore[arg-type]
    # Symbolic or irrational entries: factor the characteristic polynomial with sympy and
    # accept only factors of degree ≤ 2, as for rational matrices.
    _check_symbolic_eigen(a, fn)
    s = sp()
    lam = s.Symbol("λ")
    found = s.roots(to_sym(a).charpoly(lam).as_expr(), lam)
    vals: list[Scalar] = [tidy(r) for r, mult in found.items() for _ in range(mult)]
    if len(vals) != n or any(_has_cube_root(v) for v in vals):
        raise ExprEvalError(f"{fn}: the eigenvalues have no hand-computable closed form")
    if any(v.free_symbols for v in vals if is_symbolic(v)):
        return vals
    return sorted(vals, key=_key)


def _has_cube_root(x: Scalar) -> bool:
    if not is_symbolic(x):
        return False
    return any(p.exp.is_Rational and p.exp.q > 2 for p in x.atoms(sp().Pow))


def _check_symbolic_eigen(a: Mat, fn: str) -> None:
    if any(is_symbolic(x) and x.free_symbols for x in a.entries()) and a.shape[0] > 3:
        raise LimitError(f"{fn}: matrices with variables must be at most 3×3")


@builtin("eigenvalues(A)", "linear algebra")
def eigenvalues(a: Value) -> ValueSet:
    """The set of eigenvalues, exact (closed form up to 4×4; triangular up to 8×8)."""
    return ValueSet(eigvals_list(square(a, "eigenvalues")))


@builtin("eigvals(A)", "linear algebra")
def eigvals(a: Value) -> Vec:
    """The eigenvalues with multiplicity as a vector, largest first, exact."""
    return Vec(eigvals_list(square(a, "eigvals"), "eigvals"))


# ------------------------------------------------------------------------------ eigenvectors


def _eigenspace(a: Mat, lam: Scalar, fn: str) -> list[list[Scalar]]:
    n = a.shape[0]
    shifted = Mat(
        [sub(a.rows[i][j], lam) if i == j else a.rows[i][j] for j in range(n)] for i in range(n)
    )
    if n == 2 and mat_kind(a) != "f" and not is_rational(lam):
        # Closed form for an irrational λ of a 2×2: (A − λI)(2b, 2λ − 2a) = 0 when b ≠ 0.
        (p, q), (r, s) = shifted.rows
        if not is_zero(canon(to_sympy_value(p) * s - to_sympy_value(q) * r)):
            return []
        if not is_zero(q):
            return [integer_scaled([mul(2, q), mul(-2, p)])]
        if not is_zero(r):
            return [integer_scaled([mul(-2, s), mul(2, r)])]
    return nullspace_vectors(shifted, fn)


def _basis_or_error(a: Mat, lam: Scalar, fn: str) -> list[list[Scalar]]:
    basis = _eigenspace(a, lam, fn)
    if not basis:
        raise ExprEvalError(f"{fn}: {lam} is not an eigenvalue of the matrix")
    return basis


@builtin("eigenvector(A, lam)", "linear algebra")
def eigenvector(a: Value, lam: Value) -> Vec:
    """An eigenvector for eigenvalue lam (smallest integer entries; first basis vector)."""
    m = square(a, "eigenvector", MAX_TRIANGULAR)
    return Vec(_basis_or_error(m, lam, "eigenvector")[0])


@builtin("eigenspace(A, lam)", "linear algebra")
def eigenspace(a: Value, lam: Value) -> Mat:
    """A basis of the eigenspace null(A − λI), as the columns of a matrix."""
    m = square(a, "eigenspace", MAX_TRIANGULAR)
    return Mat(zip(*_basis_or_error(m, lam, "eigenspace"), strict=True))


def _eigenvector_columns(m: Mat, fn: str) -> list[list[Scalar]]:
    vals = eigvals_list(m, fn)
    distinct: list[Scalar] = []
    for v in vals:
        if not any(equal(v, d) for d in distinct):
            distinct.append(v)
    return [vec for lam in distinct for vec in _basis_or_error(m, lam, fn)]


@builtin("eigenvectors(A)", "linear algebra")
def eigenvectors(a: Value) -> Mat:
    """Eigenvectors as columns, in the order of eigvals(A) (fewer than n if not diagonalizable)."""
    m = square(a, "eigenvectors")
    return Mat(zip(*_eigenvector_columns(m, "eigenvectors"), strict=True))


@builtin("is_diagonalizable(A)", "linear algebra")
def is_diagonalizable(a: Value) -> bool:
    """True when A has n independent eigenvectors (complex eigenvalues allowed)."""
    m = square(a, "is_diagonalizable")
    return len(_eigenvector_columns(m, "is_diagonalizable")) == m.shape[0]


# ---------------------------------------------------------------------------- singular values


@builtin("singular_values(A)", "linear algebra")
def singular_values(a: Value) -> Vec:
    """The min(m, n) singular values, largest first: square roots of the eigenvalues of AᵀA."""
    m = matrix(a, "singular_values")
    rows, cols = m.shape
    gram = matmul(m.T, m) if cols <= rows else matmul(m, m.T)
    vals = eigvals_list(gram, "singular_values")
    out = []
    for v in vals:
        if type(v) is float:
            out.append(math.sqrt(max(v, 0.0)))
        else:
            out.append(sqrt_value(v if sign(v, "singular_values") > 0 else 0, "singular_values"))
    return Vec(out)


@builtin("cond(A)", "linear algebra")
def cond(a: Value) -> Scalar:
    """The 2-norm condition number σ_max/σ_min, exact."""
    sv = singular_values(a)
    if is_zero(sv[-1]):
        raise ExprEvalError("cond: the matrix is singular (σ_min = 0)")
    return div(sv[0], sv[-1])


# ------------------------------------------------------------------------------- definiteness


def _sign_changes(signs: list[int]) -> int:
    nz = [s for s in signs if s != 0]
    return sum(1 for x, y in itertools.pairwise(nz) if x != y)


@builtin("definiteness(A)", "linear algebra")
def definiteness(a: Value) -> str:
    """'positive definite', 'positive semidefinite', 'negative definite', …, or 'indefinite'."""
    m = square(a, "definiteness", 8)
    if not is_symmetric(m):
        raise ExprEvalError(
            "definiteness: the matrix is not symmetric (use (A + transpose(A))/2 for a form)"
        )
    n = m.shape[0]
    if mat_kind(m) == "f":
        import numpy as np

        lam = np.linalg.eigvalsh(np.array(m.rows, dtype=float))
        tol = 1e-10 * max(1.0, float(np.max(np.abs(lam))))
        pos = int(np.sum(lam > tol))
        neg = int(np.sum(lam < -tol))
    else:
        # A symmetric matrix has only real eigenvalues, so Descartes' rule of signs on its
        # characteristic polynomial counts the positive ones exactly; no roots are needed.
        coeffs = _faddeev(m)
        signs = [sign(c, "definiteness") for c in coeffs]
        zero = next((k for k, s in enumerate(reversed(signs)) if s != 0), n)
        pos = _sign_changes(signs)
        neg = n - zero - pos
    if pos == n:
        return "positive definite"
    if neg == n:
        return "negative definite"
    if neg == 0:
        return "positive semidefinite"
    if pos == 0:
        return "negative semidefinite"
    return "indefinite"

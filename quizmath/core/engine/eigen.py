"""Eigenvalues, eigenvectors, characteristic polynomials, singular values and definiteness.

For rational matrices the characteristic polynomial comes from Faddeev–LeVerrier in exact
fractions; its rational roots are found exactly (numeric approximations rounded to candidates
and then verified by exact evaluation), a leftover quadratic is solved by formula, and only a
leftover irreducible cubic or quartic goes to sympy. Integer-eigenvalue matrices, which is
what templates build, never import sympy.
"""

from __future__ import annotations

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
    to_float,
    to_sympy_value,
)
from quizmath.core.engine._elimination import integer_scaled, mat_kind, nullspace_vectors, to_sym
from quizmath.core.engine._polyroots import rational_poly_roots
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


def _key(x: Scalar) -> tuple[float, float]:
    """Sort key: largest real part first, then largest imaginary part."""
    try:
        z = complex(to_float(x, "eigenvalues"))
    except ExprEvalError:  # complex: i is left to sympy's evalf
        z = complex(x.evalf(20))
    return (-round(z.real, 9), -round(z.imag, 9))


def eigvals_list(a: Mat, fn: str = "eigenvalues") -> list[Scalar]:
    """Eigenvalues with multiplicity, largest real part first."""
    n = a.shape[0]
    if is_triangular(a):
        if n > MAX_TRIANGULAR:
            raise LimitError(f"{fn}: matrices larger than 8×8 are not supported")
        vals: list[Scalar] = [a.rows[i][i] for i in range(n)]
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
        return sorted(rational_poly_roots(_faddeev(a), fn), key=_key)
    # Symbolic or irrational entries: factor the characteristic polynomial with sympy and
    # accept only factors of degree ≤ 2, as for rational matrices.
    _check_symbolic_eigen(a, fn)
    s = sp()
    lam = s.Symbol("λ")
    found = s.roots(to_sym(a).charpoly(lam).as_expr(), lam)
    vals = [tidy(r) for r, mult in found.items() for _ in range(mult)]
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

"""Analytic geometry: norms, angles, projections, Gram–Schmidt, rotations, bases, least squares.

Lengths are exact radicals (‖(1, 1)‖ = √2); projections and least-squares solutions are exact
fractions for rational input.
"""

from __future__ import annotations

import math
from fractions import Fraction

from quizmath.core.engine._common import (
    exact_sum,
    integer,
    is_float,
    matrix,
    number,
    same_length,
    scalars,
    sp,
    sqrt_value,
    square,
    to_sympy_value,
    vector,
)
from quizmath.core.engine._elimination import (
    MAX_DET,
    inv_mat,
    kind_of,
    rank_value,
)
from quizmath.core.engine.matrices import columns, dot
from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    binary,
    canon,
    div,
    is_symbolic,
    is_zero,
    matmul,
    mul,
)

# ------------------------------------------------------------------------------------- norms


def _abs(x: Scalar) -> Scalar:
    return canon(sp().Abs(x)) if is_symbolic(x) else abs(x)


def _sum_squares(xs: list[Scalar]) -> Scalar:
    if kind_of(xs) == "q":
        return canon(sum((x * x for x in xs), start=0))
    return exact_sum(mul(x, x) for x in xs)


def _max_abs(xs: list[Scalar]) -> Scalar:
    from quizmath.core.engine.numbers import max_

    return max_(*[_abs(x) for x in xs])


def _parse_p(p: object, fn: str) -> object:
    """Norm order: 1, 2, 'inf' (also inf, oo) or 'fro'."""
    if p is None:
        return None
    if isinstance(p, str):
        if p in ("inf", "∞", "max"):
            return "inf"
        if p == "fro":
            return "fro"
        raise ExprEvalError(f"{fn}: p must be 1, 2, 'inf' or 'fro', got {p!r}")
    if (type(p) is float and math.isinf(p)) or (is_symbolic(p) and p == sp().oo):
        return "inf"
    k = integer(p, fn, "p")
    if k not in (1, 2):
        raise ExprEvalError(f"{fn}: p must be 1, 2 or 'inf', got {k}")
    return k


@builtin("norm(x, p=2)", "linear algebra")
def norm(x: Value, p: object = None) -> Scalar:
    """Vector p-norm (p = 1, 2, 'inf'), exact; for a matrix the Frobenius norm (p=2: spectral)."""
    order = _parse_p(p, "norm")
    if isinstance(x, Mat):
        if order in (None, "fro"):
            return fro(x)
        if order == 2:
            from quizmath.core.engine.eigen import singular_values

            return singular_values(x)[0]
        rows = x.rows if order == "inf" else list(zip(*x.rows, strict=True))
        return _max_abs([exact_sum(_abs(v) for v in r) for r in rows])
    xs = scalars(x, "norm", "x")
    if order == 1:
        return exact_sum(_abs(v) for v in xs)
    if order == "inf":
        return _max_abs(xs)
    if order == "fro":
        raise ExprEvalError("norm: 'fro' is for matrices")
    return sqrt_value(_sum_squares(xs), "norm")


@builtin("norm1(v)", "linear algebra")
def norm1(v: Value) -> Scalar:
    """The L1 norm Σ|vᵢ|."""
    return norm(v, 1)


@builtin("norminf(v)", "linear algebra")
def norminf(v: Value) -> Scalar:
    """The L∞ norm max|vᵢ|."""
    return norm(v, "inf")


@builtin("fro(A)", "linear algebra")
def fro(a: Value) -> Scalar:
    """The Frobenius norm √(Σ aᵢⱼ²), exact."""
    m = matrix(a, "fro")
    return sqrt_value(_sum_squares(list(m.entries())), "fro")


@builtin("dist(u, v, p=2)", "linear algebra")
def dist(u: Value, v: Value, p: object = None) -> Scalar:
    """The distance ‖u − v‖ in the p-norm (2: Euclidean, 1: Manhattan, 'inf': Chebyshev)."""
    a, b = scalars(u, "dist", "u"), scalars(v, "dist", "v")
    same_length(a, b, "dist")
    return norm(binary("-", Vec(a), Vec(b)), p)


@builtin("unit(v)", "linear algebra")
def unit(v: Value) -> Vec:
    """The unit vector v/‖v‖₂, exact."""
    x = vector(v, "unit")
    n = norm(x)
    if is_zero(n):
        raise ExprEvalError("unit: the zero vector has no direction")
    return Vec(div(t, n) for t in x.items)


@builtin("cos_angle(u, v)", "linear algebra")
def cos_angle(u: Value, v: Value) -> Scalar:
    """The cosine of the angle between u and v: u·v/(‖u‖‖v‖) (cosine similarity), exact."""
    a, b = vector(u, "cos_angle", "u"), vector(v, "cos_angle", "v")
    d = dot(a, b)
    nn = _sum_squares(list(a.items))
    mm = _sum_squares(list(b.items))
    if is_zero(nn) or is_zero(mm):
        raise ExprEvalError("cos_angle: the zero vector has no angle")
    # One square root of the product keeps √2·√8 from appearing as two radicals.
    return div(d, sqrt_value(mul(nn, mm), "cos_angle"))


@builtin("angle(u, v)", "linear algebra")
def angle(u: Value, v: Value) -> Scalar:
    """The angle between u and v in degrees, exact at nice angles (0, 45, 60, 90, 120 …)."""
    c = cos_angle(u, v)
    if is_float(c):
        return math.degrees(math.acos(max(-1.0, min(1.0, c))))
    s = sp()
    return canon(s.acos(to_sympy_value(c)) * 180 / s.pi)


# ------------------------------------------------------------------------------ projections


@builtin("proj(v, u)", "linear algebra")
def proj(v: Value, u: Value) -> Vec:
    """Projection of v onto the line spanned by u: (u·v / u·u)·u, exact."""
    a, b = vector(v, "proj", "v"), vector(u, "proj", "u")
    same_length(list(a.items), list(b.items), "proj")
    uu = dot(b, b)
    if is_zero(uu):
        raise ExprEvalError("proj: cannot project onto the zero vector")
    c = div(dot(a, b), uu)
    return Vec(mul(c, t) for t in b.items)


def _gram_inverse(b: Mat, fn: str) -> Mat:
    if rank_value(b, fn) < b.shape[1]:
        raise ExprEvalError(f"{fn}: the columns of B are dependent (BᵀB is singular)")
    return inv_mat(matmul(b.T, b), fn)


@builtin("proj_matrix(B)", "linear algebra")
def proj_matrix(b: Value) -> Mat:
    """The matrix B(BᵀB)⁻¹Bᵀ projecting onto the column space of B."""
    m = columns(b, "proj_matrix")
    return matmul(matmul(m, _gram_inverse(m, "proj_matrix")), m.T)


@builtin("proj_onto(v, B)", "linear algebra")
def proj_onto(v: Value, b: Value) -> Vec:
    """Projection of v onto the column space of B: B(BᵀB)⁻¹Bᵀv, exact."""
    m = columns(b, "proj_onto")
    x = vector(v, "proj_onto", "v")
    if len(x) != m.shape[0]:
        raise ExprEvalError(f"proj_onto: v has length {len(x)} but B has {m.shape[0]} rows")
    coeffs = matmul(_gram_inverse(m, "proj_onto"), matmul(m.T, x))
    return matmul(m, coeffs)


@builtin("gram_schmidt(B, normalize=true)", "linear algebra")
def gram_schmidt(b: Value, normalize: bool = True) -> Mat:
    """Gram–Schmidt on the columns of B: orthonormal columns (or just orthogonal), exact."""
    m = columns(b, "gram_schmidt")
    out: list[Vec] = []
    for j in range(m.shape[1]):
        w = m.col(j)
        for q in out:  # subtract the projections onto the earlier (unnormalized) vectors
            w = binary("-", w, proj(w, q))
        if all(is_zero(t) for t in w.items):
            raise ExprEvalError(f"gram_schmidt: column {j} depends on the earlier columns")
        out.append(w)
    if normalize:
        out = [unit(w) for w in out]
    return Mat(zip(*(w.items for w in out), strict=True))


# ------------------------------------------------------------------------- maps and bases


@builtin("rotation(theta)", "linear algebra")
def rotation(theta: Value) -> Mat:
    """The 2×2 counter-clockwise rotation by theta degrees; exact at multiples of 15°."""
    t = number(theta, "rotation", "theta")
    if is_float(t):
        r = math.radians(t)
        c, s = math.cos(r), math.sin(r)
    else:
        q = Fraction(t) % 360 if type(t) in (int, Fraction) else None
        table = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}
        if q in table:  # the axis-aligned rotations need no sympy
            c, s = table[int(q)]
        else:
            sym = sp()
            r = to_sympy_value(t) * sym.pi / 180
            c, s = canon(sym.cos(r)), canon(sym.sin(r))
    return Mat([[c, canon(-s) if not is_float(s) else -s], [s, c]])


@builtin("change_basis(A, B)", "linear algebra")
def change_basis(a: Value, b: Value) -> Mat:
    """The matrix of the map A in the basis of B's columns: B⁻¹AB."""
    m = square(a, "change_basis", MAX_DET)
    basis = square(columns(b, "change_basis"), "change_basis", MAX_DET)
    if basis.shape != m.shape:
        raise ExprEvalError(f"change_basis: A is {m.shape[0]}×{m.shape[0]}, B {basis.shape[0]}×…")
    return matmul(matmul(inv_mat(basis, "change_basis"), m), basis)


@builtin("coords(x, B)", "linear algebra")
def coords(x: Value, b: Value) -> Vec:
    """The coordinates of x in the basis of B's columns: B⁻¹x."""
    from quizmath.core.engine.linalg import solve

    basis = square(columns(b, "coords"), "coords", MAX_DET)
    return solve(basis, vector(x, "coords", "x"))


@builtin("lstsq(A, b)", "linear algebra")
def lstsq(a: Value, b: Value) -> Vec:
    """The least-squares solution of Ax ≈ b from the normal equations (AᵀA)⁻¹Aᵀb, exact."""
    m = matrix(a, "lstsq", "A")
    rhs = vector(b, "lstsq", "b")
    if len(rhs) != m.shape[0]:
        raise ExprEvalError(f"lstsq: A has {m.shape[0]} rows but b has {len(rhs)}")
    if rank_value(m, "lstsq") < m.shape[1]:
        raise ExprEvalError("lstsq: the columns of A are dependent (AᵀA is singular)")
    return matmul(inv_mat(matmul(m.T, m), "lstsq"), matmul(m.T, rhs))


@builtin("pinv(A)", "linear algebra")
def pinv(a: Value) -> Mat:
    """The Moore–Penrose pseudoinverse A⁺, exact."""
    m = matrix(a, "pinv")
    rows, cols = m.shape
    r = rank_value(m, "pinv")
    if r == cols:  # full column rank: (AᵀA)⁻¹Aᵀ
        return matmul(inv_mat(matmul(m.T, m), "pinv"), m.T)
    if r == rows:  # full row rank: Aᵀ(AAᵀ)⁻¹
        return matmul(m.T, inv_mat(matmul(m, m.T), "pinv"))
    # Rank-deficient: A⁺ = Cᵀ(CCᵀ)⁻¹(FᵀF)⁻¹Fᵀ from a full-rank factorization A = F·C.
    from quizmath.core.engine._elimination import rows_of, rref_rows

    if kind_of(list(m.entries())) == "s":
        from quizmath.core.engine._elimination import from_sym, to_sym

        return from_sym(to_sym(m).pinv())
    reduced, pivots = rref_rows(rows_of(m), kind_of(list(m.entries())))
    c = Mat(reduced[:r])
    f = Mat([[row[p] for p in pivots] for row in m.rows])
    left = matmul(c.T, inv_mat(matmul(c, c.T), "pinv"))
    return matmul(left, matmul(inv_mat(matmul(f.T, f), "pinv"), f.T))


@builtin("distance_to_span(x, B)", "linear algebra")
def distance_to_span(x: Value, b: Value) -> Scalar:
    """The distance from x to the column space of B: ‖x − proj_onto(x, B)‖, exact."""
    residual = binary("-", vector(x, "distance_to_span", "x"), proj_onto(x, b))
    return norm(residual)

"""Linear algebra on exact vectors and matrices.

Integer and fraction matrices are reduced with our own Fraction Gauss–Jordan elimination (and
fraction-free Bareiss for determinants), so det, inv, solve, rank and nullspace are exact and
never import numpy or sympy. Matrices with float entries use the same elimination in floats
with partial pivoting; matrices with symbolic entries (a parameter k, √2) go through sympy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import (
    integer,
    is_rational,
    matrix,
    sp,
    square,
    tidy,
    to_sympy_value,
    vector,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    canon,
    div,
    is_symbolic,
    is_zero,
    matmul,
)

MAX_DET = 8  # det, inv, matpow: at most 8×8
MAX_SYMBOLIC = 6  # sympy elimination on symbolic matrices: at most 6×6
MAX_MATPOW = 64

Rows = list[list[Any]]


# ------------------------------------------------------------------------- kinds and helpers


def kind_of(entries: Sequence[Scalar] | Any) -> str:
    """'q' (all int/Fraction), 'f' (some float, nothing symbolic) or 's' (some sympy object)."""
    floats = False
    for x in entries:
        t = type(x)
        if t is int or t is Fraction:
            continue
        if t is float:
            floats = True
            continue
        return "s"
    return "f" if floats else "q"


def mat_kind(a: Mat) -> str:
    return kind_of(a.entries())


def rows_of(a: Mat) -> Rows:
    return [list(r) for r in a.rows]


def to_sym(a: Mat) -> Any:
    """The matrix as a sympy Matrix."""
    return sp().Matrix([[to_sympy_value(x) for x in r] for r in a.rows])


def from_sym(m: Any) -> Mat:
    return Mat([[tidy(m[i, j]) for j in range(m.cols)] for i in range(m.rows)])


def _check_symbolic_size(a: Mat, fn: str, with_variables: int = 3) -> None:
    """sympy's elimination grows fast: a 4×4 inverse with variables takes seconds."""
    if max(a.shape) > MAX_SYMBOLIC:
        raise LimitError(f"{fn}: symbolic matrices larger than {MAX_SYMBOLIC}×{MAX_SYMBOLIC}")
    if max(a.shape) > with_variables and any(
        is_symbolic(x) and x.free_symbols for x in a.entries()
    ):
        n = with_variables
        raise LimitError(f"{fn}: matrices with variables larger than {n}×{n} are not supported")


def _tol(rows: Rows) -> float:
    big = max((abs(x) for r in rows for x in r), default=0.0)
    return 1e-12 * max(1.0, big)


def rref_rows(rows: Rows, kind: str, ncols: int | None = None) -> tuple[Rows, list[int]]:
    """Reduced row echelon form in place (exact for kind 'q'); returns (rows, pivot columns).

    Only the first ``ncols`` columns are used as pivots (the rest is an augmented block).
    """
    m = len(rows)
    n = len(rows[0]) if ncols is None else ncols
    width = len(rows[0])
    tol = _tol(rows) if kind == "f" else 0
    pivots: list[int] = []
    r = 0
    for c in range(n):
        if r == m:
            break
        if kind == "f":
            p = max(range(r, m), key=lambda i: abs(rows[i][c]))
            if abs(rows[p][c]) <= tol:
                continue
        else:
            p = next((i for i in range(r, m) if rows[i][c] != 0), -1)
            if p < 0:
                continue
        rows[r], rows[p] = rows[p], rows[r]
        pivot = rows[r][c]
        # Unimodular matrices have pivots ±1 most of the time: keep their rows in ints.
        if pivot == 1:
            prow = rows[r]
        elif pivot == -1:
            prow = rows[r] = [-x for x in rows[r]]
        elif kind == "f":
            prow = rows[r] = [x / pivot for x in rows[r]]
        else:
            prow = rows[r] = [Fraction(x) / pivot for x in rows[r]]
        for i in range(m):
            if i != r:
                f = rows[i][c]
                if f != 0:
                    row_i = rows[i]
                    rows[i] = [row_i[j] - f * prow[j] for j in range(width)]
                    if kind == "f":
                        rows[i][c] = 0.0
        pivots.append(c)
        r += 1
    if kind == "f":
        for row in rows:
            for j, x in enumerate(row):
                if abs(x) <= tol:
                    row[j] = 0.0
    return rows, pivots


def _bareiss(rows: Rows) -> int:
    """Fraction-free determinant of an integer matrix (every division is exact)."""
    n = len(rows)
    m = [list(r) for r in rows]
    sign, prev = 1, 1
    for k in range(n - 1):
        if m[k][k] == 0:
            p = next((i for i in range(k + 1, n) if m[i][k] != 0), -1)
            if p < 0:
                return 0
            m[k], m[p] = m[p], m[k]
            sign = -sign
        pkk = m[k][k]
        for i in range(k + 1, n):
            mi, mik = m[i], m[i][k]
            mk = m[k]
            for j in range(k + 1, n):
                mi[j] = (mi[j] * pkk - mik * mk[j]) // prev
        prev = pkk
    return sign * m[n - 1][n - 1]


def det_value(a: Mat, fn: str = "det") -> Scalar:
    """Determinant of a square matrix (no size check)."""
    kind = mat_kind(a)
    n = a.shape[0]
    if kind == "q":
        scales = [math.lcm(*(Fraction(x).denominator for x in r)) for r in a.rows]
        ints = [[int(x * s) for x in r] for r, s in zip(a.rows, scales, strict=True)]
        return canon(Fraction(_bareiss(ints), math.prod(scales)))
    if kind == "f":
        rows = [[float(x) for x in r] for r in a.rows]
        det = 1.0
        for c in range(n):
            p = max(range(c, n), key=lambda i: abs(rows[i][c]))
            if rows[p][c] == 0:
                return 0.0
            if p != c:
                rows[c], rows[p] = rows[p], rows[c]
                det = -det
            det *= rows[c][c]
            for i in range(c + 1, n):
                f = rows[i][c] / rows[c][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[c], strict=True)]
        return canon(det)
    _check_symbolic_size(a, fn, with_variables=4)
    return tidy(to_sym(a).det(method="berkowitz"))


def inv_mat(a: Mat, fn: str = "inv") -> Mat:
    """Inverse of a square matrix, or an error naming it singular."""
    n = a.shape[0]
    kind = mat_kind(a)
    if kind == "s":
        _check_symbolic_size(a, fn)
        if is_zero(det_value(a, fn)):
            raise ExprEvalError(f"{fn}: the matrix is singular (det = 0)")
        return from_sym(to_sym(a).inv())
    if kind == "q" and n == 2:  # the 2×2 formula: [[d, −b], [−c, a]]/det
        (p, q), (r, s) = a.rows
        det = p * s - q * r
        if det == 0:
            raise ExprEvalError(f"{fn}: the matrix is singular (det = 0)")
        inv_det = Fraction(1) / det
        return Mat([[s * inv_det, -q * inv_det], [-r * inv_det, p * inv_det]])
    if kind == "q":
        return _inv_fraction_free(a, fn)
    rows = [list(r) + [1.0 if i == j else 0.0 for j in range(n)] for i, r in enumerate(a.rows)]
    rows, pivots = rref_rows(rows, kind, n)
    if len(pivots) < n:
        raise ExprEvalError(f"{fn}: the matrix is singular (det = 0)")
    return Mat(r[n:] for r in rows)


def _inv_fraction_free(a: Mat, fn: str) -> Mat:
    """Exact inverse by fraction-free Gauss–Jordan on integers (every division is exact).

    Each row is first scaled to integers: A = D⁻¹B with D diagonal, so A⁻¹ = B⁻¹D. After the
    elimination the left block is det(B)·I and the right block det(B)·B⁻¹.
    """
    n = a.shape[0]
    scales = [math.lcm(*(Fraction(x).denominator for x in r)) for r in a.rows]
    m = [
        [int(x * d) for x in r] + [1 if i == j else 0 for j in range(n)]
        for i, (r, d) in enumerate(zip(a.rows, scales, strict=True))
    ]
    prev = 1
    for k in range(n):
        if m[k][k] == 0:
            p = next((i for i in range(k + 1, n) if m[i][k] != 0), -1)
            if p < 0:
                raise ExprEvalError(f"{fn}: the matrix is singular (det = 0)")
            m[k], m[p] = m[p], m[k]  # a swap only flips the sign of the minors
        pivot, mk = m[k][k], m[k]
        for i in range(n):
            if i != k:
                mi, f = m[i], m[i][k]
                m[i] = [(pivot * x - f * y) // prev for x, y in zip(mi, mk, strict=True)]
        prev = pivot
    det = m[0][0]  # every diagonal entry of the left block is now ±det(B), all equal
    return Mat([Fraction(m[i][n + j] * scales[j], det) for j in range(n)] for i in range(n))


def integer_scaled(items: Sequence[Scalar]) -> list[Scalar]:
    """A direction with the smallest integer entries (first nonzero entry positive).

    Rational vectors are scaled by the lcm of denominators and divided by the gcd; other
    vectors only get the sign fixed.
    """
    if all(is_rational(x) for x in items):
        qs = [Fraction(x) for x in items]
        scale = math.lcm(*(q.denominator for q in qs))
        ints = [int(q * scale) for q in qs]
        g = math.gcd(*ints) or 1
        ints = [x // g for x in ints]
        first = next((x for x in ints if x != 0), 1)
        return [-x for x in ints] if first < 0 else ints
    if any(type(x) is float for x in items):
        return list(items)
    # Radicals or i: divide by the gcd of the rational contents, (2, −2i) → (1, −i).
    contents = [
        Fraction(abs(x)) if is_rational(x) else _content(x) for x in items if not is_zero(x)
    ]
    if not contents:
        return list(items)
    g = Fraction(
        math.gcd(*(c.numerator for c in contents)), math.lcm(*(c.denominator for c in contents))
    )
    out = [div(x, canon(g)) for x in items]
    first = next(x for x in out if not is_zero(x))
    negative = first < 0 if is_rational(first) else first.could_extract_minus_sign()
    return [canon(-to_sympy_value(x)) if is_symbolic(x) else -x for x in out] if negative else out


def _content(x: Any) -> Fraction:
    c = x.as_content_primitive()[0]
    return Fraction(int(c.p), int(c.q))


def nullspace_vectors(a: Mat, fn: str = "nullspace") -> list[list[Scalar]]:
    """Basis of null(A): one vector per free column, integer-scaled when exact."""
    kind = mat_kind(a)
    n = a.shape[1]
    if kind == "s":
        _check_symbolic_size(a, fn)
        basis = to_sym(a).nullspace(simplify=True)
        return [integer_scaled([tidy(x) for x in v]) for v in basis]
    rows, pivots = rref_rows(rows_of(a), kind)
    zero, one = (0.0, 1.0) if kind == "f" else (0, 1)
    out = []
    for free in (c for c in range(n) if c not in pivots):
        v = [zero] * n
        v[free] = one
        for r, p in enumerate(pivots):
            v[p] = -rows[r][free]
        out.append(integer_scaled([canon(x) for x in v]) if kind == "q" else v)
    return out


def rank_value(a: Mat, fn: str = "rank") -> int:
    kind = mat_kind(a)
    if kind == "s":
        _check_symbolic_size(a, fn)
        return int(to_sym(a).rank(simplify=True))
    return len(rref_rows(rows_of(a), kind)[1])


def identity_mat(n: int) -> Mat:
    return Mat([[1 if i == j else 0 for j in range(n)] for i in range(n)])


# ------------------------------------------------------------------------------ elimination


@builtin("det(A)", "linear algebra")
def det(a: Value) -> Scalar:
    """Determinant of a square matrix, exact (at most 8×8)."""
    return det_value(square(a, "det", MAX_DET))


@builtin("inv(A)", "linear algebra")
def inv(a: Value) -> Mat:
    """Inverse matrix A⁻¹, exact (at most 8×8); an error if A is singular."""
    return inv_mat(square(a, "inv", MAX_DET))


@builtin("rank(A)", "linear algebra")
def rank(a: Value) -> int:
    """Rank: the number of independent rows (or columns)."""
    if isinstance(a, Vec):
        return 0 if all(is_zero(x) for x in a) else 1
    return rank_value(matrix(a, "rank"))


@builtin("rref(A)", "linear algebra")
def rref(a: Value) -> Mat:
    """Reduced row echelon form, exact."""
    m = matrix(a, "rref")
    kind = mat_kind(m)
    if kind == "s":
        _check_symbolic_size(m, "rref")
        return from_sym(to_sym(m).rref(simplify=True)[0])
    return Mat(rref_rows(rows_of(m), kind)[0])


def _solve_system(a: Mat, b: Mat, fn: str) -> Mat:
    """The unique X with AX = B, or an error saying there are none or infinitely many."""
    m, n = a.shape
    if b.shape[0] != m:
        raise ExprEvalError(f"{fn}: A has {m} rows but b has {b.shape[0]}")
    kind = kind_of([*a.entries(), *b.entries()])
    if kind == "s":
        _check_symbolic_size(a, fn)
        if rank_value(a, fn) < n:
            raise ExprEvalError(f"{fn}: A is singular; there is no unique solution")
        return from_sym(to_sym(a).solve(to_sym(b)))
    rows = [list(ra) + list(rb) for ra, rb in zip(a.rows, b.rows, strict=True)]
    rows, pivots = rref_rows(rows, kind, n)
    r = len(pivots)
    if any(any(x != 0 for x in row[n:]) for row in rows[r:]):
        raise ExprEvalError(f"{fn}: the system has no solution (rank A = {r} < rank [A|b])")
    if r < n:
        raise ExprEvalError(f"{fn}: the system has infinitely many solutions (rank A = {r} < {n})")
    return Mat(rows[i][n:] for i in range(n))


@builtin("solve(A, b)", "linear algebra")
def solve(a: Value, b: Value) -> Value:
    """The unique solution x of Ax = b (b a vector, or a matrix for several right sides)."""
    m = matrix(a, "solve", "A")
    if isinstance(b, Mat):
        return _solve_system(m, b, "solve")
    rhs = vector(b, "solve", "b")
    return _solve_system(m, Mat([x] for x in rhs.items), "solve").col(0)


@builtin("num_solutions(A, b)", "linear algebra")
def num_solutions(a: Value, b: Value) -> Value:
    """How many solutions Ax = b has: 0, 1, or the text 'infinitely many'."""
    m = matrix(a, "num_solutions", "A")
    rhs = vector(b, "num_solutions", "b")
    if len(rhs) != m.shape[0]:
        raise ExprEvalError(f"num_solutions: A has {m.shape[0]} rows but b has {len(rhs)}")
    r = rank_value(m)
    augmented = Mat([*row, x] for row, x in zip(m.rows, rhs.items, strict=True))
    if rank_value(augmented) > r:
        return 0
    return 1 if r == m.shape[1] else "infinitely many"


@builtin("nullspace(A)", "linear algebra")
def nullspace(a: Value) -> Mat:
    """A basis of the null space as the columns of a matrix, with smallest integer entries."""
    m = matrix(a, "nullspace")
    basis = nullspace_vectors(m)
    if not basis:
        raise ExprEvalError("nullspace: the null space is {0} (the columns are independent)")
    return Mat(zip(*basis, strict=True))


@builtin("null_vector(A)", "linear algebra")
def null_vector(a: Value) -> Vec:
    """One nonzero vector x with Ax = 0, with smallest integer entries."""
    return nullspace(a).col(0)


@builtin("nullity(A)", "linear algebra")
def nullity(a: Value) -> int:
    """The dimension of the null space: columns minus rank."""
    m = matrix(a, "nullity")
    return m.shape[1] - rank_value(m)


@builtin("matpow(A, k)", "linear algebra")
def matpow(a: Value, k: Value) -> Mat:
    """A to the integer power k (k < 0 uses the inverse; A⁰ = I)."""
    m = square(a, "matpow", MAX_DET)
    p = integer(k, "matpow", "k")
    if abs(p) > MAX_MATPOW:
        raise LimitError(f"matpow: |k| must be at most {MAX_MATPOW}")
    if p < 0:
        m, p = inv_mat(m, "matpow"), -p
    result = identity_mat(m.shape[0])
    while p:  # square-and-multiply keeps it to about 2·log₂k products
        if p & 1:
            result = matmul(result, m)
        p >>= 1
        if p:
            m = matmul(m, m)
    return result


@builtin("minor(A, i, j)", "linear algebra")
def minor(a: Value, i: Value, j: Value) -> Scalar:
    """The minor: det of A without row i and column j (counting from 0)."""
    m = square(a, "minor", MAX_DET + 1)
    n = m.shape[0]
    r, c = integer(i, "minor", "i") % n, integer(j, "minor", "j") % n
    if n == 1:
        raise ExprEvalError("minor: a 1×1 matrix has no minors")
    sub_rows = [
        [x for k, x in enumerate(row_) if k != c] for k2, row_ in enumerate(m.rows) if k2 != r
    ]
    return det_value(Mat(sub_rows), "minor")


@builtin("cofactor(A, i, j)", "linear algebra")
def cofactor(a: Value, i: Value, j: Value) -> Scalar:
    """The cofactor (−1)^(i+j)·minor(A, i, j) (counting from 0)."""
    value = minor(a, i, j)
    odd = (integer(i, "cofactor", "i") + integer(j, "cofactor", "j")) % 2
    return canon(-value) if odd else value


@builtin("adjugate(A)", "linear algebra")
def adjugate(a: Value) -> Mat:
    """The adjugate: the transpose of the cofactor matrix (A⁻¹ = adj(A)/det(A))."""
    m = square(a, "adjugate", MAX_DET)
    n = m.shape[0]
    if n == 1:
        return Mat([[1]])
    return Mat([cofactor(m, j, i) for j in range(n)] for i in range(n))

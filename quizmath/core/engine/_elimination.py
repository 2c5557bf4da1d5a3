"""Exact elimination kernels on our own matrices (no template functions here).

Integer and fraction matrices are reduced with Fraction Gauss–Jordan elimination (pivots ±1
stay in ints), determinants use fraction-free Bareiss, and inverses fraction-free
Gauss–Jordan, so nothing imports numpy or sympy. Float matrices use the same elimination with
partial pivoting; matrices with symbolic entries (a parameter k, √2) go through sympy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import (
    is_rational,
    sp,
    tidy,
    to_sympy_value,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.values import (
    Mat,
    Scalar,
    canon,
    div,
    is_symbolic,
    is_zero,
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
    if n <= 3:  # the explicit formulas beat sympy's Matrix machinery by ~3× on small sizes
        m = [[to_sympy_value(x) for x in r] for r in a.rows]
        return tidy(_small_det(m))
    return tidy(to_sym(a).det(method="berkowitz"))


def _small_det(m: list[list[Any]]) -> Any:
    """det of a 1×1, 2×2 or 3×3 (Sarrus) with sympy entries."""
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    (a, b, c), (d, e, f), (g, h, i) = m
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)


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
    common = Fraction(
        math.gcd(*(c.numerator for c in contents)), math.lcm(*(c.denominator for c in contents))
    )
    out = [div(x, canon(common)) for x in items]
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

"""Linear algebra on exact vectors and matrices.

Integer and fraction matrices are reduced with our own Fraction Gauss–Jordan elimination (and
fraction-free Bareiss for determinants), so det, inv, solve, rank and nullspace are exact and
never import numpy or sympy. Matrices with float entries use the same elimination in floats
with partial pivoting; matrices with symbolic entries (a parameter k, √2) go through sympy.
"""

from __future__ import annotations

from quizmath.core.engine._common import (
    integer,
    matrix,
    square,
    vector,
)
from quizmath.core.engine._elimination import (
    MAX_DET,
    MAX_MATPOW,
    _check_symbolic_size,
    det_value,
    from_sym,
    identity_mat,
    inv_mat,
    kind_of,
    mat_kind,
    nullspace_vectors,
    rank_value,
    rows_of,
    rref_rows,
    to_sym,
)
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    canon,
    is_zero,
    matmul,
)

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

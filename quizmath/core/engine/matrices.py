"""Building and inspecting matrices: constructors, products, shapes, parts and predicates."""

from __future__ import annotations

from typing import Any

from quizmath.core.engine._common import (
    exact_sum,
    integer,
    matrix,
    number,
    same_length,
    scalars,
    square,
    vector,
)
from quizmath.core.engine._elimination import identity_mat, kind_of, rank_value
from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import (
    Mat,
    Scalar,
    Value,
    Vec,
    canon,
    describe,
    equal,
    is_scalar,
    is_zero,
    matmul,
    mul,
    sub,
)

# ----------------------------------------------------------------------------- construction


def _dim(x: Value, fn: str, what: str) -> int:
    k = integer(x, fn, what)
    if not 1 <= k <= 20:
        raise ExprEvalError(f"{fn}: {what} must be between 1 and 20, got {k}")
    return k


@builtin("vec(*values)", "linear algebra")
def vec(*args: Value) -> Vec:
    """A vector from numbers, vec(1, 2, 3), or from a list; vec(A) stacks A's columns."""
    if len(args) == 1 and isinstance(args[0], Mat):
        return Vec(x for c in zip(*args[0].rows, strict=True) for x in c)
    if len(args) == 1 and not is_scalar(args[0]):
        return vector(args[0], "vec")
    return Vec(number(x, "vec") for x in args)


@builtin("zeros(m, n=None)", "linear algebra")
def zeros(m: Value, n: Value = None) -> Value:
    """The zero vector of length m, or the m×n zero matrix."""
    rows = _dim(m, "zeros", "m")
    if n is None:
        return Vec([0] * rows)
    return Mat([[0] * _dim(n, "zeros", "n")] * rows)


@builtin("ones(m, n=None)", "linear algebra")
def ones(m: Value, n: Value = None) -> Value:
    """The all-ones vector of length m, or the m×n all-ones matrix."""
    rows = _dim(m, "ones", "m")
    if n is None:
        return Vec([1] * rows)
    return Mat([[1] * _dim(n, "ones", "n")] * rows)


@builtin("eye(n)", "linear algebra")
def eye(n: Value) -> Mat:
    """The n×n identity matrix."""
    return identity_mat(_dim(n, "eye", "n"))


@builtin("identity(n)", "linear algebra")
def identity(n: Value) -> Mat:
    """The n×n identity matrix (the same as eye)."""
    return identity_mat(_dim(n, "identity", "n"))


@builtin("diag(*values)", "linear algebra")
def diag(*args: Value) -> Value:
    """A diagonal matrix from numbers or a vector; diag(A) is the vector of A's diagonal."""
    if len(args) == 1 and isinstance(args[0], Mat):
        a = args[0]
        return Vec(a.rows[i][i] for i in range(min(a.shape)))
    items = scalars(args[0], "diag") if len(args) == 1 and not is_scalar(args[0]) else list(args)
    if not items:
        raise ExprEvalError("diag: needs at least one value")
    items = [number(x, "diag") for x in items]
    n = len(items)
    return Mat([[items[i] if i == j else 0 for j in range(n)] for i in range(n)])


@builtin("hstack(*blocks)", "linear algebra")
def hstack(*args: Value) -> Mat:
    """Matrices side by side; vectors become columns (numpy's column_stack)."""
    blocks = [_as_columns(b, "hstack") for b in _blocks(args, "hstack")]
    heights = {b.shape[0] for b in blocks}
    if len(heights) != 1:
        raise ExprEvalError(f"hstack: blocks have different heights {sorted(heights)}")
    return Mat([x for b in blocks for x in b.rows[i]] for i in range(blocks[0].shape[0]))


@builtin("vstack(*blocks)", "linear algebra")
def vstack(*args: Value) -> Mat:
    """Matrices on top of each other; vectors become rows."""
    blocks = [Mat([b.items]) if isinstance(b, Vec) else b for b in _blocks(args, "vstack")]
    widths = {matrix(b, "vstack").shape[1] for b in blocks}
    if len(widths) != 1:
        raise ExprEvalError(f"vstack: blocks have different widths {sorted(widths)}")
    return Mat(r for b in blocks for r in b.rows)


def _blocks(args: tuple[Value, ...], fn: str) -> list[Value]:
    if len(args) == 1 and isinstance(args[0], list | tuple):
        args = tuple(args[0])
    if not args:
        raise ExprEvalError(f"{fn}: needs at least one block")
    return list(args)


def _as_columns(b: Value, fn: str) -> Mat:
    if isinstance(b, Vec):
        return Mat([x] for x in b.items)
    return matrix(b, fn)


def columns(b: Value, fn: str) -> Mat:
    """A basis given as a matrix (columns) or as a list of vectors."""
    if isinstance(b, Mat):
        return b
    if isinstance(b, list | tuple) and b and all(isinstance(v, Vec) for v in b):
        return hstack(*b)
    raise ExprEvalError(f"{fn}: expected a matrix of column vectors, got {describe(b)}")


# ---------------------------------------------------------------------------------- products


@builtin("dot(u, v)", "linear algebra")
def dot(u: Value, v: Value) -> Scalar:
    """The dot product u·v = Σ uᵢvᵢ."""
    a, b = scalars(u, "dot", "u"), scalars(v, "dot", "v")
    same_length(a, b, "dot")
    if kind_of(a + b) == "q":
        return canon(sum((x * y for x, y in zip(a, b, strict=True)), start=0))
    return matmul(Vec(a), Vec(b))


@builtin("cross(u, v)", "linear algebra")
def cross(u: Value, v: Value) -> Vec:
    """The cross product u × v of two 3-vectors."""
    a, b = scalars(u, "cross", "u"), scalars(v, "cross", "v")
    if len(a) != 3 or len(b) != 3:
        raise ExprEvalError(f"cross: needs two 3-vectors, got lengths {len(a)} and {len(b)}")

    def c(i: int, j: int) -> Scalar:
        return sub(mul(a[i], b[j]), mul(a[j], b[i]))

    return Vec([c(1, 2), c(2, 0), c(0, 1)])


@builtin("outer(u, v)", "linear algebra")
def outer(u: Value, v: Value) -> Mat:
    """The outer product u vᵀ (an m×n matrix)."""
    a, b = scalars(u, "outer", "u"), scalars(v, "outer", "v")
    return Mat([mul(x, y) for y in b] for x in a)


@builtin("transpose(A)", "linear algebra")
def transpose(a: Value) -> Mat:
    """The transpose Aᵀ; a vector becomes a column (n×1 matrix)."""
    if isinstance(a, Vec):
        return Mat([x] for x in a.items)
    return matrix(a, "transpose").T


@builtin("quadform(A, x)", "linear algebra")
def quadform(a: Value, x: Value) -> Scalar:
    """The quadratic form xᵀAx."""
    m = square(a, "quadform")
    v = vector(x, "quadform", "x")
    if len(v) != m.shape[0]:
        raise ExprEvalError(f"quadform: A is {m.shape[0]}×{m.shape[0]}, x has length {len(v)}")
    return matmul(v, matmul(m, v))


@builtin("trace(A)", "linear algebra")
def trace(a: Value) -> Scalar:
    """Trace: the sum of the diagonal entries."""
    m = square(a, "trace")
    return exact_sum(m.rows[i][i] for i in range(m.shape[0]))


# ---------------------------------------------------------------------------- shapes, parts


@builtin("shape(A)", "linear algebra")
def shape(a: Value) -> Vec:
    """The shape [rows, columns] of a matrix, or [length] of a vector."""
    if isinstance(a, Vec):
        return Vec([len(a)])
    return Vec(list(matrix(a, "shape").shape))


@builtin("rows(A)", "linear algebra")
def rows(a: Value) -> int:
    """The number of rows."""
    return matrix(a, "rows").shape[0]


@builtin("cols(A)", "linear algebra")
def cols(a: Value) -> int:
    """The number of columns."""
    return matrix(a, "cols").shape[1]


@builtin("row(A, i)", "linear algebra")
def row(a: Value, i: Value) -> Vec:
    """Row i of A as a vector (counting from 0)."""
    return matrix(a, "row").row(integer(i, "row", "i"))


@builtin("col(A, j)", "linear algebra")
def col(a: Value, j: Value) -> Vec:
    """Column j of A as a vector (counting from 0)."""
    return matrix(a, "col").col(integer(j, "col", "j"))


@builtin("row_sums(A)", "linear algebra")
def row_sums(a: Value) -> Vec:
    """The vector of row sums (a marginal of a joint table)."""
    return Vec(exact_sum(r) for r in matrix(a, "row_sums").rows)


@builtin("col_sums(A)", "linear algebra")
def col_sums(a: Value) -> Vec:
    """The vector of column sums (a marginal of a joint table)."""
    return Vec(exact_sum(c) for c in zip(*matrix(a, "col_sums").rows, strict=True))


# ------------------------------------------------------------------------------- predicates


def _entries_zero(xs: Any) -> bool:
    return all(is_zero(x) for x in xs)


@builtin("is_symmetric(A)", "linear algebra")
def is_symmetric(a: Value) -> bool:
    """True when A equals its transpose."""
    m = matrix(a, "is_symmetric")
    n = m.shape[0]
    return m.shape[1] == n and all(
        equal(m.rows[i][j], m.rows[j][i]) for i in range(n) for j in range(i + 1, n)
    )


@builtin("is_diagonal(A)", "linear algebra")
def is_diagonal(a: Value) -> bool:
    """True when every off-diagonal entry is 0."""
    m = matrix(a, "is_diagonal")
    return _entries_zero(x for i, r in enumerate(m.rows) for j, x in enumerate(r) if i != j)


@builtin("is_triangular(A, kind='either')", "linear algebra")
def is_triangular(a: Value, kind: str = "either") -> bool:
    """True when A is upper or lower triangular (kind 'upper', 'lower' or 'either')."""
    m = matrix(a, "is_triangular")
    upper = _entries_zero(x for i, r in enumerate(m.rows) for j, x in enumerate(r) if i > j)
    lower = _entries_zero(x for i, r in enumerate(m.rows) for j, x in enumerate(r) if i < j)
    if kind == "upper":
        return upper
    if kind == "lower":
        return lower
    if kind != "either":
        raise ExprEvalError("is_triangular: kind must be 'upper', 'lower' or 'either'")
    return upper or lower


@builtin("is_orthogonal(A)", "linear algebra")
def is_orthogonal(a: Value) -> bool:
    """True when AᵀA = I (orthonormal columns)."""
    m = matrix(a, "is_orthogonal")
    return equal(matmul(m.T, m), identity_mat(m.shape[1]))


@builtin("is_invertible(A)", "linear algebra")
def is_invertible(a: Value) -> bool:
    """True when A is square with nonzero determinant."""
    m = matrix(a, "is_invertible")
    return m.shape[0] == m.shape[1] and rank_value(m) == m.shape[0]

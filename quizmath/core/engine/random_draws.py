"""Random draws: integers, choices, vectors and matrices built to keep answers hand-computable.

Every function takes the problem's ``Rng`` first (the interpreter passes it) and draws only
through it, so ``template@seed`` gives the same numbers on every machine. Retry loops are
bounded and end in a deterministic fallback, so a draw never hangs. Sizes are checked before
anything is built.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from quizmath.core.engine.sequences import integer, items_of
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.containers import make_list
from quizmath.core.expr.registry import builtin
from quizmath.core.rng import Rng
from quizmath.core.values import MAX_ENTRIES, Mat, Value, Vec, describe, is_scalar

MAX_RANGE = 1 << 63  # widest integer range a draw accepts
MAX_ORDER = 8  # largest n for unimodular / with_eigenvalues: beyond that nothing stays small
_TRIANGULAR = 1e9  # size penalty: any non-triangular candidate beats a triangular one
IntMatrix = list[list[int]]


def _range(fn: str, a: Value, b: Value) -> tuple[int, int]:
    lo, hi = integer(a, fn, "a"), integer(b, fn, "b")
    if hi < lo:
        raise ExprEvalError(f"{fn}: empty range {lo} … {hi}")
    if hi - lo >= MAX_RANGE:
        raise LimitError(f"{fn}: range too wide")
    return lo, hi


def _count(fn: str, value: Value, what: str, low: int = 1, high: int = MAX_ENTRIES) -> int:
    k = integer(value, fn, what)
    if k < low:
        raise ExprEvalError(f"{fn}: {what} must be at least {low}, got {k}")
    if k > high:
        raise LimitError(f"{fn}: {what} must be at most {high}, got {k}")
    return k


def _distinct(rng: Rng, lo: int, hi: int, k: int) -> list[int]:
    """k distinct integers from lo … hi (Floyd's algorithm: O(k), whatever the range)."""
    span = hi - lo + 1
    chosen: set[int] = set()
    order: list[int] = []
    for j in range(span - k, span):
        t = rng.below(j + 1)
        if t in chosen:
            t = j
        chosen.add(t)
        order.append(t)
    return [lo + t for t in order]


# ------------------------------------------------------------------------------- numbers


@builtin("randint(a, b)", "random", rng=True)
def randint(rng: Rng, a: Value, b: Value) -> int:
    """A random integer from a to b, both included."""
    lo, hi = _range("randint", a, b)
    return rng.randint(lo, hi)


@builtin("nonzero(a, b)", "random", rng=True)
def nonzero(rng: Rng, a: Value, b: Value) -> int:
    """A random integer from a to b, both included, but never 0."""
    lo, hi = _range("nonzero", a, b)
    has_zero = lo <= 0 <= hi
    size = hi - lo + 1 - has_zero
    if size <= 0:
        raise ExprEvalError(f"nonzero: no integer other than 0 in {lo} … {hi}")
    x = lo + rng.below(size)
    return x + 1 if has_zero and x >= 0 else x


@builtin("randsign()", "random", rng=True)
def randsign(rng: Rng) -> int:
    """1 or −1 with equal chance."""
    return 1 - 2 * rng.below(2)


@builtin("distinct(k, a, b)", "random", rng=True)
def distinct(rng: Rng, k: Value, a: Value, b: Value) -> Value:
    """k different integers from a to b, in random order (distinct eigenvalues, for instance)."""
    lo, hi = _range("distinct", a, b)
    count = _count("distinct", k, "k")
    if count > hi - lo + 1:
        raise ExprEvalError(f"distinct: only {hi - lo + 1} integers in {lo} … {hi}")
    return Vec(rng.shuffled(_distinct(rng, lo, hi, count)))


# ----------------------------------------------------------------------------------- lists


@builtin("choice(items)", "random", rng=True)
def choice(rng: Rng, items: Value) -> Value:
    """One item of a list, vector or set, chosen at random."""
    seq = items_of(items, "choice")
    if not seq:
        raise ExprEvalError("choice: the list is empty")
    return rng.choice(seq)


@builtin("sample(items, k)", "random", rng=True)
def sample(rng: Rng, items: Value, k: Value) -> Value:
    """k items from different positions of a list, in random order."""
    seq = items_of(items, "sample")
    count = _count("sample", k, "k", 0, len(seq))
    return make_list(rng.sample(seq, count))


@builtin("shuffle(items)", "random", rng=True)
def shuffle(rng: Rng, items: Value) -> Value:
    """The items of a list in random order (the rows, for a matrix)."""
    return make_list(rng.shuffled(items_of(items, "shuffle")))


# ---------------------------------------------------------------------- vectors, matrices


@builtin("randvec(n, a, b)", "random", rng=True)
def randvec(rng: Rng, n: Value, a: Value, b: Value) -> Vec:
    """A vector of n random integers from a to b."""
    size = _count("randvec", n, "n")
    lo, hi = _range("randvec", a, b)
    return Vec([rng.randint(lo, hi) for _ in range(size)])


@builtin("nonzero_vec(n, a, b)", "random", rng=True)
def nonzero_vec(rng: Rng, n: Value, a: Value, b: Value) -> Vec:
    """A vector of n random integers from a to b that is not the zero vector."""
    size = _count("nonzero_vec", n, "n")
    lo, hi = _range("nonzero_vec", a, b)
    if lo == hi == 0:
        raise ExprEvalError("nonzero_vec: the range 0 … 0 has only zero")
    for _ in range(100):
        entries = [rng.randint(lo, hi) for _ in range(size)]
        if any(entries):
            return Vec(entries)
    entries[rng.below(size)] = nonzero(rng, lo, hi)  # a range like 0 … 1 with n = 1
    return Vec(entries)


@builtin("randmat(m, n, a, b)", "random", rng=True)
def randmat(rng: Rng, m: Value, n: Value, a: Value, b: Value) -> Mat:
    """An m×n matrix of random integers from a to b."""
    rows, cols = _count("randmat", m, "m"), _count("randmat", n, "n")
    if rows * cols > MAX_ENTRIES:
        raise LimitError(f"randmat: {rows}×{cols} is too large (at most {MAX_ENTRIES} entries)")
    lo, hi = _range("randmat", a, b)
    return Mat([[rng.randint(lo, hi) for _ in range(cols)] for _ in range(rows)])


def _triangular(rng: Rng, n: int, lo: int, hi: int, lower: bool) -> IntMatrix:
    return [
        [1 if i == j else rng.randint(lo, hi) if (i > j) == lower else 0 for j in range(n)]
        for i in range(n)
    ]


@builtin("unit_lower(n, a, b)", "random", rng=True)
def unit_lower(rng: Rng, n: Value, a: Value, b: Value) -> Mat:
    """An n×n lower-triangular integer matrix with ones on the diagonal (det 1), entries a…b."""
    size = _count("unit_lower", n, "n", 1, 20)
    lo, hi = _range("unit_lower", a, b)
    return Mat(_triangular(rng, size, lo, hi, lower=True))


@builtin("unit_upper(n, a, b)", "random", rng=True)
def unit_upper(rng: Rng, n: Value, a: Value, b: Value) -> Mat:
    """An n×n upper-triangular integer matrix with ones on the diagonal (det 1), entries a…b."""
    size = _count("unit_upper", n, "n", 1, 20)
    lo, hi = _range("unit_upper", a, b)
    return Mat(_triangular(rng, size, lo, hi, lower=False))


def _mul(a: IntMatrix, b: IntMatrix) -> IntMatrix:
    cols = list(zip(*b, strict=True))
    return [[sum(x * y for x, y in zip(row, col, strict=True)) for col in cols] for row in a]


def _unit_inverse(t: IntMatrix, lower: bool) -> IntMatrix:
    """Inverse of a unit triangular integer matrix by substitution: integer, no fractions."""
    n = len(t)
    inv = [[int(i == j) for j in range(n)] for i in range(n)]
    rows = range(n) if lower else range(n - 1, -1, -1)
    for i in rows:
        others = range(i) if lower else range(i + 1, n)
        for j in range(n):
            inv[i][j] -= sum(t[i][k] * inv[k][j] for k in others)
    return inv


def _unimodular(rng: Rng, n: int, bound: int) -> tuple[IntMatrix, IntMatrix]:
    """P = S·L·U and its inverse U⁻¹·L⁻¹·Sᵀ, all in integers.

    S is a signed permutation; L and U are unit triangular and not both the identity. L·U has
    all leading minors 1, so it is never a signed permutation, and P is never the identity or
    a mere reordering of rows. Small n tolerates wider factor entries (measured acceptance ≥ 60%
    per try); the bounded retries end in an elementary matrix, which always fits.
    """
    spread = min(bound, 3 if n == 2 else 2 if n == 3 else 1)
    for attempt in range(200):
        if attempt == 50:
            spread = 1
        lower = _triangular(rng, n, -spread, spread, lower=True)
        upper = _triangular(rng, n, -spread, spread, lower=False)
        core = _mul(lower, upper)
        off_diagonal = any(core[i][j] for i in range(n) for j in range(n) if i != j)
        if off_diagonal and max(abs(x) for row in core for x in row) <= bound:
            core_inv = _mul(_unit_inverse(upper, lower=False), _unit_inverse(lower, lower=True))
            break
    else:
        i, j = rng.sample(range(n), 2)
        sign = randsign(rng)
        core = [[int(r == c) for c in range(n)] for r in range(n)]
        core_inv = [row[:] for row in core]
        core[i][j], core_inv[i][j] = sign, -sign
    order = rng.shuffled(range(n))
    signs = [randsign(rng) for _ in range(n)]
    p = [[sign * x for x in core[k]] for sign, k in zip(signs, order, strict=True)]
    p_inv = [[row[order[r]] * signs[r] for r in range(n)] for row in core_inv]
    return p, p_inv


@builtin("unimodular(n, bound=3)", "random", rng=True)
def unimodular(rng: Rng, n: Value, bound: Value = 3) -> Mat:
    """An n×n integer matrix with det ±1 (so an integer inverse), entries within ±bound."""
    size = _count("unimodular", n, "n", 2, MAX_ORDER)
    limit = _count("unimodular", bound, "bound", 1, 100)
    return Mat(_unimodular(rng, size, limit)[0])


def _magnitude(x: Value) -> float:
    try:
        return abs(float(x))
    except (TypeError, ValueError):
        return 0.0  # symbolic entries: no size preference


@builtin("with_eigenvalues(values, bound=3)", "random", rng=True)
def with_eigenvalues(rng: Rng, values: Value, bound: Value = 3) -> Mat:
    """A matrix P·diag(values)·P⁻¹ with P unimodular: those eigenvalues, integer if they are."""
    eig = items_of(values, "with_eigenvalues")
    if not all(is_scalar(x) for x in eig):
        raise ExprEvalError(f"with_eigenvalues: values must be numbers, got {describe(values)}")
    n = len(eig)
    if not 2 <= n <= MAX_ORDER:
        raise LimitError(f"with_eigenvalues: needs 2 to {MAX_ORDER} values, got {n}")
    limit = _count("with_eigenvalues", bound, "bound", 1, 100)
    all_equal = all(x == eig[0] for x in eig)
    best: tuple[float, list[list[Value]]] | None = None
    # Keep the smallest non-triangular candidate (a triangular A shows its eigenvalues on the
    # diagonal). Stop at the first whose entries are about as small as P·D·P⁻¹ allows (twice
    # the largest eigenvalue plus their spread), or after 6 once one is non-triangular. For
    # 2×2, A is triangular exactly when P has a zero entry, which about half of the small
    # unimodular P have; 30 tries make an all-triangular outcome a 1-in-10⁹ event.
    sizes = [_magnitude(x) for x in eig]
    target = max(2.0, 2 * max(sizes) + max(sizes) - min(sizes))
    for attempt in range(30):
        p, p_inv = _unimodular(rng, n, limit)
        scaled = [[p[i][k] * eig[k] for k in range(n)] for i in range(n)]  # P·diag(values)
        cols = list(zip(*p_inv, strict=True))
        a = [[sum(x * y for x, y in zip(row, col, strict=True)) for col in cols] for row in scaled]
        size = max(_magnitude(x) for row in a for x in row)
        if not all_equal and _is_triangular(a):
            size += _TRIANGULAR
        if best is None or size < best[0]:
            best = (size, a)
        if size <= target or (attempt >= 5 and best[0] < _TRIANGULAR):
            break
    assert best is not None
    return Mat(best[1])


def _is_triangular(a: list[list[Value]]) -> bool:
    n = len(a)
    upper = all(a[i][j] == 0 for i in range(n) for j in range(i))
    lower = all(a[i][j] == 0 for i in range(n) for j in range(i + 1, n))
    return upper or lower


def _rank(a: IntMatrix) -> int:
    m = [[Fraction(x) for x in row] for row in a]
    rank = 0
    for col in range(len(m[0])):
        pivot = next((r for r in range(rank, len(m)) if m[r][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(rank + 1, len(m)):
            f = m[r][col] / m[rank][col]
            m[r] = [x - f * y for x, y in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


@builtin("low_rank(m, n, r, bound=2)", "random", rng=True)
def low_rank(rng: Rng, m: Value, n: Value, r: Value, bound: Value = 2) -> Mat:
    """An m×n integer matrix of rank exactly r: an (m×r)(r×n) product, factors within ±bound."""
    rows, cols = _count("low_rank", m, "m", 1, 20), _count("low_rank", n, "n", 1, 20)
    if rows * cols > MAX_ENTRIES:
        raise LimitError(f"low_rank: {rows}×{cols} is too large (at most {MAX_ENTRIES} entries)")
    rank = _count("low_rank", r, "r", 1, min(rows, cols))
    limit = _count("low_rank", bound, "bound", 1, 100)
    fallback: IntMatrix | None = None
    for _ in range(100):
        left = [[rng.randint(-limit, limit) for _ in range(rank)] for _ in range(rows)]
        right = [[rng.randint(-limit, limit) for _ in range(cols)] for _ in range(rank)]
        product = _mul(left, right)
        if _rank(product) != rank:
            continue
        # A zero row or column gives part of the answer away; avoid it when we can.
        if all(any(row) for row in product) and all(any(col) for col in zip(*product, strict=True)):
            return Mat(product)
        fallback = fallback or product
    if fallback is None:  # pragma: no cover - random integer factors have full rank
        raise ExprEvalError("low_rank: could not draw a matrix of that rank")
    return Mat(fallback)


# ----------------------------------------------------------------------- nice numbers


_PYTHAGOREAN = {
    2: ((3, 4), (5, 12), (8, 15), (7, 24)),
    3: ((1, 2, 2), (2, 3, 6), (4, 4, 7), (2, 6, 9)),
}


@builtin("pythagorean(dim=2)", "random", rng=True)
def pythagorean(rng: Rng, dim: Value = 2) -> Vec:
    """A vector with an integer length, such as (−4, 3) or (2, −6, 9), signs and order random."""
    d = integer(dim, "pythagorean", "dim")
    if d not in _PYTHAGOREAN:
        raise ExprEvalError("pythagorean: dim must be 2 or 3")
    base = rng.choice(_PYTHAGOREAN[d])
    return Vec(randsign(rng) * x for x in rng.shuffled(base))


def _composition(rng: Rng, n: int, total: int) -> list[int]:
    """n positive integers adding up to total, uniformly among all such sequences."""
    cuts = sorted(_distinct(rng, 1, total - 1, n - 1))
    edges = [0, *cuts, total]
    return [b - a for a, b in pairwise(edges)]


@builtin("rand_counts(n, total)", "random", rng=True)
def rand_counts(rng: Rng, n: Value, total: Value) -> Vec:
    """n positive integers that add up to total (class counts, table cells)."""
    size = _count("rand_counts", n, "n")
    whole = _count("rand_counts", total, "total", size, 10**9)
    return Vec(_composition(rng, size, whole))


@builtin("rand_prob(n, denominator)", "random", rng=True)
def rand_prob(rng: Rng, n: Value, denominator: Value) -> Vec:
    """n positive probabilities that are multiples of 1/denominator and add up to 1."""
    size = _count("rand_prob", n, "n")
    d = _count("rand_prob", denominator, "denominator", size, 10**9)
    return Vec(Fraction(k, d) for k in _composition(rng, size, d))


@builtin("dyadic_dist(n)", "random", rng=True)
def dyadic_dist(rng: Rng, n: Value) -> Vec:
    """n probabilities that are powers of 1/2 and add up to 1, such as 1/2, 1/8, 1/4, 1/8."""
    size = _count("dyadic_dist", n, "n", 1, 12)
    depths = [0]
    for _ in range(size - 1):  # split a random leaf of a binary tree in two
        i = rng.below(len(depths))
        depths[i] += 1
        depths.insert(i + 1, depths[i])
    return Vec(Fraction(1, 2**k) for k in rng.shuffled(depths))


@builtin("data_with_mean(n, mean, spread)", "random", rng=True)
def data_with_mean(rng: Rng, n: Value, mean: Value, spread: Value) -> Vec:
    """n integers, unsorted and not all equal, whose mean is exactly mean; each within ±spread."""
    size = _count("data_with_mean", n, "n", 2)
    centre = integer(mean, "data_with_mean", "mean")
    width = _count("data_with_mean", spread, "spread", 1, 10**6)
    for _ in range(200):
        # Deviations drawn independently and kept only when they sum to zero: exchangeable, so
        # the balancing last entry is no different from the others.
        devs = [rng.randint(-width, width) for _ in range(size - 1)]
        last = -sum(devs)
        if abs(last) <= width and (last or any(devs)):
            return Vec(centre + d for d in [*devs, last])
    pairs = [rng.randint(1, width) for _ in range(size // 2)]
    devs = [*pairs, *(-d for d in pairs), *([0] * (size % 2))]
    return Vec(centre + d for d in rng.shuffled(devs))

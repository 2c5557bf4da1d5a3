"""Combinatorics on integers: factorial, binomial coefficients, permutations, gcd and lcm.

Sizes are estimated before computing, so comb(10**6, 500000) or factorial(10**10) is refused
at once instead of running for minutes.
"""

from __future__ import annotations

import math

from quizmath.core.engine._common import has_free_symbols, integer, sp
from quizmath.core.errors import ExprEvalError, LimitError
from quizmath.core.expr.registry import builtin
from quizmath.core.values import MAX_INT_BITS, Value, ValueSet, Vec, canon

MAX_FACTORIAL = 500  # 500! has about 3,800 bits, inside the 4096-bit limit on numbers


def _items(args: tuple[Value, ...], fn: str) -> list[Value]:
    if len(args) == 1 and isinstance(args[0], Vec | ValueSet | list | tuple):
        items = list(args[0])
    else:
        items = list(args)
    if not items:
        raise ExprEvalError(f"{fn}: needs at least one value")
    return items


@builtin("factorial(n)", "numbers")
def factorial(n: Value) -> Value:
    """n! for an integer 0 ≤ n ≤ 500."""
    if has_free_symbols(n):
        return canon(sp().factorial(n))
    k = integer(n, "factorial")
    if k < 0:
        raise ExprEvalError(f"factorial: needs n ≥ 0, got {k}")
    if k > MAX_FACTORIAL:
        raise LimitError(f"factorial: n is too large ({k} > {MAX_FACTORIAL})")
    return math.factorial(k)


def _log2_comb(n: int, k: int) -> float:
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(2)


def _nk(n: Value, k: Value, fn: str) -> tuple[int, int]:
    nn, kk = integer(n, fn, "n"), integer(k, fn, "k")
    if nn < 0:
        raise ExprEvalError(f"{fn}: needs n ≥ 0, got {nn}")
    if nn > 10**7:
        raise LimitError(f"{fn}: n is too large ({nn})")
    return nn, kk


@builtin("comb(n, k)", "numbers")
def comb(n: Value, k: Value) -> int:
    """The binomial coefficient C(n, k) = n!/(k!(n−k)!); 0 when k < 0 or k > n."""
    nn, kk = _nk(n, k, "comb")
    if kk < 0 or kk > nn:
        return 0
    # Estimate the size first so that comb(10**6, 500000) is refused before any work.
    if _log2_comb(nn, kk) > MAX_INT_BITS - 8:
        raise LimitError("comb: the result would exceed 4096 bits")
    return math.comb(nn, kk)


@builtin("binomial(n, k)", "numbers")
def binomial(n: Value, k: Value) -> int:
    """The binomial coefficient C(n, k) (the same as comb)."""
    return comb(n, k)


@builtin("perm(n, k)", "numbers")
def perm(n: Value, k: Value) -> int:
    """Number of ordered selections n!/(n−k)!; 0 when k < 0 or k > n."""
    nn, kk = _nk(n, k, "perm")
    if kk < 0 or kk > nn:
        return 0
    bits = (math.lgamma(nn + 1) - math.lgamma(nn - kk + 1)) / math.log(2)
    if bits > MAX_INT_BITS - 8:
        raise LimitError("perm: the result would exceed 4096 bits")
    return math.perm(nn, kk)


@builtin("gcd(*values)", "numbers")
def gcd(*args: Value) -> int:
    """Greatest common divisor of integers (several, or a vector of them)."""
    return math.gcd(*(integer(v, "gcd") for v in _items(args, "gcd")))


@builtin("lcm(*values)", "numbers")
def lcm(*args: Value) -> int:
    """Least common multiple of integers (several, or a vector of them)."""
    values = [integer(v, "lcm") for v in _items(args, "lcm")]
    if sum(abs(v).bit_length() for v in values) > MAX_INT_BITS:
        raise LimitError("lcm: the result could exceed 4096 bits")
    return math.lcm(*values)

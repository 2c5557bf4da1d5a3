"""Exact rational evaluation, and the static size limits on exact values.

Numbers, + − · /, integer powers, ``%``, ``!``, binomial, abs, max, min and perfect roots stay in
``fractions.Fraction``, so ``0.5`` = ``1/2`` exactly and ``0.333`` ≠ ``1/3`` exactly. Anything
irrational (π, √2, ln 3, a variable) gives None and is left to the high-precision numerics.

Every constant sub-expression is visited, even under a variable, and its size is estimated
*before* it is computed: ``9^9^9^9``, ``factorial(10^10)`` and ``x^(9^9^9)`` are refused here in
microseconds instead of hanging whatever would have tried to build them.
"""

from __future__ import annotations

import math
from fractions import Fraction

from quizmath.core.answers.nodes import (
    Call,
    Const,
    Neg,
    Node,
    Num,
    Percent,
    PlusMinus,
    Pow,
    Prod,
    Sum,
    Var,
)
from quizmath.core.errors import ExprEvalError, LimitError

MAX_BITS = 3400  # about 1,000 decimal digits in a numerator or denominator
MAX_ROOT = 64  # exact q-th roots are tried for q up to this
MAX_E_ARG = 2400  # e^2400 already has over 1,000 digits

_ZERO_AT_ZERO = {"sin", "tan", "asin", "atan", "sinh", "tanh"}
_ONE_AT_ZERO = {"cos", "cosh", "exp", "sec", "sech"}
_POLE_AT_ZERO = {"csc", "cot", "csch", "coth"}
_TRIG = frozenset({"sin", "cos", "tan", "csc", "sec", "cot"})
# sin(kπ/6) for k = 0 … 11, where it is rational (Niven: 0, ±1/2, ±1 are the only rational
# values of sin at rational multiples of π).
_SIN_SIXTHS = {
    0: Fraction(0),
    1: Fraction(1, 2),
    3: Fraction(1),
    5: Fraction(1, 2),
    6: Fraction(0),
    7: Fraction(-1, 2),
    9: Fraction(-1),
    11: Fraction(-1, 2),
}


class Undefined(ExprEvalError):
    """The value does not exist: division by zero, log of 0, factorial of −1 …"""

    def __init__(self, what: str) -> None:
        super().__init__(f"not an answer: {what}")


def _too_large() -> LimitError:
    return LimitError("number too large (over about 1000 digits)")


def _bits(q: Fraction) -> int:
    return max(q.numerator.bit_length(), q.denominator.bit_length())


def _checked(q: Fraction) -> Fraction:
    if _bits(q) > MAX_BITS:
        raise _too_large()
    return q


def exact(node: Node) -> Fraction | None:
    """The exact rational value of ``node``, or None when it is not (known to be) rational.

    Raises ``LimitError`` for an astronomically large constant anywhere in the tree and
    ``Undefined`` for a constant without a value (``1/0``).
    """
    if isinstance(node, Num):
        return _checked(node.value)
    if isinstance(node, Const | Var):
        return None
    if isinstance(node, Neg):
        v = exact(node.arg)
        return None if v is None else -v
    if isinstance(node, PlusMinus):
        exact(node.arg)
        return None
    if isinstance(node, Percent):
        v = exact(node.arg)
        return None if v is None else v / 100
    if isinstance(node, Sum):
        return _sum(node)
    if isinstance(node, Prod):
        return _prod(node)
    if isinstance(node, Pow):
        return _pow(exact(node.base), exact(node.exp))
    if isinstance(node, Call):
        value = _call(node.name, [exact(a) for a in node.args])
        if value is None and node.name in _TRIG:
            return trig_exact(node.name, node.args[0])
        return value
    raise ExprEvalError("a list where a single value is needed")


def pi_multiple(node: Node) -> Fraction | None:
    """q when ``node`` is exactly q·π with q rational (``π``, ``3π/2``, ``-2pi``, ``π/2 + π``)."""
    if isinstance(node, Const):
        return Fraction(1) if node.name == "pi" else None
    if isinstance(node, Num):
        return Fraction(0) if node.value == 0 else None
    if isinstance(node, Neg):
        q = pi_multiple(node.arg)
        return None if q is None else -q
    if isinstance(node, Percent):
        q = pi_multiple(node.arg)
        return None if q is None else q / 100
    if isinstance(node, Sum):
        total = Fraction(0)
        for sign, t in node.terms:
            q = pi_multiple(t)
            if q is None or sign == "±":
                return None
            total = total - q if sign == "-" else total + q
        return total
    if isinstance(node, Prod):
        return _pi_product(node)
    return None


def _pi_product(node: Prod) -> Fraction | None:
    """A product of rationals and one multiple of π (not under a division)."""
    total, multiple = Fraction(1), None
    for op, f in node.factors:
        r = exact(f)
        if r is not None:
            if op == "/":
                if r == 0:
                    return None
                total /= r
            else:
                total *= r
            continue
        q = pi_multiple(f)
        if q is None or multiple is not None or op == "/":
            return None
        multiple = q
    return None if multiple is None else _checked(total * multiple)


def trig_exact(name: str, arg: Node) -> Fraction | None:
    """The exact value of a trigonometric function at a rational multiple of π when it is
    rational (``sin π`` = 0, ``cos π/3`` = 1/2, ``tan 3π/4`` = −1), else None; ``Undefined``
    at a pole (``tan π/2``). Numerics would give 1e-41 for sin π, and a comparison then has
    to guess whether that is zero."""
    q = pi_multiple(arg)
    if q is None:
        return None
    if name in ("tan", "cot"):
        quarter = q * 4
        if quarter.denominator != 1:
            return None
        k = int(quarter) % 4  # tan at 0, π/4, π/2, 3π/4
        value = {0: Fraction(0), 1: Fraction(1), 2: None, 3: Fraction(-1)}[k]
        if name == "cot":
            value = {0: None, 1: Fraction(1), 2: Fraction(0), 3: Fraction(-1)}[k]
        if value is None:
            raise Undefined(f"{name} has no value at a multiple of π/2 like this one")
        return value
    sixth = q * 6
    if sixth.denominator != 1:
        return None
    k = int(sixth) % 12
    value = _SIN_SIXTHS.get(k if name in ("sin", "csc") else (k + 3) % 12)
    if value is None or name in ("sin", "cos"):
        return value
    if value == 0:
        raise Undefined(f"{name} has no value here (a pole)")
    return 1 / value


def _sum(node: Sum) -> Fraction | None:
    values = [exact(t) for _, t in node.terms]  # all of them: limits apply everywhere
    total = Fraction(0)
    for (sign, _), v in zip(node.terms, values, strict=True):
        if v is None or sign == "±":
            return None
        total = total - v if sign == "-" else total + v
    return _checked(total)


def _prod(node: Prod) -> Fraction | None:
    values = [exact(f) for _, f in node.factors]
    for (op, _), v in zip(node.factors, values, strict=True):
        if op == "/" and v == 0:
            raise Undefined("division by zero")
    if any(v is None for v in values):
        return None
    total = Fraction(1)
    for (op, _), v in zip(node.factors, values, strict=True):
        assert v is not None
        total = total / v if op == "/" else total * v
        _checked(total)
    return total


def _pow(base: Fraction | None, exp: Fraction | None) -> Fraction | None:
    if base is None or exp is None:
        return None
    if base == 0:
        if exp < 0:
            raise Undefined("0 to a negative power is undefined")
        return Fraction(1) if exp == 0 else Fraction(0)
    if abs(base) == 1 and exp.denominator == 1:
        return base ** int(exp)
    # The result has about |exp|·log2|base| bits: refuse before computing anything.
    if abs(exp) * (_bits(base) - 1) > MAX_BITS:
        raise _too_large()
    p, q = exp.numerator, exp.denominator
    if q == 1:
        return _checked(base**p)
    if base < 0 or q > MAX_ROOT:
        return None
    num = _iroot(base.numerator, q)
    den = _iroot(base.denominator, q)
    if num is None or den is None:
        return None
    return _checked(Fraction(num, den) ** p)


def _iroot(n: int, q: int) -> int | None:
    """The exact integer q-th root of n ≥ 0, or None."""
    if n < 2:
        return n
    r = round(n ** (1.0 / q)) if n.bit_length() < 1000 else _bisect_root(n, q)
    for cand in (r - 1, r, r + 1):
        if cand >= 0 and cand**q == n:
            return cand
    return None


def _bisect_root(n: int, q: int) -> int:
    lo, hi = 0, 1 << (n.bit_length() // q + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid**q <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _log2_factorial(n: int) -> float:
    return math.lgamma(n + 1) / math.log(2)


def _call(name: str, args: list[Fraction | None]) -> Fraction | None:
    x = args[0]
    if name == "factorial":
        return _factorial(x)
    if name == "binomial":
        return _binomial(x, args[1])
    if name in ("log", "ln", "log2", "log10"):
        return _log(name, args)
    if any(a is None for a in args):
        return None
    assert x is not None
    if name == "abs":
        return abs(x)
    if name in ("max", "min"):
        return (max if name == "max" else min)(a for a in args if a is not None)
    if name == "sqrt":
        return _pow(x, Fraction(1, 2)) if x >= 0 else None
    if name in ("exp", "sinh", "cosh", "sech", "csch") and abs(x) > MAX_E_ARG:
        raise _too_large()
    if x == 0 and name in _ZERO_AT_ZERO:
        return Fraction(0)
    if x == 0 and name in _ONE_AT_ZERO:
        return Fraction(1)
    if x == 0 and name in _POLE_AT_ZERO:
        raise Undefined(f"{name}(0) has no value")
    if x == 1 and name == "acos":
        return Fraction(0)
    return None


def _factorial(x: Fraction | None) -> Fraction | None:
    if x is None:
        return None
    if x.denominator != 1:
        if x > 10**6:
            raise _too_large()
        return None  # Γ(x + 1): numerics
    n = int(x)
    if n < 0:
        raise Undefined("factorial of a negative integer is undefined")
    if n > 10**6 or _log2_factorial(n) > MAX_BITS:
        raise _too_large()
    return Fraction(math.factorial(n))


def _binomial(n: Fraction | None, k: Fraction | None) -> Fraction | None:
    if n is None or k is None:
        return None
    if n.denominator != 1 or k.denominator != 1 or n < 0:
        if abs(n) > 10**6:
            raise _too_large()
        return None
    ni, ki = int(n), int(k)
    if ki < 0 or ki > ni:
        return Fraction(0)
    small = min(ki, ni - ki)
    if small * (ni.bit_length() - small.bit_length()) > 2 * MAX_BITS:
        raise _too_large()  # C(n, k) ≥ (n/k)^k: far too large, whatever the exact count
    if ni > 10**15:  # lgamma would overflow; C(n, k) ≤ n^k
        log2 = float(small * ni.bit_length())
    else:
        log2 = _log2_factorial(ni) - _log2_factorial(ki) - _log2_factorial(ni - ki)
    if log2 > MAX_BITS:
        raise _too_large()
    return Fraction(math.comb(ni, ki))


def _ln(q: Fraction) -> float:
    return math.log(q.numerator) - math.log(q.denominator)


def _log(name: str, args: list[Fraction | None]) -> Fraction | None:
    x = args[0]
    base: Fraction | None
    if name == "log2":
        base = Fraction(2)
    elif name == "log10":
        base = Fraction(10)
    elif len(args) == 2:
        base = args[1]
    else:
        base = None  # natural log
    if x == 0:
        raise Undefined("the log of 0 is undefined")
    if base is not None and (base == 1 or base == 0):
        raise Undefined(f"a log with base {base} is undefined")
    if x == 1:
        return Fraction(0)
    if x is None or base is None or x < 0 or base < 0:
        return None
    # log_b(x) is rational only in easy cases we can confirm exactly: x = b^k
    k = round(_ln(x) / _ln(base)) if x > 0 else 0
    if k != 0 and abs(k) <= MAX_BITS and _bits(base) * abs(k) <= 2 * MAX_BITS and base**k == x:
        return Fraction(k)
    return None

"""High-precision evaluation of our own syntax tree with mpmath (no sympy, no lambdify).

Each precision gets its own ``mpmath.MPContext`` per thread, so checks running in different
threads never change each other's precision. Every operation is guarded: a result that would need
an absurd exponent (``9^(9^9)`` as a float is fine, ``9^(9^(9^9))`` is not) or an argument that
would make argument reduction expensive raises ``Overflow`` instead of working for minutes.

The evaluator also records the smallest and largest magnitude of every intermediate value; the
comparison uses that spread to pick a precision at which cancellation cannot hide a difference.
"""

from __future__ import annotations

import threading
from fractions import Fraction
from typing import Any

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

MAX_BITS = 100_000  # magnitude of any intermediate value, in bits (about 30,000 digits)
MAX_TRIG_BITS = 4_000  # sin(10^1200) would need π to 1,200 digits just to reduce the argument
MAX_GAMMA = 10**6

_local = threading.local()


class Overflow(Exception):
    """A value too large (or an argument too large) to evaluate sensibly."""


class Undefined(Exception):
    """No value here: a pole, log 0, a complex number where a real one is required …"""


def context(dps: int) -> Any:
    """A private mpmath context at ``dps`` decimal digits for this thread."""
    cache: dict[int, Any] | None = getattr(_local, "contexts", None)
    if cache is None:
        cache = _local.contexts = {}
    ctx = cache.get(dps)
    if ctx is None:
        import mpmath

        ctx = mpmath.MPContext()
        ctx.dps = dps
        cache[dps] = ctx
    return ctx


class Evaluator:
    """Evaluates scalar nodes at one assignment of the variables, at one precision."""

    def __init__(self, dps: int, env: dict[str, Any] | None = None) -> None:
        self.dps = dps
        self.ctx = context(dps)
        self.env = env or {}
        self.lo = 0  # smallest and largest magnitude (bits) seen, for the precision choice
        self.hi = 0

    def __call__(self, node: Node) -> Any:
        try:
            value = self._eval(node)
        except (ZeroDivisionError, ValueError, ArithmeticError) as exc:
            raise Undefined(str(exc)) from None
        return value

    def real(self, value: Any) -> Any | None:
        """The real part when ``value`` is real to working precision, else None."""
        ctx = self.ctx
        if isinstance(value, ctx.mpc):
            if value.imag == 0 or abs(value.imag) <= abs(value) * ctx.mpf(10) ** (-self.dps + 5):
                return value.real
            return None
        return value

    def _track(self, value: Any) -> Any:
        ctx = self.ctx
        if not ctx.isfinite(value):
            raise Undefined("not a finite number")
        if value != 0:
            m = ctx.mag(value)
            if m > MAX_BITS or m < -MAX_BITS:
                raise Overflow
            if m < self.lo:
                self.lo = m
            elif m > self.hi:
                self.hi = m
        return value

    def _eval(self, node: Node) -> Any:
        ctx = self.ctx
        if isinstance(node, Num):
            v = node.value
            return self._track(ctx.mpf(v.numerator) / v.denominator)
        if isinstance(node, Var):
            value = self.env.get(node.name)
            if value is None:
                raise Undefined(f"no value for {node.name}")
            return value
        if isinstance(node, Const):
            if node.name == "i":
                return ctx.mpc(0, 1)
            return +(ctx.pi if node.name == "pi" else ctx.e)
        if isinstance(node, Neg):
            return -self._eval(node.arg)
        if isinstance(node, Percent):
            return self._eval(node.arg) / 100
        if isinstance(node, Sum):
            total = ctx.zero
            for sign, t in node.terms:
                v = self._eval(t)
                total = total - v if sign == "-" else total + v
            return self._track(total)
        if isinstance(node, Prod):
            total = ctx.one
            for op, f in node.factors:
                v = self._eval(f)
                if op == "/":
                    if v == 0:
                        raise Undefined("division by zero")
                    total = total / v
                else:
                    total = total * v
                self._track(total)
            return total
        if isinstance(node, Pow):
            return self._track(self._pow(self._eval(node.base), self._eval(node.exp)))
        if isinstance(node, Call):
            return self._track(self._call(node.name, [self._eval(a) for a in node.args]))
        if isinstance(node, PlusMinus):
            raise Undefined("± gives two values")
        raise Undefined("not a single value")

    def _pow(self, b: Any, e: Any) -> Any:
        ctx = self.ctx
        if b == 0:
            if e == 0:
                return ctx.one
            if ctx.re(e) > 0:
                return ctx.zero
            raise Undefined("0 to a negative power")
        if ctx.mag(e) > 64 and abs(b) != 1:
            raise Overflow
        log2b = ctx.log(abs(b), 2)
        if abs(ctx.re(e) * log2b) > MAX_BITS:
            raise Overflow
        return ctx.power(b, e)

    def _call(self, name: str, args: list[Any]) -> Any:
        ctx = self.ctx
        x = args[0]
        if name in ("exp", "sinh", "cosh", "tanh") and abs(ctx.re(x)) > MAX_BITS / 2:
            if name != "tanh":
                raise Overflow
            return ctx.sign(ctx.re(x))
        if name in ("sin", "cos", "tan") and x != 0 and ctx.mag(x) > MAX_TRIG_BITS:
            raise Overflow
        if name in ("factorial", "binomial") and any(abs(a) > MAX_GAMMA for a in args):
            raise Overflow
        if name == "sqrt":
            return ctx.sqrt(x)
        if name in ("ln", "log", "log2", "log10"):
            return self._log(name, args)
        if name == "abs":
            return abs(x)
        if name in ("max", "min"):
            reals = [self.real(a) for a in args]
            if any(r is None for r in reals):
                raise Undefined(f"{name} of a complex number")
            return max(reals) if name == "max" else min(reals)
        if name == "factorial":
            return ctx.factorial(x)
        if name == "binomial":
            return ctx.binomial(x, args[1])
        return getattr(ctx, name)(x)  # exp, trig, hyperbolic, inverse trig

    def _log(self, name: str, args: list[Any]) -> Any:
        ctx = self.ctx
        x = args[0]
        if x == 0:
            raise Undefined("log of 0")
        ln = ctx.ln(x)
        if name in ("ln", "log") and len(args) == 1:
            return ln
        base = {"log2": 2, "log10": 10}.get(name) or args[1]
        ln_base = ctx.ln(base) if base != 0 else ctx.zero
        if ln_base == 0:
            raise Undefined("log with base 0 or 1")
        return ln / ln_base


def to_mp(ctx: Any, q: Fraction) -> Any:
    return ctx.mpf(q.numerator) / q.denominator

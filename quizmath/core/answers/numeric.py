"""High-precision evaluation of our own syntax tree with mpmath (no sympy, no lambdify).

Each precision gets its own ``mpmath.MPContext`` per thread, so checks running in different
threads never change each other's precision. Every operation is guarded: a result that would need
an absurd exponent (``9^(9^9)`` as a float is fine, ``9^(9^(9^9))`` is not) or an argument that
would make argument reduction expensive raises ``Overflow`` instead of working for minutes.

The evaluator also estimates how much precision the evaluation loses (cancellation, absorption,
amplification by powers and functions); the comparison uses that to pick a precision at which
rounding cannot hide a difference, and the error estimate of each value as its noise level.
"""

from __future__ import annotations

import math
import threading
from fractions import Fraction
from typing import Any

from quizmath.core.answers.exact import trig_exact
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

MAX_BITS = 100_000  # magnitude of any intermediate value, in bits (about 30,000 digits)
MAX_TRIG_BITS = 4_000  # sin(10^1200) would need π to 1,200 digits just to reduce the argument
MAX_GAMMA = 10**6

_EXACT = float("-inf")  # the error scale of an exact value (0, i, an exact zero like sin π)
_INF = float("inf")
_BITS_PER_DIGIT = 3.3219
_PERIODIC = frozenset({"sin", "cos", "tan", "csc", "sec", "cot"})
_EXP_LIKE = frozenset({"exp", "sinh", "cosh", "tanh", "sech", "csch", "coth"})
_POLE_AT_ZERO = frozenset({"csc", "cot", "csch", "coth"})

_local = threading.local()


class ExpectedError(Exception):
    """The expected answer (trusted text) has no usable value: a template bug, not the learner's."""


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
    """Evaluates scalar nodes at one assignment of the variables, at one precision.

    Next to each value it carries an estimate of its absolute error, as a power of two in
    units of the working precision (``scale``: the error is about 2^scale · 10^−dps), pushed
    through every operation by its condition (first order): a sum keeps the errors of its terms,
    a product their relative errors, ``x^n`` multiplies the relative error by n, ``sin`` passes
    the error of its argument on, ``exp`` turns it into a relative error …

    After a call, ``need`` is the number of bits the working precision must exceed for the
    value to mean something: the relative error of the worst intermediate value (cancellation:
    ``(x + 10^50) − 10^50``), and in a sum the gap between its error and its smallest term
    (absorption: ``1 + 10^−400`` must not pass for 1), and the digits of the longest literal.
    Multiplying never loses precision, so ``(x − 4a)^6000`` needs no more digits than
    ``x − 4a`` (the old rule — the spread of all magnitudes met — asked for 3,000).

    ``complex`` says whether some intermediate value was not real (``√(x−3)·√(x−5)`` at x = 1
    is real, through i·i): such a point is outside the expression's real domain.
    """

    def __init__(self, dps: int, env: dict[str, Any] | None = None) -> None:
        self.dps = dps
        self.ctx = context(dps)
        self.env = env or {}
        self.need = 0.0  # bits of precision lost on the way (see the class docstring)
        self.scale = _EXACT  # the final value's absolute error, log2 in units of 10^-dps
        self.complex = False

    def __call__(self, node: Node) -> Any:
        try:
            value, self.scale = self._eval(node)
        except (ZeroDivisionError, ValueError, ArithmeticError) as exc:
            raise Undefined(str(exc)) from None
        return value

    def noise(self, *scales: float) -> Any:
        """The absolute error at these scales (default: the last value's), as an mpf."""
        ctx = self.ctx
        top = max(scales or (self.scale,))
        if top == _EXACT:
            return ctx.zero
        return ctx.ldexp(ctx.mpf(10) ** -self.dps, math.ceil(top))

    def real(self, value: Any) -> Any | None:
        """The real part when ``value`` is real to working precision, else None."""
        ctx = self.ctx
        if isinstance(value, ctx.mpc):
            if value.imag == 0 or abs(value.imag) <= abs(value) * ctx.mpf(10) ** (-self.dps + 5):
                return value.real
            return None
        return value

    def _mag(self, value: Any) -> float:
        """log2 of |value|, roughly (mpmath's ``mag``); −inf for 0. Called for every value."""
        raw = getattr(value, "_mpf_", None)
        if raw is not None:  # a real: exponent + bit count, without going through mpmath
            return float(raw[2] + raw[3]) if raw[1] else _EXACT
        return float(self.ctx.mag(value)) if value else _EXACT

    def _track(self, value: Any, scale: float) -> tuple[Any, float]:
        ctx = self.ctx
        if not ctx.isfinite(value):
            raise Undefined("not a finite number")
        m = self._mag(value)
        if m != _EXACT:
            if m > MAX_BITS or m < -MAX_BITS:
                raise Overflow
            scale = max(scale, m)  # never better than one unit in the last place
            if scale - m > self.need:
                self.need = scale - m
        if not self.complex and isinstance(value, ctx.mpc) and self.real(value) is None:
            self.complex = True
        return value, scale

    def _eval(self, node: Node) -> tuple[Any, float]:
        ctx = self.ctx
        if isinstance(node, Num):
            v = node.value
            value = ctx.mpf(v.numerator) / v.denominator
            if v.denominator != 1 or v.numerator.bit_length() > 53:
                # A long literal must be carried in full: 1.000…01 is not 1.
                digits = sum(c.isdigit() for c in node.text)
                self.need = max(self.need, digits * _BITS_PER_DIGIT)
            return self._track(value, self._mag(value))
        if isinstance(node, Var):
            value = self.env.get(node.name)
            if value is None:
                raise Undefined(f"no value for {node.name}")
            return value, self._mag(value)
        if isinstance(node, Const):
            if node.name == "i":
                return ctx.mpc(0, 1), _EXACT
            return self._track(+(ctx.pi if node.name == "pi" else ctx.e), _EXACT)
        if isinstance(node, Neg):
            value, scale = self._eval(node.arg)
            return -value, scale
        if isinstance(node, Percent):
            value, scale = self._eval(node.arg)
            return value / 100, scale - 6.6
        if isinstance(node, Sum):
            return self._sum(node)
        if isinstance(node, Prod):
            return self._prod(node)
        if isinstance(node, Pow):
            b, sb = self._eval(node.base)
            e, se = self._eval(node.exp)
            value = self._pow(b, e)
            if value == 0 or b == 0:
                return self._track(value, _EXACT if value == 0 else self._mag(value))
            # relative error of b^e: |e|·(relative error of b) + |ln b|·(error of e)
            rel = max(self._mag(e) + sb - self._mag(b), _log_bits(self._mag(b)) + se, 0.0)
            return self._track(value, self._mag(value) + rel + 1)
        if isinstance(node, Call):
            return self._call_node(node)
        if isinstance(node, PlusMinus):
            raise Undefined("± gives two values")
        raise Undefined("not a single value")

    def _sum(self, node: Sum) -> tuple[Any, float]:
        ctx = self.ctx
        total = ctx.zero
        scales: list[float] = []
        smallest = _INF
        for sign, t in node.terms:
            v, sv = self._eval(t)
            total = total - v if sign == "-" else total + v
            scales.append(sv)
            if v != 0:
                smallest = min(smallest, self._mag(v))
        scale = max(scales) + math.log2(len(scales) + 1)
        if smallest != _INF and scale - smallest > self.need:
            self.need = scale - smallest  # absorption: the smallest term must still count
        return self._track(total, scale)

    def _prod(self, node: Prod) -> tuple[Any, float]:
        total, scale = self._eval(node.factors[0][1])
        for op, f in node.factors[1:]:
            v, sv = self._eval(f)
            mt, mv = self._mag(total), self._mag(v)
            if op == "/":
                if v == 0:
                    raise Undefined("division by zero")
                total = total / v
                mq = self._mag(total)
                scale = max(scale - mv, sv + mq - mv, mq) + 1
            else:
                total = total * v
                scale = max(scale + mv, sv + mt, self._mag(total)) + 1
            total, scale = self._track(total, scale)
        return total, scale

    def _call_node(self, node: Call) -> tuple[Any, float]:
        name = node.name
        if name in _PERIODIC:
            try:  # sin(π), cos(π/2): exactly 0, not 1e-41 that a comparison must guess about
                known = trig_exact(name, node.args[0])
            except ExprEvalError as exc:  # a pole (tan π/2), or too large to tell
                if isinstance(exc, LimitError):
                    raise Overflow from None
                raise Undefined(exc.message) from None
            if known is not None:
                return self._track(to_mp(self.ctx, known), _EXACT)
        pairs = [self._eval(a) for a in node.args]
        args = [v for v, _ in pairs]
        value = self._call(name, args)
        slope = self._slope(name, args[0], value, args)
        arg_scale = max(s for _, s in pairs)
        scale = max(slope + arg_scale, self._mag(value)) + 1
        return self._track(value, scale)

    def _slope(self, name: str, x: Any, f: Any, args: list[Any]) -> float:
        """log2 of |f′(x)| (roughly, and never less than needed): how f scales an error."""
        ctx = self.ctx
        mf, mx = self._mag(f), self._mag(x)
        if name in ("sin", "cos", "tanh", "atan", "abs", "max", "min", "sinh"):
            return max(mf, 0.0) if name == "sinh" else 0.0
        if name in ("exp", "cosh"):
            return mf
        if name == "sqrt":
            return -mf - 1 if f != 0 else 0.0
        if name in ("ln", "log", "log2", "log10"):
            if name == "log2":
                return 0.53 - mx  # 1/ln 2 ≈ 2^0.53
            if name == "log10":
                return -1.2 - mx
            if len(args) == 1:
                return -mx
            # log_b(x) = ln x / ln b: errors in x and in b
            ln_b = ctx.ln(args[1])
            return max(-mx, mf - self._mag(args[1])) - self._mag(ln_b)
        if name in ("tan", "cot"):
            return max(2 * mf, 0.0)
        if name in ("sec", "csc", "csch", "coth"):
            return 2 * max(mf, 0.0) + 1
        if name == "sech":
            return mf
        if name in ("asin", "acos"):
            gap = 1 - x * x
            return -self._mag(gap) / 2 if gap != 0 else 0.0
        if name in ("factorial", "binomial"):
            return mf + _log_bits(max(self._mag(a) for a in args)) + 1
        return max(mf, 0.0)

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
        # |e·log2|b|| bounds the result's size. mag(b) brackets log2|b| within one, so the
        # exact logarithm (slow at thousands of digits) is needed only near the limit.
        mb, re_e = ctx.mag(b), abs(ctx.re(e))
        if re_e * max(abs(mb), abs(mb - 1)) > MAX_BITS:
            if re_e * min(abs(mb), abs(mb - 1)) > MAX_BITS:
                raise Overflow
            if re_e * abs(context(20).log(abs(b), 2)) > MAX_BITS:
                raise Overflow
        return ctx.power(b, e)

    def _call(self, name: str, args: list[Any]) -> Any:
        ctx = self.ctx
        x = args[0]
        if name in _EXP_LIKE and abs(ctx.re(x)) > MAX_BITS / 2:
            if name not in ("tanh", "coth"):
                raise Overflow
            return ctx.sign(ctx.re(x))
        if name in _PERIODIC and x != 0 and ctx.mag(x) > MAX_TRIG_BITS:
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
            maybe = [self.real(a) for a in args]
            reals = [r for r in maybe if r is not None]
            if len(reals) != len(maybe):
                raise Undefined(f"{name} of a complex number")
            return max(reals) if name == "max" else min(reals)
        if name == "factorial":
            return ctx.factorial(x)
        if name == "binomial":
            return ctx.binomial(x, args[1])
        if name in _POLE_AT_ZERO and x == 0:
            raise Undefined(f"{name}(0) has no value")
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


def _log_bits(mag: float) -> float:
    """log2 of |ln y| for |y| ≈ 2^mag: how much an error in an exponent is worth."""
    if mag == _EXACT:
        return 0.0
    return math.log2(abs(mag) * 0.7 + 1)


def needed_digits(*evaluators: Evaluator) -> int:
    """Decimal digits the working precision must exceed for these values to be trusted."""
    return int(max(ev.need for ev in evaluators) * 0.30103) + 1


MARGIN = 25  # digits of precision kept beyond what the evaluation loses


def next_dps(dps: int, need: int, last: tuple[int, int] | None, most: int) -> int:
    """What to do after evaluating at ``dps`` and losing ``need`` digits: 0 when ``dps`` will
    do, a higher precision to evaluate at again, or −1 when even ``most`` digits will not do.

    ``last`` is (dps, need) of the previous round. When raising the precision raised the loss
    about as much, the small values behind it are rounding noise of something exactly zero
    (sin²x + cos²x − 1): more digits only make smaller noise, so this precision will do. A real
    small value (``10^−400``) keeps its size and is resolved by the next round.
    """
    if need <= dps - MARGIN:
        return 0
    if last is not None and need - last[1] >= (dps - last[0]) // 2:
        return 0
    if dps >= most:
        return -1
    return min(most, dps + need + MARGIN)


def to_mp(ctx: Any, q: Fraction) -> Any:
    return ctx.mpf(q.numerator) / q.denominator

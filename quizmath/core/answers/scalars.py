"""Equality of two constant scalars, under the exact rule or the tolerance rule.

Exact rule: both rational → compare the fractions. Otherwise compare numerically at a precision
chosen from the inputs: more digits than either text carries (so a long rounded decimal cannot
pass for √2), and widened by the digits the evaluation loses on the way (so ``π/10^400 + 1`` is
not taken for ``1``). Equal means equal to within the estimated error of that evaluation (far
below a float's 16 digits).

Tolerance rule (ANSWERS.md): ``|s − e| ≤ tol·|e|``, and ``|s| ≤ 1e-12`` when e = 0.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizmath.core.answers.exact import exact
from quizmath.core.answers.expression import same_function
from quizmath.core.answers.nodes import Node, free_vars
from quizmath.core.answers.numeric import (
    Evaluator,
    ExpectedError,
    Overflow,
    Undefined,
    needed_digits,
    next_dps,
)
from quizmath.core.errors import ExprEvalError, LimitError

BASE_DPS = 40
MAX_DPS = 6000
ZERO_ABS = 1e-12


class BadValue(ExprEvalError):
    """A constant answer without a usable value (``1/0``, ``ln(0)``, far too large)."""


def precision_for(*texts: str) -> int:
    """Working digits for exact comparisons: well beyond the digits the inputs carry."""
    digits = sum(ch.isdigit() for t in texts for ch in t)
    return BASE_DPS + 2 * digits


class Scalars:
    """Values of constant scalar nodes for one check, computed once and cached."""

    def __init__(self, dps: int, names: tuple[str, ...] = ()) -> None:
        self.dps = dps
        self.names = names
        self._vars: dict[int, bool] = {}
        self._exact: dict[int, Fraction | None] = {}
        self._num: dict[tuple[int, int], tuple[Any, int, float]] = {}
        self._keep: list[Node] = []  # keeps ids stable while cached

    def exact(self, node: Node, *, expected: bool = False) -> Fraction | None:
        key = id(node)
        if key not in self._exact:
            self._keep.append(node)
            try:
                self._exact[key] = exact(node)
            except (LimitError, ExprEvalError) as exc:
                if expected:
                    raise ExpectedError(str(exc)) from None
                raise BadValue(exc.message, exc.column) from None
        return self._exact[key]

    def num(self, node: Node, dps: int, *, expected: bool = False) -> tuple[Any, int, float]:
        """(value, digits lost on the way, error scale) at ``dps`` digits (see ``Evaluator``)."""
        key = (id(node), dps)
        hit = self._num.get(key)
        if hit is None:
            self._keep.append(node)
            ev = Evaluator(dps)
            try:
                value = ev(node)
            except Undefined as exc:
                if expected:
                    raise ExpectedError(f"no value: {exc}") from None
                raise BadValue(f"not an answer: it has no value ({exc})") from None
            except Overflow:
                if expected:
                    raise ExpectedError("number too large") from None
                raise BadValue("number too large") from None
            hit = self._num[key] = (value, needed_digits(ev), ev.scale)
        return hit

    def symbolic(self, node: Node) -> bool:
        """Whether ``node`` contains a variable (then it is compared as a function)."""
        key = id(node)
        if key not in self._vars:
            self._keep.append(node)
            self._vars[key] = bool(free_vars(node))
        return self._vars[key]

    def check_value(self, node: Node, *, expected: bool = False) -> None:
        """Raise ``BadValue`` when a submitted constant has no value or is too large."""
        if self.exact(node, expected=expected) is None and not self.symbolic(node):
            self.num(node, self.dps, expected=expected)

    def same_exact(self, s: Node, e: Node) -> bool:
        if self.symbolic(s) or self.symbolic(e):
            return same_function(s, e, self.names)
        fs, fe = self.exact(s), self.exact(e, expected=True)
        if fs is not None and fe is not None:
            return fs == fe
        return self.same_numeric(s, e)

    def same_numeric(self, s: Node, e: Node) -> bool:
        dps, last = self.dps, None
        while True:
            vs, need_s, scale_s = self.num(s, dps)
            ve, need_e, scale_e = self.num(e, dps, expected=True)
            need = max(need_s, need_e)
            step = next_dps(dps, need, last, MAX_DPS)
            if step <= 0:
                break
            last, dps = (dps, need), step
        ev = Evaluator(dps)
        return bool(abs(vs - ve) <= ev.noise(scale_s, scale_e) * ev.ctx.mpf(10) ** 15)

    def same_real(self, s: Node, e: Node, tol: float) -> bool:
        if self.symbolic(s) or self.symbolic(e):
            return same_function(s, e, self.names)
        fs, fe = self.exact(s), self.exact(e, expected=True)
        if fs is not None and fe is not None:
            if fe == 0:
                return abs(fs) <= Fraction(ZERO_ABS)
            return abs(fs - fe) <= Fraction(tol) * abs(fe)
        vs, _, _ = self.num(s, BASE_DPS)
        ve, _, scale = self.num(e, BASE_DPS, expected=True)
        ev = Evaluator(BASE_DPS)
        if fe == 0 or abs(ve) <= ev.noise(scale) * ev.ctx.mpf(10) ** 10:
            return bool(abs(vs) <= ZERO_ABS)
        return bool(abs(vs - ve) <= tol * abs(ve))

    def is_integer(self, s: Node) -> bool | None:
        """Whether a submitted value is a whole number (None when it is not known exactly)."""
        fs = self.exact(s)
        return None if fs is None else fs.denominator == 1

    def rel_diff(self, s: Node, e: Node) -> float | None:
        """A rough relative difference, for feedback only."""
        if self.symbolic(s) or self.symbolic(e):
            return None
        try:
            vs, _, _ = self.num(s, BASE_DPS)
            ve, _, _ = self.num(e, BASE_DPS, expected=True)
        except (BadValue, ExpectedError):
            return None
        if ve == 0:
            return None
        return float(abs(vs - ve) / abs(ve))

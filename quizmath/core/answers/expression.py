"""Equality of two expressions as real functions, wherever the expected one is defined.

WeBWorK's way: evaluate both at many deterministic points of both signs in high precision. A
point where the expected expression is undefined or not real is skipped (a pole, ``ln`` of a
negative); a point where it is defined and the answer differs, or is undefined, rejects. So
``sqrt(x^2)`` = ``|x|`` but ≠ ``x``, and ``ln|x|`` is accepted for ``ln(x)``.

"Defined" (the decision, also in docs/checking.md): the expected expression is defined at a
point when every intermediate value is real there. A point it reaches only through a non-real
value is outside its domain even when the end result is real: ``√(x−3)·√(x−5)`` at x = 1 is
(i√2)(2i) = −√8, but its real domain is x ≥ 5, where it equals ``√((x−3)(x−5))``; so that
answer is accepted for it, and not the other way round (``√((x−3)(x−5))`` is defined for x < 3,
where ``√(x−3)·√(x−5)`` is not real). The learner's answer is judged by its value alone.

A difference near the precision's noise floor is re-evaluated at three times the precision: real
differences stay, rounding noise shrinks. Too few usable points (a tiny domain) fall back to
wider point sets, then (an expression never real) comparison as complex functions, and last
to sympy's ``simplify`` as a second opinion — never on a huge power, and never for an expected
expression that is too large to evaluate anywhere (that is the expected answer's problem).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from quizmath.core.answers.exact import exact
from quizmath.core.answers.nodes import Node, Pow, walk
from quizmath.core.answers.numeric import (
    Evaluator,
    ExpectedError,
    Overflow,
    Undefined,
    context,
    needed_digits,
    next_dps,
)
from quizmath.core.errors import ExprError

DPS = 40
RECHECK_DPS = 120
MAX_DPS = 3000
MIN_POINTS = 6

# Irregular values of both signs and mixed sizes: unlikely to hit a pole or a special angle.
_POINTS = (
    0.7236, -1.3817, 2.1543, -0.4129, 3.0571, -2.6459, 1.1912, -0.9093, 0.2684, -3.4471,
    1.6178, -1.8254, 4.8319, -0.1547, 0.5551, -5.2226, 2.5713, -0.6307, 6.3391, -1.0864,
    0.0917, -7.1342, 1.4142,
)  # fmt: skip
_FAR = (12.37, -17.71, 53.19, -89.03, 211.3, -377.9, 1013.7, -2048.3)
# Probabilities and other quantities that live in (0, 1): entropy, p(1 − p), logit …
_UNIT = (
    0.0731, 0.8862, 0.2377, 0.6931, 0.4142, 0.9387, 0.1618, 0.5772, 0.3119, 0.7854,
    0.0419, 0.9713, -0.3679, 0.4711, -0.8127, 0.1289,
)  # fmt: skip
N_POINTS = 16


class Undecided(Exception):
    """Neither the numerics nor sympy could decide."""


def _assignments(names: tuple[str, ...], values: tuple[float, ...], n: int) -> list[dict]:
    m = len(values)
    return [
        {v: values[(j * (2 * k + 1) + 5 * k) % m] for k, v in enumerate(names)} for j in range(n)
    ]


def _env(ctx: Any, point: dict[str, float]) -> dict[str, Any]:
    return _env_at(ctx.dps, tuple(sorted(point.items())))


@lru_cache(maxsize=1024)
def _env_at(dps: int, point: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    """The point's values at ``dps`` digits; the same for every check, so computed once.
    (Callers only read the dict; mpmath numbers are immutable.)"""
    # A tiny irrational offset: no rational multiple of a point is an integer, so an answer
    # like x + sin(10000πx) cannot vanish at every point by design of the point set.
    ctx = context(dps)
    return {
        name: ctx.mpf(str(val)) + ctx.sqrt(k + 2) * ctx.mpf(10) ** -7
        for k, (name, val) in enumerate(point)
    }


def _value(node: Node, dps: int, point: dict[str, float]) -> tuple[Any, Evaluator] | None:
    ev = Evaluator(dps)
    ev.env = _env(ev.ctx, point)
    try:
        return ev(node), ev
    except (Undefined, Overflow):
        return None


def _close(a: Any, b: Any, ev_a: Evaluator, ev_b: Evaluator) -> bool:
    """Equal to within (far more than) the error of both evaluations."""
    noise = ev_a.noise(ev_a.scale, ev_b.scale)
    return bool(abs(a - b) <= noise * ev_a.ctx.mpf(10) ** 20)


def _pair(sub: Node, exp: Node, point: dict[str, float], dps: int) -> Any:
    """(s, e, evaluator of s, evaluator of e) at a precision where rounding cannot hide a
    difference: ``sin(10^999·x)`` needs 1,000 more digits than ``sin(x)``. None: expected
    unusable here; False: the answer is undefined where the expected is not."""
    last = None
    while True:
        got_e = _value(exp, dps, point)
        if got_e is None:
            return None
        got_s = _value(sub, dps, point)
        if got_s is None:
            return False
        need = needed_digits(got_e[1], got_s[1])
        step = next_dps(dps, need, last, MAX_DPS)
        if step == 0:
            return got_s[0], got_e[0], got_s[1], got_e[1]
        if step < 0:
            return None  # cannot be evaluated reliably here: skip the point
        last, dps = (dps, need), step


def _agree_at(sub: Node, exp: Node, point: dict[str, float], *, real_only: bool) -> bool | None:
    """True/False when the point decides; None when the expected value is unusable here.

    With ``real_only``, a point where the expected value is not real, or is real only through
    a non-real intermediate value (√(x−3)·√(x−5) at x = 1), is outside its domain: skipped.
    """
    got = _pair(sub, exp, point, DPS)
    if got is None:
        return None
    if got is False:
        # undefined where the expected is defined: a difference (unless the expected is not real)
        e = _value(exp, DPS, point)
        if e is None or (real_only and (e[1].complex or e[1].real(e[0]) is None)):
            return None
        return False if real_only else None
    s, e, ev_s, ev_e = got
    if real_only:
        if ev_e.complex:
            return None
        e = ev_e.real(e)
        if e is None:
            return None
    if _close(s, e, ev_s, ev_e):
        return True
    # Near the noise floor? Recompute at higher precision: noise shrinks, differences stay.
    if abs(s - e) <= abs(e) * 1e-8 + 1e-8:
        again = _pair(sub, exp, point, max(RECHECK_DPS, 3 * ev_s.dps))
        if not again:
            return False
        s2, e2, ev_s2, ev_e2 = again
        if real_only:
            e2 = ev_e2.real(e2)
        return e2 is not None and _close(s2, e2, ev_s2, ev_e2)
    return False


def sample_points(names: tuple[str, ...]) -> list[dict[str, float]]:
    return [p for tier in _tiers(names) for p in tier]


def values_at(nodes: list[Node], point: dict[str, float]) -> tuple[list[Any], Any] | None:
    """The values of ``nodes`` at ``point`` and the absolute noise level of their evaluation,
    at a precision chosen from what the evaluation loses; None when one is undefined there."""
    dps, last = DPS, None
    while True:
        got = [_value(node, dps, point) for node in nodes]
        if any(g is None for g in got):
            return None
        evs = [g[1] for g in got if g is not None]
        need = needed_digits(*evs)
        step = next_dps(dps, need, last, MAX_DPS)
        if step <= 0:
            break
        last, dps = (dps, need), step
    ctx = evs[0].ctx
    noise = evs[0].noise(*(ev.scale for ev in evs)) * ctx.mpf(10) ** 15
    return [g[0] for g in got if g is not None], noise


def _tiers(names: tuple[str, ...]) -> list[list[dict[str, float]]]:
    """Point sets, tried in order until enough points are usable: the common case needs only
    the first; a small domain (``sqrt(x - 5)``, ``ln(x - 30)``) is found by the wider ones."""
    if not names:
        return [[{}]]
    wide = tuple(v * 10 for v in _POINTS)
    wider = tuple(v * 100 for v in _POINTS)
    return [
        _assignments(names, _POINTS, N_POINTS),
        _assignments(names, _UNIT, len(_UNIT)),
        _assignments(names, _FAR, len(_FAR)),
        _assignments(names, wide, N_POINTS),
        _assignments(names, wider, N_POINTS),
    ]


def _count_agreements(sub: Node, exp: Node, names: tuple[str, ...], real_only: bool) -> int | None:
    """Points where both agree (stopping once there are enough); None at the first difference."""
    agreed = 0
    for tier in _tiers(names):
        for point in tier:
            result = _agree_at(sub, exp, point, real_only=real_only)
            if result is False:
                return None
            if result:
                agreed += 1
        if agreed >= (MIN_POINTS if names else 1):
            break
    return agreed


def same_function(sub: Node, exp: Node, names: tuple[str, ...]) -> bool:
    """Whether ``sub`` equals ``exp`` as functions of ``names``; raises ``Undecided``."""
    needed = MIN_POINTS if names else 1
    agreed = _count_agreements(sub, exp, names, real_only=True)
    if agreed is None:
        return False
    if agreed >= needed:
        return True
    if agreed == 0:  # never real (e^(ix)): compare as complex functions instead
        agreed = _count_agreements(sub, exp, names, real_only=False)
        if agreed is None:
            return False
        if agreed >= needed:
            return True
        if all(_overflows(exp, point) for point in _tiers(names)[0]):
            # As a learner's answer would be, an expected value too large to evaluate anywhere
            # is refused here; sympy would try to expand it (1.4 GB for sin(x)^(10^9)).
            raise ExpectedError("its value is too large to evaluate")
    return _sympy_opinion(sub, exp)


def _overflows(node: Node, point: dict[str, float]) -> bool:
    ev = Evaluator(DPS)
    ev.env = _env(ev.ctx, point)
    try:
        ev(node)
    except Overflow:
        return True
    except Undefined:
        return False
    return False


SYMPY_MAX_POWER = 200  # sympy may expand a power; beyond this it is not worth asking


def _huge_power(node: Node) -> bool:
    for n in walk(node):
        if isinstance(n, Pow):
            try:
                e = exact(n.exp)
            except ExprError:
                return True
            if e is not None and abs(e) > SYMPY_MAX_POWER:
                return True
    return False


def _sympy_opinion(sub: Node, exp: Node) -> bool:
    from quizmath.core.answers.to_sympy import simplify_difference_is_zero

    if _huge_power(sub) or _huge_power(exp):
        raise Undecided
    verdict = simplify_difference_is_zero(sub, exp)
    if verdict is None:
        raise Undecided
    return verdict

"""Text helpers that write mathematics as a person does, whatever the seed draws.

Concatenating numbers into formulas gives ``2x − 1y + 0``, ``2^1·3^0``, ``k = −2/7 = −2/7`` or
``1 failures`` for some seeds. These helpers decide, from the values, which terms, powers,
signs and steps to write, so a template never has to.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.render.context import Shown, enclosed, is_atom
from quizmath.core.render.symbols import MINUS, PLUS_MINUS, TIMES, superscript
from quizmath.core.render.values import inline
from quizmath.core.values import (
    ValueSet,
    Vec,
    add,
    compare,
    div,
    equal,
    is_exact,
    is_scalar,
    is_symbolic,
    mul,
    sub,
)


def _items(v: Any, fn: str) -> list[Any]:
    if isinstance(v, Vec | ValueSet | tuple | list):
        return list(v)
    raise ExprEvalError(f"{fn}: expected a list or a vector")


def _text(x: Any) -> str:
    return x if isinstance(x, str) else inline(x)


def _is_zero(x: Any) -> bool:
    return is_scalar(x) and equal(x, 0)


def _negative(x: Any) -> bool:
    if isinstance(x, str):
        return x.startswith(MINUS)
    if is_symbolic(x) and x.free_symbols:
        return bool(x.could_extract_minus_sign())
    return bool(compare(x, 0, "<"))


@builtin("lincomb(coeffs, terms)", "text")
def lincomb(coeffs: Any, terms: Any) -> str:
    """Σ cᵢ·termᵢ written by hand, no 0 terms or 1 coefficients: 2x − y + 3 ('' is a constant).

    lincomb([2, -1, 0, 3], ['x', 'y', 'z', '']) gives 2x − y + 3.
    """
    cs, ts = _items(coeffs, "lincomb"), _items(terms, "lincomb")
    if len(cs) != len(ts):
        raise ExprEvalError(f"lincomb: {len(cs)} coefficients for {len(ts)} terms")
    parts: list[tuple[bool, str]] = []
    for c, t in zip(cs, ts, strict=True):
        if not is_scalar(c):
            raise ExprEvalError("lincomb: each coefficient must be a number")
        if not isinstance(t, str):
            raise ExprEvalError("lincomb: each term must be text, such as 'x' or ''")
        if _is_zero(c):
            continue
        negative = _negative(c)
        size = inline(mul(c, -1) if negative else c)
        parts.append((negative, _term(size, t)))
    if not parts:
        return "0"
    out = [f"{MINUS}{parts[0][1]}" if parts[0][0] else parts[0][1]]
    out += [f" {MINUS} {text}" if neg else f" + {text}" for neg, text in parts[1:]]
    return "".join(out)


# Terms a coefficient is written right before: x, xy, x², x₁, R₂, √2, π, (x + 1).
_JUXTAPOSABLE = re.compile(
    r"^(?:(?:[A-Za-zα-ωπ][₀₁₂₃₄₅₆₇₈₉ᵢⱼₖ⁰¹²³⁴⁵⁶⁷⁸⁹ᵀ′]*)+|√\S+|\(.*\)[⁰¹²³⁴⁵⁶⁷⁸⁹]*)$"
)


def _term(size: str, term: str) -> str:
    """A positive coefficient's text with its term: 3x, x, 3x/2 for 3/2, 2·ln 3."""
    if not term:
        return size
    if size == "1":
        return term
    juxtapose = bool(_JUXTAPOSABLE.match(term)) and term != "e"
    if "/" in size and is_atom(size.split("/")[0]) and juxtapose:
        top, bottom = size.split("/", 1)
        return f"{term}/{bottom}" if top == "1" else f"{top}{term}/{bottom}"
    if not is_atom(size):
        size = f"({size})"
    return f"{size}{term}" if juxtapose and size[-1].isdigit() else f"{size}{TIMES}{term}"


@builtin("show_powers(bases, exps)", "text")
def show_powers(bases: Any, exps: Any) -> str:
    """A product of powers, exponent 1 and 0 left out: show_powers([2, 3], [2, 1]) is 2²·3.

    show_powers([2, 3], [1, 0]) gives 2; all exponents 0 give 1.
    """
    bs, es = _items(bases, "show_powers"), _items(exps, "show_powers")
    if len(bs) != len(es):
        raise ExprEvalError(f"show_powers: {len(bs)} bases for {len(es)} exponents")
    factors: list[str] = []
    for b, k in zip(bs, es, strict=True):
        if not isinstance(k, int) or isinstance(k, bool):
            raise ExprEvalError("show_powers: the exponents must be whole numbers")
        if k == 0:
            continue
        text = _text(b)
        if not is_atom(text):
            text = f"({text})"
        sup = superscript(str(k)) if k != 1 else ""
        factors.append(f"{text}{sup if sup is not None else f'^{k}'}")
    return TIMES.join(factors) if factors else "1"


@builtin("over(a, b)", "text")
def over(a: Any, b: Any) -> str:
    """a/b written out before it is simplified: −10/4, (x − 2)/(1/2); just a when b is 1."""
    top, bottom = _text(a), _text(b)
    if is_scalar(b) and equal(b, 1):
        return top
    if " " in top.strip() and not enclosed(top):
        top = f"({top})"
    if not is_atom(bottom):
        bottom = f"({bottom})"
    return f"{top}/{bottom}"


@builtin("eq(*steps)", "text")
def eq(*steps: Any) -> str:
    """Steps joined by = (≈ before a rounded one), repeats left out: −4/14 = −2/7, never x = x.

    eq(over(-4, 14), -2/7) gives −4/14 = −2/7; eq(over(-2, 7), -2/7) gives −2/7.
    """
    if not steps:
        raise ExprEvalError("eq: needs at least one step")
    out: list[str] = []
    for step in steps:
        text = _text(step)
        if out and text == out[-1]:
            continue
        if out:
            rounded = isinstance(step, Shown) and step.rounded
            rounded = rounded or (isinstance(step, float) and str(step) != text)
            out.append(" ≈ " if rounded else " = ")
        out.append(text)
    joined: list[str] = []
    for piece in out:  # drop a separator whose step was skipped
        if piece in (" = ", " ≈ ") and joined and joined[-1] in (" = ", " ≈ "):
            joined[-1] = piece
        else:
            joined.append(piece)
    return "".join(joined)


@builtin("plural(n, word, words='')", "text")
def plural(n: Any, word: str, words: str = "") -> str:
    """A count with its noun: plural(1, 'failure') is 1 failure, plural(3, 'failure') 3 failures.

    Give the plural when it is not word + s: plural(2, 'child', 'children').
    """
    if not isinstance(word, str) or not isinstance(words, str):
        raise ExprEvalError("plural: the word must be text")
    if not is_scalar(n):
        raise ExprEvalError("plural: expected a number")
    many = words or (word + "es" if word.endswith(("s", "sh", "ch", "x")) else word + "s")
    return f"{inline(n)} {word if equal(n, 1) else many}"


@builtin("show_pm(values)", "text")
def show_pm(values: Any) -> str:
    """Two roots m ± r (r irrational) as one: (9 ± 3√5)/2, ±√3; other values joined by commas."""
    xs = _items(values, "show_pm")
    if len(xs) == 2 and all(is_scalar(x) and not isinstance(x, float) for x in xs):
        middle = div(add(xs[0], xs[1]), 2)
        radius = div(sub(xs[1], xs[0]), 2)
        if is_exact(middle) and not (is_symbolic(middle) and middle.free_symbols):
            if _negative(radius):
                radius = mul(radius, -1)
            if is_symbolic(radius) and isinstance(middle, int | Fraction):
                return _pm_text(Fraction(middle), radius)
    return ", ".join(_text(x) for x in xs)


def _pm_text(middle: Fraction, radius: Any) -> str:
    """m ± r over one denominator: 1 ± √2, (9 ± 3√5)/2, ±√3."""
    q = middle.denominator
    r_coeff: Any = radius.as_coeff_Mul()[0] if is_symbolic(radius) else Fraction(radius)
    if is_symbolic(radius):
        q = math.lcm(q, int(r_coeff.q)) if r_coeff.is_Rational else q
    else:
        q = math.lcm(q, Fraction(r_coeff).denominator)
    m_text = inline(middle * q) if middle else ""
    r_text = inline(mul(radius, q))
    if " " in r_text:
        r_text = f"({r_text})"
    body = f"{m_text} {PLUS_MINUS} {r_text}" if m_text else f"{PLUS_MINUS}{r_text}"
    return body if q == 1 else f"({body})/{q}"


@builtin("show_table(rows)", "text")
def show_table(rows: Any) -> str:
    """Rows of cells as an aligned table: the first column to the left, the others right.

    show_table([['df', 1, 2], ['4', 0.18, 0.058]]) lines up each column; numbers are written
    as everywhere else, text as it is. Put it on its own, indented line.
    """
    table = [[_text(c) for c in _items(row, "show_table")] for row in _items(rows, "show_table")]
    if not table or any(len(r) != len(table[0]) for r in table):
        raise ExprEvalError("show_table: every row needs the same number of cells")
    widths = [max(len(r[j]) for r in table) for j in range(len(table[0]))]
    lines = []
    for r in table:
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)

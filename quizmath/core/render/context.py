"""A placeholder's value written to fit the text around it.

A template writes ``({x} − {mu})/{sigma}``, ``{a}x² {signed(b)}x``, ``2^{k}`` or ``= {fmt(p)}``
and cannot know which numbers the seed draws. Written naively, σ = 1/2 gives
``(−4 − (−3))/1/2``, a = 1 gives ``1x²``, k = 3 gives a caret where the bank writes ``2³``, and a
rounded value follows an ``=``. The rules live here, once, so that no template can produce
those forms:

- after ``/``, ``√`` or ``^``, and before ``²`` (any superscript), ``^`` or ``!``: anything that
  is not a plain number or name is parenthesised, ``/(1/2)``, ``√(3/4)``, ``(−3)²``; before
  ``/`` a fraction or a sum is, ``(1/2)/3``;
- after ``^`` an integer becomes a superscript: ``2^{k}`` → ``2³``;
- after ``·``, ``×``, a binary ``+``/``−`` or a minus sign, a negative value is parenthesised:
  ``x − (−3)``, ``2·(−1)``;
- right before a variable, a negative coefficient after a binary + or − joins its sign
  (``x + {b}y`` → ``x − 2y``);
- right before a variable (``{a}x``, ``{a}√2``, ``{a}(x + 1)``, ``{a}·R₂``) a coefficient 1 is
  not written, −1 is written ``−``, and a fraction is parenthesised: ``x``, ``−x``, ``(1/2)x``;
- ``√`` before a perfect square is its root, ``√{9}`` → ``3``, unless working follows
  (``√9 = 3``);
- ``= `` before a value shown rounded becomes ``≈ `` (an author's ``≈ `` before an exact value
  stays).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from quizmath.core.render.symbols import MINUS, superscript
from quizmath.core.values import is_symbolic


class Shown(str):
    """Text of a number, with whether its digits are exact or rounded (``fmt``, ``decimal``)."""

    rounded: bool

    def __new__(cls, text: str, rounded: bool) -> Shown:
        obj = super().__new__(cls, text)
        obj.rounded = rounded
        return obj


SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿᵏᵐⁱʲᵀᵗˣʸᵘ")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_NAME = re.compile(r"^[A-Za-zα-ωΑ-Ωπ][₀-₉]*$")
# A variable written right after a coefficient, with or without "·": x, λ, π, √2, (x + 1),
# ·R₂ — but not a word ("th", "items").
_VARIABLE_START = re.compile(r"^(·?)(?:[A-Za-zα-ωπ](?![A-Za-z])|√|\((?=[A-Za-zα-ω]))")
_UNIT_COEFF = re.compile(rf"^([+{MINUS}] )?({MINUS}?)1$")


def is_scalar_value(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | Fraction | float):
        return True
    return is_symbolic(value) and not getattr(value, "is_Matrix", False)


def enclosed(text: str) -> bool:
    """Whether the whole text is one bracketed group: ``(a + b)``, not ``(a)·(b)``."""
    if (
        len(text) < 2
        or text[0] not in "([{|"
        or {"(": ")", "[": "]", "{": "}", "|": "|"}[text[0]] != text[-1]
    ):
        return False
    if text[0] == "|":
        return text.count("|") == 2
    depth = 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def is_atom(text: str, roots: bool = True) -> bool:
    """A positive number, a name or (``roots``) a root of one: needs no parentheses."""
    if roots and text.startswith("√") and len(text) > 1:
        text = text[1:]  # √2, √x, √(x + 1) bind as tightly as what is under them
    return bool(_NUMBER.match(text) or _NAME.match(text) or enclosed(text))


def _wrap(text: str) -> str:
    return f"({text})"


def _is_rounded(value: Any, text: str) -> bool | None:
    """True when the text shows the value rounded, False when exact, None when not a number."""
    if isinstance(value, Shown):
        return value.rounded
    if isinstance(value, float):
        try:
            return float(text.replace(MINUS, "-")) != value
        except ValueError:
            return True  # a·10ⁿ form: rounded to the printed digits
    if isinstance(value, int | Fraction) and not isinstance(value, bool):
        return False
    if is_symbolic(value) and not value.free_symbols:
        return bool(value.is_Float)
    return None


def fit(value: Any, text: str, before: str, after: str) -> tuple[str, str, int]:
    """``(text, before, skip)``: the value's text and the text before it, rewritten to fit,
    and how many characters of the text after it to drop (the "·" of a dropped "1·")."""
    if isinstance(value, str):
        return _fit_text(value, text, before, after)
    if not is_scalar_value(value):
        return text, before, 0
    rounded = _is_rounded(value, text)
    if rounded is not None:
        before = _relation(before, rounded)
    if before.endswith("^"):
        sup = _integer_superscript(value)
        if sup is not None:
            return sup, before[:-1], 0
        return (text if is_atom(text) else _wrap(text)), before, 0
    if before.endswith("√") and not after.startswith(" = "):
        root = _square_root(value)
        if root is not None:  # √9 on its own is 3; "√9 = 3" is working and stays
            return root, before[:-1], 0
    variable = _VARIABLE_START.match(after)
    numeric_product = before.endswith("·") and before[-2:-1].isdigit()  # 2·{a}·η stays
    if (
        variable
        and before[-1:] not in ("^", "/")
        and not before[-1:].isdigit()
        and not (numeric_product)
    ):
        before, text = _merge_sign(before, text)
        coefficient = _coefficient(text)
        if coefficient in ("", MINUS):
            if coefficient and _needs_sign_parens(before):
                return f"({MINUS}1)", before, 0  # never "x·−y"
            return coefficient, before, len(variable.group(1))
        if not variable.group(1):
            text = coefficient
    if before.endswith(("/", "√")) and not is_atom(text):
        return _wrap(text), before, 0
    if (after[:1] in SUPERSCRIPTS or after[:1] in ("^", "!")) and not is_atom(text, roots=False):
        return _wrap(text), before, 0  # (√2)², not √2²
    if after.startswith("/") and ("/" in text or " " in text) and not enclosed(text):
        return _wrap(text), before, 0  # (1/2)/3, (x + 1)/2
    if text.startswith(MINUS) and _needs_sign_parens(before):
        return _wrap(text), before, 0
    return text, before, 0


def _fit_text(value: str, text: str, before: str, after: str) -> tuple[str, str, int]:
    """Text from a helper is written as it is, except a unit coefficient before a variable and
    the relation before a number shown rounded."""
    if isinstance(value, Shown):
        before = _relation(before, value.rounded)
    variable = _VARIABLE_START.match(after)
    if variable:
        m = _UNIT_COEFF.match(text)
        if m:
            return (m.group(1) or "") + m.group(2), before, len(variable.group(1))
    return text, before, 0


def _relation(before: str, rounded: bool) -> str:
    """``= `` before a number shown rounded becomes ``≈ ``. An author's ``≈`` before an exact
    number stays: the approximation can be in the model (log(1 + t) ≈ t, the 68–95–99.7 rule),
    not in the digits, and ≈ is never false where = can be."""
    if rounded and before.endswith("= ") and not before.endswith(("≠ ", "<= ", ">= ")):
        return before[:-2] + "≈ "
    return before


def join_shown(parts: Sequence[str]) -> str:
    """Texts joined into one, with ``= `` before a piece shown rounded written ``≈ `` (the rule
    a placeholder follows, kept when a helper such as concat builds the text)."""
    out = ""
    for part in parts:
        if isinstance(part, Shown) and part.rounded:
            out = _relation(out, True)
        out += part
    return out


def _integer_superscript(value: Any) -> str | None:
    if isinstance(value, int) or (is_symbolic(value) and value.is_Integer):
        return superscript(str(int(value)))
    return None


def _square_root(value: Any) -> str | None:
    """The root of a perfect square (9 → "3", 9/4 → "3/2"), else None."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction) or value < 0:
        return None
    q = Fraction(value)
    top, bottom = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if top * top != q.numerator or bottom * bottom != q.denominator:
        return None
    root = Fraction(top, bottom)
    return str(root.numerator) if root.denominator == 1 else f"({root})"


def _coefficient(text: str) -> str:
    if text == "1":
        return ""
    if text == f"{MINUS}1":
        return MINUS
    if not is_atom(text.removeprefix(MINUS)) or "/" in text:
        return _wrap(text)
    return text


def _merge_sign(before: str, text: str) -> tuple[str, str]:
    """A negative coefficient after a binary + or − joins its sign: x + (−2)y → x − 2y."""
    if text.startswith(MINUS) and before.endswith(("+ ", f"{MINUS} ")):
        flipped = "+" if before.endswith(f"{MINUS} ") else MINUS
        return f"{before[:-2]}{flipped} ", text[1:]
    return before, text


def _needs_sign_parens(before: str) -> bool:
    """Whether a negative value here would print two operators in a row (``x − −3``)."""
    tail = before.rstrip(" ")
    return tail.endswith(("·", "×", "+", MINUS, "-", "±", "*")) and not tail.endswith("--")

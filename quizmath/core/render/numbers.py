"""Numbers as a person writes them: −3, 3/4, 0.2420, 1.5·10⁻⁵ — never 1.0000000000000002."""

from __future__ import annotations

import math
from fractions import Fraction

from quizmath.core.render.symbols import MINUS, superscript

SIGNIFICANT = 6  # digits shown for floats; answers with a tolerance state it separately


def format_int(n: int) -> str:
    return f"{MINUS}{-n}" if n < 0 else str(n)


def format_fraction(q: Fraction) -> str:
    if q.denominator == 1:
        return format_int(q.numerator)
    sign = MINUS if q < 0 else ""
    return f"{sign}{abs(q.numerator)}/{q.denominator}"


def format_float(x: float, significant: int = SIGNIFICANT) -> str:
    """A float rounded to ``significant`` digits, trailing zeros dropped.

    Very large or small magnitudes use ``a·10ⁿ``, which the answer parser reads back.
    """
    if x == 0:
        return "0"
    if not math.isfinite(x):
        raise ValueError("not a finite number")
    exponent = math.floor(math.log10(abs(x)))
    if -4 <= exponent < 9:
        decimals = max(0, significant - 1 - exponent)
        text = f"{abs(x):.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return (MINUS if x < 0 else "") + text
    mantissa = f"{abs(x) / 10**exponent:.{significant - 1}f}".rstrip("0").rstrip(".")
    if mantissa == "10":  # rounding carried into the next power
        mantissa, exponent = "1", exponent + 1
    power = superscript(str(exponent)) or f"^({exponent})"
    power = power.replace("-", MINUS) if power.startswith("^") else power
    body = f"10{power}" if mantissa == "1" else f"{mantissa}·10{power}"
    return (MINUS if x < 0 else "") + body


def format_rational_or_float(x: int | Fraction | float) -> str:
    if isinstance(x, bool):
        raise TypeError("a true/false value is not a number")
    if isinstance(x, int):
        return format_int(x)
    if isinstance(x, Fraction):
        return format_fraction(x)
    return format_float(x)

"""Text helpers for worked solutions: terms written out with the instance's numbers.

They return text, which a placeholder inserts as it is (a text with several lines is laid out
as a block, like a matrix).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
from quizmath.core.render.context import Shown
from quizmath.core.render.numbers import format_float
from quizmath.core.render.symbols import MINUS, TIMES
from quizmath.core.render.values import grid_block, inline
from quizmath.core.values import Mat, Vec, compare, is_scalar, is_symbolic, matmul


def _negative(x: Any) -> bool:
    if isinstance(x, int | Fraction | float) and not isinstance(x, bool):
        return x < 0
    if is_symbolic(x) and not x.free_symbols:
        return compare(x, 0, "<")
    return bool(is_symbolic(x) and x.could_extract_minus_sign())


def _paren(x: Any) -> str:
    text = inline(x)
    compound = is_symbolic(x) and (x.is_Add or (x.is_Mul and "/" in text))
    if _negative(x) or compound or (isinstance(x, Fraction) and x.denominator != 1):
        return f"({text})"
    return text


@builtin("paren(x)", "text")
def paren(x: Any) -> str:
    """x written so it can follow ·: negative numbers and fractions in parentheses, (−3)."""
    return _paren(x)


@builtin("signed(x)", "text")
def signed(x: Any) -> str:
    """x as a term after another: "+ 3" or "− 3", for writing a sum by hand."""
    if not is_scalar(x):
        raise ExprEvalError(f"signed: expected a number, got {type(x).__name__}")
    if _negative(x):
        return f"{MINUS} {inline(-x)}"
    return f"+ {inline(x)}"


@builtin("show(x)", "text")
def show(x: Any) -> str:
    """x in one line of text ([[1, 2], [3, 4]] rather than a block), to use inside a sentence."""
    return inline(x)


@builtin("fmt(x, digits=4)", "text")
def fmt(x: Any, digits: int = 4) -> str:
    """x to that many significant digits, 0.2420; an exact shorter value stays as it is, 0.1."""
    if not is_scalar(x):
        raise ExprEvalError("fmt: expected a number")
    if not isinstance(digits, int) or not 1 <= digits <= 15:
        raise ExprEvalError("fmt: digits must be a whole number from 1 to 15")
    exact = _terminating_digits(x)
    if exact is not None and exact <= digits:
        return decimal(x)  # an exact value is never padded: 0.1, not 0.100
    value = float(x.evalf(30)) if is_symbolic(x) else float(x)
    if value != 0 and not 1e-4 <= abs(value) < 10**digits:
        text = (MINUS if value < 0 else "") + format_float(abs(value), digits)
        return Shown(text, rounded=_rounded(x, value, text))
    # "#" keeps trailing zeros: a learner asked for 4 significant figures should see 0.1210.
    text = (MINUS if value < 0 else "") + f"{abs(value):#.{digits}g}".rstrip(".")
    return Shown(text, rounded=_rounded(x, value, text))


def _rounded(x: Any, value: float, text: str) -> bool:
    """Whether the digits shown differ from the value (then a solution writes ≈, not =)."""
    if not isinstance(x, float):
        return True  # an exact value that needed rounding to be shown
    try:
        return float(text.replace(MINUS, "-")) != value
    except ValueError:
        return True


def _terminating_digits(x: Any) -> int | None:
    """Significant digits of an exact terminating decimal (0.125 → 3), else None."""
    if not isinstance(x, int | Fraction) or isinstance(x, bool):
        return None
    q = abs(Fraction(x))
    if q == 0:
        return 1
    den = q.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1 or q.denominator > 10**30:
        return None
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    return len(str(q.numerator * 10**places // q.denominator).strip("0") or "0")


@builtin("decimal(x)", "text")
def decimal(x: Any) -> str:
    """x as a decimal without trailing zeros: exact if it terminates (23.132), else 10 digits."""
    if not is_scalar(x):
        raise ExprEvalError("decimal: expected a number")
    if isinstance(x, int | Fraction) and not isinstance(x, bool):
        q = Fraction(x)
        den = q.denominator
        for p in (2, 5):
            while den % p == 0:
                den //= p
        if den == 1 and q.denominator < 10**30:  # a terminating decimal: write it exactly
            places = 0
            while (q * 10**places).denominator != 1:
                places += 1
            digits = str(abs(q.numerator * 10**places // q.denominator)).rjust(places + 1, "0")
            text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
            return Shown((MINUS if q < 0 else "") + text, rounded=False)
    # Not exact: 10 significant digits, which hides float noise (2.90000000003) but no digit
    # a hand computation would produce.
    value = float(x.evalf(30)) if is_symbolic(x) else float(x)
    text = f"{abs(value):.10g}"
    if "e" in text:
        text = (MINUS if value < 0 else "") + format_float(abs(value), 10)
    else:
        text = (MINUS if value < 0 else "") + text
    return Shown(text, rounded=_rounded(x, value, text))


@builtin("join(items, sep=', ')", "text")
def join(items: Any, sep: str = ", ") -> str:
    """The items written one after another with a separator."""
    if not isinstance(sep, str):
        raise ExprEvalError("join: the separator must be text")
    return sep.join(inline(x) for x in _items(items))


def _items(v: Any) -> list[Any]:
    if isinstance(v, Vec | tuple | list):
        return list(v)
    raise ExprEvalError("expected a vector or a list")


@builtin("show_sum(items)", "text")
def show_sum(items: Any) -> str:
    """A sum written out term by term: 3 − 2 + 5."""
    xs = _items(items)
    if not xs:
        return "0"
    return " ".join([inline(xs[0])] + [signed(x) for x in xs[1:]])


def _products(u: Any, v: Any) -> str:
    a, b = _items(u), _items(v)
    if len(a) != len(b):
        raise ExprEvalError(f"lengths {len(a)} and {len(b)} differ")
    return " + ".join(f"{_paren(x)}{TIMES}{_paren(y)}" for x, y in zip(a, b, strict=True))


@builtin("show_dot(u, v)", "text")
def show_dot(u: Any, v: Any) -> str:
    """u·v written out: 2·(−1) + 3·4 + 0·5."""
    return _products(u, v)


@builtin("show_matmul(A, B)", "text")
def show_matmul(a: Any, b: Any) -> str:
    """A·B with every entry written as its row-times-column sum, as a bracketed block."""
    if not (isinstance(a, Mat) and isinstance(b, Mat)):
        raise ExprEvalError("show_matmul: expected two matrices")
    matmul(a, b)  # raises a clear error when the shapes do not match
    cells = [[_products(a.row(i), b.col(j)) for j in range(b.shape[1])] for i in range(a.shape[0])]
    return "\n".join(grid_block(cells))


@builtin("show_matvec(A, v)", "text")
def show_matvec(a: Any, v: Any) -> str:
    """A·v with every entry written as its row-times-vector sum, as a column."""
    if not (isinstance(a, Mat) and isinstance(v, Vec)):
        raise ExprEvalError("show_matvec: expected a matrix and a vector")
    matmul(a, v)
    return "\n".join(grid_block([[_products(a.row(i), v)] for i in range(a.shape[0])]))

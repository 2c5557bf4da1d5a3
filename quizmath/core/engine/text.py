"""Text helpers for worked solutions: terms written out with the instance's numbers.

They return text, which a placeholder inserts as it is (a text with several lines is laid out
as a block, like a matrix).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprEvalError
from quizmath.core.expr.registry import builtin
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
    """x as a decimal with exactly that many significant digits, zeros kept: 0.2420."""
    if not is_scalar(x):
        raise ExprEvalError("fmt: expected a number")
    if not isinstance(digits, int) or not 1 <= digits <= 15:
        raise ExprEvalError("fmt: digits must be a whole number from 1 to 15")
    value = float(x.evalf(30)) if is_symbolic(x) else float(x)
    if value != 0 and not 1e-4 <= abs(value) < 10**digits:
        return (MINUS if value < 0 else "") + format_float(abs(value), digits)
    # "#" keeps trailing zeros: a learner asked for 4 significant figures should see 0.1210.
    text = f"{abs(value):#.{digits}g}".rstrip(".")
    return (MINUS if value < 0 else "") + text


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

"""The pieces under ``check``: exact limits, guarded numerics, the sympy second opinion."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizmath.core.answers.exact import Undefined, exact
from quizmath.core.answers.expression import same_function
from quizmath.core.answers.judge import read
from quizmath.core.answers.numeric import Evaluator, Overflow
from quizmath.core.answers.to_sympy import simplify_difference_is_zero, to_sympy
from quizmath.core.errors import LimitError


def _read(text: str, *names: str) -> object:
    return read(text, "expression", tuple(sorted(names)))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.1 + 0.2", Fraction(3, 10)),
        ("2^-3", Fraction(1, 8)),
        ("8^(2/3)", Fraction(4)),
        ("√(9/4)", Fraction(3, 2)),
        ("log2(1/8)", Fraction(-3)),
        ("binomial(10, 3)", Fraction(120)),
        ("25%", Fraction(1, 4)),
        ("√2", None),
        ("π", None),
    ],
)
def test_exact_values(text: str, value: Fraction | None) -> None:
    assert exact(_read(text)) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["9^9^9", "factorial(10^7)", "exp(10^4)", "(3/2)^10000"])
def test_exact_limits_are_checked_before_computing(text: str) -> None:
    with pytest.raises(LimitError):
        exact(_read(text))  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["1/0", "0^-1", "ln(0)", "(-2)!", "log(3, 1)"])
def test_exact_undefined(text: str) -> None:
    with pytest.raises(Undefined):
        exact(_read(text))  # type: ignore[arg-type]


def test_numeric_guards() -> None:
    ev = Evaluator(30)
    with pytest.raises(Overflow):
        ev(_read("2^(10^30)"))  # type: ignore[arg-type]
    ev = Evaluator(30)
    ev.env = {"x": ev.ctx.mpf(3)}
    assert abs(ev(_read("x^2 + 1", "x")) - 10) < 1e-25  # type: ignore[arg-type]


def test_sympy_is_built_from_our_tree() -> None:
    import sympy

    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(to_sympy(_read("2(x+1)", "x")) - (2 * x + 2)) == 0  # type: ignore[arg-type]
    assert to_sympy(_read("log_2(8)")) == sympy.log(8, 2)  # type: ignore[arg-type]
    assert simplify_difference_is_zero(_read("sin(x)^2 + cos(x)^2", "x"), _read("1"))  # type: ignore[arg-type]
    assert simplify_difference_is_zero(_read("2"), _read("3")) is False  # type: ignore[arg-type]


def test_same_function_both_signs() -> None:
    x = ("x",)
    assert same_function(_read("√(x^2)", "x"), _read("|x|", "x"), x)  # type: ignore[arg-type]
    assert not same_function(_read("√(x^2)", "x"), _read("x", "x"), x)  # type: ignore[arg-type]

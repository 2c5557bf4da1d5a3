"""Every example in /work/shared/ANSWERS.md, behaving exactly as written there."""

from __future__ import annotations

import pytest

from quizmath.core.answers import KINDS, check, interpret

# (kind, expected in sympy printed form, typed answer, vars, verdict)
ACCEPT = "accept"
REJECT = "reject"
INVALID = "invalid"

POWERS = [
    ("integer", "512", "2^3^2", (), ACCEPT),  # right-associative
    ("integer", "64", "2^3^2", (), REJECT),
    ("integer", "-9", "-3^2", (), ACCEPT),
    ("integer", "9", "-3^2", (), REJECT),
    ("exact", "1/100000", "10^-5", (), ACCEPT),
    ("exact", "1/100000", "10**-5", (), ACCEPT),
    ("expression", "x**2", "x²", ("x",), ACCEPT),
    ("expression", "x**2", "x**2", ("x",), ACCEPT),
    ("expression", "sin(x)**2", "sin^2(x)", ("x",), ACCEPT),
    ("expression", "sin(x**2)", "sin^2(x)", ("x",), REJECT),
    ("expression", "tanh(x)**2", "tanh^2(x)", ("x",), ACCEPT),
]

GROUPING = [
    ("expression", "exp(2*x)", "e^{2x}", ("x",), ACCEPT),
    ("expression", "2*x + 2", "{x + 1}*2", ("x",), ACCEPT),
    ("set", "{2, 5}", "{2, 5}", (), ACCEPT),
]

IMPLICIT = [
    ("expression", "2*x", "2x", ("x",), ACCEPT),
    ("expression", "2*x + 2", "2(x+1)", ("x",), ACCEPT),
    ("expression", "x**2 - 1", "(x-1)(x+1)", ("x",), ACCEPT),
    ("exact", "2*sqrt(3)", "2√3", (), ACCEPT),
    ("expression", "w*x", "wx", ("w", "x"), ACCEPT),
    ("expression", "log(x)", "ln x", ("x",), ACCEPT),
    ("expression", "sin(x)", "sin x", ("x",), ACCEPT),
    ("expression", "sin(2*x)", "sin 2x", ("x",), INVALID),  # otherwise needs parentheses
]

CONSTANTS = [
    ("exact", "pi", "pi", (), ACCEPT),
    ("exact", "pi", "π", (), ACCEPT),
    ("exact", "E", "e", (), ACCEPT),
    ("exact", "-1", "i^2", (), ACCEPT),
    ("expression", "e", "e", ("e",), ACCEPT),  # a declared variable named e
    ("expression", "E", "e", ("e",), REJECT),
    ("expression", "i + 1", "i + 1", ("i",), ACCEPT),
    ("exact", "2*E", "2e", (), ACCEPT),
    ("exact", "20", "2e1", (), ACCEPT),
    ("exact", "2*E", "2e1", (), REJECT),
]

FUNCTIONS = [
    ("exact", "sqrt(2)", "sqrt(2)", (), ACCEPT),
    ("exact", "sqrt(2)", "√2", (), ACCEPT),
    ("exact", "E**2", "exp(2)", (), ACCEPT),
    ("exact", "log(2)", "ln(2)", (), ACCEPT),
    ("exact", "log(2)", "log(2)", (), ACCEPT),  # log is the natural log
    ("exact", "3", "log2(8)", (), ACCEPT),
    ("exact", "2", "log10(100)", (), ACCEPT),
    ("exact", "3", "log_2(8)", (), ACCEPT),
    ("exact", "3", "log(8, 2)", (), ACCEPT),
    ("exact", "0", "sin(0) + cos(0) - 1 + tan(0)", (), ACCEPT),
    ("exact", "0", "sinh(0) + cosh(0) - 1 + tanh(0)", (), ACCEPT),
    ("exact", "pi/2", "asin(1)", (), ACCEPT),
    ("exact", "0", "acos(1) + atan(0)", (), ACCEPT),
    ("exact", "3", "abs(-3)", (), ACCEPT),
    ("exact", "3", "|-3|", (), ACCEPT),
    ("exact", "3", "max(1, 3)", (), ACCEPT),
    ("exact", "1", "min(1, 3)", (), ACCEPT),
    ("integer", "10", "binomial(5, 2)", (), ACCEPT),
    ("integer", "120", "factorial(5)", (), ACCEPT),
    ("integer", "120", "5!", (), ACCEPT),
    ("expression", "x", "diff(x**2, x)/2", ("x",), INVALID),
    ("expression", "x", "integrate(1, x)", ("x",), INVALID),
    ("expression", "x", "solve(x - 1)", ("x",), INVALID),
    ("exact", "1/2", "Rational(1, 2)", (), INVALID),
    ("set", "{1, 2}", "set([1, 2])", (), INVALID),
    ("exact", "1/2", "S.Half", (), INVALID),
]

NAMES = [
    ("expression", "w1 + x2", "w1 + x2", ("w1", "x2"), ACCEPT),
    ("expression", "lamda**2", "λ^2", ("lamda",), ACCEPT),
    ("expression", "lamda**2", "lambda^2", ("lamda",), ACCEPT),
    ("expression", "mu", "μ", ("mu",), ACCEPT),
    ("expression", "mu", "mu", ("mu",), ACCEPT),
    ("expression", "sigma", "σ", ("sigma",), ACCEPT),
    ("expression", "sigma", "sigma", ("sigma",), ACCEPT),
    ("expression", "theta", "θ", ("theta",), ACCEPT),
    ("expression", "theta", "theta", ("theta",), ACCEPT),
    ("expression", "x", "z", ("x",), INVALID),
]

LATEX = [
    ("exact", "1/2", r"\frac{1}{2}", (), ACCEPT),
    ("expression", "sqrt(x)", r"\sqrt{x}", ("x",), ACCEPT),
    ("exact", "6", r"2 \cdot 3", (), ACCEPT),
    ("exact", "6", r"2 \times 3", (), ACCEPT),
    ("exact", "pi", r"\pi", (), ACCEPT),
    ("exact", "log(2)", r"\ln 2", (), ACCEPT),
    ("exact", "log(2)", r"\log(2)", (), ACCEPT),
    ("expression", "x + 1", r"\left( x + 1 \right)", ("x",), ACCEPT),
    ("expression", "exp(2*x)", "e^{2x}", ("x",), ACCEPT),
]

NUMBERS = [
    ("integer", "5", "5", (), ACCEPT),
    ("exact", "1/2", ".5", (), ACCEPT),
    ("exact", "1/1000", "1e-3", (), ACCEPT),
    ("exact", "3/4", "3/4", (), ACCEPT),
    ("exact", "1/2", "0.5", (), ACCEPT),
    ("exact", "1/3", "0.333", (), REJECT),
    ("real", "1/3", "0.333", (), REJECT),  # tolerance 1e-6 by default
    ("exact", "1/4", "25%", (), ACCEPT),
    ("integer", "1024", "1,024", (), ACCEPT),
    ("integer", "1024", "1,0240", (), INVALID),  # only 3-digit groups
    ("vector", "[1, 24]", "1,024", (), ACCEPT),  # a comma list, not a thousands group
    ("real", "0.25", "0,25", (), INVALID),
    ("integer", "1", "nan", (), INVALID),
    ("integer", "1", "inf", (), INVALID),
    ("integer", "1", "oo", (), INVALID),
    ("integer", "1", "1/0", (), INVALID),
]

UNICODE = [
    ("exact", "pi", "π", (), ACCEPT),
    ("exact", "sqrt(2)", "√2", (), ACCEPT),
    ("exact", "6", "2·3", (), ACCEPT),
    ("exact", "6", "2×3", (), ACCEPT),
    ("integer", "-3", "−3", (), ACCEPT),
    ("exact", "3/4", "3÷4", (), ACCEPT),
    ("set", "{2, -2}", "±2", (), ACCEPT),
    ("expression", "x**2", "x²", ("x",), ACCEPT),
    ("expression", "lamda", "λ", ("lamda",), ACCEPT),
    ("expression", "x + 1", "ｘ＋１", ("x",), ACCEPT),  # full-width, NFKC
    ("expression", "x", "х", ("x",), INVALID),  # Cyrillic ha is not x
]

VECTORS = [
    ("vector", "[1, 2, 3]", "[1, 2, 3]", (), ACCEPT),
    ("vector", "[1, 2, 3]", "(1, 2, 3)", (), ACCEPT),
    ("vector", "[1, 2, 3]", "<1, 2, 3>", (), ACCEPT),
    ("vector", "[1, 2, 3]", "1, 2, 3", (), ACCEPT),
    ("vector", "[1, 2]", "[[1], [2]]", (), ACCEPT),
    ("vector", "[1, 2]", "[1; 2]", (), ACCEPT),
    ("vector", "[0, 0, 1]", "[0 0 1]", (), ACCEPT),
    ("vector", "[3/5, 4/5]", "1/5 [3, 4]", (), ACCEPT),
    ("vector", "[3/5, 4/5]", "(3, 4)/5", (), ACCEPT),
    ("vector", "[1, 2, 3]", "[3, 2, 1]", (), REJECT),  # order matters
]

MATRICES = [
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]", (), ACCEPT),
    ("matrix", "[[1, 2], [3, 4]]", "1 2; 3 4", (), ACCEPT),
    ("matrix", "[[1, 2], [3, 4]]", "1, 2; 3, 4", (), ACCEPT),
    ("matrix", "[[1, -1], [-1, 2]]", "[1 -1; -1 2]", (), ACCEPT),
    ("matrix", "[[2, 4], [6, 8]]", "2[[1, 2], [3, 4]]", (), ACCEPT),
    ("matrix", "[[1/2, 1], [3/2, 2]]", "[[1, 2], [3, 4]]/2", (), ACCEPT),
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3]]", (), INVALID),  # ragged
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3, 4]] + [1, 2, 3]", (), INVALID),
]

SETS = [
    ("set", "{2, 5}", "{2, 5}", (), ACCEPT),
    ("set", "{2, 5}", "[5, 2]", (), ACCEPT),
    ("set", "{2, 5}", "(5, 2)", (), ACCEPT),
    ("set", "{2, 5}", "5, 2", (), ACCEPT),
    ("set", "{2, -2}", "±2", (), ACCEPT),
]

CHOICE = [
    ("choice", "B", "B", (), ACCEPT),
    ("choice", "B", "b", (), ACCEPT),
    ("choice", "B", "  B  ", (), ACCEPT),
    ("choice", "B", "(B)", (), ACCEPT),
    ("choice", "B", "B)", (), ACCEPT),
    ("choice", "B", "B.", (), ACCEPT),
    ("choice", "B", "C", (), REJECT),
    ("choice", "B", "AB", (), INVALID),
    ("choice", "B", "2", (), INVALID),
    ("choice", "B", "option B", (), INVALID),
]

TABLE = [
    ("integer", "32", "32.0", (), ACCEPT),
    ("integer", "32", "3.2e1", (), ACCEPT),
    ("integer", "32", "2^5", (), ACCEPT),
    ("integer", "32", "4 + 10 + 18", (), ACCEPT),
    ("integer", "32", "31.9999", (), REJECT),
    ("exact", "sqrt(2)/2", "1/√2", (), ACCEPT),
    ("exact", "sqrt(2)/2", "sqrt(2)/2", (), ACCEPT),
    ("real", "log(2)", "ln 2", (), ACCEPT),
    ("real", "22/7", "22/7", (), ACCEPT),
    ("real", "0", "1e-13", (), ACCEPT),  # absolute 1e-12 when e = 0
    ("real", "0", "1e-11", (), REJECT),
    ("vector-up-to-scale", "[1, 2]", "[-3, -6]", (), ACCEPT),
    ("vector-up-to-scale", "[1, 2]", "[0, 0]", (), REJECT),
    ("set", "{2, 5}", "{5, 2, 2}", (), ACCEPT),  # duplicates ignored
    ("expression", "2*x + 2", "2(x+1)", ("x",), ACCEPT),
    ("expression", "Abs(x)", "sqrt(x^2)", ("x",), ACCEPT),
    ("expression", "x", "sqrt(x^2)", ("x",), REJECT),
    ("choice", "B", "b", (), ACCEPT),
]

LIMITS = [
    ("integer", "1", "1" + "+0" * 500, (), INVALID),  # over 1000 characters
    ("integer", "1", "(" * 101 + "1" + ")" * 101, (), INVALID),
    ("integer", "1", "9^9^9^9", (), INVALID),
    ("integer", "1", "factorial(10^10)", (), INVALID),
    ("integer", "1", "1e999999", (), INVALID),
]

EXPECTED_FORMS = [
    ("expression", "2*x + 2", "2x + 2", ("x",), ACCEPT),
    ("exact", "sqrt(2)/2", "√2/2", (), ACCEPT),
    ("expression", "log(x, 2)", "log2(x)", ("x",), ACCEPT),
    ("expression", "log(x, 2)", "ln(x)", ("x",), REJECT),  # wrong base
    ("expression", "Abs(x)", "|x|", ("x",), ACCEPT),
    ("expression", "Max(0, x)", "max(0, x)", ("x",), ACCEPT),
    ("exact", "E", "e", (), ACCEPT),
    ("exact", "I", "i", (), ACCEPT),
    ("exact", "pi", "π", (), ACCEPT),
    ("exact", "binomial(10, 5)/2**10", "63/256", (), ACCEPT),
    ("expression", "lamda", "λ", ("lamda",), ACCEPT),
    ("vector", "[1, 2]", "[1, 2]", (), ACCEPT),
    ("matrix", "[[1, 2], [3, 4]]", "1 2; 3 4", (), ACCEPT),
    ("set", "{2, 5}", "5, 2", (), ACCEPT),
    ("choice", "B", "B", (), ACCEPT),
]

ALL = (
    POWERS
    + GROUPING
    + IMPLICIT
    + CONSTANTS
    + FUNCTIONS
    + NAMES
    + LATEX
    + NUMBERS
    + UNICODE
    + VECTORS
    + MATRICES
    + SETS
    + CHOICE
    + TABLE
    + LIMITS
    + EXPECTED_FORMS
)


@pytest.mark.parametrize(("kind", "expected", "typed", "names", "verdict"), ALL)
def test_contract_example(
    kind: str, expected: str, typed: str, names: tuple[str, ...], verdict: str
) -> None:
    v = check(kind, expected, typed, vars=names)
    assert v.verdict == verdict, (v.message, v.interpreted)
    if verdict == INVALID:
        assert v.interpreted == ""
        assert v.message
    else:
        assert v.interpreted


def test_kinds_are_the_contract() -> None:
    assert KINDS == (
        "integer",
        "real",
        "exact",
        "vector",
        "vector-up-to-scale",
        "matrix",
        "set",
        "expression",
        "choice",
    )


def test_unknown_variable_message() -> None:
    v = check("expression", "x", "z", vars=["x"])
    assert v.message == 'unknown variable "z" at column 1'


def test_decimal_comma_message() -> None:
    assert check("real", "0.25", "0,25").message == "use a point for decimals: 0.25"


def test_no_option_e() -> None:
    v = check("choice", "B", "E", choices=4)
    assert (v.verdict, v.message) == ("invalid", "there is no option E")
    assert check("choice", "B", "D", choices=4).verdict == "reject"


def test_tolerance_is_relative() -> None:
    assert check("real", "1000", "1000.5", tol=1e-3).verdict == "accept"
    assert check("real", "1000", "1002", tol=1e-3).verdict == "reject"
    assert check("real", "0.001", "0.0015", tol=1e-3).verdict == "reject"


def test_interpret_shows_how_it_was_read() -> None:
    assert interpret("2(x+1)", "expression", ["x"]).interpreted == "2·(x + 1)"
    bad = interpret("2x + z", "expression", ["x"])
    assert not bad.ok
    assert bad.column == 6

"""Per kind: equivalent forms that must be accepted, near misses that must be rejected."""

from __future__ import annotations

import pytest

from quizmath.core.answers import Mistake, check

EQUIVALENT = {
    "integer": [
        (
            "32",
            ["32", "32.0", "3.2e1", "2^5", "2**5", "4 + 10 + 18", "64/2", "√1024", "log2(2^32)"],
        ),
        ("-7", ["-7", "−7", "-(7)", "0 - 7", "-14/2", "-7.000"]),
        ("0", ["0", "-0", "0.0", "5 - 5", "0·π"]),
        ("1024", ["1,024", "2^10", "1024"]),
    ],
    "exact": [
        (
            "sqrt(2)/2",
            ["√2/2", "1/√2", "sqrt(2)/2", "2^(-1/2)", "sqrt(1/2)", "sin(pi/4)", "√(0.5)"],
        ),
        ("1/3", ["1/3", "2/6", "(1/3)", "3^-1", "1 - 2/3"]),
        ("3/4", ["0.75", "75%", "3÷4", r"\frac{3}{4}"]),
        ("2*log(2)", ["2ln(2)", "ln 4", "ln(4)", "log(4)", "2·ln(2)", "ln(2)·2"]),
        ("pi/4", ["π/4", "pi/4", "atan(1)", "0.25π"]),
        ("exp(-1/2)/(2*sqrt(2*pi))", ["e^(−1/2)/(2√(2π))", "exp(-0.5)/(2sqrt(2pi))"]),
        ("1 + sqrt(5)", ["1 + √5", "√5 + 1", "(2 + 2√5)/2"]),
    ],
    "real": [
        ("log(2)", ["ln 2", "0.693147", "0.6931472", "log(2)"]),
        ("22/7", ["22/7", "3.142857"]),
        ("0", ["0", "1e-13", "-5e-13"]),
        ("1/3", ["0.3333333", "1/3"]),
    ],
    "vector": [
        (
            "[1, -2, 3]",
            [
                "[1, -2, 3]",
                "(1, −2, 3)",
                "<1, -2, 3>",
                "1, -2, 3",
                "[1 -2 3]",
                "[[1], [-2], [3]]",
                "[1; -2; 3]",
            ],
        ),
        ("[3/5, 4/5]", ["1/5 [3, 4]", "(3, 4)/5", "[0.6, 0.8]", "[3/5, 4/5]"]),
        ("[0, 0, 1]", ["[0 0 1]", "[0, 0, 1]", "0, 0, 1"]),
        ("[sqrt(2)/2, sqrt(2)/2]", ["[1/√2, 1/√2]", "√2/2 [1, 1]", "[1, 1]/√2"]),
        ("[1, -sqrt(2)]", ["[1 -√2]", "[1, −√2]", "1 -√2"]),
        ("[2*x, 3]", ["[2x 3]", "[2 x, 3]"]),  # spaces separate numbers, not factors
    ],
    "vector-up-to-scale": [
        ("[1, 2]", ["[1, 2]", "[2, 4]", "[-1, -2]", "[0.5, 1]", "[√2, 2√2]"]),
        ("[1, -1, 0]", ["[-1, 1, 0]", "[3, -3, 0]"]),
    ],
    "matrix": [
        (
            "[[1, 2], [3, 4]]",
            ["[[1, 2], [3, 4]]", "1 2; 3 4", "1, 2; 3, 4", "[1 2; 3 4]", "2[[1, 2], [3, 4]]/2"],
        ),
        ("[[1, -1], [-1, 2]]", ["[1 -1; -1 2]", "[[1, −1], [−1, 2]]"]),
        ("[[1/2, 0], [0, 1/2]]", ["1/2 [[1, 0], [0, 1]]", "[[0.5, 0], [0, 0.5]]"]),
    ],
    "set": [
        ("{2, 5}", ["{2, 5}", "{5, 2}", "5, 2", "[2, 5]", "(5, 2)", "{2, 5, 5}", "2 5"]),
        ("{2, -2}", ["±2", "{-2, 2}", "2, -2"]),
        ("{(1 - sqrt(5))/2, (1 + sqrt(5))/2}", ["(1 ± √5)/2", "{(1+√5)/2, (1-√5)/2}"]),
        ("{1 + 2*I, 1 - 2*I}", ["1 ± 2i", "{1 - 2i, 1 + 2i}"]),
        ("{3}", ["3", "{3}", "[3]"]),
    ],
    "choice": [
        ("C", ["C", "c", "(C)", "C)", "C.", " c "]),
    ],
}

EXPRESSIONS = [
    ("2*x + 2", ("x",), ["2(x+1)", "2x + 2", "2 + 2x", "(x + 1)·2", "x + x + 2", "2*(x + 1)"]),
    ("x**2 - 1", ("x",), ["(x-1)(x+1)", "x² - 1", "x^2 - 1", "(x+1)(x-1)"]),
    ("Abs(x)", ("x",), ["|x|", "abs(x)", "sqrt(x^2)", "√(x²)", "Abs(x)"]),
    ("exp(-x)", ("x",), ["e^(-x)", "e^-x", "1/e^x", "exp(-x)", "e^(−x)"]),
    ("log(x, 2)", ("x",), ["log2(x)", "log_2(x)", "log(x, 2)", "ln(x)/ln(2)", "log₂(x)"]),
    ("sin(x)**2", ("x",), ["sin^2(x)", "sin(x)^2", "sin²x", "1 - cos(x)^2", "(1 - cos(2x))/2"]),
    ("x*y + 3", ("x", "y"), ["x·y + 3", "xy + 3", "yx + 3", "3 + x y"]),
    ("3*x**2 - 2*x + 1", ("x",), ["3x² − 2x + 1", "3x^2-2x+1", "1 - 2x + 3x²"]),
    ("log(x)", ("x",), ["ln x", "ln(x)", "log(x)", "ln|x|"]),  # equal where ln x is defined
    ("1/(1 + exp(-x))", ("x",), ["1/(1+e^(-x))", "e^x/(1 + e^x)"]),
    ("lamda*exp(-lamda*x)", ("x", "lamda"), ["λe^(-λx)", "lambda*exp(-lambda x)"]),
    ("x**(1/2)", ("x",), ["√x", "sqrt(x)", "x^(1/2)", "x^0.5"]),
    ("binomial(n, 2)", ("n",), ["n(n-1)/2", "binomial(n, 2)"]),
    # defined only on (0, 1): enough points are found there
    (
        "-p*log(p) - (1 - p)*log(1 - p)",
        ("p",),
        ["-(p ln p + (1-p) ln(1-p))", "-p ln(p) - (1-p)ln(1-p)"],
    ),
    ("log(p/(1 - p))", ("p",), ["ln p - ln(1-p)", "-ln(1/p - 1)"]),
    ("sqrt(x*(1 - x))", ("x",), ["√x √(1-x)", "√(x - x²)"]),
    ("sqrt(x - 5)", ("x",), ["√(x-5)", "|√(x - 5)|"]),  # domain x ≥ 5
    ("log(x) + log(y)", ("x", "y"), ["ln(xy)", "ln x + ln y"]),
    ("exp(I*x)", ("x",), ["cos x + i sin x", "e^(ix)"]),  # never real: compared as complex
]

NEAR_MISSES = [
    # sign slips
    ("integer", "-7", "7", ()),
    ("exact", "1 - sqrt(2)", "√2 - 1", ()),
    ("expression", "x**2 - 1", "x^2 + 1", ("x",)),
    ("expression", "exp(-x)", "e^x", ("x",)),
    ("vector", "[1, -2, 3]", "[1, 2, 3]", ()),
    ("matrix", "[[1, -1], [-1, 2]]", "[[1, 1], [1, 2]]", ()),
    ("set", "{2, -5}", "{2, 5}", ()),
    # transposed matrices
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]", ()),
    ("matrix", "[[1, 2, 3]]", "[[1], [2], [3]]", ()),
    ("matrix", "[[1, 2], [3, 4]]", "[1, 2, 3, 4]", ()),
    # swapped order
    ("vector", "[1, 2]", "[2, 1]", ()),
    ("expression", "x - y", "y - x", ("x", "y")),
    ("vector-up-to-scale", "[1, 2]", "[2, 1]", ()),
    # wrong log base
    ("exact", "log(8, 2)", "ln(8)", ()),
    ("expression", "log(x, 2)", "log10(x)", ("x",)),
    ("expression", "log(x)", "log10(x)", ("x",)),
    # off by a factor
    ("integer", "32", "64", ()),
    ("exact", "sqrt(2)/2", "√2", ()),
    ("expression", "2*x + 2", "x + 1", ("x",)),
    ("expression", "exp(-x**2/2)/sqrt(2*pi)", "e^(-x^2/2)/(2π)", ("x",)),
    ("vector", "[3/5, 4/5]", "[3, 4]", ()),
    ("real", "0.5", "0.25", ()),
    # rounded where exact is asked
    ("exact", "1/3", "0.333", ()),
    ("exact", "1/3", "0.3333333333", ()),
    ("exact", "sqrt(2)/2", "0.7071", ()),
    ("exact", "pi", "3.14159", ()),
    ("exact", "pi", "3.14159265358979323846264338327950288419716939937510", ()),
    ("integer", "32", "31.9999", ()),
    ("vector", "[1/3, 2/3]", "[0.333, 0.667]", ()),
    ("set", "{1/3}", "0.333", ()),
    # domain: equal only on half the line
    ("expression", "x", "sqrt(x^2)", ("x",)),
    ("expression", "log(x**2)", "2ln(x)", ("x",)),
    ("expression", "-p*log(p) - (1 - p)*log(1 - p)", "-p ln p - (1-p) ln(1+p)", ("p",)),
    # a huge intermediate must raise the precision, not the tolerance
    ("expression", "x", "sin(10^999 x)", ("x",)),
    ("vector-up-to-scale", "[x, 1]", "[sin(10^999 x), 2]", ("x",)),
    ("expression", "exp(I*x)", "cos x - i sin x", ("x",)),
    # wrong shape or type
    ("integer", "3", "[3, 3]", ()),
    ("vector", "[1, 2, 3]", "[1, 2]", ()),
    ("set", "{2, 5}", "{2}", ()),
    ("set", "{2, 5}", "{2, 5, 7}", ()),
    ("vector-up-to-scale", "[1, 2]", "[0, 0]", ()),
    ("choice", "B", "C", ()),
]


def _cases(table: dict[str, list[tuple[str, list[str]]]]) -> list[tuple[str, str, str]]:
    return [(kind, e, s) for kind, rows in table.items() for e, forms in rows for s in forms]


@pytest.mark.parametrize(("kind", "expected", "typed"), _cases(EQUIVALENT))
def test_equivalent_forms_accepted(kind: str, expected: str, typed: str) -> None:
    tol = 1e-6 if kind == "real" else None
    v = check(kind, expected, typed, tol=tol, vars=["x"])
    assert v.verdict == "accept", (v.message, v.interpreted)


@pytest.mark.parametrize(
    ("expected", "names", "typed"), [(e, n, s) for e, n, forms in EXPRESSIONS for s in forms]
)
def test_equivalent_expressions_accepted(expected: str, names: tuple[str, ...], typed: str) -> None:
    v = check("expression", expected, typed, vars=names)
    assert v.verdict == "accept", (v.message, v.interpreted)


@pytest.mark.parametrize(("kind", "expected", "typed", "names"), NEAR_MISSES)
def test_near_misses_rejected(kind: str, expected: str, typed: str, names: tuple[str, ...]) -> None:
    v = check(kind, expected, typed, vars=names)
    assert v.verdict == "reject", (v.message, v.interpreted)
    assert v.interpreted  # the learner sees how it was read


def test_wrong_entries_vector_and_matrix() -> None:
    v = check("vector", "[1, 2, 3]", "[1, 5, 4]")
    assert v.wrong_entries == [1, 2]
    assert "entries 2 and 3" in v.message
    m = check("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]")
    assert m.wrong_entries == [(0, 1), (1, 0)]
    assert "(1, 2)" in m.message
    assert m.to_json()["wrong_entries"] == [[0, 1], [1, 0]]


def test_wrong_entries_set() -> None:
    v = check("set", "{2, 5}", "{5, 7}")
    assert v.wrong_entries == [1]  # the 7, by its position in what was typed
    assert "missing" in v.message


def test_matrix_orientation() -> None:
    # a flat expected list has no orientation; an explicit one must be matched
    assert check("matrix", "[1, 2]", "[[1], [2]]").verdict == "accept"
    assert check("matrix", "[1, 2]", "[[1, 2]]").verdict == "accept"
    assert check("matrix", "Matrix([1, 2])", "[[1, 2]]").verdict == "reject"  # a column
    assert check("matrix", "Matrix([[1, 2], [3, 4]])", "1 2; 3 4").verdict == "accept"


def test_entries_with_tolerance() -> None:
    assert check("vector", "[1/3, 2/3]", "[0.333, 0.667]", tol=1e-2).verdict == "accept"
    assert check("matrix", "[[pi]]", "[[3.1416]]", tol=1e-4).verdict == "accept"
    assert check("set", "{sqrt(2)}", "1.4142", tol=1e-4).verdict == "accept"


def test_rounded_feedback_where_exact_is_asked() -> None:
    v = check("exact", "1/3", "0.333")
    assert v.verdict == "reject"
    assert "exact" in v.message


def test_mistake_feedback() -> None:
    mistakes = [
        Mistake("{1, 4}", "Those are the diagonal entries."),
        Mistake("{2, 5}", "never reached"),
    ]
    v = check("set", "{2, 5}", "4, 1", mistakes=mistakes)
    assert v.verdict == "reject"
    assert v.mistake == "Those are the diagonal entries."
    assert v.message.startswith("Not correct")
    assert check("set", "{2, 5}", "5, 2", mistakes=mistakes).mistake is None
    broken = [Mistake("((", "unreadable"), Mistake("2*x", "off by the factor 2")]
    w = check("expression", "x", "2x", vars=["x"], mistakes=broken)
    assert w.mistake == "off by the factor 2"


def test_choice_mistake() -> None:
    v = check("choice", "B", "d", mistakes=[Mistake("D", "D confuses rows and columns")])
    assert v.mistake == "D confuses rows and columns"


def test_symbolic_entries_compare_as_functions() -> None:
    assert check("vector", "[2*x, 2*y]", "[2x, 2y]", vars=["x", "y"]).verdict == "accept"
    assert check("vector", "[2*x, 2*y]", "2[x, y]", vars=["x", "y"]).verdict == "accept"
    assert check("vector", "[2*x, 2*y]", "[2y, 2x]", vars=["x", "y"]).verdict == "reject"
    assert check("vector-up-to-scale", "[x, 1]", "[2x, 2]", vars=["x"]).verdict == "accept"


def test_invalid_expected_answer_is_reported_as_such() -> None:
    v = check("integer", "Piecewise((1, x > 0))", "1")
    assert v.verdict == "invalid"
    assert v.message.startswith("the expected answer")

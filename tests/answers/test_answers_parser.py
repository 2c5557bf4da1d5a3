"""The reader: error messages that point at the spot, the "interpreted as" line, round trips."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizmath.core.answers import check, interpret

ERRORS = [
    # (text, kind, vars, message)
    ("2x + z", "expression", ("x",), 'unknown variable "z" at column 6'),
    ("2*(x+1", "expression", ("x",), 'unbalanced "(" at column 3'),
    ("x + 1)", "expression", ("x",), 'unbalanced ")" at column 6'),
    ("[1, 2", "vector", (), 'unbalanced "[" at column 1'),
    ("|x", "expression", ("x",), 'unbalanced "|" at column 1'),
    ("0,25", "real", (), "use a point for decimals: 0.25"),
    ("3,5", "exact", (), "use a point for decimals: 3.5"),
    ("2 +", "integer", (), "the answer is incomplete at column 4"),
    ("", "integer", (), "the answer is empty at column 1"),
    ("1/2x", "expression", ("x",), 'ambiguous product after "/"'),
    ("e^2x", "expression", ("x",), "ambiguous power: write e^(2x) or e^2·x"),
    ("√2x", "expression", ("x",), "ambiguous: put what is under √ in parentheses"),
    ("sin 2x", "expression", ("x",), "put the argument of sin in parentheses"),
    ("ln x^2", "expression", ("x",), "put the argument of ln in parentheses"),
    ("sin^-1(x)", "expression", ("x",), "sin^-1 is ambiguous: write asin(x)"),
    ("x2", "expression", ("x",), 'unknown variable "x2" (for a power, type x^2)'),
    ("open(1)", "integer", (), 'unknown function "open" at column 1'),
    ("diff(x)", "expression", ("x",), 'unknown function "diff" at column 1'),
    ("x = 2", "expression", ("x",), 'type only the answer, without "="'),
    ("2,", "integer", (), 'an entry is missing after ","'),
    (r"\foo", "integer", (), 'unknown LaTeX command "\\foo"'),
    ("3!!", "integer", (), "double factorial (!!) is not supported"),
    ("x", "real", (), 'unknown variable "x" at column 1'),
    ("2 3", "integer", (), 'an operator is missing before "3" at column 3'),
    ("±2", "integer", (), "± gives two values"),
    ("½", "exact", (), "type fractions with a slash"),
    ("∞", "real", (), "infinity is not an answer"),
    ("[1 2; 3]", "matrix", (), "the rows have different lengths"),
    ("[1, 2]·[3, 4]", "vector", (), "cannot multiply"),
]


@pytest.mark.parametrize(("text", "kind", "names", "message"), ERRORS)
def test_error_messages(text: str, kind: str, names: tuple[str, ...], message: str) -> None:
    got = interpret(text, kind, names)
    assert not got.ok
    assert got.interpreted == ""
    assert message in got.message
    v = check(kind, "1", text, vars=names)
    assert v.verdict == "invalid"
    assert message in v.message


def test_error_columns() -> None:
    assert interpret("2x + z", "expression", ["x"]).column == 6
    assert interpret("2*(x+1", "expression", ["x"]).column == 3
    assert interpret("0,25", "real").column == 2  # the comma
    assert interpret("ｘ + z", "expression", ["x"]).column == 5  # columns of the text as typed


INTERPRETED = [
    ("2(x+1)", "expression", ("x",), "2·(x + 1)"),
    ("2x+1", "expression", ("x",), "2x + 1"),
    ("x^2", "expression", ("x",), "x²"),
    ("x**-1", "expression", ("x",), "x⁻¹"),
    ("e^(-x)", "expression", ("x",), "e^(−x)"),
    ("e^-x", "expression", ("x",), "e^(−x)"),
    ("sqrt(2)/2", "exact", (), "√2/2"),
    ("sqrt(2*pi)", "exact", (), "√(2π)"),
    ("[1, -2, 3]", "vector", (), "[1, −2, 3]"),
    ("1 2; 3 4", "matrix", (), "[[1, 2], [3, 4]]"),
    ("5, 2", "set", (), "{5, 2}"),
    ("3x^2 - 2x + 1", "expression", ("x",), "3x² − 2x + 1"),
    ("xy + 3", "expression", ("x", "y"), "x·y + 3"),
    ("lambda", "expression", ("lamda",), "λ"),
    ("abs(x)", "expression", ("x",), "|x|"),
    ("2ln2", "exact", (), "2·ln(2)"),
    ("sin^2(x)", "expression", ("x",), "sin(x)²"),
    ("ln x", "expression", ("x",), "ln(x)"),
    ("2e", "exact", (), "2·e"),
    ("2e1", "exact", (), "2e1"),
    ("1.5e-05", "real", (), "1.5e−5"),
    (".5", "exact", (), "0.5"),
    ("1,024", "integer", (), "1024"),
    ("25%", "exact", (), "25%"),
    ("-3^2", "integer", (), "−3²"),
    ("(-3)^2", "integer", (), "(−3)²"),
    ("2^3^2", "integer", (), "2^(3²)"),
    ("log_2(x)", "expression", ("x",), "log(x, 2)"),
    ("log2(x)", "expression", ("x",), "log₂(x)"),
    (r"\frac{1}{2}", "exact", (), "1/2"),
    ("1/5 [3, 4]", "vector", (), "1/5·[3, 4]"),
    ("n!", "integer", ("n",), "n!"),
    ("(n+1)!", "integer", ("n",), "(n + 1)!"),
    ("b", "choice", (), "B"),
]


@pytest.mark.parametrize(("text", "kind", "names", "shown"), INTERPRETED)
def test_interpreted_as(text: str, kind: str, names: tuple[str, ...], shown: str) -> None:
    got = interpret(text, kind, names)
    assert got.ok, got.message
    assert got.interpreted == shown


# How the engine's renderer writes correct answers: typed back exactly as shown, they are accepted.
RENDERED = [
    ("exact", "sqrt(2)/2", "√2/2", ()),
    ("exact", "3/4", "3/4", ()),
    ("integer", "-5", "−5", ()),
    ("vector", "[1, -2, 3]", "[1, −2, 3]", ()),
    ("matrix", "[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]", ()),
    ("set", "{2, 5}", "{2, 5}", ()),
    ("expression", "3*x**2 - 2*x + 1", "3x² − 2x + 1", ("x",)),
    ("exact", "exp(-1/2)/(2*sqrt(2*pi))", "e^(−1/2)/(2√(2π))", ()),
    ("exact", "2*log(2)", "2·ln(2)", ()),
    ("expression", "x*y + 3", "x·y + 3", ("x", "y")),
    ("expression", "lamda", "λ", ("lamda",)),
    ("expression", "Abs(x)", "|x|", ("x",)),
    ("real", "0.2420", "0.2420", ()),
    ("real", "1.5e-5", "1.5e−05", ()),
    ("expression", "1/x", "x⁻¹", ("x",)),
    ("expression", "exp(-x)", "e^(−x)", ("x",)),
    ("exact", "2*sqrt(3)", "2√3", ()),
    ("exact", "sqrt(x + 1)", "√(x + 1)", ("x",)),
    ("exact", "sqrt(2)*x", "√2·x", ("x",)),
    ("exact", "sqrt(2)*x", "x√2", ("x",)),
    ("exact", "6", "2×3", ()),
    ("exact", "-pi/4", "−π/4", ()),
    ("expression", "exp(-x**2/2)", "e^(−x²/2)", ("x",)),
    ("expression", "(x - 1)**2", "(x − 1)²", ("x",)),
    ("expression", "sigma**2", "σ²", ("sigma",)),
    ("expression", "w1*x1 + w2*x2", "w₁x₁ + w₂x₂", ("w1", "x1", "w2", "x2")),
    ("set", "{-1, 1}", "±1", ()),
    ("set", "{1 - sqrt(2), 1 + sqrt(2)}", "1 ± √2", ()),
]


@pytest.mark.parametrize(("kind", "expected", "shown", "names"), RENDERED)
def test_rendered_forms_are_accepted(
    kind: str, expected: str, shown: str, names: tuple[str, ...]
) -> None:
    v = check(kind, expected, shown, vars=names)
    assert v.verdict == "accept", (v.message, v.interpreted)


ROUND_TRIP = [
    *((t, k, n) for t, k, n, _ in INTERPRETED),
    *((s, k, n) for k, _, s, n in RENDERED),
    ("x + -y", "expression", ("x", "y")),
    ("-(x + 1)(x - 1)", "expression", ("x",)),
    ("1/(2x)", "expression", ("x",)),
    ("(1/2)x", "expression", ("x",)),
    ("2^(1/2)", "exact", ()),
    ("(√x)^2", "expression", ("x",)),
    ("√(x^2)", "expression", ("x",)),
    ("--x", "expression", ("x",)),
    ("x^y^2", "expression", ("x", "y")),
    ("(x^y)^2", "expression", ("x", "y")),
    ("|x| |y|", "expression", ("x", "y")),
    ("||x| - 1|", "expression", ("x",)),
    ("e·e1", "expression", ("e1",)),
    ("2·e1", "expression", ("e1",)),
    ("1e-3 x", "expression", ("x",)),
    ("(1e-3)^2", "exact", ()),
    ("max(x, -x, 0)", "expression", ("x",)),
    ("binomial(n, 2)/n!", "expression", ("n",)),
    ("(2%)^2", "exact", ()),
    ("[[1, -2], [3, 4]]/2", "matrix", ()),
    ("-[1, 2]", "vector", ()),
    ("{1 ± 2i, 3}", "set", ()),
    ("e^(iπ)", "exact", ()),
    ("ln(ln(x))", "expression", ("x",)),
    ("sin(x)cos(x)", "expression", ("x",)),
    ("2·3·4", "integer", ()),
    ("2/3/4", "exact", ()),
    ("2/(3/4)", "exact", ()),
]


@pytest.mark.parametrize(("text", "kind", "names"), ROUND_TRIP)
def test_printed_form_reads_back_to_the_same_value(
    text: str, kind: str, names: tuple[str, ...]
) -> None:
    first = interpret(text, kind, names)
    assert first.ok, first.message
    again = interpret(first.interpreted, kind, names)
    assert again.ok, (first.interpreted, again.message)
    assert again.interpreted == first.interpreted  # printing is a fixed point
    v = check(kind, first.interpreted, text, vars=names)
    assert v.verdict == "accept", (first.interpreted, v.message)


def test_interpret_needs_neither_sympy_nor_mpmath() -> None:
    code = (
        "import sys\n"
        "from quizmath.core.answers import interpret, KINDS\n"
        "for kind in KINDS:\n"
        "    interpret('2(x+1) + √2/2', kind, ['x'])\n"
        "    interpret('[1 -1; -1 2]', kind, ['x'])\n"
        "heavy = [m for m in ('sympy', 'mpmath', 'textual', 'rich', 'multiprocessing')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_eval_in_the_checker() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [
        *sorted((root / "quizmath/core/answers").glob("*.py")),
        root / "quizmath/commands/check.py",
    ]
    banned = re.compile(
        r"(?<![.\w])(?:eval|exec|compile)\(|\b(?:sympify|parse_expr|lambdify)\(|"
        r"import (?:sympify|parse_expr|lambdify)|^\s*import ast\b|^\s*from ast\b",
        re.MULTILINE,
    )
    for f in files:
        hits = [m.group() for m in banned.finditer(f.read_text(encoding="utf-8"))]
        assert not hits, (f.name, hits)

"""Hostile question files: no code execution, no file access, no hangs, no crashes.

Each input must end in a QuizmathError with a clear message. Nothing here asserts on time
(machines are noisy); the limits make every case finish quickly, and the suite would hang if
one did not.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from quizmath.core.engine import random_draws, sequences  # noqa: F401 - registrations
from quizmath.core.errors import (
    ExprEvalError,
    ExprNameError,
    ExprSyntaxError,
    LimitError,
    QuizmathError,
)
from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.rng import Rng
from quizmath.core.values import Mat, Vec

ENV: dict[str, Any] = {"A": Mat([[i + j for j in range(20)] for i in range(20)]), "v": Vec([1])}


def run(text: str) -> Any:
    return evaluate(parse(text), ENV, Context(rng=Rng(0)))


def refused(text: str, error: type[QuizmathError], message: str) -> None:
    with pytest.raises(error) as info:
        run(text)
    assert message in str(info.value)


# ----------------------------------------------------------------- escaping to Python


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("__import__('os')", ExprSyntaxError, 'names starting with "__" are not allowed'),
        ("().__class__.__bases__[0].__subclasses__()", ExprSyntaxError, "attribute access"),
        ("v.__class__", ExprSyntaxError, "attribute access is not allowed"),
        ("[].__class__.__mro__", ExprSyntaxError, "attribute access is not allowed"),
        ("'abc'.join(['x'])", ExprSyntaxError, "attribute access is not allowed"),
        ("open('/etc/passwd')", ExprNameError, 'unknown function "open"'),
        ("eval('1')", ExprNameError, 'unknown function "eval"'),
        ("exec('import os')", ExprNameError, 'unknown function "exec"'),
        ("compile('1', 'f', 'eval')", ExprNameError, 'unknown function "compile"'),
        ("getattr(v, 'items')", ExprNameError, 'unknown function "getattr"'),
        ("globals()", ExprNameError, 'unknown function "globals"'),
        ("vars()", ExprNameError, 'unknown function "vars"'),
        ("type(v)", ExprNameError, 'unknown function "type"'),
        ("breakpoint()", ExprNameError, 'unknown function "breakpoint"'),
        ("input()", ExprNameError, 'unknown function "input"'),
        ("sympify('x')", ExprNameError, 'unknown function "sympify"'),
        ("exec", ExprNameError, 'unknown name "exec"'),
        ("os", ExprNameError, 'unknown name "os"'),
        ("ｅｖａｌ('1')", ExprNameError, 'unknown function "ｅｖａｌ"'),  # no NFKC folding
        ("lambda: 1", ExprSyntaxError, "lambda is not allowed"),
        ("import os", ExprSyntaxError, "import is not allowed"),
        ("x := 1", ExprSyntaxError, "assignment (:=) is not allowed"),
        ("f'{__import__(\"os\")}'", ExprSyntaxError, "f-strings are not allowed"),
        ("range(3); open('x')", ExprSyntaxError, "only one expression is allowed"),
        ("len(*v)", ExprSyntaxError, "unpacking"),
        ("len(**v)", ExprSyntaxError, "unpacking"),
        ("`v`", ExprSyntaxError, "backticks are not allowed"),
        ("@len\nv", ExprSyntaxError, "decorators are not allowed"),
        ("v\x00", ExprSyntaxError, "unexpected character '\\x00'"),
    ],
)
def test_no_way_out(text: str, error: type[QuizmathError], message: str) -> None:
    refused(text, error, message)


def test_text_that_looks_like_code_is_just_text() -> None:
    assert run('\'__import__("os").system("rm -rf /")\'') == '__import__("os").system("rm -rf /")'


def test_nothing_dangerous_is_imported_or_reachable() -> None:
    for text in ("1 + 1", "[x for x in range(3)]", "randint(1, 6)"):
        run(text)
    import quizmath.core.expr.interpreter as interpreter
    import quizmath.core.expr.lexer as lexer
    import quizmath.core.expr.parser as parser

    for module in (interpreter, lexer, parser):
        names = vars(module)
        for banned in ("eval", "exec", "compile", "ast", "importlib", "sympify", "parse_expr"):
            assert banned not in names, (module.__name__, banned)


# ------------------------------------------------------------------------- huge numbers


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9**9**9**9", "power too large"),
        ("10**10**10", "power too large"),
        ("2**2**2**2**2", "power too large"),
        ("(1/3)**100000", "power too large"),
        ("2**4096 * 2**4096", "too large"),
        ("1e999999999", "exponent too large"),
        ("1e-999999999", "exponent too large"),
        ("9" * 1001, "number too long"),
        ("1" + "0" * 999 + "e400", "too large"),
        ("10**1300", "too large (over 4096 bits)"),
        ("randint(0, 10**1000)", "randint: range too wide"),
        ("randint(0, 2**64)", "randint: range too wide"),
    ],
)
def test_huge_numbers(text: str, message: str) -> None:
    refused(text, LimitError, message)


# -------------------------------------------------------------------- deep and long text


@pytest.mark.parametrize(
    "text",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "{" * 10_000 + "}" * 10_000,
        "len(" * 10_000 + "v" + ")" * 10_000,
        "-" * 3_999 + "v",
        "not " * 999 + "true",
        "v" + "[0]" * 1_300,
        "2**" * 1_300 + "2",
    ],
)
def test_deep_nesting_is_refused_without_recursion_error(text: str) -> None:
    with pytest.raises(LimitError, match=r"too deeply|too long"):
        run(text)


def test_deep_nesting_with_a_small_recursion_limit() -> None:
    # Even close to the interpreter's limit (deep inside an app), the maximum nesting parses and
    # evaluates: the parser's and interpreter's own bounds keep far below Python's.
    text = "[" * 60 + "1" + "]" * 60  # the deepest nesting allowed
    limit = sys.getrecursionlimit()
    depth = len(__import__("inspect").stack())
    sys.setrecursionlimit(depth + 500)
    try:
        assert run(text) is not None
    finally:
        sys.setrecursionlimit(limit)


def test_long_text_is_refused_before_reading() -> None:
    refused("1+" * 50_000 + "1", LimitError, "expression too long (over 4000 characters)")


def test_long_flat_expressions_evaluate() -> None:
    assert run("+".join(["1"] * 1_999)) == 1_999
    assert run(" or ".join(["false"] * 400)) is False


# ---------------------------------------------------------------------- too much work


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[x for x in range(10**9)]", "range: 1,000,000,000 numbers is too many"),
        ("range(-10**100, 10**100)", "numbers is too many"),
        ("[[x for x in range(400)] for y in range(400)]", "too much work"),
        ("[1 for a in range(400) for b in range(400)]", "at most 400 items"),
        (
            "[1 for a in range(400) for b in range(400) for c in range(400) if false]",
            "too much work",
        ),
        ("[[[x for x in range(400)] for y in range(400)] for z in range(400)]", "too much work"),
        ("[[x for x in range(20)] for y in range(400)]", "matrix too large"),
        ("[A @ A @ A for i in range(400)]", "too much work"),
        ("[{x for x in range(400)} for y in range(400)]", "too much work"),
        (
            "[{x for x in range(400)} == {y for y in range(400)} for z in range(400)]",
            "too much work",
        ),
        ("[len(set(range(400))) for i in range(400)]", "too much work"),
        ("len([unique(range(400)) for i in range(400)])", "matrix too large"),
        ("[sorted(range(400)) for i in range(400)]", "matrix too large"),
        ("randmat(10**6, 10**6, 0, 1)", "randmat: m must be at most 400"),
        ("randmat(300, 300, 0, 1)", "randmat: 300×300 is too large"),
        ("randvec(10**9, 0, 1)", "randvec: n must be at most 400"),
        ("sample(range(400), 10**9)", "sample: k must be at most 400"),
        ("rand_prob(3, 10**100)", "rand_prob: denominator must be at most"),
        ("rand_counts(3, 10**100)", "rand_counts: total must be at most"),
        ("data_with_mean(3, 0, 10**100)", "data_with_mean: spread must be at most"),
        ("unimodular(10**6)", "unimodular: n must be at most 8"),
        ("dyadic_dist(10**6)", "dyadic_dist: n must be at most 12"),
        ("distinct(10**6, 0, 10**7)", "distinct: k must be at most 400"),
        ("low_rank(400, 400, 2)", "low_rank: m must be at most 20"),
    ],
)
def test_work_is_bounded(text: str, message: str) -> None:
    refused(text, LimitError, message)


def test_text_does_not_grow_without_bound() -> None:
    # Text cannot be multiplied into gigabytes; joining it (+ or concat) is bounded.
    refused("'a' * 10**9", ExprEvalError, "cannot multiply text and a number")
    assert evaluate(parse("'a' + 'b'"), {}, Context()) == "ab"
    with pytest.raises(LimitError, match="text too long"):
        evaluate(parse("t + t + t + t + t + t + t + t"), {"t": "a" * 3_000}, Context())
    env = {"t": "a" * 3_000}
    assert len(evaluate(parse("concat(t, t, t)"), env, Context())) == 9_000
    with pytest.raises(LimitError, match="concat: text too long"):
        evaluate(parse("concat(" + ", ".join(["t"] * 14) + ")"), env, Context())

"""Property-based tests: nothing escapes ``check``, and what is printed reads back the same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizmath.core.answers import KINDS, CheckService, check, interpret

VERDICTS = {"accept", "reject", "invalid"}
EXPECTED = ["x", "2*x + 2", "[1, 2]", "[[1, 2], [3, 4]]", "{2, 5}", "B", "1/3", "sqrt(2)/2"]

# Pieces of math, so that random strings often get deep into the grammar.
PIECES = [
    *"0123456789+-*/^()[]{}<>,;|!%. xyeiπ√·×−±²⁻¹",
    "sin", "ln", "log_", "sqrt(", "\\frac", "e^", "**", "1e5", "abs(", "max(", "binomial(",
    "λ", "lambda", "  ", "9^9^9", "factorial(", "1,024", "0,25", "\\left(", "\\right)",
]  # fmt: skip

settings.register_profile("answers", deadline=None, suppress_health_check=[HealthCheck.too_slow])

mathish = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
anything = st.text(max_size=60)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(mathish, anything), kind=st.sampled_from(KINDS), exp=st.sampled_from(EXPECTED)
)
def test_no_exception_escapes_check(text: str, kind: str, exp: str) -> None:
    v = check(kind, exp, text, vars=["x", "y"], choices=4)
    assert v.verdict in VERDICTS
    assert "internal error" not in v.message
    assert all(c.isprintable() for c in v.message)
    if v.verdict == "invalid":
        assert v.interpreted == ""
    i = interpret(text, kind, ["x", "y"])
    assert i.ok == bool(i.interpreted)


# ------------------------------------------------------------------ well-formed expressions

atoms = st.sampled_from(["x", "y", "2", "3", "0.5", "π", "e", "1/3", "√2", "|x|", "λ"])


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from([" + ", " - ", "*", "/", "·", " − "]), children).map(
            lambda t: f"({t[0]}{t[1]}{t[2]})"
        ),
        st.tuples(children, st.sampled_from(["^2", "²", "^(-1)", "⁻¹", "^3"])).map(
            lambda t: f"({t[0]}){t[1]}"
        ),
        st.tuples(
            st.sampled_from(["sin", "cos", "exp", "ln", "sqrt", "abs", "tanh"]), children
        ).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["2", "3", "-1"]), children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda c: f"-{c}"),
    )


expressions = st.recursive(atoms, _combine, max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(text=expressions)
def test_printed_form_parses_back_to_the_same_value(text: str) -> None:
    names = ["x", "y", "lamda"]
    first = interpret(text, "expression", names)
    if not first.ok:  # a value (ln(2 − 2)) or a refused ambiguity (x/2(x)), never a crash
        expected_refusals = ("not an answer", "number too large", "ambiguous")
        assert first.message.startswith(expected_refusals), first.message
        return
    again = interpret(first.interpreted, "expression", names)
    assert again.ok, (first.interpreted, again.message)
    assert again.interpreted == first.interpreted
    v = check("expression", first.interpreted, text, vars=names)
    assert v.verdict != "reject", (text, first.interpreted, v.message)


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(st.integers(-20, 20), min_size=2, max_size=4),  # (5) is a grouping
    brackets=st.sampled_from(["[{}]", "({})", "<{}>", "{}"]),
)
def test_vectors_in_any_brackets(entries: list[int], brackets: str) -> None:
    expected = "[" + ", ".join(map(str, entries)) + "]"
    typed = brackets.format(", ".join(map(str, entries)))
    assert check("vector", expected, typed).verdict == "accept"


# ------------------------------------------------------------------ the budget, via the service


@pytest.fixture(scope="module")
def service() -> Iterator[CheckService]:
    with CheckService() as svc:
        yield svc


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(mathish, anything), kind=st.sampled_from(KINDS))
def test_every_check_ends_within_its_budget(service: CheckService, text: str, kind: str) -> None:
    # The service cuts a check off at its budget; whatever comes back is a verdict, and a cut-off
    # check is never accepted. (No wall-clock assertion: machines are noisy.)
    v = service.check(kind, "x" if kind == "expression" else "1", text, vars=["x"])
    assert v.verdict in VERDICTS
    if v.timed_out:
        assert v.verdict == "invalid"

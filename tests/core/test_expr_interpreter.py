"""The interpreter: exact arithmetic, containers, comprehensions, calls, errors, budget, lists."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from quizmath.core.engine import sequences  # noqa: F401 - registers the list functions
from quizmath.core.errors import (
    ExprEvalError,
    ExprNameError,
    LimitError,
    QuizmathError,
)
from quizmath.core.expr import Budget, Context, evaluate, parse
from quizmath.core.expr.registry import BUILTINS, Builtin
from quizmath.core.rng import Rng
from quizmath.core.values import Mat, ValueSet, Vec

ENV: dict[str, Any] = {
    "a": 3,
    "b": 4,
    "h": Fraction(1, 2),
    "v": Vec([1, -2, 3]),
    "u": Vec([4, 5, 6]),
    "A": Mat([[1, 2], [3, 4]]),
    "S": ValueSet([2, 5]),
    "words": ("sin", "cos"),
    "flag": True,
}


def ev(text: str, env: dict[str, Any] | None = None, ctx: Context | None = None) -> Any:
    return evaluate(parse(text), ENV if env is None else env, ctx or Context(rng=Rng(0)))


def fails(text: str, error: type[Exception], message: str, column: int | None = None) -> None:
    with pytest.raises(error) as info:
        ev(text)
    assert message in str(info.value)
    if column is not None:
        assert info.value.column == column  # type: ignore[attr-defined]


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Register a test-only builtin for the duration of one test."""

    def add(name: str, func: Callable[..., Any], signature: str = "", rng: bool = False) -> None:
        entry = Builtin(name, func, signature or f"{name}(...)", "numbers", "test", rng)
        monkeypatch.setitem(BUILTINS, name, entry)

    return add


# ------------------------------------------------------------------------------ arithmetic


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1/3 + 1/6", Fraction(1, 2)),
        ("0.1 + 0.2", Fraction(3, 10)),
        ("0.1 + 0.2 == 0.3", True),
        ("4/2", 2),
        ("2**-2", Fraction(1, 4)),
        ("-2**2", -4),
        ("(-2)**2", 4),
        ("2**3**2", 512),
        ("7 // 2", 3),
        ("-7 // 2", -4),
        ("7 % 3", 1),
        ("a*b - a/b", Fraction(45, 4)),
        ("h * 2", 1),
        ("1e-3 * 1000", 1),
        ("1 - 2 - 3", -4),
        ("2 * 3 + 4 * 5", 26),
        ("(1 + 2) * 3", 9),
        ("--a", 3),
        ("+a", 3),
    ],
)
def test_exact_arithmetic(text: str, value: Any) -> None:
    result = ev(text)
    assert result == value
    assert type(result) is type(value)  # an integral result is an int, never Fraction(2, 1)


def test_vectors_and_matrices() -> None:
    assert ev("v + u") == Vec([5, 3, 9])
    assert ev("2 * v") == Vec([2, -4, 6])
    assert ev("v * u") == Vec([4, -10, 18])  # element-wise, like numpy
    assert ev("v @ u") == 12
    assert ev("A @ [1, 1]") == Vec([3, 7])
    assert ev("A @ A") == Mat([[7, 10], [15, 22]])
    assert ev("-A") == Mat([[-1, -2], [-3, -4]])
    assert ev("v / 2") == Vec([Fraction(1, 2), -1, Fraction(3, 2)])


def test_literals_become_values() -> None:
    assert ev("[1, 2, 3]") == Vec([1, 2, 3])
    assert ev("(1, 2)") == Vec([1, 2])
    assert ev("(a)") == 3
    assert ev("[[1, 2], [3, 4]]") == Mat([[1, 2], [3, 4]])
    assert ev("[v, u]") == Mat([[1, -2, 3], [4, 5, 6]])
    assert ev("[[1, 2], [3]]") == (Vec([1, 2]), Vec([3]))  # ragged: a generic list
    assert ev("['sin', 'cos']") == ("sin", "cos")
    assert ev("[1, 'x']") == (1, "x")
    assert ev("[true, false]") == (True, False)
    assert ev("[]") == ()
    assert ev("{1, 2, 2}") == ValueSet([1, 2])
    assert len(ev("{1, 2, 2, 1/1}")) == 2
    assert ev("{}") == ValueSet([])
    assert ev("{A[0,0], A[1,1]}") == ValueSet([4, 1])
    assert ev("'text'") == "text"


def test_subscripts() -> None:
    assert ev("v[0]") == 1
    assert ev("v[-1]") == 3
    assert ev("A[1, 0]") == 3
    assert ev("A[-1, -1]") == 4
    assert ev("A[1]") == Vec([3, 4])
    assert ev("A[1][0]") == 3
    assert ev("words[1]") == "cos"
    assert ev("[[1, 2], [3]][1]") == Vec([3])
    assert ev("v[a - 2]") == -2
    assert ev("v[4/2]") == 3  # an integral fraction is an int
    fails("v[3]", ExprEvalError, "index 3 out of range for length 3", 2)
    fails("v[1/2]", ExprEvalError, "an index must be an integer", 2)
    fails("v[true]", ExprEvalError, "an index must be an integer")
    fails("S[0]", ExprEvalError, "a set has no order")
    fails("'abc'[0]", ExprEvalError, "cannot index text")
    fails("a[0]", ExprEvalError, "cannot index a number")
    fails("v[0, 1]", ExprEvalError, "takes one index")
    fails("A[0, 1, 1]", ExprEvalError, "a matrix takes one index")


# --------------------------------------------------------------------------- conditions


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 < 2 < 3", True),
        ("1 < 3 < 2", False),
        ("3 > 2 == 2", True),
        ("1 <= 1 >= 0", True),
        ("1 > 2 < 1/0", False),  # a chain stops at the first false, like Python
        ("false and 1/0", False),
        ("true or 1/0", True),
        ("flag and not false", True),
        ("not a == b", True),
        ("1/0 if false else 3", 3),
        ("'acute' if a > 0 else 'obtuse'", "acute"),
        ("'acute' if -a > 0 else 'obtuse'", "obtuse"),
        ("[1, 2] == [1, 2]", True),
        ("[1, 2] != [2, 1]", True),
        ("{1, 2} == {2, 1}", True),
        ("['a', 'b'] == ['a', 'b']", True),
        ("['a', 'b'] == ['a', 'c']", False),
        ("0.5 == 1/2", True),
        ("'a' == 'a'", True),
        ("true == 1", False),
        ("v == u", False),
        ("A == [[1, 2], [3, 4]]", True),
        ("2 in [1, 2]", True),
        ("3 not in S", True),
        ("5 in S", True),
        ("'cos' in words", True),
        ("[3, 4] in A", True),
        ("a in range(5)", True),
    ],
)
def test_conditions(text: str, value: Any) -> None:
    assert ev(text) is value or ev(text) == value


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("1 and true", "and needs true or false, got a number", 1),
        ("true and 1", "and needs true or false, got a number", 10),
        ("false or 'x'", "or needs true or false, got text", 10),
        ("not 1", "not needs true or false", 1),
        ("1 if 2 else 3", "if needs true or false", 6),
        ("[x for x in v if x]", "if needs true or false", 18),
        ("v < u", "cannot apply < to a vector", 3),
        ("'a' < 'b'", "cannot apply < to text", 5),
        ("1 in 5", "in needs a list, vector or set on the right", 3),
    ],
)
def test_conditions_need_true_or_false(text: str, message: str, column: int) -> None:
    fails(text, ExprEvalError, message, column)


# ------------------------------------------------------------------------ comprehensions


def test_comprehensions() -> None:
    assert ev("[v[i] * u[i] for i in range(3)]") == Vec([4, -10, 18])
    assert ev("[x for x in v if x > 0]") == Vec([1, 3])
    assert ev("[x * x for x in v if x > 0 if x < 3]") == Vec([1])
    assert ev("[i * j for i in range(1, 3) for j in range(i, 3)]") == Vec([1, 2, 4])
    assert ev("[[i + j for j in range(2)] for i in range(2)]") == Mat([[0, 1], [1, 2]])
    assert ev("[row[0] for row in A]") == Vec([1, 3])  # a matrix loops over its rows
    assert ev("[w for w in words]") == ("sin", "cos")
    assert ev("{x * x for x in v}") == ValueSet([1, 4, 9])
    assert ev("[x for x in S]") == Vec([2, 5])
    assert ev("[x for x in v if x > 5]") == ()
    assert ev("[i * x for i, x in enumerate(v)]") == Vec([0, -2, 6])
    assert ev("[x * y for x, y in zip(v, u)]") == Vec([4, -10, 18])
    assert ev("len(x for x in v if x > 0)") == 2  # a bare comprehension as the only argument


def test_loop_variables_shadow_only_inside() -> None:
    env = {**ENV, "x": 100}
    assert ev("[x for x in v]", env) == Vec([1, -2, 3])
    assert ev("[x for x in v][0] + x", env) == 101
    assert env["x"] == 100
    with pytest.raises(ExprNameError, match='unknown name "i"'):
        ev("[i for i in v] + i")


def test_comprehension_errors() -> None:
    fails("[x for x in 5]", ExprEvalError, "cannot loop over a number")
    fails("[x for x in 'abc']", ExprEvalError, "cannot loop over text")
    fails("[x for x, y in v]", ExprEvalError, "cannot unpack a number into 2 names")


# ---------------------------------------------------------------------------- names


def test_names_and_constants() -> None:
    sympy = pytest.importorskip("sympy")
    assert ev("pi") == sympy.pi
    assert ev("e") == sympy.E
    assert ev("e", {"e": 7}) == 7  # a parameter or symbol named e wins
    fails("z + 1", ExprNameError, 'unknown name "z"', 1)
    fails("a + zz", ExprNameError, 'unknown name "zz"', 5)
    fails("len", ExprNameError, "len is a function: call it", 1)


def test_unknown_function() -> None:
    with pytest.raises(ExprNameError) as info:
        ev("2 * inverse(A)")
    assert info.value.message == 'unknown function "inverse"'
    assert info.value.column == 5
    assert str(info.value) == 'unknown function "inverse" at column 5'


# ---------------------------------------------------------------------------- calls


def test_keyword_arguments(register: Callable[..., None]) -> None:
    def scaled(x: Any, base: Any = 10, shift: Any = 0) -> Any:
        return x * base + shift

    register("t_scaled", scaled, "t_scaled(x, base=10, shift=0)")
    assert ev("t_scaled(2)") == 20
    assert ev("t_scaled(2, base=3)") == 6
    assert ev("t_scaled(2, shift=1, base=3)") == 7
    with pytest.raises(ExprEvalError) as info:
        ev("t_scaled(2, power=3)")
    assert "t_scaled: wrong arguments" in info.value.message
    assert "use t_scaled(x, base=10, shift=0)" in info.value.message
    with pytest.raises(ExprEvalError, match="t_scaled: wrong arguments"):
        ev("t_scaled()")


def test_rng_is_passed_first(register: Callable[..., None]) -> None:
    register("t_draw", lambda rng, k: rng.randint(0, k), rng=True)
    assert ev("t_draw(100)", ctx=Context(rng=Rng(5))) == Rng(5).randint(0, 100)
    with pytest.raises(ExprEvalError, match="random draws are not allowed here") as info:
        ev("1 + t_draw(3)", ctx=Context(rng=None))
    assert info.value.column == 5


def raiser(exc: BaseException) -> Callable[..., Any]:
    def fn(*args: Any) -> Any:
        raise exc

    return fn


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (ValueError("the matrix is singular"), "t_fail: the matrix is singular"),
        (ZeroDivisionError("division by zero"), "t_fail: division by zero"),
        (ArithmeticError("overflow"), "t_fail: overflow"),
        (IndexError("list index out of range"), "t_fail: list index out of range"),
        (TypeError("unsupported operand"), "t_fail: unsupported operand"),
        (RuntimeError("surprise"), "t_fail failed: RuntimeError: surprise"),
    ],
)
def test_builtin_exceptions_are_named(
    register: Callable[..., None], exc: Exception, message: str
) -> None:
    register("t_fail", raiser(exc))
    with pytest.raises(ExprEvalError) as info:
        ev("1 + t_fail(A)")
    assert info.value.message == message
    assert info.value.column == 5
    assert info.value.__cause__ is exc


def test_quizmath_errors_pass_through(register: Callable[..., None]) -> None:
    original = LimitError("too big")
    register("t_limit", raiser(original))
    with pytest.raises(LimitError) as info:
        ev("[1, t_limit()]")
    assert info.value is original
    assert info.value.message == "too big"
    assert info.value.column == 5  # the call's column is filled in


def test_builtin_results_are_checked(register: Callable[..., None]) -> None:
    register("t_list", lambda: [1, 2])
    register("t_half", lambda: Fraction(4, 2))
    register("t_object", lambda: object())
    register("t_inf", lambda: float("inf"))
    assert ev("t_list()") == Vec([1, 2])
    assert type(ev("t_half()")) is int
    fails("t_object()", ExprEvalError, "t_object returned an unsupported value (object)")
    fails("t_inf()", ExprEvalError, "not a finite number")


# --------------------------------------------------------------------- errors, columns


@pytest.mark.parametrize(
    ("text", "error", "message", "column"),
    [
        ("1 + 2 / 0", ExprEvalError, "division by zero", 7),
        ("a / (b - 4)", ExprEvalError, "division by zero", 3),
        ("v + [1, 2]", ExprEvalError, "cannot add vectors of lengths 3 and 2", 3),
        ("v @ A", ExprEvalError, "cannot multiply a vector of length 3 by a 2×2 matrix", 3),
        ("'a' * 3", ExprEvalError, "cannot multiply text and a number", 5),
        ("'a' + 2", ExprEvalError, "cannot add text and a number", 5),
        ("-'a'", ExprEvalError, "cannot apply unary", 1),
        ("-true", ExprEvalError, "cannot apply unary", 1),
        ("2 ** 10000", LimitError, "power too large", 3),
        ("A ** 2", ExprEvalError, "use matpow(A, k)", 3),
        ("7 // 0", ExprEvalError, "division by zero", 3),
        ("h // 2", ExprEvalError, "// needs integers", 3),
    ],
)
def test_errors_point_at_the_operator(
    text: str, error: type[Exception], message: str, column: int
) -> None:
    fails(text, error, message, column)


def test_every_error_is_a_quizmath_error() -> None:
    for text in ("v[9]", "z", "inverse(1)", "1/0", "[x for x in 3]", "not 1"):
        with pytest.raises(QuizmathError):
            ev(text)


# ---------------------------------------------------------------------------- budget


def test_step_budget() -> None:
    ctx = Context(budget=Budget(max_steps=100))
    with pytest.raises(LimitError, match="over 100 evaluation steps"):
        ev("[x * x for x in range(300)]", ctx=ctx)


def test_time_budget() -> None:
    ctx = Context(budget=Budget(max_seconds=0.0))
    with pytest.raises(LimitError, match="took over 0 s"):
        ev("[[x * y for x in range(30)] for y in range(30)]", ctx=ctx)


def test_budget_is_shared_by_a_context() -> None:
    ctx = Context(budget=Budget(max_steps=50))
    node = parse("a + b")  # 3 steps
    for _ in range(15):
        evaluate(node, ENV, ctx)
    with pytest.raises(LimitError):
        for _ in range(10):
            evaluate(node, ENV, ctx)
    assert Context().budget.max_steps == 200_000  # a fresh default budget per context
    assert Context().budget is not Context().budget
    assert evaluate(parse("a + 1"), ENV) == 4  # no context: a fresh one


# ---------------------------------------------------------------------------- lists


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("range(3)", Vec([0, 1, 2])),
        ("range(2, 5)", Vec([2, 3, 4])),
        ("range(5, 0, -2)", Vec([5, 3, 1])),
        ("range(0)", ()),
        ("len(v)", 3),
        ("len(A)", 2),
        ("len(S)", 2),
        ("len(words)", 2),
        ("len('abc')", 3),
        ("len([])", 0),
        ("sorted(v)", Vec([-2, 1, 3])),
        ("sorted(v, reverse=true)", Vec([3, 1, -2])),
        ("sorted([1/2, 1/3, 1])", Vec([Fraction(1, 3), Fraction(1, 2), 1])),
        ("sorted(['b', 'a'])", ("a", "b")),
        ("sorted(S)", Vec([2, 5])),
        ("reversed(v)", Vec([3, -2, 1])),
        ("reversed(A)", Mat([[3, 4], [1, 2]])),
        ("concat(v, u)", Vec([1, -2, 3, 4, 5, 6])),
        ("concat(v, [7], [])", Vec([1, -2, 3, 7])),
        ("concat(words, ['tan'])", ("sin", "cos", "tan")),
        ("concat('ab', 'cd')", "abcd"),
        ("count([1, 2, 1], 1)", 2),
        ("count(words, 'tan')", 0),
        ("index(u, 5)", 1),
        ("index(words, 'cos')", 1),
        ("unique([3, 1, 3, 2, 1])", Vec([3, 1, 2])),
        ("unique(['a', 'b', 'a'])", ("a", "b")),
        ("zip(v, u)", Mat([[1, 4], [-2, 5], [3, 6]])),
        ("zip(words, [1, 2])", (("sin", 1), ("cos", 2))),
        ("enumerate(['x', 'y'])", ((0, "x"), (1, "y"))),
        ("set([1, 2, 1])", ValueSet([1, 2])),
        ("list(S)", Vec([2, 5])),
        ("all([x != 0 for x in v])", True),
        ("all([x > 0 for x in v])", False),
        ("all([])", True),
        ("any([x > 2 for x in v])", True),
        ("any([])", False),
    ],
)
def test_list_functions(text: str, value: Any) -> None:
    assert ev(text) == value


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("range(401)", LimitError, "range: 401 numbers is too many (at most 400)"),
        ("range(10**9)", LimitError, "range: 1,000,000,000 numbers is too many"),
        ("range(1/2)", ExprEvalError, "range: each bound must be an integer"),
        ("range(0, 5, 0)", ExprEvalError, "range: step must not be zero"),
        ("range()", ExprEvalError, "range: use range(n)"),
        ("len(3)", ExprEvalError, "len: expected a list, vector or set, got a number"),
        ("sorted([1, 'a'])", ExprEvalError, "sorted: can only sort numbers, or texts"),
        ("sorted(v, reverse=1)", ExprEvalError, "sorted: reverse must be true or false"),
        ("reversed(S)", ExprEvalError, "reversed: a set has no order"),
        ("index(v, 9)", ExprEvalError, "index: the value is not in the list"),
        ("zip(v, [1])", ExprEvalError, "zip: the lists have different lengths"),
        ("zip(v)", ExprEvalError, "zip: needs at least two lists"),
        ("all([1, 2])", ExprEvalError, "all: needs a list of true/false values"),
        ("concat(range(300), range(300))", LimitError, "concat: list too long"),
    ],
)
def test_list_function_errors(text: str, error: type[Exception], message: str) -> None:
    fails(text, error, message)

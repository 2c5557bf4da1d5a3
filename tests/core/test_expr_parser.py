"""The template expression parser: grammar, literals, refused syntax, limits, name analysis."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizmath.core.errors import ExprSyntaxError, LimitError
from quizmath.core.expr import (
    MAX_DEPTH,
    Node,
    called_functions,
    free_names,
    parse,
)
from quizmath.core.expr import nodes as n


def show(node: Node) -> str:
    """A fully parenthesized rendering, so the tests read as precedence tables."""
    if isinstance(node, n.Const):
        return repr(node.value) if isinstance(node.value, str) else str(node.value)
    if isinstance(node, n.Name):
        return node.id
    if isinstance(node, n.Unary):
        return f"({node.op}{show(node.operand)})"
    if isinstance(node, n.Not):
        return f"(not {show(node.operand)})"
    if isinstance(node, n.Arith):
        out = show(node.first)
        for op, rest in zip(node.ops, node.rest, strict=True):
            out = f"({out} {op} {show(rest)})"  # left-associative
        return out
    if isinstance(node, n.Power):
        return f"({show(node.base)} ** {show(node.exponent)})"
    if isinstance(node, n.BoolOp):
        return "(" + f" {node.op} ".join(show(x) for x in node.operands) + ")"
    if isinstance(node, n.Compare):
        parts = [show(node.first)]
        for op, rest in zip(node.ops, node.rest, strict=True):
            parts += [op, show(rest)]
        return "(" + " ".join(parts) + ")"
    if isinstance(node, n.IfExp):
        return f"({show(node.body)} if {show(node.cond)} else {show(node.orelse)})"
    if isinstance(node, n.ListLit):
        return "[" + ", ".join(show(x) for x in node.items) + "]"
    if isinstance(node, n.SetLit):
        return "{" + ", ".join(show(x) for x in node.items) + "}"
    if isinstance(node, n.Subscript):
        return f"{show(node.target)}[" + ", ".join(show(x) for x in node.indices) + "]"
    if isinstance(node, n.Call):
        args = [show(a) for a in node.args] + [f"{k}={show(v)}" for k, v in node.kwargs]
        return f"{node.func}(" + ", ".join(args) + ")"
    if isinstance(node, n.Comprehension):
        clauses = " ".join(
            f"for {', '.join(c.targets)} in {show(c.iterable)}"
            + "".join(f" if {show(x)}" for x in c.conds)
            for c in node.clauses
        )
        body = f"{show(node.elt)} {clauses}"
        return "{" + body + "}" if node.kind == "set" else "[" + body + "]"
    raise AssertionError(node)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b * c", "((a / b) * c)"),
        ("a // b % c", "((a // b) % c)"),
        ("a @ b * c", "((a @ b) * c)"),
        ("a + b @ c", "(a + (b @ c))"),
        ("2 ** 3 ** 2", "(2 ** (3 ** 2))"),
        ("-2 ** 2", "(-(2 ** 2))"),
        ("2 ** -1", "(2 ** -1)"),
        ("-x ** -y", "(-(x ** (-y)))"),
        ("- - 3", "3"),
        ("-(3)", "-3"),
        ("+x", "(+x)"),
        ("a * -b", "(a * (-b))"),
        ("not a == b", "(not (a == b))"),
        ("not a and b", "((not a) and b)"),
        ("a and not b or c", "((a and (not b)) or c)"),
        ("a or b and c", "(a or (b and c))"),
        ("a or b or c", "(a or b or c)"),
        ("not not a", "(not (not a))"),
        ("a < b < c", "(a < b < c)"),
        ("a == b != c", "(a == b != c)"),
        ("a + b < c * d", "((a + b) < (c * d))"),
        ("a < b and b <= c", "((a < b) and (b <= c))"),
        ("x in s", "(x in s)"),
        ("x not in s", "(x not in s)"),
        ("a in b == c", "(a in b == c)"),
        ("a if b else c", "(a if b else c)"),
        ("a if b else c if d else e", "(a if b else (c if d else e))"),
        ("x + 1 if a or b else y", "((x + 1) if (a or b) else y)"),
        ("A[0, 1] + v[-1]", "(A[0, 1] + v[-1])"),
        ("A[0][1]", "A[0][1]"),
        ("f(x)[0] ** 2", "(f(x)[0] ** 2)"),
        ("P @ diag(l1, l2) @ inv(P)", "((P @ diag(l1, l2)) @ inv(P))"),
        ("entropy(p, base=2)", "entropy(p, base=2)"),
        ("f()", "f()"),
        ("f(a, b,)", "f(a, b)"),
        ("[u[i]*v[i] for i in range(n)]", "[(u[i] * v[i]) for i in range(n)]"),
        ("[x for x in v if x > 0]", "[x for x in v if (x > 0)]"),
        ("[x for x in v if x > 0 if x < 5]", "[x for x in v if (x > 0) if (x < 5)]"),
        (
            "[i*j for i in range(3) for j in range(i)]",
            "[(i * j) for i in range(3) for j in range(i)]",
        ),
        ("[a if c else b for x in v]", "[(a if c else b) for x in v]"),
        ("[i*x for i, x in enumerate(v)]", "[(i * x) for i, x in enumerate(v)]"),
        ("{x % 3 for x in v}", "{(x % 3) for x in v}"),
        ("sum(x for x in v)", "sum([x for x in v])"),
        ("(x for x in v)", "[x for x in v]"),
        ("{A[0,0], A[1,1]}", "{A[0, 0], A[1, 1]}"),
        ("3 − 1", "(3 - 1)"),  # Unicode minus, as pasted from math text
        ("a ≤ b ≠ c ≥ d", "(a <= b != c >= d)"),
    ],
)
def test_precedence_and_associativity(text: str, tree: str) -> None:
    assert show(parse(text)) == tree


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("42", 42),
        ("007", 7),
        ("0.25", Fraction(1, 4)),
        (".5", Fraction(1, 2)),
        ("2.", 2),
        ("2.50", Fraction(5, 2)),
        ("1e3", 1000),
        ("1E3", 1000),
        ("1e-3", Fraction(1, 1000)),
        ("2.5e+2", 250),
        ("1.5e-1", Fraction(3, 20)),
        ("9" * 1000, int("9" * 1000)),
        ("'single'", "single"),
        ('"double"', "double"),
        ("'it\\'s'", "it's"),
        ('"say \\"hi\\""', 'say "hi"'),
        ("'a\\\\b'", "a\\b"),
        ("'line\\nbreak'", "line\nbreak"),
        ("'λ ∈ ℝ'", "λ ∈ ℝ"),
        ("''", ""),
        ("true", True),
        ("false", False),
        ("True", True),
        ("False", False),
    ],
)
def test_literals(text: str, value: object) -> None:
    node = parse(text)
    assert isinstance(node, n.Const)
    assert node.value == value
    assert type(node.value) is type(value)


def test_containers() -> None:
    assert show(parse("[1, 2, 3]")) == "[1, 2, 3]"
    assert show(parse("[[1, 2], [3, 4]]")) == "[[1, 2], [3, 4]]"
    assert show(parse("(1, 2)")) == "[1, 2]"  # a tuple is a list
    assert show(parse("(1,)")) == "[1]"
    assert show(parse("(1)")) == "1"  # grouping
    assert show(parse("()")) == "[]"
    assert show(parse("[]")) == "[]"
    assert show(parse("[1, 2,]")) == "[1, 2]"
    assert show(parse("{1, 2}")) == "{1, 2}"
    assert show(parse("{}")) == "{}"
    assert isinstance(parse("{}"), n.SetLit)


def test_names_and_whitespace() -> None:
    assert show(parse("  x_1 +\n\tλ  ")) == "(x_1 + λ)"
    assert show(parse("_private")) == "_private"
    assert show(parse("true_rate")) == "true_rate"  # not the keyword true
    assert show(parse("notation")) == "notation"  # not the keyword not


FORBIDDEN = [
    ("x.y", "attribute access is not allowed", 2),
    ("x.__class__", "attribute access is not allowed", 2),
    ("().__class__.__bases__[0]", "attribute access is not allowed", 3),
    ("1.real", "attribute access is not allowed", 2),
    ("f(x).y", "attribute access is not allowed", 5),
    ("lambda: 1", "lambda is not allowed", 1),
    ("f(lambda x: x)", "lambda is not allowed", 3),
    ("x = 1", "assignment is not allowed", 3),
    ("v[0] = 1", "assignment is not allowed", 6),
    ("(x := 1)", "assignment (:=) is not allowed", 4),
    ("x += 1", "assignment is not allowed", 3),
    ("x **= 2", "assignment is not allowed", 3),
    ("a; b", "only one expression is allowed", 2),
    ("f'{x}'", "f-strings are not allowed", 1),
    ("1 + F'{x}'", "f-strings are not allowed", 5),
    ("r'\\d'", "string prefixes are not allowed", 1),
    ("b'x'", "string prefixes are not allowed", 1),
    ("f(*args)", "unpacking (*args, **kwargs) is not allowed", 3),
    ("f(**kw)", "unpacking (*args, **kwargs) is not allowed", 3),
    ("[*v]", "unpacking (*args, **kwargs) is not allowed", 2),
    ("import os", "import is not allowed", 1),
    ("from os import path", "import is not allowed", 1),
    ("`x`", "backticks are not allowed", 1),
    ("@dec", "decorators are not allowed", 1),
    ("2 ^ 3", "use ** for powers", 3),
    ("x ^= 1", "use ** for powers", 3),
    ("def f(): 1", "only expressions, not statements", 1),
    ("yield x", "only expressions, not statements", 1),
    ("x if y", "a conditional needs else", 7),
    ("x is None", "use == instead of is", 3),
    ("{a: 1}", "dictionaries are not allowed", 3),
    ("v[1:2]", "slices and dictionaries are not supported", 4),
    ("2x", "invalid number 2x", 1),
    ("0x1F", "invalid number 0x", 1),
    ("'abc", "text is not closed", 1),
    ("'a\\qb'", "unknown escape \\q", 3),
    ("(1", "missing ) to close the ( at column 1", 3),
    ("[1, 2", "missing ] to close the [ at column 1", 6),
    ("[1 2]", "expected , or ]", 4),
    ("1 2", "missing operator", 3),
    ("2 (x + 1)", "missing operator", 3),
    ("1, 2", "a list needs brackets", 2),
    ("x for x in v", "a comprehension needs brackets", 3),
    ("[x for 1 in v]", "expected a variable name after for", 8),
    ("[x for x v]", "expected in", 10),
    (")", "unmatched )", 1),
    ("1)", "unmatched )", 2),
    ("", "empty expression", 1),
    ("   ", "empty expression", 4),
    ("1 +", "unexpected end of expression", 4),
    ("f(x)(y)", "only named functions can be called", 5),
    ("(f)(x)", "only named functions can be called", 4),
    ("f(a=1, 2)", "positional argument after a keyword argument", 8),
    ("f(a=1, a=2)", "keyword argument a given twice", 8),
    ("f(x for x in v, 1)", "a comprehension among other arguments needs brackets", 15),
    ("__import__('os')", 'names starting with "__" are not allowed', 1),
    ("[x for __x in v]", 'names starting with "__" are not allowed', 8),
    ("f(__k=1)", 'names starting with "__" are not allowed', 3),
    ("a && b", "use and instead of &&", 3),
    ("a || b", "use or instead of ||", 3),
    ("a & b", "use and instead of &", 3),
    ("a | b", "use or instead of |", 3),
    ("~a", "~ is not allowed", 1),
    ("!a", "use not instead of !", 1),
    ("a << 1", "shift operators are not allowed", 3),
    ("a # note", "comments are not allowed", 3),
    ("a × b", "use * for multiplication", 3),
    ("√2", "use sqrt(x)", 1),
    ("x²", "use ** for powers", 2),
    ("a $ b", "unexpected character $", 3),
    ("a else b", "else without if", 3),
    ("a not b", "unexpected not", 3),
    ("a\\\nb", "backslashes are only allowed inside text", 2),
]


@pytest.mark.parametrize(("text", "message", "column"), FORBIDDEN)
def test_refused_syntax(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprSyntaxError) as info:
        parse(text)
    assert message in info.value.message
    assert info.value.column == column
    assert f"at column {column}" in str(info.value)


def test_errors_are_reported_in_reading_order() -> None:
    # The lexer's complaint about "^" comes later in the text than the parser's about ".".
    with pytest.raises(ExprSyntaxError, match="attribute access"):
        parse("x.y ^ 2")
    with pytest.raises(ExprSyntaxError, match=r"\*\* for powers"):
        parse("x ^ y.z")


def test_number_limits() -> None:
    with pytest.raises(LimitError, match="number too long") as info:
        parse("1 + " + "9" * 1001)
    assert info.value.column == 5
    with pytest.raises(LimitError, match="exponent too large"):
        parse("1e401")
    with pytest.raises(LimitError, match="exponent too large"):
        parse("1e-999999999")
    assert parse("1e400").value == 10**400  # type: ignore[attr-defined]
    with pytest.raises(LimitError, match="too large"):
        parse("9" * 1000 + "e400")  # 1,400 digits: over the 4096-bit limit of values.canon


def test_nesting_limit_is_exact() -> None:
    ok = "(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH
    assert parse(ok) == n.Const(MAX_DEPTH + 1, 1)
    too_deep = "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(LimitError, match="nested too deeply") as info:
        parse(too_deep)
    assert info.value.column == MAX_DEPTH + 1


@pytest.mark.parametrize(
    "text",
    [
        "-" * 100 + "x",  # unary chains are a loop in the parser but a tall tree
        "not " * 100 + "x",
        "x" + "[0]" * 100,
        "2 ** " * 100 + "2",
        "a if b else " * 100 + "c",
        "[" * 100 + "]" * 100,
        "f(" * 100 + ")" * 100,
    ],
)
def test_tall_trees_are_refused(text: str) -> None:
    with pytest.raises(LimitError, match="nested too deeply"):
        parse(text)


def test_long_flat_chains_are_fine() -> None:
    # Same-level chains are one n-ary node: no depth, so no limit but the length of the text.
    node = parse(" + ".join(["1"] * 1000))
    assert isinstance(node, n.Arith) and len(node.rest) == 999
    assert isinstance(parse(" and ".join(["a"] * 500)), n.BoolOp)
    assert parse("--" * 50 + "1") == n.Const(1, 1)  # folded literal signs


def test_text_length_limit() -> None:
    parse("x" * 4000)
    with pytest.raises(LimitError, match="too long"):
        parse("x" * 4001)


def test_nodes_are_immutable_hashable_and_cached() -> None:
    a, b = parse("P @ diag(l1, l2) @ inv(P)"), parse("P @ diag(l1, l2) @ inv(P)")
    assert a is b  # parse is cached
    assert hash(a) == hash(parse("P  @ diag(l1, l2) @ inv(P)".replace("  ", " ")))
    assert a == parse("P @ diag(l1, l2) @ inv(P) ")
    with pytest.raises(AttributeError):  # a frozen node
        a.col = 3  # type: ignore[misc]
    assert len({parse("1 + 2"), parse("1 + 2"), parse("1 + 3")}) == 2


def test_non_text_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse(3)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- name analysis


def test_free_names() -> None:
    assert free_names(parse("P @ diag(l1, l2) @ inv(P)")) == {"P": 1, "l1": 10, "l2": 14}
    assert free_names(parse("[u[i]*v[i] for i in range(n)]")) == {"u": 2, "v": 7, "n": 27}
    # The loop variable shadows only inside; "i" outside is free.
    assert free_names(parse("[i for i in v] + i")) == {"i": 18, "v": 13}
    # Each clause sees the earlier clauses' variables.
    assert free_names(parse("[x + y for x in a for y in x if y > k]")) == {"a": 17, "k": 37}
    assert free_names(parse("[x for x in x]")) == {"x": 13}
    assert free_names(parse("[i*x for i, x in enumerate(v)]")) == {"v": 28}
    assert free_names(parse("entropy(p, base=b)")) == {"p": 9, "b": 17}
    assert free_names(parse("2 * pi * e")) == {"pi": 5, "e": 10}  # callers decide on constants
    assert free_names(parse("'x' + 1")) == {}


def test_called_functions() -> None:
    node = parse("P @ diag(l1, l2) @ inv(P) + inv(Q)")
    assert called_functions(node) == {"diag": 5, "inv": 20}
    assert called_functions(parse("[randint(0, k) for k in range(3)]")) == {
        "randint": 2,
        "range": 25,
    }
    assert called_functions(parse("x + 1")) == {}


@pytest.mark.parametrize("text", ["(1 + )", "[2 * ]", "{1, 3 - }"])
def test_a_closing_bracket_where_an_operand_belongs_is_refused(text: str) -> None:
    # The parser returned the error instead of raising it, and the error became an operand
    # of the tree (found by mypy).
    with pytest.raises(ExprSyntaxError, match="unmatched"):
        parse(text)

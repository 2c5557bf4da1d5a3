"""Parser for the template expression language: tokens to an immutable syntax tree.

Recursive descent for brackets, calls and unary operators, and an operator-precedence loop (no
recursion) for the binary operators, so each bracket level costs only a handful of Python
frames. Two bounds keep both parsing and the tree-walking interpreter far from Python's recursion
limit: bracket/operator nesting while parsing, and the height of the finished tree, both at most
``MAX_DEPTH``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import TypeVar

from quizmath.core.errors import ExprSyntaxError, LimitError
from quizmath.core.expr.lexer import END, ERR, KW, NAME, NUM, OP, STR, Token, tokenize
from quizmath.core.expr.nodes import (
    Arith,
    BoolOp,
    Call,
    Clause,
    Compare,
    Comprehension,
    Const,
    IfExp,
    ListLit,
    Name,
    Node,
    Not,
    Power,
    SetLit,
    Subscript,
    Unary,
)

MAX_DEPTH = 60
N = TypeVar("N", bound=Node)

_NOT = 3  # precedence of prefix "not"
_PRECEDENCE = {
    "or": 1,
    "and": 2,
    **dict.fromkeys(("==", "!=", "<", "<=", ">", ">=", "in", "not in"), 4),
    **dict.fromkeys(("+", "-"), 5),
    **dict.fromkeys(("*", "/", "//", "%", "@"), 6),
}
_CLOSERS = {"(": ")", "[": "]", "{": "}"}


@dataclass
class _Pending:
    """An operator waiting for its right operand(s); same-level operators collect into one."""

    prec: int
    ops: list[str] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """The syntax tree of one expression. Raises ExprSyntaxError or LimitError with a column."""
    if not isinstance(text, str):
        raise TypeError(f"parse() needs text, got {type(text).__name__}")
    return _Parser(tokenize(text)).parse_all()


def parse_at(text: str, offset: int) -> Node:
    """Like ``parse``, for an expression embedded in longer text that starts at ``offset``."""
    return _Parser(tokenize(text, offset)).parse_all()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.heights: dict[int, int] = {}

    # ------------------------------------------------------------------------------ helpers

    @property
    def tok(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind == ERR:
            raise token.value
        return token

    def peek(self) -> Token:
        token = self.tokens[min(self.pos + 1, len(self.tokens) - 1)]
        if token.kind == ERR:
            raise token.value
        return token

    def advance(self) -> Token:
        token = self.tok
        self.pos += 1
        return token

    def at(self, kind: str, value: object) -> bool:
        token = self.tok
        return token.kind == kind and token.value == value

    def enter(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitError(f"expression is nested too deeply (over {MAX_DEPTH} levels)", col)

    def made(self, node: N) -> N:
        """Record the height of a new node; refuse trees too tall to evaluate safely."""
        height = 1 + max((self.heights.get(id(c), 1) for c in node.children()), default=0)
        if height > MAX_DEPTH + 1:  # a leaf is not a level of nesting
            raise LimitError(f"expression is nested too deeply (over {MAX_DEPTH} levels)", node.col)
        self.heights[id(node)] = height
        return node

    def fail(self, message: str, token: Token | None = None) -> ExprSyntaxError:
        return ExprSyntaxError(message, (token or self.tok).col)

    def name(self, token: Token) -> str:
        if token.value.startswith("__"):
            raise self.fail(f'names starting with "__" are not allowed: {token.value}', token)
        return str(token.value)

    def close(self, closer: str, opener: Token) -> None:
        token = self.tok
        if token.kind == OP and token.value == closer:
            self.pos += 1
            return
        if token.kind == END:
            raise self.fail(f"missing {closer} to close the {opener.value} at column {opener.col}")
        if token.kind == OP and token.value == ":":
            raise self.fail("slices and dictionaries are not supported")
        raise self.fail(f"expected , or {closer}")

    # ------------------------------------------------------------------------------ grammar

    def parse_all(self) -> Node:
        if self.tok.kind == END:
            raise self.fail("empty expression")
        node = self.expr()
        token = self.tok
        if token.kind != END:
            raise self.trailing(token)
        return node

    def trailing(self, token: Token) -> ExprSyntaxError:
        if token.kind in (NUM, STR, NAME) or (token.kind == OP and token.value in "([{"):
            return self.fail("missing operator; write * for a product, as in 2*x", token)
        if token.kind == OP and token.value in ")]}":
            return self.fail(f"unmatched {token.value}", token)
        if token.kind == OP and token.value == ",":
            return self.fail("a list needs brackets: [a, b] (or {a, b} for a set)", token)
        if token.kind == KW and token.value == "for":
            return self.fail("a comprehension needs brackets: [x for x in v]", token)
        if token.kind == KW and token.value == "else":
            return self.fail("else without if", token)
        return self.fail(f"unexpected {token.value}", token)

    def expr(self) -> Node:
        """A conditional ``body if cond else orelse``, or a plain operator expression."""
        body = self.binary()
        if not self.at(KW, "if"):
            return body
        if_tok = self.advance()
        cond = self.binary()
        if not self.at(KW, "else"):
            raise self.fail("a conditional needs else: x if condition else y")
        self.advance()
        self.enter(if_tok.col)
        orelse = self.expr()
        self.depth -= 1
        return self.made(IfExp(if_tok.col, body, cond, orelse))

    def binary(self) -> Node:
        """Binary operators and prefix ``not`` by precedence, with a stack instead of recursion."""
        operands: list[Node] = []
        pending: list[_Pending] = []
        while True:
            while self.at(KW, "not"):
                token = self.advance()
                pending.append(_Pending(_NOT, ["not"], [token.col]))
            operands.append(self.unary())
            op = self.binary_operator()
            if op is None:
                break
            name, col = op
            prec = _PRECEDENCE[name]
            while pending and pending[-1].prec > prec:
                self.reduce(pending.pop(), operands)
            if pending and pending[-1].prec == prec:
                pending[-1].ops.append(name)  # same level: one n-ary node (chained comparisons)
                pending[-1].cols.append(col)
            else:
                pending.append(_Pending(prec, [name], [col]))
        while pending:
            self.reduce(pending.pop(), operands)
        return operands[0]

    def binary_operator(self) -> tuple[str, int] | None:
        token = self.tok
        if token.kind == OP:
            if token.value in _PRECEDENCE:
                self.pos += 1
                return token.value, token.col
            if token.value == "=":
                raise self.fail("assignment is not allowed (use == to compare)")
            return None
        if token.kind == KW:
            if token.value in ("and", "or", "in"):
                self.pos += 1
                return token.value, token.col
            if token.value == "not":
                if self.peek().kind == KW and self.peek().value == "in":
                    self.pos += 2
                    return "not in", token.col
                raise self.fail("unexpected not")
        return None

    def reduce(self, entry: _Pending, operands: list[Node]) -> None:
        if entry.prec == _NOT:
            operands.append(self.made(Not(entry.cols[0], operands.pop())))
            return
        count = len(entry.ops) + 1
        items = operands[-count:]
        del operands[-count:]
        ops, cols = tuple(entry.ops), tuple(entry.cols)
        if entry.prec <= 2:
            node: Node = BoolOp(cols[0], ops[0], tuple(items))
        elif entry.prec == 4:
            node = Compare(cols[0], items[0], ops, tuple(items[1:]), cols)
        else:
            node = Arith(cols[0], items[0], ops, tuple(items[1:]), cols)
        operands.append(self.made(node))

    def unary(self) -> Node:
        """Prefix ``-``/``+`` (a loop), then a postfix expression, then ``** exponent``."""
        prefix: list[Token] = []
        while self.tok.kind == OP and self.tok.value in ("-", "+"):
            prefix.append(self.advance())
        node = self.postfix()
        if self.at(OP, "**"):
            power = self.advance()
            self.enter(power.col)
            exponent = self.unary()  # right-associative, and 2**-1 works
            self.depth -= 1
            node = self.made(Power(power.col, node, exponent))
        for token in reversed(prefix):
            if isinstance(node, Const) and type(node.value) in (int, Fraction):  # not bool
                # Fold literal signs ("-3") so constants cost nothing to evaluate. -2**2 is
                # Unary(Power) here, never folded into (-2)**2.
                value = node.value if token.value == "+" else -node.value
                node = self.made(Const(token.col, value))
            else:
                node = self.made(Unary(token.col, token.value, node))
        return node

    def postfix(self) -> Node:
        node = self.atom()
        while True:
            token = self.tok
            if token.kind != OP:
                return node
            if token.value == "[":
                self.advance()
                self.enter(token.col)
                indices = [self.expr()]
                while self.at(OP, ","):
                    self.advance()
                    indices.append(self.expr())
                self.close("]", token)
                self.depth -= 1
                node = self.made(Subscript(token.col, node, tuple(indices)))
            elif token.value == ".":
                raise self.fail("attribute access is not allowed")
            elif token.value == "(":
                if isinstance(node, Const):  # 2(x + 1): a product written as in math
                    raise self.fail("missing operator; write * for a product, as in 2*(x+1)")
                raise self.fail("only named functions can be called, as in f(x)")
            else:
                return node

    def atom(self) -> Node:
        token = self.tok
        kind, value = token.kind, token.value
        if kind in (NUM, STR):
            self.pos += 1
            return self.made(Const(token.col, value))
        if kind == KW and value in ("true", "false"):
            self.pos += 1
            return self.made(Const(token.col, value == "true"))
        if kind == NAME:
            self.pos += 1
            if self.at(OP, "("):
                return self.call(token)
            return self.made(Name(token.col, self.name(token)))
        if kind == OP and value in _CLOSERS:
            self.pos += 1
            self.enter(token.col)
            node = self.bracket(token)
            self.depth -= 1
            return node
        if kind == END:
            raise self.fail("unexpected end of expression")
        if kind == OP and value in ("*", "**"):
            raise self.fail("unpacking (*args, **kwargs) is not allowed")
        if kind == OP and value == "@" and self.pos == 0:
            raise self.fail("decorators are not allowed")
        if kind == OP and value == "=":
            raise self.fail("assignment is not allowed")
        if kind == OP and value in ")]}":
            raise self.trailing(token)  # it was returned, and parsed as an operand
        return self.unexpected(token)

    def unexpected(self, token: Token) -> Node:
        raise self.fail(f"unexpected {token.value}", token)

    def bracket(self, opener: Token) -> Node:
        """After ``(``, ``[`` or ``{``: grouping, a list/tuple, a set, or a comprehension."""
        closer = _CLOSERS[opener.value]
        col = opener.col
        if self.at(OP, closer):
            self.advance()
            return self.made(SetLit(col, ()) if closer == "}" else ListLit(col, ()))
        first = self.expr()
        if self.at(KW, "for"):
            kind = "set" if closer == "}" else "list"  # (x for …) is read as a list
            node = self.comprehension(kind, first, col)
            self.close(closer, opener)
            return node
        if closer == "}" and self.at(OP, ":"):
            raise self.fail("dictionaries are not allowed")
        if closer == ")" and not self.at(OP, ","):
            self.close(")", opener)
            return first  # plain grouping
        items = [first]
        while self.at(OP, ","):
            self.advance()
            if self.at(OP, closer):
                break
            items.append(self.expr())
        self.close(closer, opener)
        return self.made(SetLit(col, tuple(items)) if closer == "}" else ListLit(col, tuple(items)))

    def comprehension(self, kind: str, elt: Node, col: int) -> Node:
        clauses: list[Clause] = []
        while self.at(KW, "for"):
            for_tok = self.advance()
            targets = [self.target()]
            while self.at(OP, ","):
                self.advance()
                targets.append(self.target())
            if not self.at(KW, "in"):
                raise self.fail("expected in, as in: for x in v")
            self.advance()
            iterable = self.binary()
            conds: list[Node] = []
            while self.at(KW, "if"):
                self.advance()
                conds.append(self.binary())
            clause = Clause(for_tok.col, tuple(targets), iterable, tuple(conds))
            clauses.append(self.made(clause))
        return self.made(Comprehension(col, kind, elt, tuple(clauses)))

    def target(self) -> str:
        token = self.tok
        if token.kind != NAME:
            raise self.fail("expected a variable name after for")
        self.advance()
        return self.name(token)

    def call(self, name_tok: Token) -> Node:
        func = self.name(name_tok)
        opener = self.advance()  # "("
        self.enter(opener.col)
        args: list[Node] = []
        kwargs: list[tuple[str, Node]] = []
        while not self.at(OP, ")"):
            token = self.tok
            if token.kind == OP and token.value in ("*", "**"):
                raise self.fail("unpacking (*args, **kwargs) is not allowed")
            if token.kind == NAME and self.peek().kind == OP and self.peek().value == "=":
                key = self.name(token)
                if any(key == k for k, _ in kwargs):
                    raise self.fail(f"keyword argument {key} given twice")
                self.pos += 2
                kwargs.append((key, self.expr()))
            else:
                if kwargs:
                    raise self.fail("positional argument after a keyword argument")
                value = self.expr()
                if self.at(KW, "for"):  # f(x for x in v), as in Python
                    value = self.comprehension("list", value, token.col)
                    if args or not self.at(OP, ")"):
                        raise self.fail("a comprehension among other arguments needs brackets")
                args.append(value)
            if not self.at(OP, ","):
                break
            self.advance()
        self.close(")", opener)
        self.depth -= 1
        return self.made(Call(name_tok.col, func, tuple(args), tuple(kwargs)))

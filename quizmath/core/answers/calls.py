"""Function calls, roots and fractions: the part of the grammar around names.

``sin x``, ``ln|x|`` and ``√2`` take a one-token argument; anything that would glue on to it
(``sin 2x``, ``√2x``, ``ln x²``) is refused as ambiguous rather than guessed.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from quizmath.core.answers.lexer import BRACKETS, Tok, is_op
from quizmath.core.answers.names import FUNCTIONS, Piece
from quizmath.core.answers.nodes import (
    Call,
    Const,
    Neg,
    Node,
    Num,
    Pow,
    Prod,
    Rows,
    Seq,
    SetLit,
    Var,
)
from quizmath.core.errors import ExprSyntaxError

if TYPE_CHECKING:
    from quizmath.core.answers.parser import Parser


def syntax_error(message: str, col: int) -> ExprSyntaxError:
    return ExprSyntaxError(message, col)


class CallGrammar:
    """Mixed into ``Parser``: methods here use its token cursor and bracket parsing."""

    def parse_sqrt(self: Parser) -> Node:
        root = self.advance()
        self.enter(root.col)
        t = self.tok
        bare = True
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            arg: Node = Num(t.value, t.text, t.col)
        elif t.kind == "name" and t.ref.kind in ("var", "const"):
            arg = self.parse_name()
        elif t.kind == "name" or is_op(t, "√", "|"):
            arg, bare = self.parse_primary(), False
        elif is_op(t, "(", "{"):
            arg, bare = self.parse_bracket(), False
            if isinstance(arg, Seq | SetLit):
                raise syntax_error("√ takes one value", t.col)
        else:
            raise syntax_error(
                "√ needs a number, a name or parentheses: √2, √x, √(x + 1)", root.col
            )
        if bare and self.continues(self.tok) and not is_op(self.tok, "/"):
            raise syntax_error(
                "ambiguous: put what is under √ in parentheses, like √(2x) or √2·x", root.col
            )
        self.leave()
        return Call("sqrt", (arg,), root.col)

    def continues(self: Parser, t: Tok) -> bool:
        """Whether ``t`` would glue on to a one-token argument (``sin 2x``, ``√2x``, ``ln x²``)."""
        if self.row_split() and self.starts_entry(t):
            return False
        if t.kind in ("num", "sup", "frac"):
            return True
        if t.kind == "name":
            return t.ref.kind != "func"
        if is_op(t, "|"):
            return self.ctx[-1] != "abs"
        return is_op(t, "^", "/", "!", "%", "(", "[", "{", "_")

    def parse_frac(self: Parser) -> Node:
        frac = self.advance()
        parts: list[Node] = []
        for _ in range(2):
            if not is_op(self.tok, "{"):
                raise syntax_error("write \\frac{a}{b}", frac.col)
            part = self.parse_bracket()
            if isinstance(part, SetLit | Seq):
                raise syntax_error("write \\frac{a}{b}", frac.col)
            parts.append(part)
        return Prod((("*", parts[0]), ("/", parts[1])), frac.col)

    def parse_name(self: Parser) -> Node:
        t = self.tok
        p: Piece = t.ref
        if p.kind == "var":
            self.advance()
            return Var(p.name, t.col)
        if p.kind == "const":
            self.advance()
            return Const(p.name, t.col)
        if p.name == "Matrix":
            return self.parse_matrix_call()
        return self.parse_call()

    def parse_call(self: Parser) -> Node:
        t = self.advance()
        name = t.ref.name
        power: Node | None = None
        if is_op(self.tok, "^"):
            caret = self.advance()
            self.enter(caret.col)
            power = self.parse_unary()
            self.leave()
        elif self.tok.kind == "sup":
            power = sup_node(self.advance())
        if power is not None and isinstance(power, Neg) and power.arg == Num(Fraction(1), "1"):
            inverse = f"a{name}(x) for the inverse, or " if name in ("sin", "cos", "tan") else ""
            raise syntax_error(f"{name}^-1 is ambiguous: write {inverse}1/{name}(x)", t.col)
        base: Node | None = None
        if name == "log" and is_op(self.tok, "_"):
            self.advance()
            base = self.parse_log_base(t)
        args = self.parse_args() if is_op(self.tok, "(", "{") else (self.parse_single_arg(name, t),)
        lo, hi = FUNCTIONS[name]
        if base is not None:
            lo = hi = 1
        if not lo <= len(args) <= hi:
            count = f"{lo}" if lo == hi else f"{lo} to {hi}"
            s = "" if count == "1" else "s"
            raise syntax_error(f"{t.text} takes {count} argument{s}", t.col)
        if base is not None:
            args = (args[0], base)
        node: Node = Call(name, args, t.col)
        return Pow(node, power, t.col) if power is not None else node

    def parse_log_base(self: Parser, log: Tok) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            return Num(t.value, t.text, t.col)
        if t.kind == "name" and t.ref.kind in ("var", "const"):
            return self.parse_name()
        if is_op(t, "{", "("):
            node = self.parse_bracket()
            if not isinstance(node, Seq | SetLit | Rows):
                return node
        raise syntax_error("write the base of log like log_2(x) or log(x, 2)", log.col)

    def parse_args(self: Parser) -> tuple[Node, ...]:
        opener = self.advance()
        close = BRACKETS[opener.text]
        if is_op(self.tok, close):
            raise syntax_error("empty parentheses", opener.col)
        self.ctx.append("paren")
        args = [self.parse_sum()]
        while is_op(self.tok, ","):
            self.advance()
            args.append(self.parse_sum())
        self.ctx.pop()
        self.expect_close(opener, close)
        return tuple(args)

    def parse_single_arg(self: Parser, name: str, fn: Tok) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            node: Node = Num(t.value, t.text, t.col)
        elif t.kind == "name" and t.ref.kind in ("var", "const"):
            node = self.parse_name()
        elif is_op(t, "|"):  # ln|x|: the bars delimit the argument
            node = self.parse_abs()
        else:
            raise syntax_error(
                f"{fn.text} needs its argument in parentheses, like {fn.text}(x)", fn.col
            )
        if self.continues(self.tok):
            raise syntax_error(
                f"put the argument of {fn.text} in parentheses, like {fn.text}(…)", fn.col
            )
        return node

    def parse_matrix_call(self: Parser) -> Node:
        """``Matrix([[1, 2], [3, 4]])`` as sympy prints it (expected answers only)."""
        t = self.advance()
        args = self.parse_args() if is_op(self.tok, "(") else ()
        if len(args) != 1 or not isinstance(args[0], Seq):
            raise syntax_error("Matrix takes one list of rows", t.col)
        seq = args[0]
        if all(not isinstance(item, Seq) for item in seq.items):  # Matrix([1, 2]) is a column
            return Rows(tuple((item,) for item in seq.items), t.col)
        return seq


def sup_node(t: Tok) -> Node:
    n = int(t.text)
    num = Num(Fraction(abs(n)), str(abs(n)), t.col)
    return Neg(num, t.col) if n < 0 else num

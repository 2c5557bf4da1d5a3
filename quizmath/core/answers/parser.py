"""Our own grammar for what a learner types (ANSWERS.md), by recursive descent.

Precedence, loosest first: lists (``,`` ``;`` and, inside brackets, spaces) · sums · products
(explicit and implicit) · unary signs · powers (right-associative, ``-3^2`` = −9) · postfix
(``!``, ``%``, superscripts) · primaries.

Where a reading is a coin toss the parser refuses with a message instead of guessing: ``1/2x``,
``e^2x``, ``√2x``, ``sin 2x``, ``sin^-1 x``. Invalid input costs the learner nothing; a misread
answer marked wrong costs their trust.
"""

from __future__ import annotations

import re
from fractions import Fraction

from quizmath.core.answers.lexer import MAX_DEPTH, Tok
from quizmath.core.answers.names import FUNCTIONS, NOT_AN_ANSWER, Piece, Resolver
from quizmath.core.answers.nodes import (
    Call,
    Const,
    Neg,
    Node,
    Num,
    Percent,
    PlusMinus,
    Pow,
    Prod,
    Rows,
    Seq,
    SetLit,
    Sum,
    Var,
)
from quizmath.core.errors import ExprNameError, ExprSyntaxError, LimitError

_LETTERS_DIGITS = re.compile(r"([A-Za-z]+)([0-9]*)")
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_CTX = {"(": "paren", "[": "bracket", "{": "brace", "<": "angle"}


def _err(message: str, col: int) -> ExprSyntaxError:
    return ExprSyntaxError(message, col)


def _is_op(t: Tok, *ops: str) -> bool:
    return t.kind == "op" and t.text in ops


class Parser:
    def __init__(
        self, toks: list[Tok], resolver: Resolver, *, rows_top: bool, expected: bool
    ) -> None:
        self.resolver = resolver
        self.expected = expected
        self.toks = self._resolve(toks)
        self.pos = 0
        self.level = 0
        self.ctx = ["top"]
        self.rows_top = rows_top
        self.e_pow_end = -1  # token position right after an e^… exponent that had no brackets

    # ------------------------------------------------------------------------ tokens

    @property
    def tok(self) -> Tok:
        return self.toks[self.pos]

    def peek(self, k: int = 1) -> Tok:
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def advance(self) -> Tok:
        t = self.toks[self.pos]
        if t.kind != "eof":
            self.pos += 1
        return t

    def enter(self, col: int) -> None:
        self.level += 1
        if self.level > MAX_DEPTH:
            raise LimitError(f"nested too deeply (more than {MAX_DEPTH} levels)", col)

    def leave(self, k: int = 1) -> None:
        self.level -= k

    def _resolve(self, toks: list[Tok]) -> list[Tok]:
        """Resolve every name against the whitelist; split ``wx`` into ``w``, ``x``."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            i += 1
            if t.kind != "name":
                out.append(t)
                continue
            text = t.text
            # x_1 is the name x1 (log_2 is a base, handled by the grammar)
            while (
                i + 1 < len(toks)
                and _is_op(toks[i], "_")
                and text != "log"
                and not toks[i].space
                and toks[i + 1].kind in ("num", "name")
                and not toks[i + 1].space
                and toks[i + 1].text.isascii()
                and toks[i + 1].text.isalnum()
            ):
                text += toks[i + 1].text
                i += 2
            nxt = toks[i] if i < len(toks) else None
            out.extend(self._resolve_name(t, text, nxt))
        return out

    def _resolve_name(self, t: Tok, text: str, nxt: Tok | None) -> list[Tok]:
        if text in NOT_AN_ANSWER:
            raise ExprNameError(f'"{text}" is not an answer', t.col)
        piece = self.resolver.whole(text)
        if piece is not None:
            return [Tok("name", text, t.col, t.space, ref=piece)]
        m = _LETTERS_DIGITS.fullmatch(text)
        called = nxt is not None and _is_op(nxt, "(") and not nxt.space
        if m is None:  # a Greek letter that is not declared
            raise ExprNameError(f'unknown variable "{text}"', t.col)
        letters, digits = m.groups()
        pieces = self.resolver.split(letters)
        if pieces is None:
            kind = "function" if called and not digits else "variable"
            raise ExprNameError(f'unknown {kind} "{text}"', t.col)
        if digits and letters == "log":  # log3(x): base 3
            return [
                Tok("name", "log", t.col, t.space, ref=pieces[0]),
                Tok("op", "_", t.col + 3, False),
                Tok("num", digits, t.col + 3, False, value=Fraction(int(digits))),
            ]
        if digits and pieces[-1].kind != "func":
            power = len(pieces) == 1 and text == t.text
            hint = f" (for a power, type {letters}^{digits})" if power else ""
            raise ExprNameError(f'unknown variable "{text}"{hint}', t.col)
        out: list[Tok] = []
        col = t.col
        for k, p in enumerate(pieces):
            out.append(Tok("name", p.text, col, t.space if k == 0 else False, ref=p))
            col += len(p.text)
        if digits:  # ln2 is ln 2
            out.append(Tok("num", digits, col, False, value=Fraction(int(digits))))
        return out

    # ------------------------------------------------------------------------ grammar

    def parse(self) -> Node:
        if self.tok.kind == "eof":
            raise _err("the answer is empty", self.tok.col)
        rows = self.parse_rows()
        if self.tok.kind != "eof":
            self.unexpected(self.tok)
        if len(rows) > 1:
            return Rows(tuple(tuple(r) for r in rows), 1)
        items = rows[0]
        return items[0] if len(items) == 1 else Seq(tuple(items), 1)

    def row_split(self) -> bool:
        """Whether whitespace separates entries here (inside ``[ ]``, or at the top of a list)."""
        top = self.ctx[-1]
        return top == "bracket" or (top == "top" and self.rows_top)

    def starts_entry(self, t: Tok) -> bool:
        if not t.space:
            return False
        if t.kind == "num" or _is_op(t, "√"):
            return True
        if t.kind == "name":
            return True
        if _is_op(t, "-", "+", "±"):  # [1 -1]: a sign glued to what follows starts an entry
            nxt = self.peek()
            return not nxt.space and nxt.kind != "eof"
        return False

    def parse_rows(self) -> list[list[Node]]:
        rows: list[list[Node]] = []
        items = [self.parse_sum()]
        while True:
            t = self.tok
            if _is_op(t, ","):
                self.advance()
                if self.tok.kind == "eof" or _is_op(self.tok, ",", ";", *_CLOSERS):
                    raise _err('an entry is missing after ","', t.col)
                items.append(self.parse_sum())
            elif _is_op(t, ";"):
                self.advance()
                if self.tok.kind == "eof" or _is_op(self.tok, ",", ";", *_CLOSERS):
                    raise _err('a row is missing after ";"', t.col)
                rows.append(items)
                items = [self.parse_sum()]
            elif self.row_split() and self.starts_entry(t):
                items.append(self.parse_sum())
            else:
                break
        rows.append(items)
        return rows

    def parse_sum(self) -> Node:
        self.enter(self.tok.col)
        first = self.tok
        terms: list[tuple[str, Node]] = [("+", self.parse_term())]
        while _is_op(self.tok, "+", "-", "±"):
            t = self.tok
            if self.row_split() and self.starts_entry(t):
                break
            self.advance()
            terms.append((t.text, self.parse_term()))
        self.leave()
        return terms[0][1] if len(terms) == 1 else Sum(tuple(terms), first.col)

    def parse_term(self) -> Node:
        first = self.tok
        factors: list[tuple[str, Node]] = [("*", self.parse_unary())]
        while True:
            t = self.tok
            if _is_op(t, "*", "/"):
                self.advance()
                factors.append((t.text, self.parse_unary()))
            elif self.implicit(t):
                if factors[-1][0] == "/" and not _is_op(t, "["):
                    raise _err(
                        'ambiguous product after "/": add parentheses, like 1/(2x) or (1/2)x',
                        t.col,
                    )
                if self.e_pow_end == self.pos:
                    raise _err("ambiguous power: write e^(2x) or e^2·x", t.col)
                factors.append(("*", self.parse_power()))
            else:
                break
        return factors[0][1] if len(factors) == 1 else Prod(tuple(factors), first.col)

    def implicit(self, t: Tok) -> bool:
        """Whether ``t`` starts a factor multiplied by juxtaposition (``2x``, ``2(x+1)``)."""
        split = self.row_split() and t.space
        if t.kind == "num":
            if split:
                return False
            raise _err(f'an operator is missing before "{t.text}"', t.col)
        if t.kind in ("name", "frac"):
            return not split
        if t.kind != "op":
            return False
        if t.text in "([{":
            return True
        if t.text == "√":
            return not split
        return t.text == "|" and self.ctx[-1] != "abs"

    def parse_unary(self) -> Node:
        signs: list[Tok] = []
        while _is_op(self.tok, "-", "+", "±"):
            signs.append(self.advance())
            self.enter(signs[-1].col)
        node = self.parse_power()
        for s in reversed(signs):
            if s.text == "-":
                node = Neg(node, s.col)
            elif s.text == "±":
                node = PlusMinus(node, s.col)
        self.leave(len(signs))
        return node

    def parse_power(self) -> Node:
        node = self.postfix(self.parse_primary())
        if _is_op(self.tok, "^"):
            caret = self.advance()
            self.enter(caret.col)
            start = self.tok
            if start.kind == "eof":
                raise _err('a power is missing after "^"', caret.col)
            exp = self.parse_unary()
            self.leave()
            if isinstance(node, Const) and node.name == "e" and not _is_op(start, "(", "{"):
                self.e_pow_end = self.pos
            node = Pow(node, exp, caret.col)
        return node

    def postfix(self, node: Node) -> Node:
        while True:
            t = self.tok
            if t.kind == "sup":
                self.advance()
                node = Pow(node, _sup_node(t), t.col)
            elif _is_op(t, "!"):
                self.advance()
                if _is_op(self.tok, "!") and not self.tok.space:
                    raise _err("double factorial (!!) is not supported", t.col)
                node = Call("factorial", (node,), t.col)
            elif _is_op(t, "%"):
                self.advance()
                node = Percent(node, t.col)
            else:
                return node

    def parse_primary(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            return Num(t.value, t.text, t.col)
        if t.kind == "name":
            return self.parse_name()
        if t.kind == "frac":
            return self.parse_frac()
        if t.kind == "eof":
            raise _err("the answer is incomplete", t.col)
        if t.kind == "sup":
            raise _err("a superscript needs something before it", t.col)
        if t.text in _BRACKETS:
            return self.parse_bracket()
        if t.text == "|":
            return self.parse_abs()
        if t.text == "√":
            return self.parse_sqrt()
        if t.text in "+-*/^±,;!%":
            raise _err(f'a value is missing before "{t.text}"', t.col)
        return self.unexpected(t)

    def unexpected(self, t: Tok) -> Node:
        if t.kind == "op" and t.text in _CLOSERS:
            raise _err(f'unbalanced "{t.text}"', t.col)
        if _is_op(t, "="):
            raise _err('type only the answer, without "="', t.col)
        if t.kind == "num":
            raise _err(f'an operator is missing before "{t.text}"', t.col)
        shown = t.text if t.kind != "frac" else "\\frac"
        raise _err(f'unexpected "{shown}"', t.col)

    def parse_bracket(self) -> Node:
        opener = self.advance()
        close = _BRACKETS[opener.text]
        if _is_op(self.tok, close):
            if opener.text == "{":
                self.advance()
                return SetLit((), opener.col)
            raise _err(f'empty "{opener.text}{close}"', opener.col)
        self.ctx.append(_CTX[opener.text])
        rows = self.parse_rows()
        self.ctx.pop()
        self.expect_close(opener, close)
        if len(rows) > 1:
            if opener.text != "[":
                raise _err('rows separated by ";" need square brackets [ ]', opener.col)
            return Rows(tuple(tuple(r) for r in rows), opener.col)
        items = tuple(rows[0])
        if opener.text in "({":
            if len(items) == 1:
                return items[0]  # grouping
            return (Seq if opener.text == "(" else SetLit)(items, opener.col)
        return Seq(items, opener.col)

    def expect_close(self, opener: Tok, close: str) -> None:
        t = self.tok
        if _is_op(t, close):
            self.advance()
            return
        if t.kind == "eof" or (t.kind == "op" and t.text in _CLOSERS):
            raise _err(f'unbalanced "{opener.text}"', opener.col)
        self.unexpected(t)

    def parse_abs(self) -> Node:
        bar = self.advance()
        self.ctx.append("abs")
        inner = self.parse_sum()
        self.ctx.pop()
        if not _is_op(self.tok, "|"):
            raise _err('unbalanced "|"', bar.col)
        self.advance()
        return Call("abs", (inner,), bar.col)

    def parse_sqrt(self) -> Node:
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
        elif t.kind == "name" or _is_op(t, "√", "|"):
            arg, bare = self.parse_primary(), False
        elif _is_op(t, "(", "{"):
            arg, bare = self.parse_bracket(), False
            if isinstance(arg, Seq | SetLit):
                raise _err("√ takes one value", t.col)
        else:
            raise _err("√ needs a number, a name or parentheses: √2, √x, √(x + 1)", root.col)
        if bare and self.continues(self.tok) and not _is_op(self.tok, "/"):
            raise _err(
                "ambiguous: put what is under √ in parentheses, like √(2x) or √2·x", root.col
            )
        self.leave()
        return Call("sqrt", (arg,), root.col)

    def continues(self, t: Tok) -> bool:
        """Whether ``t`` would glue on to a one-token argument (``sin 2x``, ``√2x``, ``ln x²``)."""
        if self.row_split() and self.starts_entry(t):
            return False
        if t.kind in ("num", "sup", "frac"):
            return True
        if t.kind == "name":
            return t.ref.kind != "func"
        if _is_op(t, "|"):
            return self.ctx[-1] != "abs"
        return _is_op(t, "^", "/", "!", "%", "(", "[", "{", "√", "_")

    def parse_frac(self) -> Node:
        frac = self.advance()
        parts: list[Node] = []
        for _ in range(2):
            if not _is_op(self.tok, "{"):
                raise _err("write \\frac{a}{b}", frac.col)
            part = self.parse_bracket()
            if isinstance(part, SetLit | Seq):
                raise _err("write \\frac{a}{b}", frac.col)
            parts.append(part)
        return Prod((("*", parts[0]), ("/", parts[1])), frac.col)

    def parse_name(self) -> Node:
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

    def parse_call(self) -> Node:
        t = self.advance()
        name = t.ref.name
        power: Node | None = None
        if _is_op(self.tok, "^"):
            caret = self.advance()
            self.enter(caret.col)
            power = self.parse_unary()
            self.leave()
        elif self.tok.kind == "sup":
            power = _sup_node(self.advance())
        if power is not None and isinstance(power, Neg) and power.arg == Num(Fraction(1), "1"):
            inverse = f"a{name}(x) for the inverse, or " if name in ("sin", "cos", "tan") else ""
            raise _err(f"{name}^-1 is ambiguous: write {inverse}1/{name}(x)", t.col)
        base: Node | None = None
        if name == "log" and _is_op(self.tok, "_"):
            self.advance()
            base = self.parse_log_base(t)
        if _is_op(self.tok, "(", "{"):
            args = self.parse_args()
        else:
            args = (self.parse_single_arg(name, t),)
        lo, hi = FUNCTIONS[name]
        if base is not None:
            lo = hi = 1
        if not lo <= len(args) <= hi:
            count = f"{lo}" if lo == hi else f"{lo} to {hi}"
            s = "" if count == "1" else "s"
            raise _err(f"{t.text} takes {count} argument{s}", t.col)
        if base is not None:
            args = (args[0], base)
        node: Node = Call(name, args, t.col)
        return Pow(node, power, t.col) if power is not None else node

    def parse_log_base(self, log: Tok) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            return Num(t.value, t.text, t.col)
        if t.kind == "name" and t.ref.kind in ("var", "const"):
            return self.parse_name()
        if _is_op(t, "{", "("):
            node = self.parse_bracket()
            if not isinstance(node, Seq | SetLit | Rows):
                return node
        raise _err("write the base of log like log_2(x) or log(x, 2)", log.col)

    def parse_args(self) -> tuple[Node, ...]:
        opener = self.advance()
        close = _BRACKETS[opener.text]
        if _is_op(self.tok, close):
            raise _err("empty parentheses", opener.col)
        self.ctx.append("paren")
        args = [self.parse_sum()]
        while _is_op(self.tok, ","):
            self.advance()
            args.append(self.parse_sum())
        self.ctx.pop()
        self.expect_close(opener, close)
        return tuple(args)

    def parse_single_arg(self, name: str, fn: Tok) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            assert t.value is not None
            node: Node = Num(t.value, t.text, t.col)
        elif t.kind == "name" and t.ref.kind in ("var", "const"):
            node = self.parse_name()
        elif _is_op(t, "|"):  # ln|x|: the bars delimit the argument
            node = self.parse_abs()
        else:
            raise _err(f"{fn.text} needs its argument in parentheses, like {fn.text}(x)", fn.col)
        if self.continues(self.tok):
            raise _err(f"put the argument of {fn.text} in parentheses, like {fn.text}(…)", fn.col)
        return node

    def parse_matrix_call(self) -> Node:
        """``Matrix([[1, 2], [3, 4]])`` as sympy prints it (expected answers only)."""
        t = self.advance()
        args = self.parse_args() if _is_op(self.tok, "(") else ()
        if len(args) != 1 or not isinstance(args[0], Seq):
            raise _err("Matrix takes one list of rows", t.col)
        seq = args[0]
        if all(not isinstance(item, Seq) for item in seq.items):  # Matrix([1, 2]) is a column
            return Rows(tuple((item,) for item in seq.items), t.col)
        return seq


def _sup_node(t: Tok) -> Node:
    n = int(t.text)
    num = Num(Fraction(abs(n)), str(abs(n)), t.col)
    return Neg(num, t.col) if n < 0 else num

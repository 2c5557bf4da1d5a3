"""Our own grammar for what a learner types (ANSWERS.md), by recursive descent.

Precedence, loosest first: lists (``,`` ``;`` and, inside brackets, spaces) · sums · products
(explicit and implicit) · unary signs · powers (right-associative, ``-3^2`` = −9) · postfix
(``!``, ``%``, superscripts) · primaries.

Where a reading is a coin toss the parser refuses with a message instead of guessing: ``1/2x``,
``e^2x``, ``√2x``, ``sin 2x``, ``sin^-1 x``. Invalid input costs the learner nothing; a misread
answer marked wrong costs their trust.
"""

from __future__ import annotations

from quizmath.core.answers.calls import CallGrammar, sup_node, syntax_error
from quizmath.core.answers.lexer import BRACKETS, CLOSERS, MAX_DEPTH, Tok, is_op
from quizmath.core.answers.names import Resolver
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
)
from quizmath.core.answers.resolve import resolve_tokens
from quizmath.core.errors import LimitError

_CTX = {"(": "paren", "[": "bracket", "{": "brace", "<": "angle"}


class Parser(CallGrammar):
    def __init__(
        self, toks: list[Tok], resolver: Resolver, *, rows_top: bool, expected: bool
    ) -> None:
        self.resolver = resolver
        self.expected = expected
        self.toks = resolve_tokens(toks, resolver)
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

    # ------------------------------------------------------------------------ grammar

    def parse(self) -> Node:
        if self.tok.kind == "eof":
            raise syntax_error("the answer is empty", self.tok.col)
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
        """Entries separated by spaces are numbers (``[0 0 1]``, ``[1 -1]``, ``[1 √2]``);
        ``[2 x]`` is still 2x."""
        if not t.space:
            return False
        if t.kind == "num" or is_op(t, "√"):
            return True
        if is_op(t, "-", "+", "±"):  # [1 -1]: a sign glued to a number starts an entry
            nxt = self.peek()
            return not nxt.space and (nxt.kind == "num" or is_op(nxt, "√"))
        return False

    def parse_rows(self) -> list[list[Node]]:
        rows: list[list[Node]] = []
        items = [self.parse_sum()]
        while True:
            t = self.tok
            if is_op(t, ","):
                self.advance()
                if self.tok.kind == "eof" or is_op(self.tok, ",", ";", *CLOSERS):
                    raise syntax_error('an entry is missing after ","', t.col)
                items.append(self.parse_sum())
            elif is_op(t, ";"):
                self.advance()
                if self.tok.kind == "eof" or is_op(self.tok, ",", ";", *CLOSERS):
                    raise syntax_error('a row is missing after ";"', t.col)
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
        while is_op(self.tok, "+", "-", "±"):
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
            if is_op(t, "*", "/"):
                self.advance()
                factors.append((t.text, self.parse_unary()))
            elif self.implicit(t):
                if factors[-1][0] == "/" and not is_op(t, "["):
                    raise syntax_error(
                        'ambiguous product after "/": add parentheses, like 1/(2x) or (1/2)x',
                        t.col,
                    )
                if self.e_pow_end == self.pos:
                    raise syntax_error("ambiguous power: write e^(2x) or e^2·x", t.col)
                factors.append(("*", self.parse_power()))
            else:
                break
        return factors[0][1] if len(factors) == 1 else Prod(tuple(factors), first.col)

    def implicit(self, t: Tok) -> bool:
        """Whether ``t`` starts a factor multiplied by juxtaposition (``2x``, ``2(x+1)``)."""
        if t.kind == "num":
            if self.row_split() and t.space:
                return False  # the next entry of [0 0 1]
            if self.pos > 0 and is_op(self.toks[self.pos - 1], "!") and is_op(self.peek(), "!"):
                return True  # 5!/(2!3!): a factorial after a factorial is a product
            raise syntax_error(f'an operator is missing before "{t.text}"', t.col)
        if t.kind in ("name", "frac"):
            return True
        if t.kind != "op":
            return False
        if t.text in "([{":
            return True
        if t.text == "√":
            return not (self.row_split() and t.space)  # [1 √2] is two entries
        return t.text == "|" and self.ctx[-1] != "abs"

    def parse_unary(self) -> Node:
        signs: list[Tok] = []
        while is_op(self.tok, "-", "+", "±"):
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
        if is_op(self.tok, "^"):
            caret = self.advance()
            self.enter(caret.col)
            start = self.tok
            if start.kind == "eof":
                raise syntax_error('a power is missing after "^"', caret.col)
            exp = self.parse_unary()
            self.leave()
            if isinstance(node, Const) and node.name == "e" and not is_op(start, "(", "{"):
                self.e_pow_end = self.pos
            node = Pow(node, exp, caret.col)
        return node

    def postfix(self, node: Node) -> Node:
        while True:
            t = self.tok
            if t.kind == "sup":
                self.advance()
                node = Pow(node, sup_node(t), t.col)
            elif is_op(t, "!"):
                self.advance()
                if is_op(self.tok, "!") and not self.tok.space:
                    raise syntax_error("double factorial (!!) is not supported", t.col)
                node = Call("factorial", (node,), t.col)
            elif is_op(t, "%"):
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
            raise syntax_error("the answer is incomplete", t.col)
        if t.kind == "sup":
            raise syntax_error("a superscript needs something before it", t.col)
        if t.text in BRACKETS:
            return self.parse_bracket()
        if t.text == "|":
            return self.parse_abs()
        if t.text == "√":
            return self.parse_sqrt()
        if t.text in "+-*/^±,;!%":
            raise syntax_error(f'a value is missing before "{t.text}"', t.col)
        return self.unexpected(t)

    def unexpected(self, t: Tok) -> Node:
        if t.kind == "op" and t.text in CLOSERS:
            raise syntax_error(f'unbalanced "{t.text}"', t.col)
        if is_op(t, "="):
            raise syntax_error('type only the answer, without "="', t.col)
        if t.kind == "num":
            raise syntax_error(f'an operator is missing before "{t.text}"', t.col)
        shown = t.text if t.kind != "frac" else "\\frac"
        raise syntax_error(f'unexpected "{shown}"', t.col)

    def parse_bracket(self) -> Node:
        opener = self.advance()
        close = BRACKETS[opener.text]
        if is_op(self.tok, close):
            if opener.text == "{":
                self.advance()
                return SetLit((), opener.col)
            raise syntax_error(f'empty "{opener.text}{close}"', opener.col)
        self.ctx.append(_CTX[opener.text])
        rows = self.parse_rows()
        self.ctx.pop()
        self.expect_close(opener, close)
        if len(rows) > 1:
            if opener.text != "[":
                raise syntax_error('rows separated by ";" need square brackets [ ]', opener.col)
            return Rows(tuple(tuple(r) for r in rows), opener.col)
        items = tuple(rows[0])
        if opener.text in "({":
            if len(items) == 1:
                return items[0]  # grouping
            return (Seq if opener.text == "(" else SetLit)(items, opener.col)
        return Seq(items, opener.col)

    def expect_close(self, opener: Tok, close: str) -> None:
        t = self.tok
        if is_op(t, close):
            self.advance()
            return
        if t.kind == "eof" or (t.kind == "op" and t.text in CLOSERS):
            raise syntax_error(f'unbalanced "{opener.text}"', opener.col)
        self.unexpected(t)

    def parse_abs(self) -> Node:
        bar = self.advance()
        self.ctx.append("abs")
        inner = self.parse_sum()
        self.ctx.pop()
        if not is_op(self.tok, "|"):
            raise syntax_error('unbalanced "|"', bar.col)
        self.advance()
        return Call("abs", (inner,), bar.col)

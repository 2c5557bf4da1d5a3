"""Tokens of an answer, each with the column where it starts.

Numbers are read exactly (``0.1`` is the fraction 1/10). Thousands groups (``1,024``) are read
only when asked (scalar answers) and only outside brackets, where a comma cannot be a separator.
Bracket nesting is bounded here, before the parser recurses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizmath.core.answers.names import FUNCTION_ALIASES, FUNCTIONS, GREEK_SPELLINGS
from quizmath.core.answers.names import is_greek_letter as _is_greek
from quizmath.core.answers.text import Normalized, show_char
from quizmath.core.errors import ExprSyntaxError, LimitError
from quizmath.core.render.symbols import FROM_SUPERSCRIPT, MINUS

MAX_DEPTH = 100  # levels of nesting, the top level being 1
MAX_EXPONENT = 1000  # in e-notation: 1e999999 is refused before it is built

_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_GROUPED = re.compile(r"[0-9]+(?:,[0-9]+)+(?:\.[0-9]+)?")
_NAME = re.compile(r"[A-Za-z]+[0-9]*")
_LATEX = re.compile(r"\\([A-Za-z]+|.?)")
_SUP = re.compile(r"[+-]?[0-9]+")
_DIGITS = frozenset("0123456789")

_OPS = set("+-/^()[]{}<>,;|!%_=±√")
_OPEN = set("([{<")
_CLOSE = set(")]}>")
_SAME_OP = {"·": "*", "×": "*", "÷": "/"}

_LATEX_OPS = {
    "sqrt": "√",
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "pm": "±",
}
_LATEX_SKIP = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "displaystyle"}
_LATEX_NAMES = {"pi", *FUNCTIONS, *FUNCTION_ALIASES} | {
    s for spellings in GREEK_SPELLINGS.values() for s in spellings
}


class PlainSyntaxError(ExprSyntaxError):
    """An error whose message reads best without "at column N" (the column is still kept)."""

    def __str__(self) -> str:
        return self.message


@dataclass(slots=True)
class Tok:
    kind: str  # num, name, op, sup, frac, eof
    text: str  # op: canonical operator; num: display text; name: letters as typed
    col: int
    space: bool  # whitespace right before this token
    value: Fraction | None = None
    ref: Any = None  # the resolved name (a names.Piece), set by the parser


_Add = Callable[..., None]

BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def is_op(t: Tok, *ops: str) -> bool:
    return t.kind == "op" and t.text in ops


def _number_text(mantissa: str, exponent: str | None) -> str:
    """How a literal is shown back: ``.5`` → ``0.5``, ``1.5e-05`` → ``1.5e−5``."""
    if mantissa.startswith("."):
        mantissa = "0" + mantissa
    if mantissa.endswith("."):
        mantissa = mantissa[:-1]
    if exponent is None:
        return mantissa
    sign = MINUS if exponent.startswith("-") else ""
    digits = exponent.lstrip("+-").lstrip("0") or "0"
    return f"{mantissa}e{sign}{digits}"


def tokenize(norm: Normalized, *, thousands: bool = False) -> list[Tok]:
    s = norm.text
    n = len(s)
    toks: list[Tok] = []
    i = 0
    depth = 0
    space = False

    def add(kind: str, text: str, start: int, value: Fraction | None = None) -> None:
        nonlocal space
        toks.append(Tok(kind, text, norm.col(start), space, value))
        space = False

    while i < n:
        c = s[i]
        if c == " ":
            space = True
            i += 1
        elif c in FROM_SUPERSCRIPT:
            j = i
            while j < n and s[j] in FROM_SUPERSCRIPT:
                j += 1
            plain = "".join(FROM_SUPERSCRIPT[ch] for ch in s[i:j])
            if not _SUP.fullmatch(plain):
                raise ExprSyntaxError("a superscript must be digits, like x² or x⁻¹", norm.col(i))
            add("sup", plain, i)
            i = j
        elif c in _DIGITS or (c == "." and i + 1 < n and s[i + 1] in _DIGITS):
            i = _lex_number(norm, i, add, thousands and depth == 0)
        elif c.isascii() and c.isalpha():
            m = _NAME.match(s, i)
            assert m is not None
            add("name", m.group(), i)
            i = m.end()
        elif _is_greek(c):
            add("name", c, i)  # each Greek letter is a name of its own: λx is λ·x
            i += 1
        elif c.isalpha():
            raise ExprSyntaxError(
                f"the letter {show_char(c)} is not a Latin or Greek letter; "
                "type the variable with the keyboard's Latin letters",
                norm.col(i),
            )
        elif c == "\\":
            i = _lex_latex(norm, i, add, toks)
            if toks and toks[-1].kind == "op" and toks[-1].text in "{}":
                depth += 1 if toks[-1].text == "{" else -1
        elif c in _OPS or c in _SAME_OP or c == "*":
            op = _SAME_OP.get(c, c)
            if c == "*" and i + 1 < n and s[i + 1] == "*":
                add("op", "^", i)
                i += 2
                continue
            if op in _OPEN:
                depth += 1
                if depth >= MAX_DEPTH:
                    raise LimitError(
                        f"nested too deeply (more than {MAX_DEPTH} levels)", norm.col(i)
                    )
            elif op in _CLOSE:
                depth = max(0, depth - 1)
            add("op", op, i)
            i += 1
        elif c == "∞":
            raise ExprSyntaxError("infinity is not an answer", norm.col(i))
        else:
            raise ExprSyntaxError(f"unexpected character {show_char(c)}", norm.col(i))
    toks.append(Tok("eof", "", norm.end_col, space))
    return toks


def _lex_number(norm: Normalized, i: int, add: _Add, thousands: bool) -> int:
    s = norm.text
    if thousands:
        g = _GROUPED.match(s, i)
        if g:
            return _lex_grouped(norm, i, g.group(), add)
    m = _NUMBER.match(s, i)
    assert m is not None
    mantissa, exponent = m.group(1), m.group(2)
    value = Fraction(mantissa)
    if exponent is not None:
        e = int(exponent)
        if abs(e) > MAX_EXPONENT:
            raise LimitError(
                f"number too {'large' if e > 0 else 'small'} (exponent over {MAX_EXPONENT})",
                norm.col(i),
            )
        value *= Fraction(10) ** e
    add("num", _number_text(mantissa, exponent), i, value)
    return m.end()


def _lex_grouped(norm: Normalized, i: int, text: str, add: _Add) -> int:
    """``1,024`` and ``12,345.5`` are thousands groups; ``0,25`` is a decimal comma (refused)."""
    whole, _, frac = text.partition(".")
    groups = whole.split(",")
    comma_col = norm.col(i + len(groups[0]))
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        digits = "".join(groups) + ("." + frac if frac else "")
        add("num", digits, i, Fraction(digits))
        return i + len(text)
    if len(groups) == 2 and not frac:
        raise PlainSyntaxError(f"use a point for decimals: {groups[0]}.{groups[1]}", comma_col)
    raise ExprSyntaxError("thousands separators need groups of 3 digits, like 1,024", comma_col)


def _lex_latex(norm: Normalized, i: int, add: _Add, toks: list[Tok]) -> int:
    s = norm.text
    m = _LATEX.match(s, i)
    assert m is not None
    cmd = m.group(1)
    end = m.end()
    if cmd in ("{", "}", "|"):
        add("op", cmd, i)
    elif cmd in (",", ";", ":", "!", " ", ""):
        pass  # spacing
    elif cmd in ("frac", "dfrac", "tfrac"):
        add("frac", "frac", i)
    elif cmd in _LATEX_OPS:
        add("op", _LATEX_OPS[cmd], i)
    elif cmd in _LATEX_SKIP:
        if end < len(s) and s[end] == ".":  # \left. is an invisible delimiter
            end += 1
    elif cmd == "infty":
        raise ExprSyntaxError("infinity is not an answer", norm.col(i))
    elif cmd in _LATEX_NAMES:
        add("name", "π" if cmd == "pi" else cmd, i)
    else:
        shown = cmd if cmd.isascii() and cmd.isprintable() else "…"
        raise ExprSyntaxError(f'unknown LaTeX command "\\{shown}"', norm.col(i))
    return end

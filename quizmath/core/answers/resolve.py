"""Names in the token stream, resolved against the whitelist before parsing.

``wx`` becomes the two names ``w`` and ``x`` when both are declared; ``ln2`` becomes ``ln`` and
``2``; ``x_1`` is the name ``x1``; ``log3`` is the log to base 3. Anything else is refused by name,
so the grammar only ever sees whitelisted functions, constants and declared variables.
"""

from __future__ import annotations

import re
from fractions import Fraction

from quizmath.core.answers.lexer import Tok, is_op
from quizmath.core.answers.names import NOT_AN_ANSWER, Resolver
from quizmath.core.errors import ExprNameError

_LETTERS_DIGITS = re.compile(r"([A-Za-z]+)([0-9]*)")


def resolve_tokens(toks: list[Tok], resolver: Resolver) -> list[Tok]:
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
            and is_op(toks[i], "_")
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
        out.extend(_resolve_name(resolver, t, text, nxt))
    return out


def _resolve_name(resolver: Resolver, t: Tok, text: str, nxt: Tok | None) -> list[Tok]:
    if text in NOT_AN_ANSWER:
        raise ExprNameError(f'"{text}" is not an answer', t.col)
    piece = resolver.whole(text)
    if piece is not None:
        return [Tok("name", text, t.col, t.space, ref=piece)]
    m = _LETTERS_DIGITS.fullmatch(text)
    called = nxt is not None and is_op(nxt, "(") and not nxt.space
    if m is None:  # a Greek letter that is not declared
        raise ExprNameError(f'unknown variable "{text}"', t.col)
    letters, digits = m.groups()
    pieces = resolver.split(letters)
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

"""Tokenizer for the template expression language.

Hand-written on purpose: nothing here hands text to Python's own tokenizer or compiler. Numbers
are read exactly (``0.25`` is ``Fraction(1, 4)``) with their size bounded *before* any big
integer is built, and characters that mean something dangerous or surprising in Python (``^``,
``;``, backticks, ``~``, ``&``, ``|``) are refused with a message that says what to write.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from quizmath.core.errors import ExprSyntaxError, LimitError
from quizmath.core.values import canon

MAX_TEXT = 4000  # characters in one expression
MAX_DIGITS = 1000  # digits in one number literal
MAX_EXPONENT = 400  # |n| in 1e<n>

# Token kinds. An ERR token carries the exception for the first bad spot; the parser raises it
# when it gets there, so errors are reported in reading order.
NUM, STR, NAME, KW, OP, END, ERR = "num", "str", "name", "kw", "op", "end", "err"

KEYWORDS = frozenset({"and", "or", "not", "if", "else", "for", "in"})
BOOLS = {"true": True, "false": False, "True": True, "False": False}

# Python keywords that start something we do not allow, with what to tell the author.
FORBIDDEN_KEYWORDS = {
    "lambda": "lambda is not allowed",
    "import": "import is not allowed",
    "from": "import is not allowed",
    "is": "use == instead of is",
    "elif": "use nested ... if ... else ... instead of elif",
    **{
        kw: f'"{kw}" is not allowed: only expressions, not statements'
        for kw in [
            "def",
            "class",
            "return",
            "yield",
            "await",
            "async",
            "del",
            "global",
            "nonlocal",
            "assert",
            "raise",
            "pass",
            "break",
            "continue",
            "while",
            "with",
            "try",
            "except",
            "finally",
            "as",
        ]
    },
}

_OPERATORS = ("**", "//", "==", "!=", "<=", ">=", *"+-*/%@<>()[]{},:=.")

# Refused outright, with the reason.
_REFUSED = {
    "**=": "assignment is not allowed",
    "//=": "assignment is not allowed",
    ":=": "assignment (:=) is not allowed",
    "+=": "assignment is not allowed",
    "-=": "assignment is not allowed",
    "*=": "assignment is not allowed",
    "/=": "assignment is not allowed",
    "%=": "assignment is not allowed",
    "@=": "assignment is not allowed",
    "<<": "shift operators are not allowed",
    ">>": "shift operators are not allowed",
    "&&": "use and instead of &&",
    "||": "use or instead of ||",
    "->": "annotations are not allowed",
    "...": "... is not allowed",
    "^": "use ** for powers",
    ";": "only one expression is allowed (no ;)",
    "`": "backticks are not allowed",
    "~": "~ is not allowed",
    "&": "use and instead of &",
    "|": "use or instead of |",
    "!": "use not instead of !",
    "#": "comments are not allowed in expressions",
    "\\": "backslashes are only allowed inside text",
    "$": "unexpected character $",
    "?": "unexpected character ?; write: x if condition else y",
    "×": "use * for multiplication (or @ for a matrix product)",
    "·": "use * for multiplication (or @ for a matrix product)",
    "⋅": "use * for multiplication (or @ for a matrix product)",
    "÷": "use / for division",
    "√": "use sqrt(x) for square roots",
    "²": "use ** for powers",
    "³": "use ** for powers",
}
# Operators and refused spellings together, longest first, so "!=" is not read as "!" and "**="
# is not read as "**".
_SYMBOLS: dict[str, list[str]] = {}
for _symbol in sorted([*_OPERATORS, *_REFUSED], key=len, reverse=True):
    _SYMBOLS.setdefault(_symbol[0], []).append(_symbol)

# Unicode spellings accepted as their ASCII operator (authors paste math).
_UNICODE_OPS = {"−": "-", "≤": "<=", "≥": ">=", "≠": "!="}

_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n"}
_STRING_PREFIXES = frozenset({"f", "r", "b", "u", "rb", "br", "fr", "rf", "F", "R", "B", "U"})


class Token(NamedTuple):
    kind: str
    value: Any  # the operator or name text, the number, the string's content, or an error
    col: int  # 1-based


def _name_start(ch: str) -> bool:
    return ch == "_" or ch.isidentifier()


def _name_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    return ("a" + ch).isidentifier()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text``, ending with an END token, or with an ERR token at the first error.

    ``offset`` is added to every column, for expressions embedded in longer text.
    """
    if len(text) > MAX_TEXT:
        raise LimitError(f"expression too long (over {MAX_TEXT} characters)", offset + MAX_TEXT + 1)
    tokens: list[Token] = []
    try:
        _scan(text, offset, tokens)
    except (ExprSyntaxError, LimitError) as exc:
        tokens.append(Token(ERR, exc, exc.column or offset + 1))
        return tokens
    tokens.append(Token(END, None, offset + len(text) + 1))
    return tokens


def _scan(text: str, offset: int, tokens: list[Token]) -> None:
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        col = offset + i + 1
        if ch in " \t\r\n":
            i += 1
        elif "0" <= ch <= "9" or (ch == "." and i + 1 < n and "0" <= text[i + 1] <= "9"):
            value, i = _number(text, i, offset)
            tokens.append(Token(NUM, value, col))
        elif ch in "'\"":
            value, i = _string(text, i, offset)
            tokens.append(Token(STR, value, col))
        elif _name_start(ch):
            j = i + 1
            while j < n and _name_char(text[j]):
                j += 1
            word = text[i:j]
            if j < n and text[j] in "'\"" and word in _STRING_PREFIXES:
                what = "f-strings are" if "f" in word.lower() else "string prefixes are"
                raise ExprSyntaxError(f"{what} not allowed", col)
            if word in FORBIDDEN_KEYWORDS:
                raise ExprSyntaxError(FORBIDDEN_KEYWORDS[word], col)
            if word in BOOLS:
                tokens.append(Token(KW, word.lower(), col))
            else:
                tokens.append(Token(KW if word in KEYWORDS else NAME, word, col))
            i = j
        elif ch in _UNICODE_OPS:
            tokens.append(Token(OP, _UNICODE_OPS[ch], col))
            i += 1
        else:
            for op in _SYMBOLS.get(ch, ()):
                if text.startswith(op, i):
                    if op in _REFUSED:
                        raise ExprSyntaxError(_REFUSED[op], col)
                    tokens.append(Token(OP, op, col))
                    i += len(op)
                    break
            else:
                shown = ch if ch.isprintable() else repr(ch)
                raise ExprSyntaxError(f"unexpected character {shown}", col)


def _digits(text: str, i: int) -> int:
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    return i


def _number(text: str, start: int, offset: int) -> tuple[Any, int]:
    """An exact number: digits, an optional fraction part and an optional exponent."""
    col = offset + start + 1
    n = len(text)
    i = _digits(text, start)
    whole = text[start:i]
    frac = ""
    if i < n and text[i] == ".":
        j = _digits(text, i + 1)
        if j > i + 1:
            frac, i = text[i + 1 : j], j
        elif not (i + 1 < n and _name_char(text[i + 1])):
            i += 1  # "1." is 1; "1.real" leaves the dot for the parser to refuse
    exponent = 0
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-":
            j += 1
        k = _digits(text, j)
        if k > j:
            if k - j > 4 or int(text[j:k]) > MAX_EXPONENT:
                raise LimitError(f"exponent too large (at most e±{MAX_EXPONENT})", col)
            exponent = int(text[i + 1 : k])
            i = k
    if i < n and _name_char(text[i]):
        raise ExprSyntaxError(
            f"invalid number {text[start : i + 1]}; write * for a product, as in 2*x", col
        )
    mantissa = (whole + frac).lstrip("0") or "0"
    if len(mantissa) > MAX_DIGITS:
        raise LimitError(f"number too long (over {MAX_DIGITS} digits)", col)
    scale = exponent - len(frac)
    value: Any = int(mantissa)
    value = value * 10**scale if scale >= 0 else Fraction(value, 10**-scale)
    try:
        return canon(value), i
    except LimitError as exc:
        raise LimitError(exc.message, col) from None


def _string(text: str, start: int, offset: int) -> tuple[str, int]:
    quote = text[start]
    parts: list[str] = []
    i = start + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == quote:
            return "".join(parts), i + 1
        if ch == "\\":
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt not in _ESCAPES:
                raise ExprSyntaxError(
                    f"unknown escape \\{nxt} in text (allowed: \\\\ \\' \\\" \\n)", offset + i + 1
                )
            parts.append(_ESCAPES[nxt])
            i += 2
        else:
            parts.append(ch)
            i += 1
    raise ExprSyntaxError("text is not closed: missing " + quote, offset + start + 1)

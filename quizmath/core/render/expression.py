"""Symbolic expressions (sympy) in one line of readable Unicode: ``3x² − 2x + 1``, ``√2/2``,
``e^(−x²/2)``, ``|x|``, ``ln(2)``.

The output is also valid learner input (ANSWERS.md), so a learner can type back what they see
and the validator can check that the rendered answer is accepted. sympy is only touched through
the expression object handed in; this module never imports it at start-up.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizmath.core.render.numbers import format_float, format_fraction, format_int
from quizmath.core.render.symbols import MINUS, SQRT, TIMES, display_name, superscript

# Binding strength of what a printed piece is, to decide where parentheses are needed.
ADD, MUL, NEG, POW, ATOM = 1, 2, 2, 3, 4

_FUNCTION_NAMES = {
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "sinh": "sinh",
    "cosh": "cosh",
    "tanh": "tanh",
    "asin": "asin",
    "acos": "acos",
    "atan": "atan",
    "Max": "max",
    "Min": "min",
    "binomial": "binomial",
}


def expression_text(expr: Any) -> str:
    """One-line Unicode text of a sympy expression."""
    return _print(expr)[0]


def _wrap(piece: tuple[str, int], min_prec: int) -> str:
    text, prec = piece
    return f"({text})" if prec < min_prec else text


def _print(e: Any) -> tuple[str, int]:
    if e.is_Integer:
        n = int(e)
        return format_int(n), (NEG if n < 0 else ATOM)
    if e.is_Rational:
        text = format_fraction(Fraction(int(e.p), int(e.q)))
        return text, (NEG if e.p < 0 else MUL)
    if e.is_Float:
        x = float(e)
        return format_float(x), (NEG if x < 0 else ATOM)
    if e.is_Symbol:
        return display_name(e.name), ATOM
    name = type(e).__name__
    if name == "Pi":
        return "π", ATOM
    if name == "Exp1":
        return "e", ATOM
    if name == "ImaginaryUnit":
        return "i", ATOM
    if e.is_Add:
        return _print_add(e)
    if e.is_Mul:
        return _print_mul(e)
    if e.is_Pow:
        return _print_pow(e.base, e.exp)
    if name == "exp":
        return _print_exp(e.args[0])
    if name == "log":
        return f"ln({_print(e.args[0])[0]})", ATOM
    if name == "Abs":
        return f"|{_print(e.args[0])[0]}|", ATOM
    if name == "factorial":
        return f"{_wrap(_print(e.args[0]), ATOM)}!", ATOM
    args = ", ".join(_print(a)[0] for a in e.args)
    return f"{_FUNCTION_NAMES.get(name, name.lower())}({args})", ATOM


def _negative(e: Any) -> bool:
    return bool(e.could_extract_minus_sign())


def _print_add(e: Any) -> tuple[str, int]:
    terms = list(e.as_ordered_terms())
    if not e.free_symbols:
        # A number is written as on paper: the rational part first (1 + √2, not √2 + 1), and
        # terms over one denominator as one fraction, (9 + 3√5)/2 rather than 3√5/2 + 9/2.
        terms.sort(key=lambda t: 0 if t.is_Rational else 1)
        if _negative(terms[0]):  # √5 − 1 rather than −1 + √5
            first = next((t for t in terms if not _negative(t)), None)
            if first is not None:
                terms.remove(first)
                terms.insert(0, first)
        combined = _over_common_denominator(terms)
        if combined is not None:
            return combined
    return _join_terms(terms), ADD


def _join_terms(terms: list[Any]) -> str:
    parts: list[str] = []
    for i, term in enumerate(terms):
        negative = _negative(term)
        text = _wrap(_print(-term if negative else term), MUL)
        if i == 0:
            parts.append(f"{MINUS}{text}" if negative else text)
        else:
            parts.append(f" {MINUS} {text}" if negative else f" + {text}")
    return "".join(parts)


def _over_common_denominator(terms: list[Any]) -> tuple[str, int] | None:
    denominators = set()
    for term in terms:
        coeff = term.as_coeff_Mul()[0]
        if not coeff.is_Rational:
            return None
        denominators.add(int(coeff.q))
    if len(denominators) != 1:
        return None
    q = denominators.pop()
    if q == 1:
        return None
    numerators = [term * q for term in terms]
    if all(_negative(n) for n in numerators):
        return f"{MINUS}({_join_terms([-n for n in numerators])})/{q}", NEG
    return f"({_join_terms(numerators)})/{q}", MUL


def _juxtaposable(factor: Any) -> bool:
    """Whether a coefficient reads well written right before this factor: 3x, 2√3, 2π, 3x².

    Not before functions (2·ln(2) is clearer than 2ln(2)) and not before e (3e^x would read
    as e-notation).
    """
    if factor.is_Pow:
        if factor.exp.is_Rational and factor.exp.q == 2 and factor.exp.p == 1:
            return True  # a square root
        factor = factor.base
    if factor.is_Symbol:
        return factor.name not in ("e", "E")
    return type(factor).__name__ == "Pi"


def _print_mul(e: Any) -> tuple[str, int]:
    if _negative(e):
        text = _wrap(_print(-e), MUL)
        return f"{MINUS}{text}", NEG
    coeff, rest = e.as_coeff_Mul()
    num_factors: list[Any] = []
    den_factors: list[Any] = []
    # as_ordered_factors gives a person's order (2x²·y), not sympy's internal one (2y·x²).
    for f in rest.as_ordered_factors():
        if f.is_Pow and f.exp.is_Rational and f.exp < 0:
            den_factors.append(f.base ** (-f.exp))
        else:
            num_factors.append(f)
    p, q = (int(coeff.p), int(coeff.q)) if coeff.is_Rational else (None, None)
    num_text = _join_factors(num_factors, p if p is not None else None)
    if coeff.is_Float:
        num_text = _join_factors(num_factors, None, prefix=format_float(float(coeff)))
    if not den_factors and (q is None or q == 1):
        prec = ATOM if len(num_factors) <= 1 and p in (1, None) else MUL
        return num_text, prec
    coefficient = q if q not in (None, 1) else None
    if len(den_factors) == 1 and coefficient is None:
        # One factor: parenthesized only if it binds more loosely than a power (x/(x + 3)).
        den = _wrap(_print(den_factors[0]), POW)
    else:
        den = f"({_join_factors(den_factors, coefficient)})"
        if not den_factors:
            den = den[1:-1]  # a bare number: x/2
    # A product over a denominator needs no parentheses on top: x·y/2 reads as (x·y)/2.
    return f"{num_text}/{den}", MUL


def _join_factors(factors: list[Any], coeff: int | None, prefix: str = "") -> str:
    """Factors of a product: a leading integer coefficient juxtaposed where that reads well."""
    pieces = [_wrap(_print(f), MUL + 1 if f.is_Add else MUL) for f in factors]
    pieces = [p if not p.startswith(MINUS) else f"({p})" for p in pieces]
    lead = prefix or (format_int(coeff) if coeff not in (None, 1) else "")
    if not pieces:
        return lead or "1"
    body = TIMES.join(pieces)
    if not lead:
        return body
    return f"{lead}{body}" if _juxtaposable(factors[0]) else f"{lead}{TIMES}{body}"


def _print_exp(arg: Any) -> tuple[str, int]:
    inner = _print(arg)
    if inner[1] == ATOM and not inner[0].startswith(MINUS):
        return f"e^{inner[0]}", POW
    return f"e^({inner[0]})", POW


def _print_pow(base: Any, exp: Any) -> tuple[str, int]:
    if type(base).__name__ == "Exp1":
        return _print_exp(exp)
    if exp.is_Rational and exp.q == 2 and exp.p == 1:
        inner = _print(base)
        return (
            f"{SQRT}{inner[0]}"
            if inner[1] == ATOM and not inner[0].startswith(MINUS)
            else f"{SQRT}({inner[0]})"
        ), POW
    if exp.is_Rational and exp < 0:
        positive = _print_pow(base, -exp) if exp != -1 else _print(base)
        return f"1/{_wrap(positive, POW)}", MUL
    base_text = _wrap(_print(base), ATOM)
    if exp.is_Integer and 1 < int(exp) < 100:
        sup = superscript(str(int(exp)))
        if sup is not None:
            return f"{base_text}{sup}", POW
    exp_piece = _print(exp)
    exp_text = exp_piece[0] if exp_piece[1] == ATOM else f"({exp_piece[0]})"
    return f"{base_text}^{exp_text}", POW

"""The whitelist of names, and how a run of letters is resolved against it.

A learner's ``wx`` is ``w·x`` when both are declared; ``2pix`` is ``2·π·x``; ``sinx`` is ``sin x``.
Everything not on the whitelist is refused by name ("unknown variable z", "unknown function diff"),
so nobody can type the question back (``diff``, ``solve``) or reach Python (``__import__``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from quizmath.core.render.symbols import GREEK

# canonical function name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "sqrt": (1, 1),
    "exp": (1, 1),
    "ln": (1, 1),
    "log": (1, 2),  # log(x) is the natural log; log(x, b) has base b (sympy's order)
    "log2": (1, 1),
    "log10": (1, 1),
    "sin": (1, 1),
    "cos": (1, 1),
    "tan": (1, 1),
    "csc": (1, 1),
    "sec": (1, 1),
    "cot": (1, 1),
    "sinh": (1, 1),
    "cosh": (1, 1),
    "tanh": (1, 1),
    "csch": (1, 1),
    "sech": (1, 1),
    "coth": (1, 1),
    "asin": (1, 1),
    "acos": (1, 1),
    "atan": (1, 1),
    "abs": (1, 1),
    "max": (1, 20),
    "min": (1, 20),
    "binomial": (2, 2),
    "factorial": (1, 1),
}

# Spellings that mean a whitelisted function (sympy prints Abs, Max, Min).
FUNCTION_ALIASES = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "Abs": "abs",
    "Max": "max",
    "Min": "min",
}

# Names that are not answers; refused with their own message.
NOT_AN_ANSWER = {"inf", "Inf", "infinity", "Infinity", "oo", "zoo", "nan", "NaN", "NAN"}

GREEK_LETTERS = frozenset(GREEK.values())
GREEK_SPELLINGS: dict[str, list[str]] = {}
for _spelled, _letter in GREEK.items():
    GREEK_SPELLINGS.setdefault(_letter, []).append(_spelled)


@dataclass(frozen=True, slots=True)
class Piece:
    """One resolved name: ``kind`` is var, const or func; ``name`` is canonical."""

    kind: str
    name: str
    text: str  # as typed, for messages


def canonical_var(name: str) -> str:
    """A declared name, canonical: ``lamda``/``lambda``/``λ`` → ``λ``; ``x_1`` → ``x1``."""
    name = unicodedata.normalize("NFKC", name.strip()).replace("_", "")
    return GREEK.get(name, name)


def is_greek_letter(c: str) -> bool:
    return unicodedata.name(c, "").startswith("GREEK ") and c.isalpha()


class Resolver:
    """Resolves letter runs for one parse: which names exist depends on the declared variables."""

    def __init__(self, variables: frozenset[str], expected_mode: bool) -> None:
        known: dict[str, Piece] = {}
        for f in FUNCTIONS:
            known[f] = Piece("func", f, f)
        for alias, f in FUNCTION_ALIASES.items():
            known[alias] = Piece("func", f, alias)
        known["pi"] = Piece("const", "pi", "pi")
        known["π"] = Piece("const", "pi", "π")
        known["e"] = Piece("const", "e", "e")
        known["i"] = Piece("const", "i", "i")
        if expected_mode:  # sympy's printed names
            known["E"] = Piece("const", "e", "E")
            known["I"] = Piece("const", "i", "I")
            known["Matrix"] = Piece("func", "Matrix", "Matrix")
        for v in variables:  # declared variables win over constants (``e`` may be a variable)
            known[v] = Piece("var", v, v)
            for spelled in GREEK_SPELLINGS.get(v, ()):
                known[spelled] = Piece("var", v, spelled)
        self.known = known
        self.longest = max(len(k) for k in known)

    def whole(self, text: str) -> Piece | None:
        return self.known.get(text)

    def split(self, text: str) -> list[Piece] | None:
        """Split a run of letters into the fewest known names, or None when it cannot be done."""
        n = len(text)
        best: list[list[Piece] | None] = [None] * (n + 1)
        best[0] = []
        for i in range(n):
            prefix = best[i]
            if prefix is None:
                continue
            for j in range(i + 1, min(n, i + self.longest) + 1):
                piece = self.known.get(text[i:j])
                if piece is None:
                    continue
                cand = [*prefix, Piece(piece.kind, piece.name, text[i:j])]
                current = best[j]
                if current is None or len(cand) < len(current):
                    best[j] = cand
        return best[n]

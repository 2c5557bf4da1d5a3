"""Unicode tables shared by every printer, so the app writes math one way everywhere.

What a printer emits must also be what the answer parser reads: a learner can type back exactly
what they see.
"""

from __future__ import annotations

MINUS = "−"  # U+2212, not the hyphen
TIMES = "·"  # multiplication between factors that cannot be juxtaposed
SQRT = "√"
PI = "π"
PLUS_MINUS = "±"

SUPERSCRIPT_DIGITS = str.maketrans("0123456789-+()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾")
FROM_SUPERSCRIPT = {v: k for k, v in zip("0123456789-+()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾", strict=True)}
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# Spelled-out Greek names and the letters they stand for. sympy spells lambda "lamda".
GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "lamda": "λ",
    "mu": "μ",
    "nu": "ν",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
}


def superscript(text: str) -> str | None:
    """``text`` in superscript characters, or None when a character has no superscript form."""
    out = text.translate(SUPERSCRIPT_DIGITS)
    return None if any(c not in FROM_SUPERSCRIPT for c in out) else out


def subscript(text: str) -> str:
    return text.translate(SUBSCRIPT_DIGITS)


def display_name(name: str) -> str:
    """A variable's name as shown: Greek names become letters (``lamda`` → ``λ``)."""
    return GREEK.get(name, name)

"""The answer kinds: one list for the template format, the checker and the tools."""

from __future__ import annotations

KINDS = (
    "integer",
    "real",
    "exact",
    "vector",
    "vector-up-to-scale",
    "matrix",
    "set",
    "expression",
    "choice",
)

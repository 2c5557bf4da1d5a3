"""Random draws: integers, choices, vectors and matrices built to keep answers hand-computable."""

from __future__ import annotations

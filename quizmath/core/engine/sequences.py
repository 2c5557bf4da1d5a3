"""Lists and sequences: range, len, sorted, concatenation, and friends for comprehensions."""

from __future__ import annotations

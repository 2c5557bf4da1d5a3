"""Linear algebra on exact vectors and matrices."""

from __future__ import annotations

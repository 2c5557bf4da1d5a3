"""Text helpers for worked solutions: terms written out with the instance's numbers."""

from __future__ import annotations

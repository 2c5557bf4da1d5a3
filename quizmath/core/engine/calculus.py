"""Calculus on declared symbols (sympy, imported lazily)."""

from __future__ import annotations

"""Probability: pmfs, pdfs and moments, exact where the answer is exact."""

from __future__ import annotations

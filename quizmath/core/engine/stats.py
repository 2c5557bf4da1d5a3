"""Descriptive and inferential statistics."""

from __future__ import annotations

"""Optimization: gradient-descent steps, Newton steps, scipy's minimize."""

from __future__ import annotations

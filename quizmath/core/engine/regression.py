"""Regression: gradient-descent steps on the MSE, normal equations."""

from __future__ import annotations

"""Scalar functions: roots, logs, rounding, combinatorics, and the constants' helpers."""

from __future__ import annotations

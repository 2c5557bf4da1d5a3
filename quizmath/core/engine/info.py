"""Information theory: entropy, cross-entropy, KL divergence, information gain, Gini."""

from __future__ import annotations

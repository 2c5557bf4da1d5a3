"""The numbers of the practice rules (light: ``quizmath practice --help`` quotes them)."""

from __future__ import annotations

MAX_WRONG = 3  # wrong answers to one problem before the worked solution is shown

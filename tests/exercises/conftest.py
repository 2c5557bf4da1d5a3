"""Helpers for the exercise tests: build an exercise from YAML text, grade a source."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizmath.core.bank.bank import default_curriculum
from quizmath.core.bank.yamlsource import read_yaml_text
from quizmath.core.errors import TemplateError
from quizmath.core.exercises.loader import build_exercise
from quizmath.core.exercises.model import Exercise

SOLUTIONS = Path(__file__).resolve().parent / "solutions"

# A small, complete exercise used by the unit tests of the machinery.
PROJECT = """\
id: linalg.project-test
title: Projection (test)
topic: linear-algebra/projections
concept: projections
difficulty: 1
task: Project v onto u.
implement:
  - function: project(v, u)
    doc: The projection of v onto u; v and u have shape (n,).
params:
  n: randint(2, 5)
  v: randvec(n, -5, 5)
  u: nonzero_vec(n, -5, 5)
run:
  - p = project(v, u)
expect:
  p: proj(v, u)
hints: [Use the dot product twice.]
solution: |
  def project(v, u):
      return (v @ u) / (u @ u) * u
misconceptions:
  - id: swapped
    outputs:
      p: proj(u, v)
    feedback: You projected u onto v.
"""


def exercise_from(text: str, file: str = "test.yaml") -> Exercise:
    data = read_yaml_text(textwrap.dedent(text), file)
    exercise, errors = build_exercise(data, file, set(default_curriculum().topics))
    assert not errors, [str(e) for e in errors]
    assert exercise is not None
    return exercise


def errors_of(text: str, file: str = "test.yaml") -> list[str]:
    try:
        data = read_yaml_text(textwrap.dedent(text), file)
    except TemplateError as exc:  # refused by the YAML reader itself (control characters)
        return [str(exc)]
    exercise, errors = build_exercise(data, file, set(default_curriculum().topics))
    assert exercise is None
    return [str(e) for e in errors]


@pytest.fixture
def project() -> Exercise:
    return exercise_from(PROJECT)

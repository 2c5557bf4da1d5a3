"""Shared by the tests of problems made in the checking service."""

from __future__ import annotations

from quizmath.core.bank.problem import Problem


def texts(problem: Problem) -> tuple[object, ...]:
    """The texts rendered on first read, compared whole between the two processes."""
    return (problem.hints, problem.solution, problem.mistakes, problem.notes)

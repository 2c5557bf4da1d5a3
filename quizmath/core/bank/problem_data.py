"""A ``Problem`` as plain data (JSON-able dicts, lists, strings, numbers) and back.

Problems are made in another process (the start-up helper, ``tui.prefetch``, and the checking
service's worker) so that the process showing them never imports the template engine's heavy
libraries (sympy, numpy, scipy). What comes back is plain data, never code: the texts are sent
rendered, and a problem that is not plain (parts whose answers are computed from the learner's
earlier answers, a plot) is refused, to be made where it is shown.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from quizmath.core.bank.problem import FixedTexts, Mistake, Problem

TEXTS = ("hints", "solution", "mistakes", "notes")  # rendered on first read: sent rendered


def problem_to_data(problem: Problem) -> dict[str, Any]:
    """Raises ValueError for a problem that is not plain data."""
    if problem.parts or problem.carry is not None or problem.plot is not None:
        raise ValueError("not a plain problem (parts or a plot)")
    data: dict[str, Any] = {
        f.name: getattr(problem, f.name) for f in dataclasses.fields(problem) if f.name != "texts"
    }
    data.update({name: getattr(problem, name) for name in TEXTS})
    data["mistakes"] = [dataclasses.asdict(m) for m in problem.mistakes]
    return data


def problem_from_data(data: dict[str, Any]) -> Problem:
    """The problem ``problem_to_data`` gave; raises KeyError or TypeError for anything else."""
    fields = dict(data)
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = tuple(value)
    texts = FixedTexts(
        fields.pop("hints"),
        fields.pop("solution"),
        tuple(Mistake(**m) for m in fields.pop("mistakes")),
        fields.pop("notes"),
    )
    return Problem(**fields, texts=texts)

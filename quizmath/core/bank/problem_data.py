"""A ``Problem`` as plain data (JSON-able dicts, lists, strings, numbers) and back.

Problems are made in another process (the start-up helper, ``tui.prefetch``, and the checking
service's worker) so that the process showing them never imports the template engine's heavy
libraries (sympy, numpy, scipy). What comes back is plain data, never code: the texts are sent
rendered, a plot as its series of numbers and labels, each part of a multi-part problem as a
problem of its own. What cannot be data is how a later part is computed from the learner's
earlier answers (``Problem.carry``: the template's own expressions): the data says only that
the problem has one, and the receiver attaches a ``Carry`` that asks the process that can
compute it (``problem_from_data(data, carry)``).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.bank.problem import Carried, Carry, FixedTexts, Mistake, Part, Problem

if TYPE_CHECKING:
    from quizmath.core.render.plot import Plot

TEXTS = ("hints", "solution", "mistakes", "notes")  # rendered on first read: sent rendered


def problem_to_data(problem: Problem) -> dict[str, Any]:
    """The problem as plain data (its texts rendered now)."""
    data: dict[str, Any] = {
        f.name: getattr(problem, f.name)
        for f in dataclasses.fields(problem)
        if f.name not in ("texts", "plot", "parts", "carry")
    }
    data.update({name: getattr(problem, name) for name in TEXTS})
    data["mistakes"] = [msgspec.structs.asdict(m) for m in problem.mistakes]
    data["plot"] = msgspec.to_builtins(problem.plot)  # None stays None
    data["parts"] = [
        {
            "label": p.label,
            "name": p.name,
            "reads": list(p.reads),
            "problem": problem_to_data(p.problem),
        }
        for p in problem.parts
    ]
    data["carry"] = problem.carry is not None
    return data


def problem_from_data(data: dict[str, Any], carry: Carry | None = None) -> Problem:
    """The problem ``problem_to_data`` gave, with ``carry`` as its way to compute later parts
    from the learner's answers. Raises KeyError or TypeError for anything else, and TypeError
    for a problem that had a carry when none is given (it would lose the error carried
    forward)."""
    fields = dict(data)
    if fields.pop("carry") and carry is None:
        raise TypeError("a multi-part problem needs its carry")
    plot = fields.pop("plot")
    parts = tuple(
        Part(p["label"], p["name"], problem_from_data(p["problem"]), tuple(p["reads"]))
        for p in fields.pop("parts")
    )
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = tuple(value)
    texts = FixedTexts(
        fields.pop("hints"),
        fields.pop("solution"),
        tuple(Mistake(**m) for m in fields.pop("mistakes")),
        fields.pop("notes"),
    )
    return Problem(
        **fields,
        texts=texts,
        plot=plot_from_data(plot) if plot is not None else None,
        parts=parts,
        carry=carry if parts else None,
    )


def plot_from_data(data: dict[str, Any]) -> Plot:
    from quizmath.core.render.plot import Plot, Series  # only a problem with a plot needs it

    def numbers(values: Any) -> tuple[float, ...]:
        return tuple(float(v) for v in values)

    def pair(values: Any) -> tuple[float, float] | None:
        if values is None:
            return None
        low, high = numbers(values)
        return low, high

    return Plot(
        series=tuple(
            Series(str(s["label"]), str(s["kind"]), numbers(s["x"]), numbers(s["y"]))
            for s in data["series"]
        ),
        title=str(data["title"]),
        x_label=str(data["x_label"]),
        y_label=str(data["y_label"]),
        x_range=pair(data["x_range"]),
        y_range=pair(data["y_range"]),
        x_ticks=numbers(data["x_ticks"]),
        y_ticks=numbers(data["y_ticks"]),
    )


def carried_to_data(carried: Carried | None) -> dict[str, Any]:
    """A part computed from the learner's values (or None: nothing carried) as plain data."""
    if carried is None:
        return {"carried": None}
    return {"carried": msgspec.to_builtins(carried)}  # mistakes as dicts too, like asdict


def carried_from_data(data: dict[str, Any]) -> Carried | None:
    """What ``carried_to_data`` gave; raises KeyError or TypeError for anything else."""
    fields = data["carried"]
    if fields is None:
        return None
    return Carried(
        expected=str(fields["expected"]),
        answer_text=str(fields["answer_text"]),
        mistakes=tuple(Mistake(**m) for m in fields["mistakes"]),
        used=tuple(str(name) for name in fields["used"]),
        approximate=bool(fields["approximate"]),
    )

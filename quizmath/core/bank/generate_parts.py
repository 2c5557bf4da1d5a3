"""A multi-part problem: the shared parameters drawn once, then each part in order.

Each part is made exactly like a single-answer problem (``generate._problem``) from its part
view of the template (``Template.part_view``), in an environment that holds the parameters and
the true values of the named parts before it; a part's own texts and mistakes also see its own
value. The whole problem keeps its parts and a ``Carry``: part k computed again with the
learner's earlier values in place of the true ones (error carried forward), by the same
interpreter and with a fresh work budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quizmath.core.bank.generate import (
    _check_kind,
    _choice_options,
    _choice_problem,
    _common,
    _Draw,
    _mistakes,
    _problem,
)
from quizmath.core.bank.model import Template
from quizmath.core.bank.problem import PARTS_KIND, Carried, Mistake, Part, Problem
from quizmath.core.expr import Budget, Context
from quizmath.core.render.values import inline
from quizmath.core.values import Mat, ValueSet, Vec, is_scalar, to_sympy_text

CARRY_SECONDS = 2.0  # a part computed from a learner's values: the checker's own time budget
FORMAT_NOTE = "Answer each part in turn; a later part may use your earlier answers."


def multipart_problem(draw: _Draw, seed: int) -> Problem | None:
    """The problem, or None when a part's multiple-choice options coincide (redraw)."""
    t = draw.t
    params = dict(draw.env)
    env = dict(draw.env)
    truth: dict[str, Any] = {}
    parts: list[Part] = []
    for k, spec in enumerate(t.parts):
        pdraw = _Draw(t.part_view(k), draw.ctx, dict(env))
        value = pdraw.value(spec.answer.value) if spec.answer.value is not None else None
        if spec.name is not None:
            pdraw.env[spec.name] = env[spec.name] = truth[spec.name] = value
        if spec.answer.kind == "choice":
            options = _choice_options(pdraw, value)
            if options is None:
                return None
            problem = _choice_problem(pdraw, seed, options)
        else:
            _check_kind(pdraw, value)
            problem = _problem(pdraw, seed, value)
        parts.append(Part(spec.label, spec.name, problem, spec.reads))
    return Problem(
        seed=seed,
        kind=PARTS_KIND,
        expected="",
        answer_text="; ".join(f"({p.label}) {p.problem.answer_text}" for p in parts),
        answer_block="\n".join(_labelled(p.label, p.problem.answer_block) for p in parts),
        tolerance=None,
        choices=(),
        format_note=FORMAT_NOTE,
        texts=_PartsTexts(tuple(parts)),
        parts=tuple(parts),
        carry=_Carry(t, params, truth),
        **_common(draw),
    )


def _labelled(label: str, text: str) -> str:
    """``(a) `` before the first line of ``text``, the rest indented to match."""
    lines = text.splitlines() or [""]
    pad = " " * (len(label) + 3)
    return "\n".join([f"({label}) {lines[0]}", *(pad + line for line in lines[1:])])


class _PartsTexts:
    """The whole problem's texts: no hints or mistakes of its own (each part has them); the
    solution is the parts' solutions, labelled."""

    def __init__(self, parts: tuple[Part, ...]) -> None:
        self._parts = parts

    def hints(self) -> tuple[str, ...]:
        return ()

    def solution(self) -> str:
        return "\n\n".join(f"({p.label}) {p.problem.solution}" for p in self._parts)

    def mistakes(self) -> tuple[Mistake, ...]:
        return ()

    def notes(self) -> tuple[str, ...]:
        return tuple(f"({p.label}) {note}" for p in self._parts for note in p.problem.notes)


class _Carry:
    """Part k's answer and mistakes computed from the learner's earlier values."""

    def __init__(self, template: Template, params: dict[str, Any], truth: dict[str, Any]):
        self._t, self._params, self._truth = template, params, truth

    def read(self, k: int, text: str) -> Any | None:
        """The learner's answer to part k as a template value (``items.learner_values``)."""
        from quizmath.core.items.learner_values import learner_value

        answer = self._t.parts[k].answer
        return learner_value(text, answer.kind, answer.vars)

    def expected(self, k: int, values: Mapping[str, Any]) -> Carried | None:
        spec = self._t.parts[k]
        if spec.answer.value is None or spec.answer.kind == "choice":
            return None
        env = dict(self._params)
        used: list[str] = []
        for earlier in self._t.parts[:k]:
            name = earlier.name
            if name is None:
                continue
            env[name] = self._truth[name]
            # Only a value of the true value's shape is carried (a number for a number, a 2×2
            # matrix for a 2×2 matrix): the template's expressions are written for that shape.
            if name in values and _same_shape(values[name], env[name]):
                env[name] = values[name]
                used.append(name)
        draw = _Draw(self._t.part_view(k), Context(budget=Budget(max_seconds=CARRY_SECONDS)), env)
        # The learner's values may make the template's expressions fail anywhere (a singular
        # matrix, a log of a negative number, a shape the part cannot use): then nothing is
        # carried, and the answer is judged against the true values only.
        try:
            value = draw.value(spec.answer.value)
            _check_kind(draw, value)
            expected, shown = to_sympy_text(value), inline(value)
        except Exception:
            return None
        if spec.name is not None:
            env[spec.name] = value
        try:
            mistakes = _mistakes(draw, value)[0]
        except Exception:  # a feedback text that cannot render here: no feedback, still carried
            mistakes = ()
        return Carried(expected, shown, mistakes, tuple(used), _has_float(value))


def _has_float(v: Any) -> bool:
    """A value computed from a learner's number carried as a float (``items.learner_values``)."""
    if isinstance(v, float):
        return True
    if isinstance(v, Vec | ValueSet):
        return any(_has_float(x) for x in v.items)
    if isinstance(v, Mat):
        return any(isinstance(x, float) for row in v.rows for x in row)
    return False


def _same_shape(a: Any, b: Any) -> bool:
    """Both numbers, or vectors of one length, matrices of one size, or both sets."""
    if is_scalar(a) or is_scalar(b):
        return is_scalar(a) and is_scalar(b)
    if isinstance(a, Vec) and isinstance(b, Vec):
        return len(a) == len(b)
    if isinstance(a, Mat) and isinstance(b, Mat):
        return len(a.rows) == len(b.rows) and len(a.rows[0]) == len(b.rows[0])
    return isinstance(a, ValueSet) and isinstance(b, ValueSet)

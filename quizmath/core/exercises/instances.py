"""One instance of an exercise: parameters drawn for a seed, the job for the harness, and the
expected values, computed by the template language's interpreter and the engine.

``compute`` entries are evaluated only when an expectation or a probe needs them, so a check
that passes never pays for the probes' reference runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizmath.core.bank.model import Compiled
from quizmath.core.errors import ExprError, TemplateError
from quizmath.core.exercises.encode import function_input, to_input
from quizmath.core.exercises.model import Case, Exercise, Expect, Step
from quizmath.core.exercises.steps import CALLABLE
from quizmath.core.expr import Budget, Context, evaluate, free_names
from quizmath.core.expr.nodes import Call
from quizmath.core.rng import Rng

MAX_DRAWS = 200
SECONDS = 10.0  # a backstop only: work is bounded by the budget's steps


@dataclass
class Instance:
    """A seeded instance, or a declared case, ready to run and to check."""

    name: str
    seed: int
    exercise: Exercise
    case: Case | None
    env: dict[str, Any]
    blocks: list[dict[str, Any]] = field(default_factory=list)  # the harness's job
    inputs: dict[str, Any] = field(default_factory=dict)  # the values the steps pass, by name
    _computed: set[str] = field(default_factory=set)

    @property
    def expectations(self) -> tuple[Expect, ...]:
        if self.case is not None and self.case.expect is not None:
            return self.case.expect
        return () if self.case is not None and self.case.non_increasing else self.exercise.expect

    @property
    def uses_main_expect(self) -> bool:
        return self.case is None or self.case.expect is None

    def value(self, c: Compiled, extra: Mapping[str, Any] | None = None) -> Any:
        """An expression's value in this instance (compute entries are evaluated as needed)."""
        for name in free_names(c.node):
            self._ensure(name)
        env = self.env if not extra else {**self.env, **extra}
        return _evaluate(self.exercise, c, env)

    def _ensure(self, name: str, depth: int = 0) -> None:
        if name in self.env or name in self._computed or depth > 100:
            return
        for key, c in self.exercise.compute:
            if key == name:
                for dep in free_names(c.node):
                    self._ensure(dep, depth + 1)
                self._computed.add(name)
                self.env[name] = _evaluate(self.exercise, c, self.env)
                return


def _evaluate(
    exercise: Exercise, c: Compiled, env: Mapping[str, Any], rng: Rng | None = None
) -> Any:
    try:
        return evaluate(c.node, env, Context(rng=rng, budget=Budget(max_seconds=SECONDS)))
    except ExprError as exc:
        raise TemplateError(str(exc), file=exercise.file, line=c.line, field=c.field) from None


def symbol_env(exercise: Exercise) -> dict[str, Any]:
    if not exercise.symbols:
        return {}
    import sympy

    return {name: sympy.Symbol(name, real=True) for name in exercise.symbols}


def draw(
    exercise: Exercise, seed: int, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The parameters of ``exercise@seed``; ``overrides`` fixes some of them (a declared case).

    A case that fixes parameters is what its author wrote: ``where`` is not applied to it (an
    edge case such as v orthogonal to u is often exactly what ``where`` keeps out).
    """
    rng = Rng(seed, exercise.id)
    last = None
    for _ in range(MAX_DRAWS):
        env = symbol_env(exercise)
        for name, c in exercise.params:
            if overrides is not None and name in overrides:
                fixed = overrides[name]
                env[name] = (
                    _evaluate(exercise, fixed, env) if isinstance(fixed, Compiled) else fixed
                )
            else:
                env[name] = _evaluate(exercise, c, env, rng)
        if overrides:
            return env
        failed = [w for w in exercise.where if _evaluate(exercise, w, env) is not True]
        if not failed:
            return env
        last = failed[0]
    assert last is not None
    raise TemplateError(
        f'never met after {MAX_DRAWS} draws: "{last.source}"',
        file=exercise.file,
        line=last.line,
        field="where",
    )


def instance(exercise: Exercise, seed: int, case: Case | None = None) -> Instance:
    """Draw the instance and build the harness's blocks (inputs encoded, outputs named)."""
    env = draw(exercise, seed, case.params if case is not None else None)
    name = case.name if case is not None else f"seed {seed}"
    inst = Instance(name, seed, exercise, case, env)
    steps = case.run if case is not None and case.run is not None else exercise.run
    outputs = _outputs(inst, steps)
    if case is not None and case.repeat is not None:
        var, values = case.repeat
        for v in _items(inst.value(values)):
            inst.blocks.append(_block(inst, steps, outputs, {var: v}))
    else:
        inst.blocks.append(_block(inst, steps, outputs, {}))
    return inst


def _items(value: Any) -> tuple[Any, ...]:
    from quizmath.core.expr import iterate

    return iterate(value)


def _outputs(inst: Instance, steps: tuple[Step, ...]) -> list[str]:
    targets = {t for s in steps for t in s.targets}
    wanted = [e.output for e in inst.expectations]
    if inst.case is not None and inst.case.non_increasing is not None:
        wanted += [n for n in free_names(inst.case.non_increasing.node) if n in targets]
    return [n for n in dict.fromkeys(wanted) if n in targets]


def _block(
    inst: Instance, steps: tuple[Step, ...], outputs: list[str], extra: dict[str, Any]
) -> dict[str, Any]:
    encoded = []
    for step in steps:
        args = [_argument(inst, a, extra) for a in step.args]
        kwargs = {k: _argument(inst, a, extra) for k, a in step.kwargs}
        encoded.append(
            {
                "targets": list(step.targets),
                "obj": step.obj,
                "name": step.name,
                "call": step.call,
                "args": args,
                "kwargs": kwargs,
                "source": step.source,
            }
        )
    return {"steps": encoded, "outputs": outputs}


def _argument(inst: Instance, c: Compiled, extra: dict[str, Any]) -> dict[str, Any]:
    node = c.node
    try:
        if isinstance(node, Call) and node.func == CALLABLE:
            f, variables = (
                inst.value(Compiled(c.source, a, c.line, c.field), extra) for a in node.args
            )
            return function_input(f, variables)
        value = inst.value(c, extra)
        for name in free_names(node):
            if name in inst.env and name not in inst.exercise.symbols:
                inst.inputs.setdefault(name, inst.env[name])
        return to_input(value)
    except ExprError as exc:
        raise TemplateError(str(exc), file=inst.exercise.file, line=c.line, field=c.field) from None

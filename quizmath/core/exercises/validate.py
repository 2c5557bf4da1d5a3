"""Validating exercise files, for ``quizmath validate``.

For every file: the schema (by the loader, with file:line), the concept page, then for seeds
0 … N − 1 and every declared case: the parameters draw, the inputs can be passed to Python, and
every expected value computes to a number, vector or matrix of finite floats. Each misconception
must be computable and different from the right answer on at least one instance (otherwise it
could never be recognised). Last, the generated starter file must be valid Python that fails
every case: it is graded in the sandbox like a learner's file. The model solution is text and is
never run here (the test suite runs it).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizmath.core.bank.places import bank_root
from quizmath.core.bank.validate import Failure
from quizmath.core.errors import QuizmathError
from quizmath.core.exercises.catalog import exercises_root, load_exercises
from quizmath.core.exercises.encode import expected_array
from quizmath.core.exercises.instances import Instance, instance
from quizmath.core.exercises.model import Exercise

MAX_SEEDS = 20  # each instance may run reference algorithms; 20 seeds find what 50 would


@dataclass
class ExerciseReport:
    exercises: int = 0
    instances: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "exercises": self.exercises,
            "instances": self.instances,
            "failures": [f.to_json() for f in self.failures],
        }


def split_paths(paths: Sequence[Path]) -> tuple[list[Path] | None, list[Path] | None]:
    """``validate``'s arguments as (template paths, exercise paths).

    No arguments: ``(None, None)``, both built-in sets. Otherwise files are sorted by whether
    they sit in an ``exercises`` folder; a folder holding both kinds contributes to both.
    """
    if not paths:
        return None, None
    templates: list[Path] = []
    exercises: list[Path] = []
    for p in paths:
        if _is_exercise(p):
            exercises.append(p)
        elif p.is_dir():
            inside = sorted(q for q in p.rglob("*.yaml") if q.is_file())
            exercises += [q for q in inside if _is_exercise(q)]
            templates += [q for q in inside if not _is_exercise(q)]
        else:
            templates.append(p)
    return templates, exercises


def _is_exercise(p: Path) -> bool:
    """``…/exercises/<area>/<name>.yaml``, an area folder, or the exercises folder itself."""
    full = p.resolve()
    if full == exercises_root().resolve() or (full.name == "exercises" and p.is_dir()):
        return True
    return full.parent.name == "exercises" or (
        full.parent.parent.name == "exercises" and p.suffix == ".yaml"
    )


def validate_exercises(
    paths: Sequence[Path] | None, seeds: int = 50, jobs: int = 1
) -> ExerciseReport:
    bank = load_exercises(paths)
    report = ExerciseReport()
    report.failures += [
        Failure(e.file, e.line, None, None, e.message, e.field) for e in bank.errors
    ]
    exercises = bank.ordered()
    count = max(1, min(seeds, MAX_SEEDS))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        starters = list(pool.map(_starter_failures, exercises))  # subprocesses: threads suffice
    for exercise, starter in zip(exercises, starters, strict=True):
        report.exercises += 1
        failures, instances = _instances(exercise, count)
        report.instances += instances
        report.failures += failures + starter
    return report


def _fail(
    x: Exercise, message: str, line: int | None, field: str = "", seed: int | None = None
) -> Failure:
    return Failure(x.file, line, x.id, seed, message, field)


def _instances(x: Exercise, count: int) -> tuple[list[Failure], int]:
    failures: list[Failure] = []
    if not (bank_root() / "concepts" / f"{x.concept}.md").is_file():
        failures.append(
            _fail(x, f'no concept page "{x.concept}"', x.field_lines.get("concept"), "concept")
        )
    built: list[Instance] = []
    for seed in range(count):
        inst = _checked(x, failures, seed, None)
        if inst is not None:
            built.append(inst)
    for case in x.cases:
        inst = _checked(x, failures, 0, case)
        if inst is not None:
            built.append(inst)
    for probe in x.misconceptions:
        if probe.outputs and not any(
            _distinct(inst, probe) for inst in built if inst.uses_main_expect
        ):
            failures.append(
                _fail(
                    x,
                    f'misconception "{probe.id}" never differs from the right answer '
                    f"on {count} seeds, so it can never be recognised",
                    probe.line,
                    "misconceptions",
                )
            )
    return failures, len(built)


def _checked(x: Exercise, failures: list[Failure], seed: int, case: Any) -> Instance | None:
    where = seed if case is None else None
    try:
        inst = instance(x, seed, case)
    except QuizmathError as exc:
        failures.append(
            _fail(
                x,
                getattr(exc, "message", str(exc)),
                getattr(exc, "line", None),
                getattr(exc, "field", ""),
                where,
            )
        )
        return None
    for e in inst.expectations:
        try:
            value = expected_array(inst.value(e.value))
        except QuizmathError as exc:
            failures.append(
                _fail(x, getattr(exc, "message", str(exc)), e.line, f"expect.{e.output}", where)
            )
            return None
        import numpy as np

        if not np.all(np.isfinite(value)):
            failures.append(
                _fail(x, "the expected value is not finite", e.line, f"expect.{e.output}", where)
            )
            return None
    return inst


def _distinct(inst: Instance, probe: Any) -> bool:
    import numpy as np

    specs = {e.output: e for e in inst.expectations}
    for name, c in probe.outputs:
        spec = specs.get(name)
        if spec is None:
            return False
        try:
            wrong = expected_array(inst.value(c))
            right = expected_array(inst.value(spec.value))
        except QuizmathError:
            return False
        if wrong.shape != right.shape or not np.allclose(
            wrong, right, rtol=spec.rtol, atol=spec.atol
        ):
            return True
    return False


def _starter_failures(x: Exercise) -> list[Failure]:
    from quizmath.core.exercises.grade import grade
    from quizmath.core.exercises.starter import file_name, starter_source

    source = starter_source(x)
    try:
        ast.parse(source)
    except SyntaxError as exc:
        return [
            _fail(
                x, f"the generated starter file is not valid Python: {exc.msg}", x.line, "implement"
            )
        ]
    result = grade(x, source, file_name=file_name(x.id), seeds=tuple(range(min(x.seeds, 2))))
    passing = [c.name for c in result.cases if c.passed]
    if result.problem.startswith(("SyntaxError", "the exercise file is broken")):
        return [_fail(x, f"grading the starter: {result.problem}", x.line, "implement")]
    if passing:
        return [
            _fail(
                x,
                f"the starter file passes cases it should fail: {', '.join(passing)}",
                x.line,
                "implement",
            )
        ]
    return []

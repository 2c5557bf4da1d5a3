"""Recognising a typical bug from what a failing case returned.

Each misconception of an exercise says what a learner with that bug gets: the values of some
outputs (computed by the engine from the same instance, e.g. the fit with the learning rate
multiplied by n for a missing 1/n), outputs that overflow to inf or nan, or a wrong shape. A
probe matches when, on some failing case, every condition it gives holds, and its values are
not also the right answer there (otherwise that case cannot tell the bug apart).
"""

from __future__ import annotations

from typing import Any

from quizmath.core.errors import QuizmathError
from quizmath.core.exercises.compare import same
from quizmath.core.exercises.encode import Read, expected_array
from quizmath.core.exercises.instances import Instance
from quizmath.core.exercises.model import Exercise, Probe
from quizmath.core.exercises.result import Feedback
from quizmath.core.values import Vec


def recognise(
    exercise: Exercise, failing: list[tuple[Instance, dict[str, Read], dict[str, Any]]]
) -> tuple[Feedback, ...]:
    found: list[Feedback] = []
    for probe in exercise.misconceptions:
        for inst, reads, expected in failing:
            if _matches(probe, inst, reads, expected):
                found.append(Feedback(probe.id, probe.feedback, inst.name))
                break
    return tuple(found)


def _matches(
    probe: Probe, inst: Instance, reads: dict[str, Read], expected: dict[str, Any]
) -> bool:
    import numpy as np

    specs = {e.output: e for e in inst.expectations}
    distinct = False
    for name, c in probe.outputs:
        read, spec, want = reads.get(name), specs.get(name), expected.get(name)
        if read is None or spec is None:
            return False
        try:
            value = expected_array(inst.value(c))
        except (QuizmathError, TypeError, ValueError):
            return False  # the bug's values do not exist here (a diverging reference, say)
        if not same(value, read, spec):
            return False
        if isinstance(want, np.ndarray) and not same(want, read, spec):
            distinct = True
    for name in probe.nonfinite:
        read = reads.get(name)
        if read is None or read.array is None or bool(np.all(np.isfinite(read.array))):
            return False
        distinct = True
    for name, c in probe.shapes:
        read = reads.get(name)
        if read is None or read.array is None:
            return False
        try:
            shape = inst.value(c)
        except QuizmathError:
            return False
        wanted = tuple(int(v) for v in shape.items) if isinstance(shape, Vec) else (int(shape),)
        if read.array.shape != wanted:
            return False
        distinct = True
    return distinct

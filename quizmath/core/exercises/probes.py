"""Recognising a typical bug from what a failing case returned.

Each misconception of an exercise says what a learner with that bug gets: the values of some
outputs (computed by the engine from the same instance, e.g. the fit with the learning rate
multiplied by n for a missing 1/n), outputs that overflow to inf or nan, or a wrong shape. A
probe matches when, on some failing case, every condition it gives holds, and its values are
not also the right answer there (otherwise that case cannot tell the bug apart).
"""

from __future__ import annotations

from enum import Enum
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
    """The misconceptions that explain the failing cases.

    A probe is recognised when it matches on at least one failing case and its values are
    contradicted on none: on every failing case where its values exist and differ from the
    right answer, the learner's results equal them. (A learner whose median is merely the
    upper middle value matches "unsorted data" on the odd case where the two coincide; the
    other cases contradict it.) Overflow and shape conditions are evidence where they occur
    and silent elsewhere: a softmax overflows only on large logits.
    """
    found: list[Feedback] = []
    for probe in exercise.misconceptions:
        first = None
        for inst, reads, expected in failing:
            verdict = _verdict(probe, inst, reads, expected)
            if verdict is _Verdict.CONTRADICTED:
                first = None
                break
            if verdict is _Verdict.MATCH and first is None:
                first = inst
        if first is not None:
            found.append(Feedback(probe.id, probe.feedback, first.name))
    return tuple(found)


class _Verdict(Enum):
    MATCH = "match"
    CONTRADICTED = "contradicted"
    SILENT = "silent"  # this case says nothing about the probe


def _verdict(
    probe: Probe, inst: Instance, reads: dict[str, Read], expected: dict[str, Any]
) -> _Verdict:
    import numpy as np

    specs = {e.output: e for e in inst.expectations}
    evidence = False
    for name, c in probe.outputs:
        read, spec, want = reads.get(name), specs.get(name), expected.get(name)
        if read is None or spec is None:
            return _Verdict.SILENT
        try:
            value = expected_array(inst.value(c))
        except (QuizmathError, TypeError, ValueError):
            return _Verdict.SILENT  # the bug's values do not exist here (a diverging reference)
        if isinstance(want, np.ndarray) and same(value, _Known(want), spec):
            continue  # here the bug gives the right answer for this output
        if not same(value, read, spec):
            return _Verdict.CONTRADICTED
        evidence = True
    if probe.outputs and not evidence:
        return _Verdict.SILENT
    for name in probe.nonfinite:
        read = reads.get(name)
        if read is None or read.array is None or bool(np.all(np.isfinite(read.array))):
            return _Verdict.SILENT
        evidence = True
    for name, c in probe.shapes:
        read = reads.get(name)
        if read is None or read.array is None:
            return _Verdict.SILENT
        try:
            shape = inst.value(c)
        except QuizmathError:
            return _Verdict.SILENT
        wanted = tuple(int(v) for v in shape.items) if isinstance(shape, Vec) else (int(shape),)
        right = expected.get(name)
        if read.array.shape != wanted or getattr(right, "shape", None) == wanted:
            return _Verdict.SILENT
        evidence = True
    return _Verdict.MATCH if evidence else _Verdict.SILENT


def _Known(array: Any) -> Read:
    return Read(array, "expected")

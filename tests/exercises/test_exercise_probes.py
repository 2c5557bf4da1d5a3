"""Recognising misconceptions: matched on some failing case, contradicted on none."""

from __future__ import annotations

from quizmath.core.exercises.grade import grade
from quizmath.core.exercises.instances import instance
from tests.exercises.conftest import PROJECT, exercise_from

# Two probes: u projected onto v, and the projection without its denominator.
TWO = PROJECT.replace(
    "    feedback: You projected u onto v.\n",
    "    feedback: You projected u onto v.\n"
    "  - id: no-denominator\n"
    "    outputs:\n"
    "      p: dot(v, u) * u\n"
    "    feedback: Divide by u·u.\n",
)
SEEDS = (1, 2, 3, 4)


def test_the_probe_that_explains_the_bug_is_named() -> None:
    ex = exercise_from(TWO)
    r = grade(ex, "def project(v, u):\n    return (v @ u) * u\n", seeds=SEEDS)
    assert [f.id for f in r.feedback] == ["no-denominator"]
    r = grade(ex, "def project(v, u):\n    return (v @ u) / (v @ v) * v\n", seeds=SEEDS)
    assert [f.id for f in r.feedback] == ["swapped"]


def test_a_probe_contradicted_by_another_case_is_not_named() -> None:
    # Right on even-length vectors, the bug "no denominator" on odd ones, something else on
    # length 2: the probe matches some cases and is contradicted by others.
    ex = exercise_from(TWO)
    source = (
        "def project(v, u):\n"
        "    if len(v) == 2:\n"
        "        return 0 * u + 1\n"
        "    return (v @ u) * u\n"
    )
    seeds = tuple(range(12))
    sizes = {instance(ex, s).env["n"] for s in seeds}
    assert 2 in sizes and sizes - {2}  # both kinds of case are there
    r = grade(ex, source, seeds=seeds)
    assert not r.passed
    assert "no-denominator" not in [f.id for f in r.feedback]
    alone = "def project(v, u):\n    return (v @ u) * u\n"  # the same bug, uncontradicted
    assert "no-denominator" in [f.id for f in grade(ex, alone, seeds=seeds).feedback]


def test_a_case_that_fixes_parameters_skips_where() -> None:
    text = PROJECT.replace("run:\n", "where:\n  - dot(v, u) != 0\nrun:\n") + (
        'cases:\n  - name: orthogonal\n    params: {n: 2, v: "[2, 1]", u: "[-1, 2]"}\n'
    )
    ex = exercise_from(text)
    r = grade(ex, "def project(v, u):\n    return (v @ u) / (u @ u) * u\n", seeds=(1,))
    assert r.passed and r.cases[-1].name == "orthogonal"

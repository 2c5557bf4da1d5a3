"""Loading exercise files: every problem reported as file:line: field: message; nothing runs."""

from __future__ import annotations

import pytest

from tests.exercises.conftest import PROJECT, errors_of, exercise_from


def test_a_complete_file_loads(project) -> None:  # type: ignore[no-untyped-def]
    assert project.id == "linalg.project-test"
    (unit,) = project.implement
    assert unit.kind == "function" and unit.name == "project"
    assert [p.name for p in unit.signature.params] == ["v", "u"]
    (step,) = project.run
    assert step.targets == ("p",) and step.name == "project" and step.call
    assert [e.output for e in project.expect] == ["p"]
    assert project.misconceptions[0].id == "swapped"
    assert project.seeds == 5


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("difficulty: 1", "difficulty: 1\nhint: x"), 'test.yaml:6: hint: unknown field "hint"'),
        (("function: project(v, u)", "function: project(v, 2)"), "must be a plain name"),
        (("function: project(v, u)", "function: project(v, u=zeros(3))"), "a default must be"),
        (("function: project(v, u)", "function: class(v, u)"), "test.yaml:8: implement[0]"),
        (("- p = project(v, u)", "- p = project(v, w)"), 'test.yaml:15: run[0]: unknown name "w"'),
        (("- p = project(v, u)", "- p = project(v, open(u))"), 'unknown function "open"'),
        (("- p = project(v, u)", "- p = projekt(v, u)"), '"projekt" is not in implement'),
        (("- p = project(v, u)", "- import os"), "test.yaml:15: run[0]"),
        (("  p: proj(v, u)", "  q: proj(v, u)"), 'expect.q: "q" is not a result of the run steps'),
        (("  n: randint(2, 5)", "  n: randint(2, 5"), "test.yaml:11: params.n: missing )"),
        (("      p: proj(u, v)", "      r: proj(u, v)"), '"r" is not a checked result'),
        (("difficulty: 1", "difficulty: 1\nbanned: [numpy.linalg.inv(), sklearn]"), "banned[0]"),
        (("task: Project v onto u.", 'task: "Project \\e[31m v"'), "U+001B (ESCAPE)"),
        (("    feedback: You projected u onto v.", "    feedback: ''"), "must not be empty"),
    ],
)
def test_errors_name_the_line_and_field(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in PROJECT
    errors = errors_of(PROJECT.replace(old, new))
    assert any(expected in e for e in errors), errors


def test_a_hostile_file_runs_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    hostile = PROJECT.replace(
        "- p = project(v, u)", f"- p = __import__('os').system('touch {marker}')"
    ).replace("  p: proj(v, u)", f'  p: exec(\'open("{marker}", "w")\')')
    errors = errors_of(hostile)
    assert errors and not marker.exists()


def test_steps_methods_attributes_and_unpacking() -> None:
    text = """\
    id: ml.thing-test
    title: T
    topic: ml-models/linear-regression
    concept: linear-regression
    difficulty: 1
    task: t
    implement:
      - class: Model(rate=0.5, n=10, name='a', flag=true, nothing=None, neg=-2)
        doc: A model.
        attributes: {w: the weights}
        methods:
          fit(X, y): Fit it.
          stats(): Two numbers.
    params:
      X: float(randmat(4, 2, -3, 3))
      y: randvec(4, -3, 3)
    run:
      - m = Model(rate=0.1)
      - m.fit(X, y)
      - w = m.w
      - a, b = m.stats()
    expect:
      w: "[0, 0]"
      a: 1
    hints: [h]
    solution: s
    misconceptions:
      - {id: x, nonfinite: [w], feedback: f}
    """
    ex = exercise_from(text)
    (unit,) = ex.implement
    assert [(p.name, p.default) for p in unit.signature.params] == [
        ("rate", 0.5), ("n", 10), ("name", "a"), ("flag", True), ("nothing", None), ("neg", -2)
    ]  # fmt: skip
    assert [m.name for m in unit.methods] == ["fit", "stats"]
    assert [(s.targets, s.obj, s.name, s.call) for s in ex.run] == [
        (("m",), None, "Model", True),
        ((), "m", "fit", True),
        (("w",), "m", "w", False),
        (("a", "b"), "m", "stats", True),
    ]
    bad = text.replace("  - w = m.w", "  - w = m.weights")
    assert any('Model has no attribute "weights"' in e for e in errors_of(bad))
    bad = text.replace("  - m.fit(X, y)", "  - m.train(X, y)")
    assert any('Model has no method "train"' in e for e in errors_of(bad))


def test_a_repeated_case_needs_its_check() -> None:
    text = (
        PROJECT
        + """\
cases:
  - name: repeated
    repeat: {k: "[1, 2, 3]"}
"""
    )
    assert any("non_increasing" in e for e in errors_of(text))
    good = text + '    non_increasing: "[norm(q) for q in p]"\n'
    ex = exercise_from(good)
    assert ex.cases[0].repeat is not None and ex.cases[0].non_increasing is not None

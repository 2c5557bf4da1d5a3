"""A template's plot: checked with file:line when it loads or draws, and evaluated to numbers."""

from __future__ import annotations

import pytest

from quizmath.core.bank.generate import generate
from quizmath.core.bank.loader import build_template
from quizmath.core.bank.yamlsource import read_yaml_text
from quizmath.core.errors import TemplateError

BASE = """\
id: test.plot
title: Plot
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 5)
prompt: What is the slope of the line?
answer:
  kind: integer
  value: a
hints: [Rise over run.]
solution: "The slope is {a}."
mistakes:
  - value: -a
    feedback: The sign.
tests:
  - params: {a: 2}
    accept: ["2"]
  - params: {a: 4}
    reject: ["3"]
"""
PLOT = """\
plot:
  title: "y = {a}x"
  x_label: x
  y_label: y
  y_range: "[0, 30]"
  series:
    - label: "slope {a}"
      x: range(6)
      y: "[a * x for x in range(6)]"
    - x: "[1, 2]"
      y: "[a, 2 * a]"
      kind: scatter
"""


def load(plot: str) -> tuple[object, list[str]]:
    text = BASE + plot
    template, errors = build_template(read_yaml_text(text, "t.yaml"), "t.yaml")
    return template, [f"{e.line}: {e.field}: {e.message}" for e in errors]


def test_a_plot_is_evaluated_into_the_problem() -> None:
    template, errors = load(PLOT)
    assert errors == []
    problem = generate(template, 3, {"a": 2})
    plot = problem.plot
    assert plot is not None and plot.title == "y = 2x" and plot.y_range == (0.0, 30.0)
    line, points = plot.series
    assert (line.label, line.kind, line.x, line.y) == (
        "slope 2",
        "line",
        (0.0, 1.0, 2.0, 3.0, 4.0, 5.0),
        (0.0, 2.0, 4.0, 6.0, 8.0, 10.0),
    )
    assert (points.label, points.kind, points.y) == ("", "scatter", (2.0, 4.0))


def test_a_problem_without_a_plot_has_none() -> None:
    template, _ = load("")
    assert generate(template, 1).plot is None


@pytest.mark.parametrize(
    ("plot", "expected"),
    [
        ("plot: [1, 2]\n", "22: plot: expected a mapping"),
        ("plot:\n  title: x\n", "23: plot.series: required field is missing"),
        (
            PLOT.replace("  x_label: x\n", "  xlabel: x\n"),
            '24: plot.xlabel: unknown field "xlabel"',
        ),
        (
            PLOT.replace("      kind: scatter", "      kind: pie"),
            '33: plot.series[1].kind: unknown plot kind "pie"',
        ),
        (
            PLOT.replace('      y: "[a, 2 * a]"\n', ""),
            "31: plot.series[1].y: required field is missing",
        ),
        (PLOT.replace("range(6)\n", "range(6\n", 1), "29: plot.series[0].x: missing )"),
        (
            PLOT.replace('y_range: "[0, 30]"', 'y_range: "[0, b]"'),
            '26: plot.y_range: unknown name "b"',
        ),
        (
            PLOT.replace('"slope {a}"', '"slope {a b}"'),
            "28: plot.series[0].label: missing operator",
        ),
        ("plot:\n  series: []\n", "23: plot.series: give 1 to 6 series, not 0"),
    ],
)
def test_a_broken_plot_is_refused_with_its_line(plot: str, expected: str) -> None:
    template, errors = load(plot)
    assert template is None
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('y: "[a, 2 * a]"', 'y: "[a]"', "x has 2 values but y has 1"),
        ('y: "[a, 2 * a]"', "y: a", "expected a list of numbers"),
        ('y: "[a, 2 * a]"', "y: \"['a', 'b']\"", "expected a list of numbers"),
        ('y: "[a, 2 * a]"', 'y: "[a, exp(float(1000))]"', "overflows"),
        ('y_range: "[0, 30]"', 'y_range: "[30, 0]"', "low < high"),
        ("x: range(6)", 'x: "[]"', "1 to 400 numbers"),
    ],
)
def test_a_plot_that_cannot_be_drawn_names_its_line(old: str, new: str, expected: str) -> None:
    template, errors = load(PLOT.replace(old, new))
    assert errors == []
    with pytest.raises(TemplateError, match=expected) as info:
        generate(template, 1)
    assert info.value.file == "t.yaml" and info.value.line and info.value.line >= 22

"""The example under a prompt never equals or mirrors the answer (issue 12, item 1)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from quizmath.core.bank.examples import (
    exact_examples,
    expression_example,
    matrix_example,
    vector_example,
)
from quizmath.core.bank.problem import format_note
from quizmath.core.values import Mat, Vec


def test_vector_example_has_the_answers_length_and_is_not_parallel() -> None:
    assert vector_example(Vec([3, 1, 4])) == "[1, −2, 3]"
    for answer in (Vec([1, -2]), Vec([-2, 4]), Vec([Fraction(1, 2), -1])):
        assert vector_example(answer) == "[2, 0]"
    assert vector_example(Vec([1, -2, 3, 0])) == "[2, 0, −1, 4]"
    assert vector_example(Vec([5, 5, 5, 5, 5])) == "[1, −2, 3, 0, −1]"


def test_eigenvector_note_does_not_show_the_answer() -> None:
    # linalg.eigenvector's note read "e.g. [1, −2]" when the answer was [1, −2].
    note = format_note("vector-up-to-scale", None, (), 0, answer=Vec([1, -2]))
    assert "[1, −2]" not in note and "[2, 0]" in note


def test_exact_examples_avoid_the_answer_and_its_negative() -> None:
    assert exact_examples(Fraction(7, 9)) == "3/4, √2/2 or ln(2)"
    assert exact_examples(Fraction(-3, 4)) == "5/8, √2/2 or ln(2)"
    assert exact_examples(sp.sqrt(2) / 2) == "3/4, √3/3 or ln(2)"
    assert exact_examples(sp.log(2)) == "3/4, √2/2 or ln(3)"


def test_expression_and_matrix_examples_avoid_the_answer() -> None:
    x, t = sp.Symbol("x", real=True), sp.Symbol("t", real=True)
    assert expression_example(2 * x**2 + 1, ("x",)) == "3x − 2"
    assert expression_example(t, ("t",)) == "2t² + 1"
    assert matrix_example(Mat([[1, 2], [3, 4]])).startswith("[[2, 3], [4, 5]]")
    assert matrix_example(Mat([[0, 1, 0]])) == "[[1, 2, 3]] or 1 2 3"

"""Comparing a learner's result: strict shapes, any kind of number, lists as arrays, clear words."""

from __future__ import annotations

import numpy as np
import pytest

from quizmath.core.bank.model import Compiled
from quizmath.core.exercises.compare import compare
from quizmath.core.exercises.encode import learner_array
from quizmath.core.exercises.model import Expect
from quizmath.core.expr import parse

SPEC = Expect("w", Compiled("0", parse("0"), 1, "expect.w"), 1e-6, 1e-9, False, 1)
SIGNED = Expect("v", Compiled("0", parse("0"), 1, "expect.v"), 1e-6, 1e-9, True, 1)


def arr(a: object, dtype: str = "float64") -> dict:  # type: ignore[type-arg]
    x = np.asarray(a, dtype=dtype)
    return {"t": "array", "shape": list(x.shape), "dtype": dtype, "v": x.ravel().tolist()}


def check(expected: object, encoded: dict, spec: Expect = SPEC):  # type: ignore[no-untyped-def,type-arg]
    return compare(np.asarray(expected, dtype=float), learner_array(encoded), spec)


def test_equal_within_tolerance() -> None:
    assert check([1.0, 2.0], arr([1.0, 2.0 + 1e-9])).ok
    assert not check([1.0, 2.0], arr([1.0, 2.001])).ok


def test_a_column_where_a_flat_array_is_expected_fails_and_says_why() -> None:
    c = check([1.0, 2.0, 3.0], arr([[1.0], [2.0], [3.0]]))
    assert not c.ok
    assert "shape (3, 1) where shape (3,) is expected" in c.message
    assert "broadcasts" in c.message and ".ravel()" in c.message
    c = check([[1.0], [2.0]], arr([1.0, 2.0]))
    assert not c.ok and "reshape(-1, 1)" in c.message


def test_integers_and_floats_are_both_numbers() -> None:
    assert check([1, 2, 3], arr([1, 2, 3], "int64")).ok
    assert check(3.0, {"t": "number", "v": 3, "dtype": "int"}).ok
    assert check(0.5, {"t": "number", "v": 0.5, "dtype": "float64"}).ok


def test_a_list_is_read_as_an_array() -> None:
    listed = {"t": "list", "items": [{"t": "number", "v": 1, "dtype": "int"},
                                     {"t": "number", "v": 2.5, "dtype": "float"}]}  # fmt: skip
    assert check([1.0, 2.5], listed).ok
    nested = {"t": "list", "items": [listed, listed]}
    assert check([[1.0, 2.5], [1.0, 2.5]], nested).ok
    ragged = {"t": "list", "items": [listed, {"t": "number", "v": 1, "dtype": "int"}]}
    c = check([1.0, 2.0], ragged)
    assert not c.ok and "not a rectangular array of numbers" in c.message


def test_none_text_and_objects_are_reported_as_such() -> None:
    c = check([1.0], {"t": "none"})
    assert not c.ok and "None" in c.message and "return" in c.message
    c = check(1.0, {"t": "str", "v": "1.0", "length": 3})
    assert not c.ok and "text '1.0'" in c.message
    c = check(1.0, {"t": "other", "type": "dict", "repr": "{}"})
    assert not c.ok and "a dict" in c.message
    c = check(1.0, {"t": "bool", "v": True})
    assert not c.ok and "true/false" in c.message


def test_a_single_number_is_not_an_array_of_one() -> None:
    c = check(2.0, arr([2.0]))
    assert not c.ok and "single number" in c.message
    assert check(2.0, arr(2.0)).ok  # a 0-d array is a number


def test_nan_and_inf_are_named() -> None:
    c = check([1.0, 2.0], arr([1.0, np.nan]))
    assert not c.ok and "nan" in c.message
    c = check([1.0, 2.0], arr([np.inf, 2.0]))
    assert not c.ok and "inf" in c.message


def test_up_to_sign_per_row() -> None:
    assert check([[1.0, 0.0], [0.0, 1.0]], arr([[-1.0, 0.0], [0.0, 1.0]]), SIGNED).ok
    assert not check([[1.0, 0.0], [0.0, 1.0]], arr([[-1.0, 0.0], [0.0, 1.0]])).ok
    assert not check([[1.0, 2.0]], arr([[-1.0, 2.0]]), SIGNED).ok


@pytest.mark.parametrize("shape", [(3,), (2, 3)])
def test_the_message_points_at_the_worst_entry(shape: tuple[int, ...]) -> None:
    want = np.zeros(shape)
    got = want.copy()
    got.flat[-1] = 5.0
    c = check(want, arr(got))
    assert not c.ok and "1 of" in c.message and "got 5" in c.message

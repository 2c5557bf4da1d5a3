"""Rounded decimals where exact values are asked, per entry (issue 13 item 10).

``linalg.projection`` with ``[-2.667, 1.333, -1.333]`` for ``[-8/3, 4/3, -4/3]`` got "every entry
is wrong" and used a try; the scalar ``exact`` kind already said "close, but the exact value is
asked". Now vectors and matrices say it too, and the verdict carries it as data (``rounded``) so
a practice flow can decline to count it.
"""

from __future__ import annotations

from quizmath.core.answers import check
from quizmath.core.bank.problem import format_note


def test_a_rounded_vector_is_close_but_not_exact() -> None:
    v = check("vector", "[-8/3, 4/3, -4/3]", "[-2.667, 1.333, -1.333]")
    assert v.verdict == "reject" and v.rounded
    assert "close" in v.message and "exact entries" in v.message
    assert v.wrong_entries == [0, 1, 2]  # which entries, as before
    assert v.to_json()["rounded"] is True


def test_a_rounded_matrix_entry() -> None:
    v = check("matrix", "[[1, 1/3], [0, 2]]", "[[1, 0.3333], [0, 2]]")
    assert v.verdict == "reject" and v.rounded and "exact entries" in v.message
    assert v.wrong_entries == [(0, 1)]


def test_a_plainly_wrong_entry_is_not_called_rounding() -> None:
    v = check("vector", "[1/3, 2]", "[0.333, 3]")
    assert v.verdict == "reject" and not v.rounded
    assert "close" not in v.message
    v = check("vector", "[1/3, 2]", "[0.5, 2]")  # a decimal, but not close
    assert not v.rounded


def test_rounding_is_fine_where_a_tolerance_is_given() -> None:
    assert check("vector", "[-8/3, 4/3]", "[-2.667, 1.333]", tol=1e-3).verdict == "accept"


def test_the_scalar_exact_kind_carries_the_flag_too() -> None:
    v = check("exact", "1/3", "0.333")
    assert v.verdict == "reject" and v.rounded and "close" in v.message
    assert not check("exact", "1/3", "1/4").rounded
    assert "rounded" not in check("exact", "1/3", "1/4").to_json()


def test_the_format_line_says_exact_entries() -> None:
    assert "exact entries" in format_note("vector", None, (), 0)
    assert "exact entries" in format_note("matrix", None, (), 0)
    assert "exact entries" not in format_note("vector", 1e-3, (), 0)
    assert "exact entries" not in format_note("matrix", 1e-3, (), 0)

"""A verdict as data: its reason without the verdict word, and the learner's entries."""

from __future__ import annotations

import pytest

from quizmath.core.answers import check
from quizmath.core.answers.verdict import ACCEPT, INVALID, REJECT, Verdict, VerdictKind


@pytest.mark.parametrize(
    ("verdict", "message", "reason"),
    [
        (ACCEPT, "Correct.", ""),
        (REJECT, "Not correct.", ""),
        (REJECT, "Not correct: entry 3 is wrong.", "entry 3 is wrong."),
        (REJECT, "  Not correct: the answer is a whole number. ", "the answer is a whole number."),
        (INVALID, "unexpected ')' at column 3", "unexpected ')' at column 3"),
        (REJECT, "", ""),
    ],
)
def test_reason_is_the_message_without_the_verdict_word(
    verdict: VerdictKind, message: str, reason: str
) -> None:
    assert Verdict(verdict, message).reason == reason


def test_the_verdict_kinds_are_the_stored_strings() -> None:
    assert [k.value for k in VerdictKind] == ["accept", "reject", "invalid"]
    assert ACCEPT == "accept" and f"{REJECT}" == "reject"
    assert check("integer", "4", "4").to_json()["verdict"] == "accept"


def test_vector_entries_as_typed() -> None:
    v = check("vector", "[1, 2, 3]", "[1, 2, 2+2]")
    assert v.verdict == REJECT and v.wrong_entries == [2]
    assert v.entries == ("1", "2", "2 + 2")
    assert v.reason == "entry 3 is wrong."


def test_matrix_entries_by_row_whatever_the_syntax() -> None:
    for typed in ("[[1, 2], [3, 5]]", "1 2; 3 5"):
        v = check("matrix", "[[1, 2], [3, 4]]", typed)
        assert v.entries == (("1", "2"), ("3", "5")), typed
        assert v.wrong_entries == [(1, 1)]


def test_no_entries_for_a_number_or_a_scaled_list() -> None:
    assert check("integer", "4", "5").entries is None
    scaled = check("vector", "[1, 2]", "1/2 [2, 5]")
    assert scaled.verdict == REJECT and scaled.entries is None

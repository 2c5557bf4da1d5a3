"""Plain practice: a rounded answer where exact values are asked uses no try (issue 13 item 10)."""

from __future__ import annotations


def test_a_rounded_vector_is_explained_and_uses_no_try(plain, rows) -> None:  # type: ignore[no-untyped-def]
    # testfix.add@3 is [7, 4, 6]
    out = plain("[7.007, 4, 6]\n[7, 4, 6]\n", "--template", "testfix.add@3", "--count", "1")
    assert out.returncode == 0, out.stderr
    assert "close, but exact entries are asked" in out.stdout
    assert "Not counted; type the exact values." in out.stdout
    assert "1 problem: 1 correct (1 at the first try)." in out.stdout
    assert rows("SELECT answer, verdict, try FROM attempts") == [("[7, 4, 6]", "accept", 1)]

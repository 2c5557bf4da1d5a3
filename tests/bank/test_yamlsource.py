"""Question files are read safely: line numbers kept, hostile YAML refused without expanding."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.core.bank.yamlsource import read_yaml_file, read_yaml_text
from quizmath.core.errors import TemplateError


def test_lines_are_kept_for_keys_and_items() -> None:
    data = read_yaml_text("id: x\nparams:\n  a: 1\n  b: 2\nhints:\n  - one\n  - |\n    two\n")
    assert data.key_lines == {"id": 1, "params": 2, "hints": 5}
    assert data["params"].key_lines == {"a": 3, "b": 4}
    assert data["hints"].item_lines == [6, 7] and data["hints"].block_items == {1}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 'duplicate key "a" (first on line 1)'),
        ("a: &x [1, 2]\nb: *x\n", 1, "anchors"),
        ("a: !!python/object/apply:os.system [ls]\n", 1, "unsupported YAML tag"),
        ("a: !!binary aGk=\n", 1, "unsupported YAML tag"),
        ("a: [" * 60, 1, "nesting deeper"),
        ("a: 1\n  b: 2\n", 2, "YAML syntax error"),
        ("<<: {a: 1}\n", 1, "merge keys"),
        ("", 1, "empty"),
    ],
)
def test_hostile_or_broken_yaml_is_refused_with_a_line(text: str, line: int, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        read_yaml_text(text, "bad.yaml")
    assert info.value.line == line and message in info.value.message
    assert str(info.value).startswith(f"bad.yaml:{line}:")


def test_billion_laughs_is_refused_before_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(TemplateError, match="aliases"):
        read_yaml_text("\n".join(lines) + "\n")


def test_file_limits(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 300_000)
    with pytest.raises(TemplateError, match="too large"):
        read_yaml_file(big)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(TemplateError, match="UTF-8") as info:
        read_yaml_file(latin)
    assert info.value.line == 2
    with pytest.raises(TemplateError, match="cannot read"):
        read_yaml_file(tmp_path / "missing.yaml")


def test_nesting_is_refused_at_the_line_that_goes_too_deep() -> None:
    # Many brackets before it (none deep), closing ones in quotes that open nothing, then the
    # 41st level on a line of its own.
    lines = ["q: ']]]]'"] + [f"a{i}: [1, {{x: 2}}]" for i in range(50)]
    lines += ["z: " + "[" * 40, "  [1"]
    with pytest.raises(TemplateError, match="nesting deeper than 40") as info:
        read_yaml_text("\n".join(lines) + "\n", "deep.yaml")
    assert info.value.line == 53


def test_the_deepest_nesting_allowed_reads() -> None:
    assert read_yaml_text("a: " + "[" * 40 + "1" + "]" * 40 + "\n")["a"] is not None
    with pytest.raises(TemplateError, match="nesting deeper"):
        read_yaml_text("a: " + "[" * 41 + "1" + "]" * 41 + "\n")

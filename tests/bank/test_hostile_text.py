"""Control characters and special files in the question bank (issue 13 items 1, 4, 5).

A terminal acts on ESC sequences, C1 controls and bidi overrides, so no text field of any bank
file may hold them: refused with ``file:line``, whether written raw or as a YAML escape
(``"\\e"``, ``"\\u202e"``). A path that is not a regular file (a link to /dev/zero, a FIFO) is
refused without reading it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizmath.core.bank import yamlsource
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.yamlsource import read_yaml_file, read_yaml_text
from quizmath.core.content import read_concept
from quizmath.core.errors import TemplateError
from quizmath.core.terminal_text import CONTROL

GOOD = """\
id: test.good
title: Good
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(1, 5)
prompt: What is {a} + 1?
answer:
  kind: integer
  value: a + 1
hints: [Add one.]
solution: "{a} + 1 = {a + 1}"
mistakes:
  - value: a - 1
    feedback: That subtracts.
tests:
  - params: {a: 2}
    accept: ["3"]
  - params: {a: 4}
    reject: ["4"]
"""


def _refused(text: str) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        read_yaml_text(text, "bad.yaml")
    assert CONTROL.search(str(info.value)) is None, "the error itself must not carry it"
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "named"),
    [
        ('a: 1\ntitle: "Det \\e]0;pwned\\a\\e[2J"\n', 2, "U+001B"),
        ('a: 1\nb: 2\nc: "\\x9b2J"\n', 3, "U+009B"),
        ('a: "x\\u202ey"\n', 1, "U+202E"),
        ("a: 1\nb: x\u202ey\n", 2, "U+202E"),  # raw override (YAML itself allows it)
        ("a: 1\nb: x\u2066y\u2069\n", 2, "U+2066"),
        ('a: "\\0"\n', 1, "U+0000"),
        ('a: "carriage\\rreturn"\n', 1, "U+000D"),
        ('a: "\\x7f"\n', 1, "U+007F"),
        ('"k\\ey": 1\n', 1, "U+001B"),  # in a key
        ('a:\n  - ok\n  - "\\e[31m"\n', 3, "U+001B"),  # a list item
        ('a: |\n  one\n  two\n  "three"\nb: "x\\e"\n', 5, "U+001B"),
        ('a: "one\\nline two \\e"\n', 1, "U+001B"),
    ],
)
def test_control_characters_are_refused_with_a_line(text: str, line: int, named: str) -> None:
    err = _refused(text)
    assert err.line == line, str(err)
    assert named in err.message and "control character" in err.message
    assert str(err).startswith(f"bad.yaml:{line}:")


def test_a_line_in_a_literal_block_is_found() -> None:
    err = _refused("a: 1\nb: |\n  one\n  two \u202e\n  three\n")
    assert err.line == 4


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"a: 1\nb: x\x00y\n", 2),  # issue 13 item 5: NUL had no line
        (b"a: 1\nb: 2\nc: x\x1b[2Jy\n", 3),  # … nor had a raw ESC
        (b"a: x\xc2\x9by\n", 1),  # a raw C1 CSI
        (b"a: |\n  ok\n  bad\x07bell\n", 3),
    ],
)
def test_raw_control_bytes_get_a_line(tmp_path: Path, raw: bytes, line: int) -> None:
    path = tmp_path / "raw.yaml"
    path.write_bytes(raw)
    with pytest.raises(TemplateError) as info:
        read_yaml_file(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}:")
    assert CONTROL.search(str(info.value)) is None


def test_tabs_newlines_and_crlf_are_fine(tmp_path: Path) -> None:
    data = read_yaml_text('a: "x\\ty"\nb: |\n  one\n  two\n')
    assert data["a"] == "x\ty" and data["b"] == "one\ntwo\n"
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"a: 1\r\nb: |\r\n  one\r\n  two\r\n")
    assert read_yaml_file(path)["b"] == "one\ntwo\n"


def test_a_yaml_error_message_never_carries_the_character() -> None:
    err = _refused('a: "\\q\x1b"\n')  # an unknown escape next to a raw ESC
    assert err.line == 1


def test_template_with_an_escape_in_its_title_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(GOOD.replace("title: Good", 'title: "Good \\e]0;x\\a"'))
    bank = load_bank([tmp_path])
    assert not bank.templates
    (err,) = bank.errors
    assert (err.file, err.line) == (str(tmp_path / "t.yaml"), 2)


def test_validate_refuses_an_escape_in_a_title_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(GOOD.replace("title: Good", 'title: "Det \\e]0;x\\a"'))
    run = subprocess.run(
        [sys.executable, "-m", "quizmath", "validate", str(path), "--seeds", "2", "--jobs", "1"],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert f"{path}:2:".encode() in run.stdout
    assert b"\x1b" not in run.stdout + run.stderr and b"\x07" not in run.stdout + run.stderr


def test_concept_page_with_control_characters_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "vectors.md"
    page.write_text("# Vectors\n\nA vector\n\x1b]0;pwned\x07 is a list.\n")
    with pytest.raises(TemplateError) as info:
        read_concept(page)
    assert info.value.line == 4 and "U+001B" in info.value.message
    page.write_text("# Vec\u202etors\n\nok\n")
    with pytest.raises(TemplateError) as info:
        read_concept(page)
    assert info.value.line == 1


# -- special files (item 4) -------------------------------------------------------------------


def _finishes(fn, seconds: float = 10.0) -> BaseException | None:  # type: ignore[no-untyped-def]
    """Run ``fn`` in a thread; fail if it has not returned after ``seconds`` (it would hang)."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            fn()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert outcome, "reading blocked"
    return outcome[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    link = tmp_path / "z.yaml"
    link.symlink_to("/dev/zero")
    err = _finishes(lambda: read_yaml_file(link))
    assert isinstance(err, TemplateError) and "not a regular file" in err.message
    page = tmp_path / "z.md"
    page.symlink_to("/dev/zero")
    err = _finishes(lambda: read_concept(page))
    assert isinstance(err, TemplateError) and "not a regular file" in err.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    err = _finishes(lambda: read_yaml_file(fifo))
    assert isinstance(err, TemplateError) and "not a regular file" in err.message
    bank = _finishes(lambda: load_bank([tmp_path]))
    assert bank is None


def test_a_folder_given_as_a_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="not a regular file"):
        read_yaml_file(tmp_path)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc")
def test_at_most_the_limit_is_read_whatever_the_size_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # /proc files are regular files that report size 0 and still have content.
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 16)
    with pytest.raises(TemplateError, match="too large"):
        read_yaml_file(Path("/proc/self/status"))


def test_validate_on_a_link_to_dev_zero_ends_with_an_error(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    (tmp_path / "z.yaml").symlink_to("/dev/zero")
    run = subprocess.run(
        [sys.executable, "-m", "quizmath", "validate", str(tmp_path / "z.yaml"), "--seeds", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert "not a regular file" in run.stdout and "Traceback" not in run.stderr

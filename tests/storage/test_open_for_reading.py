"""Commands that only read progress never create a file, and say when it is missing or empty
(issue 13 item 6: a typo in --db used to create folders and an empty database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.cli import main
from quizmath.core.storage import Attempt, Storage, StorageError

READING_COMMANDS = [
    ["stats"],
    ["stats", "--json"],
    ["export"],
    ["export", "--format", "json"],
    ["drill", "--list"],
    ["drill", "--report", "last"],
]


def _files(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def test_open_for_reading_refuses_a_missing_file_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nodir" / "x" / "y.db"
    with pytest.raises(StorageError, match="does not exist") as err:
        Storage.open_for_reading(missing)
    assert err.value.path == missing
    assert _files(tmp_path) == set()


def test_open_for_reading_reports_an_empty_file_and_leaves_it(tmp_path: Path) -> None:
    empty = tmp_path / "progress.db"
    empty.write_bytes(b"")
    with pytest.raises(StorageError, match=r"is empty \(0 bytes\)"):
        Storage.open_for_reading(empty)
    assert _files(tmp_path) == {empty} and empty.read_bytes() == b""


def test_open_for_reading_reads_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Storage.open(path) as s:
        s.add_attempt(Attempt("t.x", 1, "1", "accept", 5))
    with Storage.open_for_reading(path) as s:
        assert [a.seed for a in s.attempts()] == [1]


@pytest.mark.parametrize("argv", READING_COMMANDS, ids=" ".join)
def test_reading_commands_refuse_a_missing_database(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing" / "dir" / "progress.db"
    code = main([*argv, "--db", str(missing)])
    err = capsys.readouterr().err
    assert code != 0
    assert f"{missing} does not exist" in err
    assert _files(tmp_path) == set()


@pytest.mark.parametrize("argv", READING_COMMANDS, ids=" ".join)
def test_reading_commands_refuse_an_empty_database(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "progress.db"
    empty.write_bytes(b"")
    code = main([*argv, "--db", str(empty)])
    assert code != 0
    assert "is empty (0 bytes)" in capsys.readouterr().err
    assert _files(tmp_path) == {empty} and empty.read_bytes() == b""

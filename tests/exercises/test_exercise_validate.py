"""``quizmath validate`` on exercise files: schema errors with lines, seeds, the starter."""

from __future__ import annotations

import json
from pathlib import Path

from quizmath.cli import main
from quizmath.core.exercises.validate import split_paths, validate_exercises
from tests.exercises.conftest import PROJECT


def write(tmp_path: Path, text: str, name: str = "project-test.yaml") -> Path:
    folder = tmp_path / "exercises" / "linalg"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_validates(tmp_path: Path) -> None:
    report = validate_exercises([write(tmp_path, PROJECT)], seeds=10)
    assert report.exercises == 1 and report.instances == 10
    assert not report.failures, [str(f) for f in report.failures]


def test_schema_errors_have_file_and_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, PROJECT.replace("  p: proj(v, u)", "  p: proj(v, w)"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f'{path}:17: expect.p: unknown name "w" at column 9' in out
    assert "1 failure" in out and "templates" not in out


def test_expected_values_must_compute_on_every_seed(tmp_path: Path) -> None:
    text = PROJECT.replace("  p: proj(v, u)", "  p: proj(v, u) / (n - 3)")  # n may be 3
    report = validate_exercises([write(tmp_path, text)], seeds=20)
    assert any("expect.p" in str(f) and "@" in str(f) for f in report.failures)


def test_a_probe_that_never_differs_is_reported(tmp_path: Path) -> None:
    text = PROJECT.replace("      p: proj(u, v)", "      p: proj(v, u)")
    report = validate_exercises([write(tmp_path, text)], seeds=5)
    assert any('misconception "swapped" never differs' in str(f) for f in report.failures)


def test_a_missing_concept_page_is_reported(tmp_path: Path) -> None:
    text = PROJECT.replace("concept: projections", "concept: nowhere")
    report = validate_exercises([write(tmp_path, text)], seeds=2)
    assert any('no concept page "nowhere"' in str(f) for f in report.failures)


def test_json_reports_exercises_apart(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", "--json", "--seeds", "3", str(write(tmp_path, PROJECT))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["templates"] == 0
    assert data["exercises"] == {"exercises": 1, "instances": 3, "failures": []}


def test_paths_are_split_by_folder(tmp_path: Path) -> None:
    ex = write(tmp_path, PROJECT)
    tpl = tmp_path / "templates" / "linalg" / "t.yaml"
    tpl.parent.mkdir(parents=True)
    tpl.write_text("id: x\n", encoding="utf-8")
    assert split_paths([]) == (None, None)
    assert split_paths([ex, tpl]) == ([tpl], [ex])
    assert split_paths([tmp_path]) == ([tpl], [ex])


def test_a_half_imported_sympy_is_not_an_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another thread importing sympy leaves a module without Basic in sys.modules for a while."""
    import sys
    import types

    from quizmath.core.values import is_symbolic

    monkeypatch.setitem(sys.modules, "sympy", types.ModuleType("sympy"))
    assert is_symbolic(3) is False

"""The starter file: generated from signatures and docs, valid Python, nothing copied as code."""

from __future__ import annotations

import ast

from quizmath.core.exercises.starter import file_name, starter_source
from tests.exercises.conftest import PROJECT, exercise_from


def test_the_starter_is_valid_python_with_the_signature(project) -> None:  # type: ignore[no-untyped-def]
    source = starter_source(project)
    tree = ast.parse(source)
    (func,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert func.name == "project" and [a.arg for a in func.args.args] == ["v", "u"]
    assert ast.get_docstring(func) == "The projection of v onto u; v and u have shape (n,)."
    assert "raise NotImplementedError" in source
    assert "quizmath code linalg.project-test --check linalg_project_test.py" in source


def test_quotes_and_backslashes_in_docs_cannot_break_out() -> None:
    nasty = PROJECT.replace(
        "doc: The projection of v onto u; v and u have shape (n,).",
        'doc: \'Ends """; import os; os.system("x") # \\\\ and a quote"\'',
    ).replace("task: Project v onto u.", 'task: \'Task """ break \\\\ out"\'')
    ex = exercise_from(nasty)
    source = starter_source(ex)
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert [c.func.id for c in calls if isinstance(c.func, ast.Name)] == ["NotImplementedError"]
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    assert 'import os; os.system("x")' in (ast.get_docstring(func) or "")


def test_a_class_starter_keeps_its_settings_and_attributes() -> None:
    from quizmath.core.exercises.catalog import load_one

    ex = load_one("ml.linreg-from-scratch")
    tree = ast.parse(starter_source(ex))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    methods = {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}
    assert list(methods) == ["__init__", "fit", "predict"]
    init = methods["__init__"]
    assert [a.arg for a in init.args.args] == ["self", "learning_rate", "n_iterations"]
    assert [ast.literal_eval(d) for d in init.args.defaults] == [0.01, 1000]
    assigned = [t.attr for n in init.body if isinstance(n, ast.Assign) for t in n.targets]
    assert assigned == ["learning_rate", "n_iterations", "weights", "bias"]
    assert file_name(ex.id) == "ml_linreg_from_scratch.py"


def test_prepare_writes_the_starter_once_and_never_over_the_learners_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from quizmath.core.exercises.catalog import load_one
    from quizmath.core.exercises.workspace import prepare

    ex = load_one("linalg.project-onto-vector")
    first = prepare(ex, tmp_path / "new")
    assert first.created and first.path.read_text(encoding="utf-8") == starter_source(ex)
    first.path.write_text("# mine\n", encoding="utf-8")
    again = prepare(ex, tmp_path / "new")
    assert not again.created and again.path.read_text(encoding="utf-8") == "# mine\n"

"""Import hygiene and registry checks for the solver engine modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import quizmath.core.engine.catalog  # noqa: F401 - registers everything
from quizmath.core.expr.registry import BUILTINS

ENGINE = Path(__file__).resolve().parents[2] / "quizmath" / "core" / "engine"
MODULES = [
    "_common",
    "activations",
    "calculus",
    "combinatorics",
    "eigen",
    "geometry",
    "info",
    "linalg",
    "matrices",
    "models",
    "numbers",
    "optim",
    "prob",
    "regression",
    "stats",
]


def test_importing_the_engine_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        + "".join(f"import quizmath.core.engine.{m}\n" for m in MODULES)
        + "heavy = [m for m in ('sympy', 'numpy', 'scipy') if m in sys.modules]\n"
        + "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_exact_rational_work_never_imports_sympy() -> None:
    """The fast paths (det, inv, solve, integer eigenvalues, dyadic entropy …) stay sympy-free."""
    code = """
import sys
from fractions import Fraction as F
from quizmath.core.values import Mat, Vec
from quizmath.core.engine import linalg, eigen, info, stats, prob, regression, numbers, geometry
A = Mat([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
linalg.det(A); linalg.inv(A); linalg.solve(A, Vec([1, 2, 3]))
linalg.nullspace(Mat([[1, 2], [2, 4]]))
eigen.eigenvalues(Mat([[4, 1], [2, 3]])); eigen.eigenvector(Mat([[4, 1], [2, 3]]), 5)
eigen.eigvals(Mat([[2, 0, 0], [1, 3, 0], [0, 0, 5]])); eigen.definiteness(A)
info.entropy(Vec([F(1, 2), F(1, 4), F(1, 4)])); info.gini(Vec([3, 1]))
stats.mean(Vec([1, 2, 3])); stats.var(Vec([1, 2, 3])); stats.std(Vec([1, 3]))
prob.binom_pmf(2, 5, F(1, 3)); regression.linreg_fit(Vec([1, 2, 3]), Vec([2, 4, 7]))
numbers.sqrt(F(9, 4)); numbers.log(8, 2); numbers.round_(F(5, 2))
geometry.norm(Vec([3, 4])); geometry.proj(Vec([1, 2]), Vec([1, 1]))
print('sympy' in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False", out.stderr


def test_every_engine_function_is_documented_and_categorized() -> None:
    mine = [b for b in BUILTINS.values() if b.func.__module__.startswith("quizmath.core.engine.")]
    assert len(mine) > 150
    for b in mine:
        assert b.doc and len(b.doc) <= 100, b.name
        assert b.signature.startswith(b.name + "("), b.name


def test_no_code_execution_primitives_in_the_engine() -> None:
    """No eval/exec/compile, no string sympify/parse_expr, no lambdify (it execs)."""
    banned_calls = {"eval", "exec", "compile", "sympify", "parse_expr", "lambdify", "S"}
    for name in MODULES:
        tree = ast.parse((ENGINE / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                called = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                assert called not in banned_calls, f"{name}.py calls {called}"
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [a.name for a in node.names]
                assert not {"lambdify", "parse_expr", "sympify"} & set(names), name


def test_heavy_imports_are_inside_functions() -> None:
    for name in MODULES:
        tree = ast.parse((ENGINE / f"{name}.py").read_text())
        for node in tree.body:  # module level only
            if isinstance(node, ast.Import):
                mods = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [(node.module or "").split(".")[0]]
            else:
                continue
            assert not {"sympy", "numpy", "scipy"} & set(mods), name

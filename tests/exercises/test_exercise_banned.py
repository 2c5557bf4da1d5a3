"""Banned names found by reading the learner's source with ast, aliases followed."""

from __future__ import annotations

from quizmath.core.exercises.banned import scan

BANNED = ("numpy.linalg.lstsq", "numpy.linalg.inv", "sklearn", "scipy.stats", "@", ".dot")


def names(source: str) -> list[tuple[str, int]]:
    return [(u.name, u.line) for u in scan(source, BANNED).uses]


def test_direct_aliased_and_imported_uses() -> None:
    source = "\n".join(
        [
            "import numpy as np",  # 1
            "from numpy.linalg import lstsq as solve",  # 2
            "from numpy import linalg",  # 3
            "import scipy.stats as st",  # 4
            "def f(X, y):",  # 5
            "    a = np.linalg.lstsq(X, y)",  # 6
            "    b = solve(X, y)",  # 7
            "    c = linalg.inv(X)",  # 8
            "    d = X @ y",  # 9
            "    e = X.dot(y)",  # 10
            "    return st.norm.pdf(0), np.linalg.norm(X)",  # 11
        ]
    )
    assert names(source) == [
        ("numpy.linalg.lstsq", 2),
        ("scipy.stats", 4),
        ("numpy.linalg.lstsq", 6),
        ("numpy.linalg.lstsq", 7),
        ("numpy.linalg.inv", 8),
        ("@", 9),
        (".dot", 10),
        ("scipy.stats", 11),
    ]


def test_allowed_code_is_not_flagged() -> None:
    source = "import numpy as np\ndef f(x):\n    inv = 1 / x\n    return np.linalg.norm(x) * inv\n"
    assert names(source) == []
    assert names("import sklearnish\nx = 2 @ 3\n") == [("@", 2)]


def test_a_module_ban_covers_its_submodules() -> None:
    assert names("from sklearn.linear_model import LinearRegression\n") == [("sklearn", 1)]
    assert names("import sklearn.linear_model\n") == [("sklearn", 1)]


def test_syntax_errors_and_huge_or_deep_files_are_reported_not_raised() -> None:
    s = scan("def f(:\n    pass\n", BANNED)
    assert s.syntax_error is not None and s.syntax_line == 1
    assert scan("x = " + "(" * 10000 + ")" * 10000, BANNED).syntax_error is not None
    assert "too large" in (scan("#" * 2_000_000, BANNED).syntax_error or "")

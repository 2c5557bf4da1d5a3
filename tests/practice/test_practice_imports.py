"""The practice core imports no UI library, and nothing heavy until it is used."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
import quizmath.core.content, quizmath.core.scheduler, quizmath.core.practice.flow
import quizmath.core.storage
print(json.dumps(sorted(m for m in ("textual", "rich", "sympy", "numpy", "scipy")
                        if m in sys.modules)))
"""


def test_core_practice_modules_import_no_ui_and_no_heavy_libraries() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(out.stdout) == []

"""The drill, report, statistics and export core stays UI-free and starts light."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
import quizmath.core.drill.run, quizmath.core.drill.report
import quizmath.core.stats, quizmath.core.export
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'plotext',
                                                                  'sympy', 'scipy'})))
"""


def test_core_imports_no_ui_and_no_heavy_maths() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_command_defaults_match_the_core() -> None:
    from quizmath.commands import drill
    from quizmath.core.drill import plan as drill_plan

    assert (drill.DEFAULT_QUESTIONS, drill.DEFAULT_MINUTES) == (
        drill_plan.DEFAULT_QUESTIONS,
        drill_plan.DEFAULT_MINUTES,
    )

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


HELP = """
import json, sys
from quizmath.cli import build_parser
build_parser()
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'fsrs', 'yaml', 'textual',
                                                                  'sympy', 'numpy'})))
"""


def test_the_command_line_reads_the_drill_options_from_the_core_and_stays_light() -> None:
    # --help quotes the defaults and argparse checks the bounds with the core's own values,
    # without loading the scheduler, the bank reader or the UI.
    out = subprocess.run([sys.executable, "-c", HELP], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []

"""What the quality lints add to validation: validate_template with and without them.

Times every template of the bank (or every STEP-th) at N seeds, alternating the two variants
in the same process so the machine's load hits both alike, and prints the median CPU seconds
per run of each and their ratio.

    python benchmarks/lints.py [--seeds N] [--runs R] [--step K]

Budget: the lints add at most a third to validation (they read the validator's instances and
draw more seeds only for templates whose prompts repeat).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.validate import Lints, validate_template


def run_once(templates: list, seeds: int, lint: bool) -> float:
    start = time.process_time()
    for t in templates:
        validate_template(t, seeds, check, None, Lints() if lint else None)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--step", type=int, default=1, help="time every STEP-th template")
    args = parser.parse_args()
    templates = load_bank().ordered()[:: args.step]
    run_once(templates[:3], 2, True)  # warm up: imports, sympy's caches
    plain, linted = [], []
    for k in range(args.runs):  # alternate which goes first: sympy caches favour the second
        order = (False, True) if k % 2 == 0 else (True, False)
        for lint in order:
            (linted if lint else plain).append(run_once(templates, args.seeds, lint))
    a, b = statistics.median(plain), statistics.median(linted)
    print(f"{len(templates)} templates × {args.seeds} seeds, median of {args.runs} runs (CPU s)")
    print(f"  validate without lints: {a:.2f} s")
    print(f"  validate with lints:    {b:.2f} s")
    print(f"  ratio: {b / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

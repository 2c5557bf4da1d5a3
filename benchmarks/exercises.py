"""Grading time of each built-in exercise's model solution, against a bare sandbox run.

    .venv/bin/python benchmarks/exercises.py [--runs 3] [--only ID ...]

For each exercise, grades its model solution (the text in the exercise file) on 5 fresh seeded
instances plus the declared cases, ``--runs`` times, and prints the median wall time, the
median CPU time of quizmath's own process (drawing instances, computing the expected values,
comparing), and the ratio to the baseline: the same sandbox started on an empty file with no
cases (Python with ``-I``, the harness, numpy), measured in the same run. The first grade of
each exercise in a process pays for its imports (sympy for exercises with symbols, scipy for
some references); both the cold first run and the warm median are shown, because ``--check``
is cold and a watching ``quizmath code`` is warm after its first save.

Budget (DESIGN.md): grading 5 seeded cases ≤ 2 s for a correct NumPy solution.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizmath.core.exercises import sandbox
from quizmath.core.exercises.catalog import load_exercises
from quizmath.core.exercises.grade import grade

BUDGET_MS = 2000.0


def _timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def baseline(runs: int) -> float:
    job = {"banned": [], "print_limit": 100, "cases": []}
    times = [_timed(lambda: sandbox.run("", "empty.py", job))[1] for _ in range(runs)]
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    bank = load_exercises()
    exercises = [x for x in bank.ordered() if not args.only or x.id in args.only]
    base = baseline(args.runs)
    print(f"baseline (empty file, no cases): {base:,.0f} ms\n")
    print(f"{'exercise':<27} {'cold ms':>8} {'warm ms':>8} {'our CPU':>8} {'ratio':>6}  budget")
    worst = 0.0
    for x in exercises:
        seeds = tuple(range(x.seeds))
        results = [
            _timed(lambda x=x, s=seeds: grade(x, x.solution, seeds=s)) for _ in range(args.runs)
        ]
        if not all(r[0].passed for r in results):
            print(f"{x.id:<27} the model solution did not pass: {results[0][0].problem}")
            continue
        cold = results[0][1]
        warm = statistics.median(r[1] for r in results[1:]) if len(results) > 1 else cold
        cpu = statistics.median(r[2] for r in results[1:]) if len(results) > 1 else results[0][2]
        worst = max(worst, warm)
        ok = "ok" if warm <= BUDGET_MS else "OVER"
        print(f"{x.id:<27} {cold:>8,.0f} {warm:>8,.0f} {cpu:>8,.0f} {warm / base:>6.2f}  {ok}")
    print(f"\nslowest warm grading: {worst:,.0f} ms (budget {BUDGET_MS:,.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Problem generation speed across the bank, and the time to validate the whole bank.

Prints problems per second over every template (median of several runs), the slowest
templates, and a baseline in the same process (building a seeded Rng and drawing a few
integers — the floor any generator pays) for a ratio. Then times `validate` at 100 seeds.

    python benchmarks/generate.py [--seeds N] [--runs R] [--validate-seeds N] [--no-validate]

Budget (DESIGN.md): at least 1,000 problems per second per core across the bank; validating
the whole bank at 100 seeds well under a minute.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.errors import QuizmathError
from quizmath.core.rng import Rng


def time_generation(templates: list, seeds: range) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds for every template × seed, and CPU seconds per problem by template.

    CPU time is reported too because this machine is shared: other processes inflate wall time
    but not (much) the CPU time this process itself uses.
    """
    per_template: dict[str, float] = {}
    start, cpu_start = time.perf_counter(), time.process_time()
    for t in templates:
        t0 = time.process_time()
        for seed in seeds:
            generate(t, seed)
        per_template[t.id] = (time.process_time() - t0) / len(seeds)
    return time.perf_counter() - start, time.process_time() - cpu_start, per_template


def baseline(n: int) -> float:
    start = time.perf_counter()
    for seed in range(n):
        rng = Rng(seed, "baseline")
        rng.randint(-5, 5), rng.randint(-5, 5), rng.randint(-5, 5)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="seeds per template per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--validate-seeds", type=int, default=100)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args()

    bank = load_bank()
    templates, broken = [], []
    for t in bank.ordered():  # a broken template is the validator's business, not timed here
        try:
            for seed in range(1000, 1000 + args.seeds):
                generate(t, seed)
            templates.append(t)
        except QuizmathError:
            broken.append(t.id)
    if broken:
        print(f"skipped {len(broken)} templates that fail to generate: {', '.join(broken)}")
    seeds = range(1000, 1000 + args.seeds)
    walls: list[float] = []
    cpus: list[float] = []
    per: dict[str, list[float]] = {}
    base = []
    for _ in range(args.runs):
        wall, cpu, per_template = time_generation(templates, seeds)
        walls.append(wall)
        cpus.append(cpu)
        for k, v in per_template.items():
            per.setdefault(k, []).append(v)
        base.append(baseline(len(templates) * len(seeds)))
    n = len(templates) * len(seeds)
    rate, cpu_rate = n / statistics.median(walls), n / statistics.median(cpus)
    base_rate = n / statistics.median(base)
    print(f"templates: {len(templates)}, problems per run: {n}, runs: {args.runs}")
    print(
        f"generation, one core (median of runs): {rate:,.0f} problems/s wall, "
        f"{cpu_rate:,.0f} problems/s CPU; budget ≥ 1,000"
    )
    print(f"baseline (seeded Rng + 3 draws): {base_rate:,.0f}/s; ratio {base_rate / rate:,.1f}×")
    slow = sorted(((statistics.median(v), k) for k, v in per.items()), reverse=True)[:8]
    print("slowest templates (CPU ms per problem, median):")
    for ms, k in slow:
        print(f"  {ms * 1000:7.2f}  {k}")
    if not args.no_validate:
        from quizmath.core.bank.validate import validate_bank

        jobs = os.cpu_count() or 1  # as `quizmath validate` runs it: one process per core
        start = time.perf_counter()
        report = validate_bank(bank, seeds=args.validate_seeds, jobs=jobs)
        elapsed = time.perf_counter() - start
        print(
            f"validate, {args.validate_seeds} seeds, {jobs} processes: {report.templates} "
            f"templates, {report.instances} instances, {len(report.failures)} failures, "
            f"{elapsed:.1f} s (budget: well under 60 s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Loading the bank with the template cache, against parsing every file (the baseline).

    .venv/bin/python benchmarks/bank_load.py [--runs 5] [--copies 20] [--big-runs 3]

Each sample is a fresh process that imports quizmath and times ``load_bank`` alone, as a start
does. Three ways, in the same run:

- **uncached**: ``QUIZMATH_NO_CACHE=1``, every file parsed (how every start worked before);
- **cold**: an empty cache folder, every file parsed and its entry written (the first start
  after an install or an upgrade);
- **warm**: every entry present (every start after that); a loaded bank decodes a cached
  template when it is first looked up, so this reads the entries' summaries only;
- **warm, all**: the same, then every template looked up (decoded), as ``validate``, an
  export or a long session eventually does.

Done for the built-in bank and for a bank of ``--copies`` copies of it (each template under a
new id, in a temporary folder), the size of an instructor's bank. Prints medians and the ratio
to the uncached baseline of the same bank.

First, the curriculum alone (``default_curriculum()``, which every start reads before the first
problem): uncached (YAML imported and parsed), cold and warm (its entry read: no YAML), with the
same ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = """
import sys, time
from pathlib import Path
from quizmath.core.bank.bank import load_bank
paths = [Path(p) for p in sys.argv[1:]] or None
start = time.perf_counter()
bank = load_bank(paths)
loaded = (time.perf_counter() - start) * 1000
all(bank.templates[i] for i in bank.templates)  # decode every template
every = (time.perf_counter() - start) * 1000
print(loaded, every, len(bank.templates), len(bank.errors))
"""


CURRICULUM = """
import time
from quizmath.core.bank.bank import default_curriculum
start = time.perf_counter()
curriculum = default_curriculum()  # imports YAML (lazily) only when it parses
print((time.perf_counter() - start) * 1000, len(curriculum.topics))
"""


def curriculum_sample(env: dict[str, str]) -> tuple[float, int]:
    """Milliseconds to read the curriculum; its topic count."""
    out = subprocess.run(
        [sys.executable, "-c", CURRICULUM], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    ms, count = out.stdout.split()
    return float(ms), int(count)


def measure_curriculum(runs: int, cache: Path) -> dict[str, tuple[float, int]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUIZMATH_")}
    uncached = base | {"QUIZMATH_NO_CACHE": "1"}
    cached = base | {"QUIZMATH_CACHE_DIR": str(cache)}
    times: dict[str, list[float]] = {"uncached": [], "cold": [], "warm": []}
    count = 0
    for _ in range(runs):
        times["uncached"].append(curriculum_sample(uncached)[0])
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(curriculum_sample(cached)[0])
        ms, count = curriculum_sample(cached)
        times["warm"].append(ms)
    return {k: (statistics.median(v), count) for k, v in times.items()}


def sample(env: dict[str, str], paths: list[str]) -> tuple[float, float, int]:
    """Milliseconds to load, to load and decode every template; the template count."""
    out = subprocess.run(
        [sys.executable, "-c", SAMPLE, *paths],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    ms, every, count, errors = out.stdout.split()
    if int(errors):
        raise SystemExit(f"the bank loaded with {errors} errors")
    return float(ms), float(every), int(count)


def measure(paths: list[str], runs: int, cache: Path) -> dict[str, tuple[float, int]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUIZMATH_")}
    uncached = base | {"QUIZMATH_NO_CACHE": "1"}
    cached = base | {"QUIZMATH_CACHE_DIR": str(cache)}
    times: dict[str, list[float]] = {"uncached": [], "cold": [], "warm": [], "warm, all": []}
    count = 0
    for _ in range(runs):  # alternate, so a busy moment of the machine hits all alike
        times["uncached"].append(sample(uncached, paths)[0])
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(sample(cached, paths)[0])
        ms, every, count = sample(cached, paths)
        times["warm"].append(ms)
        times["warm, all"].append(every)
    return {k: (statistics.median(v), count) for k, v in times.items()}


def copies_of_the_bank(folder: Path, n: int) -> None:
    source = ROOT / "question_bank" / "templates"
    for k in range(n):
        for path in source.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"^id: (\S+)", rf"id: \1-copy{k}", text, count=1, flags=re.M)
            target = folder / f"copy{k}" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def report(title: str, result: dict[str, tuple[float, int]], unit: str = "templates") -> None:
    base = result["uncached"][0]
    print(f"{title} ({result['uncached'][1]} {unit}):")
    for way in result:
        ms = result[way][0]
        print(f"  {way:10} median {ms:8.1f} ms   ratio to uncached {ms / base:5.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--curriculum-runs", type=int, default=9, help="samples per way")
    ap.add_argument("--runs", type=int, default=5, help="samples per way, built-in bank")
    ap.add_argument("--copies", type=int, default=20, help="size of the big bank (× built-in)")
    ap.add_argument("--big-runs", type=int, default=3, help="samples per way, big bank")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizmath-bench-") as tmp:
        work = Path(tmp)
        curriculum = measure_curriculum(args.curriculum_runs, work / "cache0")
        report("curriculum", curriculum, unit="topics")
        report("built-in bank", measure([], args.runs, work / "cache1"))
        if args.copies > 0:
            big = work / "big"
            copies_of_the_bank(big, args.copies)
            title = f"{args.copies}× bank"
            report(title, measure([str(big)], args.big_runs, work / "cache2"))


if __name__ == "__main__":
    main()

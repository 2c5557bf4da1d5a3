"""Answer-checking latency per kind, against a naive sympy baseline on the same inputs.

    .venv/bin/python benchmarks/check.py [--n 300] [--runs 3] [--no-baseline]

Builds a deterministic set of inputs per kind (equivalent forms, near misses, malformed and a few
hostile ones), times ``quizmath.core.answers.check`` in process on each, and reports p50 and p99
per kind: the median over ``--runs`` runs. The service round trip (``CheckService``, worker
process and pipe) is timed once on the same inputs.

The baseline is what a quick implementation would do: ``sympy.parse_expr`` (with implicit
multiplication and ``^`` as power) on both texts and ``simplify(a - b) == 0``, in a subprocess
with a 2 s timeout per input. It is timed inside its subprocess, over the same inputs, and the
ratio baseline/ours is reported per kind. ``parse_expr`` appears only here, as the thing we
compare against; quizmath itself never calls it.

Budgets (DESIGN.md): p50 ≤ 2 ms and p99 ≤ 20 ms per kind; expressions p99 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizmath.core.kinds import KINDS

Case = tuple[str, str, str, tuple[str, ...], float | None]  # kind, expected, typed, vars, tol

HOSTILE = ["9^9^9^9", "(" * 100 + "1" + ")" * 100, "\x1b[31m1", "__import__('os')", "1" * 5000]
BUDGET_MS = {k: (2.0, 20.0) for k in KINDS} | {"expression": (None, 100.0)}


# ------------------------------------------------------------------------------------ inputs


def _integer(r: random.Random) -> Case:
    k = r.randint(-60, 300)
    a = r.randint(-20, 20)
    forms = [
        str(k),
        f"{k}.0",
        f"{a} + {k - a}",
        f"{2 * k}/2",
        f"({k - a}) + {a}",
        str(k + r.choice([-1, 1])),
        f"{k}.5",
        f"{k}x",
        f"2^{r.randint(1, 12)}",
        f"{abs(k)}!" if abs(k) < 8 else f"{k}·1",
    ]
    return ("integer", str(k), r.choice(forms), (), None)


def _real(r: random.Random) -> Case:
    a, b = r.randint(2, 40), r.randint(2, 9)
    expected, value, symbolic = r.choice(
        [
            (f"{a}/{b}", a / b, f"{a}/{b}"),
            (f"log({a})", math.log(a), f"ln {a}"),
            (f"sqrt({a})", a**0.5, f"√{a}"),
            (f"exp(-{b})", math.exp(-b), f"e^(-{b})"),
        ]
    )
    forms = [f"{value:.9g}", f"{value:.4g}", symbolic, f"{value * 1.01:.6g}", f"{value:.9e}"]
    return ("real", expected, r.choice(forms), (), 1e-6)


def _exact(r: random.Random) -> Case:
    a, b = r.choice([2, 3, 5, 6, 7]), r.randint(2, 9)
    expected, forms = r.choice(
        [
            (f"sqrt({a})/{b}", [f"√{a}/{b}", f"1/({b}/√{a})", f"{a**0.5 / b:.4f}", f"√{a}"]),
            (f"{a}/{b}", [f"{a}/{b}", f"{2 * a}/{2 * b}", f"{a / b:.3f}", f"{b}/{a}"]),
            (f"pi/{b}", [f"π/{b}", f"pi/{b}", f"{3.14159 / b:.5f}", f"2π/{b}"]),
            (f"log({a})", [f"ln {a}", f"ln({a})", f"log2({a})", f"2ln({a})/2"]),
            (f"exp(-1/{b})", [f"e^(-1/{b})", f"exp(-1/{b})", f"1/e^(1/{b})", f"e^(1/{b})"]),
        ]
    )
    return ("exact", expected, r.choice(forms), (), None)


def _vector(r: random.Random) -> Case:
    v = [r.randint(-9, 9) for _ in range(r.randint(2, 4))]
    body = ", ".join(map(str, v))
    swapped = v[::-1]
    forms = [
        f"[{body}]",
        f"({body})",
        f"<{body}>",
        body,
        "[" + " ".join(map(str, v)) + "]",
        "[" + "; ".join(map(str, v)) + "]",
        "2[" + ", ".join(f"{x}/2" for x in v) + "]",
        "[" + ", ".join(map(str, swapped)) + "]",
        f"[{body}, 0]",
    ]
    return ("vector", f"[{body}]", r.choice(forms), (), None)


def _scale(r: random.Random) -> Case:
    v = [r.randint(-5, 5) for _ in range(r.randint(2, 3))]
    v[0] = v[0] or 1
    c = r.choice([2, -1, 3, -2])
    forms = [
        "[" + ", ".join(str(c * x) for x in v) + "]",
        "[" + ", ".join(map(str, v)) + "]",
        "[" + ", ".join(f"{x}/3" for x in v) + "]",
        "[" + ", ".join(str(x + 1) for x in v) + "]",
        "[" + ", ".join("0" for _ in v) + "]",
    ]
    return ("vector-up-to-scale", "[" + ", ".join(map(str, v)) + "]", r.choice(forms), (), None)


def _matrix(r: random.Random) -> Case:
    n = r.choice([2, 2, 3])
    m = [[r.randint(-9, 9) for _ in range(n)] for _ in range(n)]
    rows = [", ".join(map(str, row)) for row in m]
    expected = "[" + ", ".join(f"[{row}]" for row in rows) + "]"
    t = [[m[j][i] for j in range(n)] for i in range(n)]
    forms = [
        expected,
        "; ".join(" ".join(map(str, row)) for row in m),
        "; ".join(rows),
        "[" + "; ".join(" ".join(map(str, row)) for row in m) + "]",
        "[" + ", ".join("[" + ", ".join(map(str, row)) + "]" for row in t) + "]",
        "2[" + ", ".join("[" + ", ".join(f"{x}/2" for x in row) + "]" for row in m) + "]",
        "[" + ", ".join(map(str, m[0])) + "]",
    ]
    return ("matrix", expected, r.choice(forms), (), None)


def _set(r: random.Random) -> Case:
    k = r.randint(1, 9)
    values = r.sample(range(-9, 10), r.randint(2, 3))
    expected, forms = r.choice(
        [
            (
                "{" + ", ".join(map(str, values)) + "}",
                [
                    ", ".join(map(str, values[::-1])),
                    "{" + ", ".join(map(str, values + values[:1])) + "}",
                    "[" + ", ".join(map(str, values)) + "]",
                    ", ".join(map(str, values[1:])),
                    " ".join(map(str, values)),
                ],
            ),
            (f"{{{k}, -{k}}}", [f"±{k}", f"-{k}, {k}", f"{k}"]),
            (
                f"{{1 - sqrt({k + 1}), 1 + sqrt({k + 1})}}",
                [f"1 ± √{k + 1}", f"{{1+√{k + 1}, 1-√{k + 1}}}", f"1 ± {k + 1}"],
            ),
        ]
    )
    return ("set", expected, r.choice(forms), (), None)


def _expression(r: random.Random) -> Case:
    a, b = r.randint(1, 6), r.randint(-6, 6) or 1
    s = "+" if b > 0 else "-"
    expected, forms, names = r.choice(
        [
            (
                f"x**2 + {a + b}*x + {a * b}",
                [f"(x + {a})(x {s} {abs(b)})", f"x^2 + {a + b}x + {a * b}", f"(x+{a})(x-{b})"],
                ("x",),
            ),
            (
                f"{a}*x + {a * b}",
                [f"{a}(x {s} {abs(b)})", f"{a}x + {a * b}", f"{a}(x+{b + 1})"],
                ("x",),
            ),
            (
                f"sin({a}*x)**2",
                [f"sin^2({a}x)", f"1 - cos({a}x)^2", f"(1 - cos({2 * a}x))/2", f"sin({a}x^2)"],
                ("x",),
            ),
            (f"exp(-{a}*x)", [f"e^(-{a}x)", f"1/e^({a}x)", f"exp(-{a}x)", f"e^({a}x)"], ("x",)),
            (f"log(x, {a + 1})", [f"log_{a + 1}(x)", f"ln(x)/ln({a + 1})", "ln(x)"], ("x",)),
            ("Abs(x)", ["sqrt(x^2)", "|x|", "x", "√(x²)"], ("x",)),
            (f"x*y + {a}", [f"xy + {a}", f"yx + {a}", f"x·y + {a}", f"x + y + {a}"], ("x", "y")),
            (f"{a}/(x + {a})", [f"{a}/(x+{a})", f"1/(x/{a} + 1)", f"{a}/x + 1"], ("x",)),
            ("2*x + 2", ["2(x+1)", "2x+1", "z + 1"], ("x",)),
        ]
    )
    return ("expression", expected, r.choice(forms), names, None)


def _choice(r: random.Random) -> Case:
    letter = r.choice("ABCD")
    forms = [letter, letter.lower(), f"({letter})", f"{letter}.", r.choice("ABCD"), "AB", "2"]
    return ("choice", letter, r.choice(forms), (), None)


GENERATORS = {
    "integer": _integer,
    "real": _real,
    "exact": _exact,
    "vector": _vector,
    "vector-up-to-scale": _scale,
    "matrix": _matrix,
    "set": _set,
    "expression": _expression,
    "choice": _choice,
}


def build_cases(n: int, seed: int = 20240601) -> list[Case]:
    r = random.Random(seed)
    cases: list[Case] = []
    for kind in KINDS:
        for i in range(n):
            case = GENERATORS[kind](r)
            if i % 100 == 99:  # about 1% hostile
                case = (kind, case[1], HOSTILE[(i // 100) % len(HOSTILE)], case[3], case[4])
            cases.append(case)
    return cases


# ---------------------------------------------------------------------------------- timing


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def time_ours(cases: list[Case]) -> dict[str, list[float]]:
    from quizmath.core.answers import check

    out: dict[str, list[float]] = defaultdict(list)
    for kind, expected, typed, names, tol in cases:
        t0 = time.perf_counter()
        check(kind, expected, typed, vars=names, tol=tol)
        out[kind].append((time.perf_counter() - t0) * 1000)
    return out


def time_service(cases: list[Case]) -> dict[str, list[float]]:
    from quizmath.core.answers import CheckService

    out: dict[str, list[float]] = defaultdict(list)
    with CheckService() as svc:
        svc.check("integer", "1", "1")  # wait for the worker
        for kind, expected, typed, names, tol in cases:
            t0 = time.perf_counter()
            svc.check(kind, expected, typed, vars=names, tol=tol)
            out[kind].append((time.perf_counter() - t0) * 1000)
    return out


# -------------------------------------------------------------------------------- baseline


def _baseline_one(kind: str, expected: str, typed: str) -> None:
    """The naive checker: parse_expr both, simplify the difference."""
    import sympy
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    if kind == "choice":
        _ = typed.strip().strip("().").upper() == expected
        return
    transformations = (*standard_transformations, implicit_multiplication_application, convert_xor)
    a = parse_expr(typed, transformations=transformations)
    b = parse_expr(expected, transformations=transformations)
    if isinstance(b, list | tuple):
        _ = sympy.simplify(sympy.Matrix(a) - sympy.Matrix(b)).is_zero_matrix
    elif isinstance(b, set):
        _ = {sympy.nsimplify(x) for x in a} == {sympy.nsimplify(x) for x in b}
    else:
        _ = sympy.simplify(a - b) == 0


def _baseline_worker(conn: Any) -> None:
    import sympy  # noqa: F401 - paid once, like a long-running checker would

    conn.send("ready")
    while True:
        item = conn.recv()
        if item is None:
            return
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):  # a failure costs its time, nothing else
            _baseline_one(*item)
        conn.send((time.perf_counter() - t0) * 1000)


def time_baseline(cases: list[Case], timeout: float = 2.0) -> dict[str, list[float]]:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")

    def start() -> tuple[Any, Any]:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_baseline_worker, args=(child,), daemon=True)
        proc.start()
        parent.recv()
        return proc, parent

    proc, conn = start()
    out: dict[str, list[float]] = defaultdict(list)
    for kind, expected, typed, _, _ in cases:
        conn.send((kind, expected, typed))
        if conn.poll(timeout):
            out[kind].append(conn.recv())
        else:  # hung (9^9^9^9 is computed): killed, counted at the timeout
            proc.kill()
            proc.join()
            out[kind].append(timeout * 1000)
            proc, conn = start()
    conn.send(None)
    proc.join(timeout=5)
    return out


# ---------------------------------------------------------------------------------- report


def summarize(runs: list[dict[str, list[float]]]) -> dict[str, tuple[float, float]]:
    """Per kind: (median over runs of p50, median over runs of p99)."""
    return {
        kind: (
            statistics.median(percentile(r[kind], 50) for r in runs),
            statistics.median(percentile(r[kind], 99) for r in runs),
        )
        for kind in KINDS
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="inputs per kind (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are reported")
    parser.add_argument("--baseline-runs", type=int, default=None, help="default: --runs")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    cases = build_cases(args.n)
    print(f"{len(cases)} inputs ({args.n} per kind), {args.runs} runs; median p50/p99 reported")
    time_ours(cases[:: max(1, len(cases) // 200)])  # warm up: imports, caches, contexts
    ours = summarize([time_ours(cases) for _ in range(args.runs)])
    service = summarize([time_service(cases)])
    base: dict[str, tuple[float, float]] | None = None
    if not args.no_baseline:
        base_runs = args.baseline_runs or args.runs
        base = summarize([time_baseline(cases) for _ in range(base_runs)])

    head = f"{'kind':<19}{'p50 ms':>8}{'p99 ms':>8}  {'budget':<12}{'service p50/p99':>16}"
    if base:
        head += f"{'naive p50':>11}{'naive p99':>11}{'×p50':>7}{'×p99':>7}"
    print(head)
    ok = True
    for kind in KINDS:
        p50, p99 = ours[kind]
        b50, b99 = BUDGET_MS[kind]
        within = (b50 is None or p50 <= b50) and p99 <= b99
        ok &= within
        budget = f"{'≤' + str(b50) if b50 else '—'}/≤{b99:g}" + (" ok" if within else " OVER")
        s50, s99 = service[kind]
        line = f"{kind:<19}{p50:>8.2f}{p99:>8.2f}  {budget:<12}{s50:>8.2f}/{s99:<7.2f}"
        if base:
            n50, n99 = base[kind]
            line += f"{n50:>11.1f}{n99:>11.1f}{n50 / p50:>6.0f}×{n99 / p99:>6.0f}×"
        print(line)
    print("all kinds within budget" if ok else "SOME KINDS OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

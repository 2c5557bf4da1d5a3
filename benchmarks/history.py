"""A long history: what a learner with 1k … 1M attempts waits for, against an empty database.

    .venv/bin/python benchmarks/history.py [--sizes 1k,10k,100k,1M] [--runs 5] [--cache DIR]
        [--no-app | --app-only] [--template ID@SEED]

Synthetic histories are built through the storage API (attempts with their card reviews, drills
with their items, interview self-ratings; the attempts are written in large transactions, the
fast bulk path) and cached in ``--cache`` (default: a folder in the temp dir), so 1M attempts
are built once (a few minutes), not on every run; ``--rebuild`` builds them again. Every run
works on a fresh copy of each cached file.

Each figure is the median of ``--runs`` (sizes alternate within a run, so load on the machine
hits all of them alike), with the ratio against the empty database from the same run.

End to end (``history_app.py``; ``--no-app`` leaves it out, ``--app-only`` runs only it): the
app on a pseudo-terminal, as a learner waits for it, after a warm-up run, on a fresh copy of the
history each run:

- home painted, home usable: process start → home's curriculum heading, and → "Reviews due"
  on the screen (``home_ready.time_home``);
- problem painted: ``quizmath practice --template ID@SEED`` started → the problem's title;
- Enter → verdict (wrong), (right): from writing Enter to "✗ Not correct" or "✓ Correct" on the
  screen, after an untimed first wrong answer (the session and the checker ready);
- over home: the same, practising from home (the template opened from the command palette:
  Enter → its title painted; then the verdicts, with home under the practice screen).

In process, where the time goes, as CPU time (what an idle core would take: robust when other
processes load the machine) and as wall time (including waiting for the disk):

- home: what the home screen's worker does each time home shows (``tui.home_figures``: the
  snapshot and the latest placement read through the app's reader connection, then every
  figure computed); "home (new reader)" through a reader opened for the purpose (a cold page
  cache); and "home (old way)", the calls home made on the UI thread before (``due_count``,
  ``topic_progress``, every finished drill …);
- home after an answer: what the UI thread does when home shows again: the snapshot takes in
  the one attempt just written and the figures are computed from it (no query);
- Continue: ``Scheduler.pick`` and a fresh seed, reading the cards ("Continue") or given the
  cards of home's snapshot ("Continue (snapshot)", what the app can do with ``core.progress``);
- record: ``Scheduler.record_attempt`` (attempt, card review, review log, totals: one commit);
- stats --json: ``compute_stats`` and the JSON text;
- past drills: ``drill_history`` (the list of finished and discarded drills);
- open: ``Storage.open`` of the file (no integrity check after a clean shutdown);
- export: CSV and JSON rows per second and the peak resident size of an export process.

Budgets (DESIGN.md, issue 13), at 1M attempts: every end-to-end figure within 1.3× of the
empty database (the summary says OK or OVER, by the median of each run's ratio); ``stats --json``
under 1 s; export ≥ 200k rows/s in flat memory. The in-process ratios show where a longer
history costs (a few milliseconds of 1 ms grow large as ratios, small as waits).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import history_app  # benchmarks/ is on the path when a script runs

from quizmath.core.storage.migrations import SCHEMA_VERSION

BUDGET = 1.3  # at 1M attempts, against the empty database (issue 13's done-when)
BUILDER_VERSION = 2  # bump when the synthetic history changes: cached files are rebuilt
PER_DAY = 400  # attempts a day: 1M attempts is about seven years of a very keen learner
DRILL_EVERY = 200  # one drill of DRILL_SIZE problems per this many attempts (5 % in drills)
DRILL_SIZE = 10
RATING_EVERY = 50  # one interview self-rating per this many attempts
BATCH = 20_000  # attempts per write transaction while building

EXPORT_PEAK = """
import resource, sys
from quizmath.core import export
from quizmath.core.storage import Storage
fmt = sys.argv[2]
with Storage.open_for_reading(sys.argv[1]) as s, open(sys.argv[3], "w", newline="") as out:
    if fmt == "json":
        export.write_json(s, out)
    else:
        export.write_csv(s, "attempts", out)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# -- building ----------------------------------------------------------------------------------


def build(path: Path, n: int, bank: Any, questions: list[str]) -> None:
    """A history of ``n`` attempts ending now, through the storage API."""
    from quizmath.core.scheduler import Scheduler, rate_attempt
    from quizmath.core.storage import Attempt, Storage
    from quizmath.core.storage import cards as card_rows
    from quizmath.core.storage import drills as drill_rows
    from quizmath.core.storage.attempts import insert_attempt

    rng = random.Random(n)
    ids = [t.id for t in bank.ordered()]
    topic = {t.id: t.topic for t in bank.ordered()}
    now = datetime.now(UTC).replace(microsecond=0)
    days = max(1, n // PER_DAY)
    start = now - timedelta(days=days)
    step = timedelta(days=days) / max(1, n)  # attempts come in sessions within each day
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    with Storage.open(tmp) as storage:
        sched = Scheduler(storage, bank, fuzzing=False, rng=rng)
        made = 0
        while made < n:
            count = min(BATCH, n - made)

            def batch(conn: Any, first: int = made, count: int = count) -> None:
                i = first
                while i < first + count:
                    at = start + step * i
                    at = at.replace(hour=18 + (i % PER_DAY) * 4 // PER_DAY)  # evenings
                    if i % DRILL_EVERY == 0 and i + DRILL_SIZE <= first + count:
                        i = drill(conn, i, at)
                        continue
                    if i % RATING_EVERY == 0:
                        q = questions[i % len(questions)] if questions else "q"
                        card_rows.insert_self_rating(conn, q, rng.randint(1, 4), at, 30_000)
                    a = attempt(i, at, "practice")
                    rating = int(rate_attempt(a, ())) if a.try_no == 1 else None
                    aid = insert_attempt(conn, a, rating)
                    if rating is not None:
                        key = card_rows.template_key(a.template_id)
                        card_rows.insert_review(conn, key, rating, at, a.ms, aid)
                    i += 1

            def attempt(i: int, at: datetime, mode: str, drill_id: int | None = None) -> Any:
                verdict = rng.choices(("accept", "reject", "skipped"), (7, 2, 1))[0]
                return Attempt(
                    ids[rng.randrange(len(ids))],
                    rng.randrange(100_000),
                    "" if verdict == "skipped" else str(rng.randrange(1000)),
                    verdict,
                    rng.randrange(2_000, 90_000),
                    hints=int(rng.random() < 0.1),
                    solution_viewed=rng.random() < 0.05,
                    try_no=1 if rng.random() < 0.9 else 2,
                    mode=mode,
                    drill_id=drill_id,
                    at=at,
                )

            def drill(conn: Any, i: int, at: datetime) -> int:
                picks = [attempt(i + k, at, "drill") for k in range(DRILL_SIZE)]
                run = drill_rows.insert_run(
                    conn,
                    seed=i,
                    seeded=False,
                    weighted=True,
                    topics=sorted({topic[a.template_id] for a in picks}),
                    limit_ms=900_000,
                    code=f"{i:08x}",
                    at=at,
                    items=[("problem", a.template_id, a.seed, topic[a.template_id]) for a in picks],
                )
                for pos, a in enumerate(picks):
                    a = Attempt(**{**a.__dict__, "drill_id": run, "try_no": 1, "hints": 0})
                    aid = insert_attempt(conn, a, None)
                    outcome = {"accept": "correct", "reject": "wrong"}.get(a.verdict, "skipped")
                    drill_rows.save_item(
                        conn,
                        run,
                        pos,
                        outcome=outcome,
                        answer=a.answer,
                        ms=a.ms,
                        at=at,
                        attempt_id=aid,
                    )
                drill_rows.end_run(
                    conn, run, status="finished", ended="completed", at=at, used_ms=600_000
                )
                return i + DRILL_SIZE

            storage.write(batch)
            made += count
            print(f"  built {label(made)} of {label(n)}", file=sys.stderr, end="\r")
        # Cards as the scheduler leaves them: one review of every template and question
        # (none in the empty database: the baseline is a new learner's file).
        for k, tid in enumerate(ids if n else []):
            sched.record_attempt(
                Attempt(tid, k, "1", "accept", 20_000, at=now - timedelta(days=k % 30))
            )
        for k, q in enumerate(questions if n else []):
            sched.rate_interview(q, 3, duration_ms=30_000, at=now - timedelta(days=k % 30))
    print(file=sys.stderr)
    os.replace(tmp, path)


def cached(cache: Path, n: int, bank: Any, questions: list[str], rebuild: bool) -> Path:
    path = cache / f"history-{label(n)}-s{SCHEMA_VERSION}-b{BUILDER_VERSION}.db"
    if rebuild or not path.exists():
        print(f"building a history of {label(n)} attempts in {path} …", file=sys.stderr)
        t = time.perf_counter()
        build(path, n, bank, questions)
        print(f"  built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


# -- measuring ---------------------------------------------------------------------------------


class Subject:
    """One copy of a history, opened as the app opens it."""

    def __init__(self, path: Path, bank: Any, interviews: Any) -> None:
        from quizmath.core.exercises.catalog import load_exercises
        from quizmath.core.progress import ProgressSnapshot
        from quizmath.core.scheduler import Scheduler
        from quizmath.core.storage import Storage

        self.path, self.bank = path, bank
        self.questions = list(interviews.questions.values())
        self.storage = Storage.open(path)
        self.scheduler = Scheduler(self.storage, bank, fuzzing=False, rng=random.Random(1))
        self.snapshot = ProgressSnapshot.load(self.storage, bank)
        self.reader = self.storage.reader()  # the app keeps one for its workers
        exercises = load_exercises()  # their cards and totals count in home's figures too
        self.scheduler.exercises = {x.id: x.topic for x in exercises.ordered()}
        self.titles = {x.id: x.title for x in exercises.exercises.values()}
        self.rows = self.storage.read(
            lambda c: c.execute("SELECT count(*) FROM attempts").fetchone()[0]
        )
        self.k = 0

    def close(self) -> None:
        self.reader.close()
        self.storage.close()

    def home(self) -> None:
        from quizmath.tui import home_figures

        snap, placed = home_figures.load(self.reader, self.scheduler, self.bank)
        home_figures.figures(self.scheduler, snap, self.questions, self.titles, placed)

    def home_fresh_reader(self) -> None:
        from quizmath.tui import home_figures

        with self.storage.reader() as reader:  # a cold page cache
            snap, placed = home_figures.load(reader, self.scheduler, self.bank)
        home_figures.figures(self.scheduler, snap, self.questions, self.titles, placed)

    def home_old_way(self) -> None:
        from quizmath.core.storage import drills as rows

        s = self.scheduler
        s.due_count()
        s.due_interviews(self.questions)
        s.pick()
        s.next_interview(self.questions)
        s.topic_progress()
        self.storage.read(lambda c: rows.list_runs(c, ["running"]))
        self.storage.read(lambda c: rows.list_runs(c, ["finished"]))

    def after_answer(self) -> None:
        from quizmath.core.scheduler import Recorded
        from quizmath.core.storage import Attempt
        from quizmath.tui import home_figures

        tid = next(iter(self.bank.templates))
        a = Attempt(tid, 1, "1", "accept", 1000)
        snap = self.snapshot.with_attempt(a, Recorded(10**9, None, None))
        home_figures.figures(self.scheduler, snap, self.questions, self.titles, None)

    def pick(self) -> None:
        p = self.scheduler.pick()
        if p is not None:
            self.scheduler.fresh_seed(p.template_id)

    def pick_from_snapshot(self) -> None:
        p = self.scheduler.pick(cards=self.snapshot.template_cards)
        if p is not None:
            self.scheduler.fresh_seed(p.template_id)

    def record(self) -> None:
        from quizmath.core.storage import Attempt

        self.k += 1
        tid = list(self.bank.templates)[self.k % len(self.bank.templates)]
        self.scheduler.record_attempt(Attempt(tid, self.k, "1", "accept", 12_000))

    def stats(self) -> None:
        from quizmath.core.stats import compute_stats

        json.dumps(compute_stats(self.storage, self.bank, scheduler=self.scheduler).to_json())

    def past_drills(self) -> None:
        from quizmath.core.drill.runs import drill_history

        drill_history(self.storage, include_discarded=True)

    def open(self) -> None:
        from quizmath.core.storage import Storage

        Storage.open(self.path).close()

    def export(self, fmt: str) -> tuple[float, float]:
        """Seconds (CPU, wall) to export every attempt (CSV: the attempts table)."""
        from quizmath.core import export

        out = _Discard()
        topics = {tid: t.topic for tid, t in self.bank.templates.items()}
        cpu, wall = time.process_time(), time.perf_counter()
        if fmt == "json":
            export.write_json(self.storage, out, topics=topics)
        else:
            export.write_csv(self.storage, "attempts", out, topics=topics)
        return time.process_time() - cpu, time.perf_counter() - wall


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def export_peak_mb(path: Path, fmt: str) -> float:
    """Peak resident size of a process exporting the file (to /dev/null)."""
    out = subprocess.run(
        [sys.executable, "-c", EXPORT_PEAK, str(path), fmt, os.devnull],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return int(out.stdout.split()[-1]) / 1024


MEASURES: list[tuple[str, Callable[[Subject], None]]] = [
    ("home", Subject.home),
    ("home (new reader)", Subject.home_fresh_reader),
    ("home (old way)", Subject.home_old_way),
    ("home after an answer", Subject.after_answer),
    ("Continue", Subject.pick),
    ("Continue (snapshot)", Subject.pick_from_snapshot),
    ("record", Subject.record),
    ("stats --json", Subject.stats),
    ("past drills", Subject.past_drills),
    ("open", Subject.open),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1k,10k,100k,1M", help="attempts, e.g. 1k,10k,100k,1M")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "quizmath-history-bench"
    )
    ap.add_argument("--rebuild", action="store_true", help="build the cached histories again")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--no-app", action="store_true", help="leave out the end-to-end part")
    which.add_argument("--app-only", action="store_true", help="only the end-to-end part")
    ap.add_argument(
        "--template", default=history_app.TEMPLATE, help="end to end: ID@SEED, an integer answer"
    )
    args = ap.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]

    from quizmath.core.bank.bank import load_bank
    from quizmath.core.content import load_interviews
    from quizmath.tui import home_figures  # noqa: F401 - imported before any timing (textual)

    bank = load_bank()
    interviews = load_interviews(None, set(bank.curriculum.topics))
    questions = sorted(interviews.questions)
    args.cache.mkdir(parents=True, exist_ok=True)
    sources = {0: cached(args.cache, 0, bank, [], args.rebuild)}
    for n in sizes:
        sources[n] = cached(args.cache, n, bank, questions, args.rebuild)

    app = {} if args.no_app else history_app.measure(sources, args.runs, args.template)
    if args.app_only:
        report_app(list(sources), app)
        summary(list(sources), {}, app)
        return 0
    work = Path(tempfile.mkdtemp(prefix="quizmath-history-run-"))
    subjects: dict[int, Subject] = {}
    try:
        for n, src in sources.items():
            copy = work / src.name
            shutil.copyfile(src, copy)
            subjects[n] = Subject(copy, bank, interviews)
        times: dict[tuple[int, str], list[tuple[float, float]]] = {}
        exports: dict[tuple[int, str], list[tuple[float, float]]] = {}
        for run in range(args.runs):
            print(f"run {run + 1} of {args.runs}", file=sys.stderr, end="\r")
            for n, subject in subjects.items():
                for name, fn in MEASURES:
                    cpu, wall = time.process_time(), time.perf_counter()
                    fn(subject)
                    took = (time.process_time() - cpu, time.perf_counter() - wall)
                    times.setdefault((n, name), []).append(took)
                if run < 3:  # exports are long: three runs are enough
                    for fmt in ("csv", "json"):
                        exports.setdefault((n, fmt), []).append(subject.export(fmt))
        print(file=sys.stderr)
        report(subjects, times, exports, app)
    finally:
        for subject in subjects.values():
            subject.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def head(sizes: list[int]) -> str:
    return f"{'':28}" + "".join(f"{label(n) if n else 'empty':>16}" for n in sizes)


def table(sizes: list[int], names: Sequence[str], ms: Callable[[int, str], float]) -> None:
    """A row per measure: the median ``ms(size, name)`` per size and its ratio to empty."""
    print(head(sizes))
    for name in names:
        base = ms(0, name)
        cells = []
        for n in sizes:
            m = ms(n, name)
            ratio = f"{m / base:5.2f}×" if n and base > 0 else " " * 6
            cells.append(f"{m:9.2f} {ratio}")
        print(f"{name:28}" + "".join(f"{c:>16}" for c in cells))
    print()


def report_app(sizes: list[int], app: dict[tuple[int, str], list[float]]) -> None:
    if not app:
        return
    runs = len(app[(0, history_app.MEASURES[0])])
    print(f"end to end, on a pseudo-terminal: median ms over {runs} runs (ratio to empty)")
    table(sizes, history_app.MEASURES, lambda n, name: statistics.median(app[(n, name)]))


def report(
    subjects: dict[int, Subject],
    times: dict[tuple[int, str], list[tuple[float, float]]],
    exports: dict[tuple[int, str], list[tuple[float, float]]],
    app: dict[tuple[int, str], list[float]],
) -> None:
    sizes = list(subjects)
    for which, title in ((0, "CPU time"), (1, "wall time")):
        runs = len(times[(0, "home")])
        print(f"in process, {title}: median ms over {runs} runs (ratio to the empty database)")
        table(
            sizes,
            [name for name, _ in MEASURES],
            lambda n, name, which=which: (
                statistics.median(t[which] for t in times[(n, name)]) * 1000
            ),
        )
    report_app(sizes, app)
    summary(sizes, times, app)
    print("export of every attempt: rows/s by CPU time (by wall time), peak resident MB")
    print(head(sizes))
    for fmt in ("csv", "json"):
        cells = []
        for n in sizes:
            rows = subjects[n].rows
            cpu = statistics.median(c for c, _ in exports[(n, fmt)])
            wall = statistics.median(w for _, w in exports[(n, fmt)])
            cells.append(f"{rows / cpu / 1000:.0f}k ({rows / wall / 1000:.0f}k)" if rows else "—")
        print(f"{fmt + ' rows/s':28}" + "".join(f"{c:>16}" for c in cells))
        peaks = [export_peak_mb(subjects[n].path, fmt) for n in sizes]
        print(f"{fmt + ' peak MB':28}" + "".join(f"{p:>16.0f}" for p in peaks))


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER"


def summary(
    sizes: list[int],
    times: dict[tuple[int, str], list[tuple[float, float]]],
    app: dict[tuple[int, str], list[float]],
) -> None:
    """The budgets at the largest size. End to end (what the learner waits for) against the
    empty database; in process also against the smallest history (how much a longer history
    costs, apart from having any progress)."""
    big, small = max(sizes), min((n for n in sizes if n), default=0)
    if not big:
        return
    if app:
        print(f"at {label(big)} attempts, end to end (median ms; median of the runs' ratios):")
        for name in history_app.MEASURES:
            ms = statistics.median(app[(big, name)])
            # each run's own ratio: the two sizes ran a few seconds apart, so drift in the
            # machine's speed over the minutes of the whole benchmark cancels out
            ratio = statistics.median(
                b / e for b, e in zip(app[(big, name)], app[(0, name)], strict=True)
            )
            print(
                f"  {name:28} {ms:7.1f} ms  {ratio:5.2f}× empty   (budget {BUDGET}×)  "
                f"{verdict(ratio <= BUDGET)}"
            )
    if not times:
        print()
        return

    def m(n: int, name: str, which: int = 0) -> float:
        return statistics.median(t[which] for t in times[(n, name)])

    print(
        f"at {label(big)} attempts, in process (CPU time; ratio to empty, and to {label(small)}):"
    )
    for name in ("home", "Continue", "Continue (snapshot)", "record"):
        print(
            f"  {name:28} {m(big, name) * 1000:7.2f} ms  {m(big, name) / m(0, name):5.2f}× empty  "
            f"{m(big, name) / m(small, name):5.2f}× {label(small)}"
        )
    stats_wall = m(big, "stats --json", 1)
    print(
        f"  {'stats --json':28} {m(big, 'stats --json') * 1000:7.2f} ms CPU, "
        f"{stats_wall * 1000:.0f} ms wall   (budget 1 s)  {verdict(stats_wall < 1)}"
    )
    print()


if __name__ == "__main__":
    sys.exit(main())

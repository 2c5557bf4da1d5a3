"""Memory over a long practice session (issue 13 item 25; budget: 150 MB for a session of any
length).

    .venv/bin/python benchmarks/session_memory.py [--problems 200] [--every 20] [--seed 1]

The app runs headless (Textual's ``run_test``, 100×30) on the built-in bank, a fresh progress
file and the real checking service, and practises from Continue: most problems answered right,
every third one first answered wrong, every fifth skipped. A multi-part problem is answered part
by part in each part's own box; in every third one part (a) is answered wrong and each later
part with the answer computed from the learner's so far (the error carried forward), else the
true one. Every ``--every`` problems it prints the resident size of this process (the UI's;
the checking service is another process, shown apart), how many Textual widgets and FooterKeys
are alive (a leak shows as counts that keep growing while the screens stay the same) and the
heavy libraries imported into this process so far. The baseline is the same process on home,
before the first problem; the last lines are the ratio of the final size to it, the heavy
libraries in this process at the end, and what the app did in its own process because the
checking service could not (its log).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import random
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_MB = 150.0


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_mb() -> float:
    """The resident size of this process's children (the checking service)."""
    total = 0.0
    for task in Path("/proc/self/task").iterdir():
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        total += sum(rss_mb(pid) for pid in children)
    return total


HEAVY = ("sympy", "mpmath", "numpy", "scipy", "plotext", "matplotlib")


def heavy() -> str:
    """The heavy libraries imported into this (the UI's) process so far."""
    return ",".join(name for name in HEAVY if name in sys.modules) or "none"


def alive() -> tuple[int, int]:
    from textual.widget import Widget
    from textual.widgets._footer import FooterKey

    gc.collect()
    objects = gc.get_objects()
    return (
        sum(1 for o in objects if isinstance(o, Widget)),
        sum(1 for o in objects if isinstance(o, FooterKey)),
    )


def shows_another(app: Any, last: Any) -> bool:
    from quizmath.tui.screens.practice import PracticeScreen

    screen = app.screen
    return isinstance(screen, PracticeScreen) and screen.problem not in (None, last)


def checked(screen: Any, before: int) -> bool:
    return bool(screen.checks_done > before and not screen.checking)


class Fallbacks(logging.Handler):
    """What the app said it did in its own process (``core.items.remote_problem``'s log)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def answers(screen: Any, n: int) -> list[str]:
    """What to type into a single-answer problem's box, in turn."""
    return (["0"] if n % 3 == 0 else []) + [screen.problem.typed_answer]


def part_answer(screen: Any, n: int, first: bool) -> str:
    """What to type into the current part's box: (a) wrong in every third problem (at the
    first try: "0" may not be readable for the part), a later part as computed from the
    learner's answers so far (else the true answer)."""
    from quizmath.core.items.multipart import carried_answer

    steps = screen.practice.current.steps
    k = steps.current
    if n % 3 == 0 and k == 0 and first:
        return "0"
    found = carried_answer(steps.problem, k, steps.answers)
    return found[0].answer_text if found else steps.problem.parts[k].problem.typed_answer


async def session(problems: int, every: int, seed: int) -> None:
    from quizmath.core.storage import Storage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.screens.practice import PracticeScreen
    from quizmath.tui.services import Services, StartSpec

    fallbacks = Fallbacks()
    logging.getLogger("quizmath").addHandler(fallbacks)
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage.open(Path(tmp) / "progress.db")
        # the scheduler's seeds from --seed: two runs (before and after a change) practise the
        # same problems
        services = Services(storage, workspace=Path(tmp) / "ws", rng=random.Random(seed))
        app = QuizApp(services, StartSpec())
        async with app.run_test(size=(100, 30)) as pilot:

            async def until(cond: Any, limit: float = 60.0) -> None:
                for _ in range(int(limit / 0.02)):
                    if cond():
                        return
                    await pilot.pause(0.02)
                problem = getattr(app.screen, "problem", None)
                where = f" ({problem.ref})" if problem is not None else ""
                raise TimeoutError(f"the app did not get there: {app.screen!r}{where}")

            await until(lambda: app.bank is not None and app.scheduler is not None)
            await pilot.pause(0.5)
            base = rss_mb()
            widgets, keys = alive()
            print(
                f"home           {base:7.1f} MB  widgets {widgets:5d}  footer keys {keys:4d}  "
                f"heavy: {heavy()}"
            )
            await pilot.press("c")
            last = None
            loaded = heavy()
            multipart = carried = plots = 0
            for n in range(1, problems + 1):
                if n > 1 and (n - 1) % every == 0:
                    widgets, keys = alive()
                    print(
                        f"{n - 1:4d} problems  {rss_mb():7.1f} MB  widgets {widgets:5d}  "
                        f"footer keys {keys:4d}  checking service {children_mb():6.1f} MB  "
                        f"heavy: {heavy()}",
                        flush=True,
                    )
                await until(partial(shows_another, app, last))
                screen = app.screen
                assert isinstance(screen, PracticeScreen)
                p = last = screen.problem
                if n % 5 == 0:
                    await pilot.press("ctrl+g")  # skip (the box is empty: no question)
                    await pilot.pause(0.1)
                    await pilot.press("ctrl+n")
                    continue
                todo = answers(screen, n)
                for tries in range(20):
                    if screen.practice is None or screen.practice.current.done:
                        break
                    # a multi-part problem: the current part's box; else the one box
                    if p.parts:
                        text = part_answer(screen, n, first=tries == 0)
                    elif todo:
                        text = todo.pop(0)
                    else:
                        raise RuntimeError(f"{p.ref}: its own answer was not accepted")
                    before = screen.checks_done
                    screen.box.input.value = text
                    await pilot.press("enter")
                    await until(partial(checked, screen, before))
                if p.parts:
                    multipart += 1
                    steps = screen.practice.current.steps if screen.practice else None
                    done = steps.answers if steps else []
                    carried += sum(1 for a in done if a.status == "carried")
                plots += p.plot is not None
                await pilot.press("ctrl+n")
                if heavy() != loaded:
                    loaded = heavy()
                    print(f"     problem {n} ({p.ref}): now imported: {loaded}", flush=True)
            end = rss_mb()
            print(
                f"final {end:.1f} MB = {end / base:.2f}× home ({base:.1f} MB); "
                f"budget {BUDGET_MB:.0f} MB: {'within' if end <= BUDGET_MB else 'OVER'}"
            )
            print(
                f"answered: {multipart} multi-part problems ({carried} parts carried forward), "
                f"{plots} with a plot"
            )
            print(f"heavy libraries in the app's process at the end: {heavy()}")
            print(f"done in the app's process instead of the service: {len(fallbacks.messages)}")
            for message in fallbacks.messages[:10]:
                print(f"  {message}")
            await pilot.press("ctrl+q")
        storage.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=200)
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1, help="the scheduler's seeds (default 1)")
    args = parser.parse_args()
    asyncio.run(session(args.problems, args.every, args.seed))


if __name__ == "__main__":
    main()

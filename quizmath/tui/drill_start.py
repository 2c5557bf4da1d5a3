"""Getting a drill ready for the drill screen, split by thread.

``prepare`` runs in a worker: it waits for the bank, then makes the plan of a new drill (which
generates every problem, before the clock starts) or generates again the problems still to
answer in a drill being resumed. ``open_run`` runs on the UI thread with that result and saves
or reads the run (``DrillRun.start``/``resume``), so every database write stays on that thread.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.worker import Worker

    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.problem import Problem
    from quizmath.core.drill.plan import DrillPlan
    from quizmath.core.drill.run import DrillRun
    from quizmath.tui.app import QuizApp
    from quizmath.tui.services import DrillOptions

Premade = dict[str, "Problem"]  # id@seed → problem


@dataclass(frozen=True)
class Ready:
    """What ``prepare`` made: a plan (a new drill) or the problems of a resumed one."""

    plan: DrillPlan | None = None
    premade: Premade = field(default_factory=dict)


def prepare(
    app: QuizApp, worker: Worker[Any], options: DrillOptions | None, resume_id: int | None
) -> Ready:
    """In a worker. Raises QuizmathError (e.g. no template in these topics) or
    ContentUnavailable (the bank did not load)."""
    from quizmath.tui.drills import wait_for_content

    bank, interviews, scheduler = wait_for_content(app, worker)
    if resume_id is not None:
        return Ready(premade=regenerate(app, bank, resume_id))
    from quizmath.core.drill.plan import make_plan

    assert options is not None
    progress = None
    if options.seed is None and not options.topics:  # weighted toward weak topics
        progress = app.call_from_thread(scheduler.topic_progress)  # a database read
    plan = make_plan(
        bank,
        interviews,
        questions=options.questions,
        seed=options.seed,
        topics=options.topics,
        progress=progress,
        rng=app.services.rng,
    )
    return Ready(plan=plan)


def regenerate(app: QuizApp, bank: Bank, drill_id: int) -> Premade:
    """The problems still to answer in drill ``drill_id`` (in a worker: generating is slow)."""
    from quizmath.core.bank.generate import generate
    from quizmath.core.errors import QuizmathError
    from quizmath.core.items import ItemKind
    from quizmath.core.storage import drills as rows

    storage = app.services.storage
    items = app.call_from_thread(storage.read, lambda c: rows.run_items(c, drill_id))
    premade: Premade = {}
    for r in items:
        if (
            r.kind == ItemKind.PROBLEM
            and r.outcome is None
            and not r.timed_out
            and r.seed is not None
        ):
            # One that fails is tried again by DrillRun.resume, which says why it cannot.
            with contextlib.suppress(QuizmathError):
                premade[r.ref] = generate(bank.get(r.item_id), r.seed)
    return premade


def open_run(
    app: QuizApp, ready: Ready, options: DrillOptions | None, resume_id: int | None
) -> DrillRun:
    """On the UI thread: start the planned drill, or resume ``resume_id`` with the problems
    made for it. Raises QuizmathError or StorageError."""
    from quizmath.core.drill.run import DrillRun

    storage, clock = app.services.storage, app.services.drill_clock
    assert app.scheduler is not None and app.interviews is not None
    if ready.plan is not None:
        assert options is not None
        return DrillRun.start(
            storage,
            app.scheduler,
            ready.plan,
            app.check_answer,
            interviews=app.interviews,
            minutes=options.minutes,
            clock=clock,
        )
    assert resume_id is not None
    return DrillRun.resume(
        storage,
        app.scheduler,
        resume_id,
        app.check_answer,
        interviews=app.interviews,
        clock=clock,
        premade=ready.premade,
    )

"""Drills in the app: set one up, start or resume it, discard an unfinished one, open reports
and the drill history. The rules are the core's (``core.drill``); this object only opens the
screens and carries out what the core decides.

Its dependencies are explicit (``DrillController(services, nav, loaded, checker, notify)``):
the services (storage, clocks), the app's navigation, where the bank comes from once it has
loaded, the answer checker and a way to say things. Threads: plans and resumed problems are made
in the drill screen's worker (``prepare``); every database write happens on the UI thread
(``open_run``, ``discard``).

An unfinished drill (quit, crash, kill) is offered once per run of the app: when home first
opens, or, for ``quizmath drill``, before the new drill starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from quizmath.core.drill.runs import (
    Choice,
    StartAction,
    StartDecision,
    after_choice,
    decide_start,
    discard,
    find_unfinished,
)
from quizmath.tui.checking import AppChecker, service_generator

if TYPE_CHECKING:
    from textual.screen import Screen

    from quizmath.core.bank.problem import Problem
    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.drill.plan import DrillPlan
    from quizmath.core.drill.run import DrillRun
    from quizmath.core.items.problem import Checker, Generator
    from quizmath.core.storage.drills import RunRow
    from quizmath.tui.messages import Loaded
    from quizmath.tui.services import Services


class Navigator(Protocol):
    """What the controller asks of the app to move between screens."""

    def back_to_home(self) -> None: ...

    def push_owned(self, screen: Screen[Any], callback: Callable[[Any], None] | None) -> None:
        """Push from the app's own message loop, so the app gets the screen's result."""
        ...

    def push(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None: ...

    def ensure_home(self, _result: object = None) -> None:
        """Open home if it is not open (a screen opened straight from the command line)."""
        ...


Notify = Callable[..., object]  # ``App.notify``


class Ready(msgspec.Struct, frozen=True):
    """What ``prepare`` made: a plan (a new drill) or the problems of a resumed one."""

    plan: DrillPlan | None = None
    premade: dict[str, Problem] = msgspec.field(default_factory=dict)  # id@seed → problem


class DrillController:
    def __init__(
        self,
        services: Services,
        nav: Navigator,
        loaded: Callable[[], Loaded | None],
        checker: Checker,
        notify: Notify,
    ) -> None:
        self.services = services
        self.nav = nav
        self.loaded = loaded
        self.checker = checker
        # problems are made in the checking service's process when it can, as in practice
        self.generator: Generator | None = (
            service_generator(checker) if isinstance(checker, AppChecker) else None
        )
        self.notify = notify
        self.offered = False  # the unfinished drill has been offered in this run of the app

    # -- opening screens -------------------------------------------------------------------

    def open_setup(self) -> None:
        """Home's "Drills": an unfinished drill is offered first, then the setup screen."""
        unfinished = find_unfinished(self.services.storage)

        def then(choice: str | None) -> None:
            if choice == Choice.RESUME:
                self.resume(unfinished[0].id)
            elif choice in (Choice.DISCARD, Choice.LATER):
                if choice == Choice.DISCARD:
                    self.discard(unfinished[0])
                self.nav.back_to_home()
                self.nav.push(self._setup_screen())

        if unfinished:
            self._ask_about(unfinished[0], then, context="menu")
        else:
            then(Choice.LATER)

    def start(self, options: DrillOptions) -> None:
        from quizmath.tui.screens.drill import DrillScreen

        self.nav.back_to_home()
        self.nav.push_owned(DrillScreen(self, options=options), self._over)

    def resume(self, drill_id: int) -> None:
        from quizmath.tui.screens.drill import DrillScreen

        self.nav.back_to_home()
        self.nav.push_owned(DrillScreen(self, resume_id=drill_id), self._over)

    def _over(self, drill_id: int | None) -> None:
        """A drill screen closed: with its id when the drill ended (show the report)."""
        if drill_id is not None:
            self.open_report(drill_id, from_home=False)

    def open_report(self, drill_id: int, *, from_home: bool = True) -> None:
        from quizmath.tui.screens.drill_report import DrillReportScreen

        if from_home:
            self.nav.back_to_home()
        self.nav.push(DrillReportScreen(drill_id))

    def open_history(self, *, from_home: bool = True) -> None:
        from quizmath.tui.screens.drill_history import DrillHistoryScreen

        if from_home:
            self.nav.back_to_home()
        self.nav.push(DrillHistoryScreen(self))

    def _setup_screen(self) -> Screen[Any]:
        from quizmath.tui.screens.drill_setup import DrillSetupScreen

        return DrillSetupScreen(self)

    # -- unfinished drills -----------------------------------------------------------------

    def offer_unfinished(self) -> None:
        """When home first opens: finish or discard an unfinished drill (once per run)."""
        if self.offered:
            return
        self.offered = True
        unfinished = find_unfinished(self.services.storage)
        if not unfinished:
            return

        def then(choice: str | None) -> None:
            if choice == Choice.RESUME:
                self.resume(unfinished[0].id)
            elif choice == Choice.DISCARD:
                self.discard(unfinished[0])

        self._ask_about(unfinished[0], then, context="home")

    def start_from_command_line(
        self, options: DrillOptions, *, resume: str | None, discard: str | None
    ) -> None:
        """``quizmath drill`` (over home): --resume, --discard, or offer the unfinished drill,
        then start the drill its options ask for (``core.drill.runs.decide_start``)."""
        self.offered = True
        unfinished = find_unfinished(self.services.storage)
        decision = decide_start(unfinished, resume=resume, discard=discard)
        if decision.action == StartAction.NOTHING:
            self.notify("There is no unfinished drill to resume.", severity="warning")
        elif decision.action == StartAction.ASK:
            run = decision.run
            assert run is not None

            def then(choice: str | None) -> None:
                if choice is not None:
                    self._carry_out(after_choice(Choice(choice), run), options)

            self._ask_about(run, then, context="cli")
        else:
            self._carry_out(decision, options)

    def _carry_out(self, decision: StartDecision, options: DrillOptions) -> None:
        if decision.action == StartAction.RESUME:
            assert decision.run is not None
            self.resume(decision.run.id)
            return
        if decision.discard and decision.run is not None:
            self.discard(decision.run)
        self.start(options)

    def _ask_about(self, run: RunRow, then: Callable[[str | None], None], *, context: str) -> None:
        from quizmath.tui.screens.resume_dialog import ResumeDialog

        self.nav.push(ResumeDialog(run, context=context), then)

    def discard(self, run: RunRow) -> None:
        from quizmath.core.storage import StorageError
        from quizmath.core.storage.times import utc_now

        services = self.services
        now = services.now() if services.now is not None else utc_now()
        try:
            discard(services.storage, run.id, now)
        except StorageError as exc:
            self.notify(f"Not discarded: {exc}", severity="error", markup=False)
            return
        self.notify(f"Drill {run.id} discarded (it stays in the drill history).")

    # -- getting a drill ready (the drill screen calls these) ----------------------------

    def prepare(
        self,
        loaded: Loaded,
        options: DrillOptions | None,
        resume_id: int | None,
        on_ui: Callable[..., Any],
    ) -> Ready:
        """In a worker: the plan of a new drill (which generates every problem, before the clock
        starts), or the problems still to answer in a drill being resumed. ``on_ui(fn, …)``
        runs a database read on the UI thread. Raises QuizmathError (e.g. no template in these
        topics)."""
        if resume_id is not None:
            return Ready(premade=self._regenerate(loaded, resume_id, on_ui))
        from quizmath.core.drill.plan import DrillError, make_plan

        assert options is not None
        progress = None
        if options.seed is None and not options.topics:  # weighted toward weak topics
            progress = on_ui(loaded.scheduler.topic_progress)
        exercises = None
        if options.code:
            if loaded.exercises is None or not loaded.exercises.exercises:
                raise DrillError("the coding exercises did not load; start it without them")
            exercises = loaded.exercises.ordered()
        plan = make_plan(
            loaded.bank,
            loaded.interviews,
            questions=options.questions,
            seed=options.seed,
            topics=options.topics,
            progress=progress,
            rng=self.services.rng,
            exercises=exercises,
            generator=self.generator,
        )
        return Ready(plan=plan)

    def _regenerate(
        self, loaded: Loaded, drill_id: int, on_ui: Callable[..., Any]
    ) -> dict[str, Problem]:
        """The problems still to answer in drill ``drill_id`` (generating is slow)."""
        from quizmath.core.errors import QuizmathError
        from quizmath.core.items import ItemKind
        from quizmath.core.items.problem import generate
        from quizmath.core.storage import drills as rows

        items = on_ui(self.services.storage.read, lambda c: rows.run_items(c, drill_id))
        make = self.generator or generate
        premade: dict[str, Problem] = {}
        for r in items:
            waiting = r.outcome is None and not r.timed_out
            if r.kind == ItemKind.PROBLEM and waiting and r.seed is not None:
                # One that fails is tried again by DrillRun.resume, which says why it cannot.
                with contextlib.suppress(QuizmathError):
                    premade[r.ref] = make(loaded.bank.get(r.item_id), r.seed)
        return premade

    def open_run(
        self, loaded: Loaded, ready: Ready, options: DrillOptions | None, resume_id: int | None
    ) -> DrillRun:
        """On the UI thread: start the planned drill, or resume ``resume_id`` with the problems
        made for it. Raises QuizmathError or StorageError."""
        from quizmath.core.drill.run import DrillRun

        storage, clock = self.services.storage, self.services.drill_clock
        if ready.plan is not None:
            assert options is not None
            return DrillRun.start(
                storage,
                loaded.scheduler,
                ready.plan,
                self.checker,
                interviews=loaded.interviews,
                minutes=options.minutes,
                clock=clock,
                exercises=loaded.exercises,
                workspace=self.services.workspace,
                generator=self.generator,
            )
        assert resume_id is not None
        return DrillRun.resume(
            storage,
            loaded.scheduler,
            resume_id,
            self.checker,
            interviews=loaded.interviews,
            clock=clock,
            generator=self.generator,
            premade=ready.premade,
            exercises=loaded.exercises,
            workspace=self.services.workspace,
        )


def drills_detail(storage: Any) -> str:
    """Home's "Drills" line: the unfinished drill, or how the last one went."""
    from quizmath.core.drill.runs import drill_history

    unfinished = find_unfinished(storage)
    if unfinished:
        r = unfinished[0]
        return f"unfinished drill {r.id}: {r.answered} of {r.questions} answered · finish it"
    finished = drill_history(storage)
    if finished:
        r = finished[-1]
        return f"timed, mixed topics · last: {r.correct}/{r.questions} ({r.percent:.0f}%)"
    return "timed, mixed topics, no hints; a report at the end"

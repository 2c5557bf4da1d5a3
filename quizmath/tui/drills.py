"""Drills, reports, the drill history and the stats screen: how the app opens them.

A mixin of ``QuizApp`` (so ``app.py`` stays about start-up and practice). Threads: plans,
judging, reports and stats are made in workers; every database write happens on the UI thread;
a worker that must read the database does it through ``OnUIThread`` (see ``ui_thread``).

Unfinished drills (quit, crash, kill) are offered once per run of the app: when home first
opens, or, for ``quizmath drill``, before the new drill starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from quizmath.core.drill.runs import (
    Choice,
    StartAction,
    StartDecision,
    after_choice,
    decide_start,
    discard,
    drill_history,
    find_unfinished,
)

if TYPE_CHECKING:
    from textual.worker import Worker

    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage
    from quizmath.core.storage.drills import RunRow
    from quizmath.tui.app import QuizApp

WAIT_STEP_S = 0.05


def drills_detail(storage: Storage) -> str:
    """Home's "Drills" line: the unfinished drill, or how the last one went."""
    unfinished = find_unfinished(storage)
    if unfinished:
        r = unfinished[0]
        return f"unfinished drill {r.id}: {r.answered} of {r.questions} answered · finish it"
    finished = drill_history(storage)
    if finished:
        r = finished[-1]
        return f"timed, mixed topics · last: {r.correct}/{r.questions} ({r.percent:.0f}%)"
    return "timed, mixed topics, no hints; a report at the end"


class ContentUnavailable(Exception):
    """The bank did not load, or the waiting worker was cancelled."""


def wait_for_content(app: QuizApp, worker: Worker[Any]) -> tuple[Bank, InterviewBank, Scheduler]:
    """In a worker thread: the bank, interview questions and scheduler, once the app has them
    (they load in a worker after the first paint)."""
    while True:
        if app.bank_error:
            raise ContentUnavailable(f"the question bank did not load: {app.bank_error}")
        if worker.is_cancelled:
            raise ContentUnavailable("cancelled")
        bank, interviews, scheduler = app.bank, app.interviews, app.scheduler
        if bank is not None and interviews is not None and scheduler is not None:
            return bank, interviews, scheduler
        time.sleep(WAIT_STEP_S)


class DrillsMixin:
    """Methods of ``QuizApp`` (``self`` is the app)."""

    _drill_offered = False  # the unfinished drill has been offered in this run of the app

    @property
    def _quiz(self) -> QuizApp:
        return self  # type: ignore[return-value]

    # -- drills --------------------------------------------------------------------------

    def open_drill_setup(self) -> None:
        """Home's "Drills": an unfinished drill is offered first, then the setup screen."""
        from quizmath.tui.screens.drill_setup import DrillSetupScreen

        app = self._quiz
        unfinished = find_unfinished(app.services.storage)

        def then(choice: str | None) -> None:
            if choice == "resume":
                self.resume_drill(unfinished[0].id)
            elif choice in ("discard", "later"):
                if choice == "discard":
                    self._discard(unfinished[0])
                app._back_to_home()
                app.push_screen(DrillSetupScreen())

        if unfinished:
            self._ask_about(unfinished[0], then, context="menu")
        else:
            then("later")

    def start_drill(self, options: DrillOptions) -> None:
        from quizmath.tui.screens.drill import DrillScreen

        app = self._quiz
        app._back_to_home()
        app.push_owned(DrillScreen(options=options), self._drill_over)

    def resume_drill(self, drill_id: int) -> None:
        from quizmath.tui.screens.drill import DrillScreen

        app = self._quiz
        app._back_to_home()
        app.push_owned(DrillScreen(resume_id=drill_id), self._drill_over)

    def _drill_over(self, drill_id: int | None) -> None:
        """A drill screen closed: with its id when the drill ended (show the report)."""
        if drill_id is not None:
            self.open_drill_report(drill_id, from_home=False)

    def open_drill_report(self, drill_id: int, *, from_home: bool = True) -> None:
        from quizmath.tui.screens.drill_report import DrillReportScreen

        if from_home:
            self._quiz._back_to_home()
        self._quiz.push_screen(DrillReportScreen(drill_id))

    def open_drill_history(self) -> None:
        from quizmath.tui.screens.drill_history import DrillHistoryScreen

        self._quiz._back_to_home()
        self._quiz.push_screen(DrillHistoryScreen())

    def open_stats(self) -> None:
        from quizmath.tui.screens.stats import StatsScreen

        self._quiz._back_to_home()
        self._quiz.push_screen(StatsScreen())

    def replay(self, ref: str) -> None:
        """Practise one problem of a report again (``id@seed``), over the report: Escape or
        the end of the problem comes back to it."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.screens.practice import PracticeScreen

        app = self._quiz
        if app.bank is None:
            app.notify("The question bank is still loading…", severity="warning")
            return
        try:
            session = app.new_session(app.bank, template=ref)
        except QuizmathError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        app.push_screen(PracticeScreen(session, count=1, title=f"Replay · {ref}"))

    # -- unfinished drills ---------------------------------------------------------------

    def offer_unfinished_drill(self) -> None:
        """When home first opens: finish or discard an unfinished drill (once per run)."""
        app = self._quiz
        if self._drill_offered or app.start.drill is not None:
            return
        self._drill_offered = True
        unfinished = find_unfinished(app.services.storage)
        if not unfinished:
            return

        def then(choice: str | None) -> None:
            if choice == "resume":
                self.resume_drill(unfinished[0].id)
            elif choice == "discard":
                self._discard(unfinished[0])

        self._ask_about(unfinished[0], then, context="home")

    def start_cli_drill(self) -> None:
        """``quizmath drill`` (called from on_mount, over home): --resume, --discard, or offer
        the unfinished drill, then start the drill its options ask for."""
        app = self._quiz
        options = app.start.drill
        assert options is not None
        self._drill_offered = True
        decision = decide_start(
            find_unfinished(app.services.storage),
            resume=app.start.resume,
            discard=app.start.discard,
        )
        if decision.action == StartAction.NOTHING:
            app.notify("There is no unfinished drill to resume.", severity="warning")
        elif decision.action == StartAction.ASK:
            assert decision.run is not None
            run = decision.run

            def then(choice: str | None) -> None:
                if choice is not None:
                    self._carry_out(after_choice(Choice(choice), run), options)

            self._ask_about(run, then, context="cli")
        else:
            self._carry_out(decision, options)

    def _carry_out(self, decision: StartDecision, options: DrillOptions) -> None:
        if decision.action == StartAction.RESUME:
            assert decision.run is not None
            self.resume_drill(decision.run.id)
            return
        if decision.discard and decision.run is not None:
            self._discard(decision.run)
        self.start_drill(options)

    def _ask_about(self, run: RunRow, then: Callable[[str | None], None], *, context: str) -> None:
        from quizmath.tui.screens.resume_dialog import ResumeDialog

        self._quiz.push_screen(ResumeDialog(run, context=context), then)

    def _discard(self, run: RunRow) -> None:
        from quizmath.core.storage import StorageError
        from quizmath.core.storage.times import utc_now

        app = self._quiz
        now = app.services.now() if app.services.now is not None else utc_now()
        try:
            discard(app.services.storage, run.id, now)
        except StorageError as exc:
            app.notify(f"Not discarded: {exc}", severity="error", markup=False)
            return
        app.notify(f"Drill {run.id} discarded (it stays in the drill history).")

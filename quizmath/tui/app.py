"""The quizmath app: screens over injected services; the core does the work.

The app holds the services and what has loaded, routes app-wide messages, and owns two
collaborators that open screens: ``practice`` (``PracticeController``) and ``drills``
(``DrillController``). Screens call their public methods or post messages.

Start-up order (the first screen must paint fast): the app paints home, or the first problem
when opened on practice, and only then loads the full bank and starts the checking service, in
workers. Heavy libraries (sympy, numpy) are never imported on the UI thread. When the bank has
loaded, every open screen gets a ``ContentReady`` message (a screen opened later finds
``loaded``); nothing polls for it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from quizmath.core.terminal_text import neutralise
from quizmath.tui import gc_pause, rest_styles
from quizmath.tui.checking import AppChecker
from quizmath.tui.messages import (
    BankFailed,
    BankLoaded,
    ContentFailed,
    ContentReady,
    ExtrasLoaded,
    Loaded,
    ProblemPainted,
    ProgressChanged,
)
from quizmath.tui.practice_controller import PracticeController
from quizmath.tui.services import Services, StartSpec
from quizmath.tui.theme import QUIZMATH_THEME, THEME_NAME
from quizmath.tui.ui_thread import on_ui_thread

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import ConceptPage, InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.scheduler import Scheduler
    from quizmath.tui.drill_controller import DrillController
    from quizmath.tui.prefetch import Prefetched
    from quizmath.tui.screens.home import HomeScreen
    from quizmath.tui.screens.practice import PracticeScreen


def _quiz_commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from quizmath.tui.palette import QuizCommands

    return QuizCommands


EXTRAS_WAIT = 2.0  # seconds the interviews and exercises wait for home to show the bank


class QuizApp(App[int]):
    """``QuizApp(services, start)``; ``quizmath.tui.launch.run_app`` is the real wiring."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: survives subclassing
    TITLE = "quizmath"
    SUB_TITLE = "maths for machine learning"
    COMMANDS = App.COMMANDS | {_quiz_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        # Help on every screen; ? only where it is not typed into a box.
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(
        self,
        services: Services,
        start: StartSpec | None = None,
        *,
        first: Prefetched | None = None,
        exit_after_paint: bool = False,
    ) -> None:
        """``first``: the first problem, made before the app (``quizmath.tui.prefetch``)."""
        super().__init__()
        self.register_theme(QUIZMATH_THEME)
        # Not ``self.theme = THEME_NAME``: its watcher schedules a refresh that parses every
        # style sheet again from scratch once the app runs (Textual's reparse builds a fresh
        # Stylesheet without its parse cache), a quarter of the time to the first paint
        # (issue 13 item 24). Nothing is parsed before the app runs, so giving the style sheet
        # the theme's variables now styles everything the same. Our theme is dark, like the
        # default, so the -dark-mode class and the ANSI colour filter are already right.
        self.set_reactive(QuizApp.theme, THEME_NAME)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(True, f"-theme-{THEME_NAME}", update=False)
        self.services = services
        self.start = start or StartSpec()
        self.first = first
        self.exit_after_paint = exit_after_paint  # benchmarks: exit once a problem is painted
        self.painted_ns: int | None = None  # time.monotonic_ns() of the first problem painted
        self.painted_cpu_ns: int | None = None  # this process's CPU time by then (benchmarks)
        self.bank: Bank | None = None  # the full bank, once loaded
        self.scheduler: Scheduler | None = None
        self.interviews: InterviewBank | None = None
        self.exercises: ExerciseBank | None = None  # the coding exercises, once loaded
        self.bank_error: str | None = None
        self.first_frame_done = False
        self._after_first_frame: list[Callable[[], object]] = []
        self._background_started = False
        self._exercises_done = False  # loaded, or failed to: screens may use ``loaded``
        # Home has shown the loaded bank (or there is no home to wait for): the interview
        # questions and the exercises may load. Before, they would compete with home's
        # progress read for the interpreter (issue 13 item 24: home usable soon after paint).
        self._bank_shown = threading.Event()
        self._ui_thread = threading.get_ident()  # the app is built on the thread that runs it
        self.checker = AppChecker(services.checker_factory, self._checker_fell_back)
        self.practice = PracticeController(
            services,
            self,
            self,
            self.checker,
            self.notify,
            lambda scheduler: on_ui_thread(scheduler, self),
        )

    @cached_property
    def drills(self) -> DrillController:
        """Made on first use: a start on a problem need not load the drill code before its
        first paint."""
        from quizmath.tui.drill_controller import DrillController

        return DrillController(self.services, self, lambda: self.loaded, self.checker, self.notify)

    @property
    def loaded(self) -> Loaded | None:
        """The full bank, the interview questions and the scheduler, once they are all here."""
        if self.bank is None or self.interviews is None or self.scheduler is None:
            return None
        if not self._exercises_done:
            return None
        return Loaded(self.bank, self.interviews, self.scheduler, self.exercises)

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        from quizmath.tui.paste_guard import install

        install(driver_class)  # a paste is text, never keys (issue 13 item 7)
        return driver_class

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification passes through ``neutralise``: an exception's text (sqlite, an
        OSError) can quote a file name or a row, and nothing may reach the terminal raw."""
        super().notify(
            neutralise(message),
            title=neutralise(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def action_help(self) -> None:
        """This screen's keys, and what the screen adds (how to type the answer on a problem)."""
        from quizmath.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.clear_notifications()  # nothing left over covering the panel
        self.push_screen(HelpScreen.over(self, self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The palette's "Keys" opens the same help (Textual's own panel did not close on Esc).
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand(
            "Keys and help", "This screen's keys, and how to answer (F1)", self.action_help
        )

    def get_default_screen(self) -> Screen[Any]:
        # Opened on practice, home is built when practice ends: the first frame is lighter.
        if self.start.practice:
            return Screen()
        from quizmath.tui.screens.home import HomeScreen

        return HomeScreen()

    # -- navigation (the controllers' Navigator) --------------------------------------------

    def push(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None:
        self.push_screen(screen, callback)

    def push_owned(
        self, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> None:
        """Push ``screen`` from the app's own message loop, so the app receives its result.

        Textual hands a screen's result to the message pump that called ``push_screen``. When
        that is a screen closing at the same moment (the drill setup, the command palette),
        the result callback is silently never called: a drill started from home ended on
        home instead of its report.
        """
        self.call_later(self.push_screen, screen, callback)

    def back_to_home(self) -> None:
        """Close what is open above home (the palette can start practice from anywhere)."""
        if len(self.screen_stack) <= 1:
            return  # start-up: nothing to close (and no need to import home yet)
        from quizmath.tui.screens.home import HomeScreen
        from quizmath.tui.screens.practice import PracticeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            screen = self.screen
            if isinstance(screen, PracticeScreen):
                screen.end_practice()
            self.pop_screen()

    def ensure_home(self, _result: object = None) -> None:
        """Open home if it is not open (practice opened straight from the command line)."""
        if self._home() is None:
            from quizmath.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def _home(self) -> HomeScreen | None:
        from quizmath.tui.screens.home import HomeScreen

        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    def open_concept(self, page: ConceptPage | str) -> None:
        from quizmath.core.errors import TemplateError
        from quizmath.tui.screens.concept import ConceptScreen

        if isinstance(page, str):
            try:
                page = self.services.concept(page)
            except TemplateError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
        self.push_screen(ConceptScreen(page))

    def open_concept_index(self) -> None:
        from quizmath.tui.screens.concept_index import ConceptIndexScreen

        self.push_screen(ConceptIndexScreen(self.services.concept_pages()))

    def open_exercise(self, exercise_id: str) -> None:
        """The exercise screen for ``exercise_id`` (its file written from the starter if absent)."""
        from quizmath.core.items.exercise import task
        from quizmath.core.items.types import NotAvailable
        from quizmath.core.practice.exercise import ExercisePractice
        from quizmath.tui.screens.exercise import ExerciseScreen

        exercise = self.exercises.exercises.get(exercise_id) if self.exercises else None
        if exercise is None or self.scheduler is None:
            self.notify(f"The exercise {exercise_id} is not available.", severity="warning")
            return
        try:
            served = task(exercise, None, self.services.workspace)
        except NotAvailable as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        topic = self.scheduler.bank.curriculum.topic(exercise.topic)
        session = ExercisePractice(served, self.scheduler, clock=self.services.clock)
        self.back_to_home()
        self.push_screen(ExerciseScreen(session, topic.title if topic else exercise.topic))

    def open_stats(self) -> None:
        from quizmath.tui.screens.stats import StatsScreen

        self.back_to_home()
        self.push_screen(StatsScreen())

    def open_placement(self) -> None:
        from quizmath.tui.screens.placement import PlacementScreen

        self.back_to_home()
        self.push_screen(PlacementScreen(), self._refresh_home_after)

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        start = self.start
        if start.drill is not None:  # ``quizmath drill``, over home
            self.drills.start_from_command_line(
                start.drill, resume=start.resume, discard=start.discard
            )
        elif start.placement:  # ``quizmath placement``, over home
            self.call_later(self.open_placement)
        elif start.practice:
            bank = self.services.prestarted_bank
            if self.first is not None:
                self.practice.open_premade(self.first, template=start.template, count=start.count)
            elif bank is not None:
                self.practice.open(
                    bank=bank,
                    topic=start.topic,
                    template=start.template,
                    count=start.count,
                    first_now=True,
                )

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Textual's, after reading the styles of the screen pushed if app.tcss lacks them."""
        rest_styles.load_for(self, args[0] if args else kwargs.get("screen"))
        return super().push_screen(*args, **kwargs)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is on the screen: for work that frame does not
        show (widgets hidden until they are needed), so it does not delay the frame."""
        if self.first_frame_done:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        """After the first frame."""
        self.first_frame_done = True
        if self.start.practice:  # (home need not import the practice screen to know)
            from quizmath.tui.screens.practice import PracticeScreen

            if isinstance(self.screen, PracticeScreen) and self.screen.painted:
                self.post_message(ProblemPainted(time.monotonic_ns()))  # in the first frame
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_later(callback)
        # On practice, wait until the first problem is painted (ProblemPainted).
        if not self.start.practice or self.services.prestarted_bank is None:
            self._start_background()

    @on(ProblemPainted)
    def _problem_painted(self, message: ProblemPainted) -> None:
        if self.painted_ns is None:
            self.painted_ns = message.at_ns
            self.painted_cpu_ns = time.process_time_ns()
            if self.exit_after_paint:
                self.exit(0)
                return
        self._start_background()

    def _start_background(self) -> None:
        if self._background_started:
            return
        self._background_started = True
        prestarted = self.services.prestarted_bank
        if prestarted is not None and not self.start.template:
            self._set_bank(prestarted, None)  # already the full bank (--topic, --count)
        self._load_bank()

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm-up")
    def _warm_up(self) -> None:
        """Start the checking service (a process) and import the live preview's parser."""
        self.checker.start()
        from quizmath.core.answers import interpret

        interpret("1", "integer")

    @work(thread=True, exclusive=True, exit_on_error=False, group="bank")
    def _load_bank(self) -> None:
        try:
            bank = self.bank or self.services.load_bank()
        except Exception as exc:  # a broken bank must not take the app down
            self.post_message(BankFailed(neutralise(f"{type(exc).__name__}: {exc}")))
            return
        # Home is usable with the bank alone (reviews due, Continue): it shows them while the
        # rest loads (issue 13 item 24: home usable within 1.3× of its first paint).
        self.post_message(BankLoaded(bank))
        # Not while home reads its figures: both need the interpreter (the GIL). Waiting only
        # while the app runs: a quit before home showed the bank (it never will) made the
        # process wait out a fixed timeout before it could exit. And not for ever: the
        # content must arrive even if home never says it has shown the bank.
        worker = get_current_worker()
        give_up = time.monotonic() + EXTRAS_WAIT
        while not self._bank_shown.wait(timeout=0.05):
            if worker.is_cancelled:  # the app is exiting (Textual cancels its workers)
                return
            if time.monotonic() > give_up:
                break
        failed = None
        try:
            interviews = self.services.load_interviews(bank)
        except Exception as exc:  # the bank is here: the app works without them, and says so
            from quizmath.core.content import InterviewBank

            interviews = InterviewBank({})
            failed = neutralise(f"{type(exc).__name__}: {exc}")
        try:
            exercises = self.services.load_exercises()
        except Exception:  # the rest of the app works without them
            exercises = None
        self.post_message(ExtrasLoaded(interviews, exercises, failed))

    @on(BankLoaded)
    def _bank_loaded(self, message: BankLoaded) -> None:
        self._set_bank(message.bank, None)
        if self._home() is None:
            self._bank_shown.set()  # no home to show it: the rest may load now
        # else home calls home_shown() once its figures are on the screen.

    def home_shown(self) -> None:
        """Home has shown the loaded bank's figures (or could not read them)."""
        self._bank_shown.set()

    @on(ExtrasLoaded)
    def _extras_loaded(self, message: ExtrasLoaded) -> None:
        gc_pause.resume()  # start-up is over
        if message.interviews_error is not None:
            self.notify(
                f"Could not load the interview questions: {message.interviews_error}",
                severity="error",
                markup=False,
            )
        self.exercises = message.exercises
        self._exercises_done = True
        if self.bank is not None:
            # their cards count in their topics' progress; home adds the interviews due
            self._set_bank(self.bank, message.interviews)
        loaded = self.loaded
        if loaded is not None:
            self._tell_screens(lambda: ContentReady(loaded))
        # Last, not with the first paint or the bank: the checking service's start and the
        # live preview's parser would compete with them (and home's figures) for the cores.
        self._warm_up()

    @on(BankFailed)
    def _bank_failed(self, message: BankFailed) -> None:
        gc_pause.resume()  # start-up is over
        self.bank_error = message.error
        self._tell_screens(lambda: ContentFailed(message.error))
        self.notify(
            f"Could not load the question bank: {message.error}", severity="error", markup=False
        )
        self._refresh_home()

    def _tell_screens(self, make: Callable[[], Message]) -> None:
        """Send an app-wide event to every open screen, a message each (screens opened later
        read ``loaded`` or ``bank_error`` when they mount)."""
        for screen in self.screen_stack:
            screen.post_message(make())

    def _set_bank(self, bank: Bank, interviews: InterviewBank | None) -> None:
        if self.bank is not bank:
            self.bank = bank
            self.scheduler = self.services.scheduler(bank)
        if self.scheduler is not None and self.exercises is not None:
            ordered = self.exercises.ordered()  # their cards count in their topics' progress
            self.scheduler.exercises = {x.id: x.topic for x in ordered}
        if interviews is not None:
            self.interviews = interviews
        for screen in self._premade_screens():
            self.practice.adopt(screen, self.start.template)
        self._refresh_home()

    def _premade_screens(self) -> list[PracticeScreen]:
        """Screens showing the prefetched problem, still waiting for their practice."""
        if "quizmath.tui.screens.practice" not in sys.modules:
            return []  # no practice screen was ever made (home: not worth importing it here)
        from quizmath.tui.screens.practice import PracticeScreen

        return [
            s
            for s in self.screen_stack
            if isinstance(s, PracticeScreen) and s.practice is None and s.premade is not None
        ]

    def _refresh_home(self) -> None:
        home = self._home()
        if home is not None:
            home.reload()

    @on(ProgressChanged)
    def _progress_changed(self) -> None:
        """Home re-reads progress when it shows again (``on_screen_resume``), not under the
        screen that saved: each reload is queries on the UI thread (issue 13 item 23: 2 s an
        answer at a million attempts)."""
        home = self._home()
        if home is not None and self.screen is home:
            home.reload()

    def _refresh_home_after(self, _result: object = None) -> None:
        self._refresh_home()

    # -- checking ----------------------------------------------------------------------------

    def _checker_fell_back(self, reason: str) -> None:
        """The checking service could not start (any thread): say so once."""
        message = f"Checking without the time limit: the checking service did not start ({reason})"
        if threading.get_ident() == self._ui_thread:
            self.notify(message, severity="warning", markup=False)
        else:
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.checker.close()

"""The quizmath app: screens over injected services; the core does the work.

Start-up order (the first screen must paint fast): the app paints home, or the first problem
when opened on practice, and only then loads the full bank and starts the checking service, in
workers. Heavy libraries (sympy, numpy) are never imported on the UI thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quizmath.tui.drills import DrillsMixin
from quizmath.tui.messages import BankFailed, BankLoaded, ProblemPainted, ProgressChanged
from quizmath.tui.services import Services, StartSpec
from quizmath.tui.theme import QUIZMATH_THEME, THEME_NAME
from quizmath.tui.ui_thread import OnUIThread

if TYPE_CHECKING:
    from textual.command import Provider

    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import ConceptPage, InterviewBank
    from quizmath.core.practice.flow import Practice
    from quizmath.core.practice.interview import InterviewPractice
    from quizmath.core.scheduler import Scheduler
    from quizmath.tui.prefetch import Prefetched
    from quizmath.tui.screens.home import HomeScreen


def _quiz_commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from quizmath.tui.palette import QuizCommands

    return QuizCommands


class QuizApp(DrillsMixin, App[int]):
    """``QuizApp(services, start)``; see ``quizmath.tui.launch`` for the real wiring.
    Drills, reports and stats are opened by ``DrillsMixin`` (``quizmath.tui.drills``)."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: survives subclassing
    TITLE = "quizmath"
    SUB_TITLE = "maths for machine learning"
    COMMANDS = App.COMMANDS | {_quiz_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False)
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
        self.theme = THEME_NAME
        self.services = services
        self.start = start or StartSpec()
        self.first = first
        self.exit_after_paint = exit_after_paint  # benchmarks: exit once a problem is painted
        self.painted_ns: int | None = None  # time.monotonic_ns() of the first problem painted
        self.bank: Bank | None = None  # the full bank, once loaded
        self.scheduler: Scheduler | None = None
        self.interviews: InterviewBank | None = None
        self.bank_error: str | None = None
        self._checker: Any = None
        self._checker_lock = threading.Lock()
        self._background_started = False
        self.first_frame_done = False
        self._ui_thread = threading.get_ident()  # the app is built on the thread that runs it

    def get_default_screen(self) -> Screen[Any]:
        # Opened on practice, home is built when practice ends: the first frame is lighter.
        if self.start.practice:
            return Screen()
        from quizmath.tui.screens.home import HomeScreen

        return HomeScreen()

    def _home(self) -> HomeScreen | None:
        from quizmath.tui.screens.home import HomeScreen

        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    def push_owned(self, screen: Any, callback: Any = None) -> None:
        """Push ``screen`` from the app's own message loop, so the app receives its result.

        Textual hands a screen's result to the message pump that called ``push_screen``. When
        that is a screen closing at the same moment (the drill setup, the command palette),
        the result callback is silently never called: a drill started from home ended on
        home instead of its report.
        """
        self.call_later(self.push_screen, screen, callback)

    def _ensure_home(self, _result: object = None) -> None:
        if self._home() is None:
            from quizmath.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.start.drill is not None:
            self.start_cli_drill()  # over home (``quizmath drill``)
        elif self.start.practice:
            bank = self.services.prestarted_bank
            if self.first is not None:
                self._open_premade(self.first)
            elif bank is not None:
                self.open_practice(
                    bank=bank,
                    topic=self.start.topic,
                    template=self.start.template,
                    count=self.start.count,
                    first_now=True,
                )

    def on_ready(self) -> None:
        """After the first frame."""
        self.first_frame_done = True
        from quizmath.tui.screens.practice import PracticeScreen

        if isinstance(self.screen, PracticeScreen) and self.screen.painted:
            self.post_message(ProblemPainted(time.monotonic_ns()))  # in the first frame
        # On practice, wait until the first problem is painted (ProblemPainted).
        if not self.start.practice or self.services.prestarted_bank is None:
            self._start_background()

    @on(ProblemPainted)
    def _problem_painted(self, message: ProblemPainted) -> None:
        if self.painted_ns is None:
            self.painted_ns = message.at_ns
            if self.exit_after_paint:
                self.exit(0)
                return
        self._start_background()

    def _start_background(self) -> None:
        if self._background_started:
            return
        self._background_started = True
        self._warm_up()
        prestarted = self.services.prestarted_bank
        if prestarted is not None and not self.start.template:
            self._set_bank(prestarted, None)  # already the full bank (--topic, --count)
        self._load_bank()

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm-up")
    def _warm_up(self) -> None:
        """Start the checking service (a process) and import the live preview's parser."""
        self.checker()
        from quizmath.core.answers import interpret

        interpret("1", "integer")

    @work(thread=True, exclusive=True, exit_on_error=False, group="bank")
    def _load_bank(self) -> None:
        try:
            bank = self.bank or self.services.load_bank()
            interviews = self.services.load_interviews(bank)
        except Exception as exc:  # a broken bank must not take the app down
            self.post_message(BankFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(BankLoaded(bank, interviews))

    @on(BankLoaded)
    def _bank_loaded(self, message: BankLoaded) -> None:
        self._set_bank(message.bank, message.interviews)

    @on(BankFailed)
    def _bank_failed(self, message: BankFailed) -> None:
        self.bank_error = message.error
        for screen in self._premade_screens():
            screen.practice_failed(message.error)
        self.notify(f"Could not load the question bank: {message.error}", severity="error")
        self._refresh_home()

    def _set_bank(self, bank: Bank, interviews: InterviewBank | None) -> None:
        if self.bank is not bank:
            self.bank = bank
            self.scheduler = self.services.scheduler(bank)
        if interviews is not None:
            self.interviews = interviews
        self._adopt_premade()
        self._refresh_home()

    def _refresh_home(self) -> None:
        home = self._home()
        if home is not None:
            home.reload()

    # -- a first problem made before the app (see quizmath.tui.prefetch) -------------------

    def _open_premade(self, first: Prefetched) -> None:
        from quizmath.tui.screens.practice import PracticeScreen

        title = self._practice_title(None, None, self.start.template)
        screen = PracticeScreen(None, count=self.start.count, title=title, premade=first)
        self.push_screen(screen, self._ensure_home)

    def _premade_screens(self) -> list[Any]:
        from quizmath.tui.screens.practice import PracticeScreen

        return [
            s
            for s in self.screen_stack
            if isinstance(s, PracticeScreen) and s.practice is None and s.premade is not None
        ]

    def _adopt_premade(self) -> None:
        """Give the screen showing the prefetched problem its session (same problem)."""
        from quizmath.core.errors import QuizmathError

        if self.bank is None:
            return
        for screen in self._premade_screens():
            try:
                session = self.new_session(
                    self.bank, template=self.start.template, premade=screen.premade.problem
                )
                session.next_problem()  # the prefetched problem itself
            except QuizmathError as exc:
                screen.practice_failed(str(exc))
            else:
                screen.adopt(session)

    @on(ProgressChanged)
    def _progress_changed(self) -> None:
        self._refresh_home()

    # -- checking (runs in check workers) -------------------------------------------------

    def checker(self) -> Any:
        """The answer checker, created on first use (any thread)."""
        with self._checker_lock:
            if self._checker is None:
                self._checker = self.services.checker_factory(self._checker_fell_back)
            return self._checker

    def _checker_fell_back(self, reason: str) -> None:
        """The checking service could not start (any thread): say so once."""
        message = f"Checking without the time limit: the checking service did not start ({reason})"
        if threading.get_ident() == self._ui_thread:
            self.notify(message, severity="warning", markup=False)
        else:
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

    def check_answer(self, kind: str, expected: str, submitted: str, **kwargs: Any) -> Any:
        """What sessions call to check (from worker threads)."""
        return self.checker()(kind, expected, submitted, **kwargs)

    def _close_checker(self) -> None:
        with self._checker_lock:
            checker, self._checker = self._checker, None
        close = getattr(checker, "close", None)
        if close is not None:
            close()

    def on_unmount(self) -> None:
        self._close_checker()

    # -- navigation ----------------------------------------------------------------------------

    def new_session(
        self,
        bank: Bank,
        *,
        topic: str | None = None,
        template: str | None = None,
        premade: Problem | None = None,
    ) -> Practice:
        """A practice session; raises QuizmathError (e.g. an unknown template). ``premade``
        is served instead of generating that same problem again."""
        from quizmath.core.practice.flow import Practice

        scheduler = self.scheduler if bank is self.bank else None
        scheduler = scheduler or self.services.scheduler(bank)
        # next_problem runs in a worker; its scheduler calls hop back to this thread.
        return Practice(
            bank,
            OnUIThread(scheduler, self),  # type: ignore[arg-type]
            self.check_answer,
            mode="practice",
            topic=topic,
            template=template,
            clock=self.services.clock,
            generator=_serving_first(premade) if premade is not None else None,
        )

    def open_practice(
        self,
        *,
        bank: Bank | None = None,
        topic: str | None = None,
        template: str | None = None,
        count: int | None = None,
        first_now: bool = False,
    ) -> None:
        """Practise: the scheduler's pick ("Continue"), a topic, or one template.

        ``first_now`` (start-up only, before the first frame): make the first problem here,
        so the first frame shows it; otherwise problems are made in a worker."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.screens.practice import PracticeScreen

        bank = bank or self.bank
        if bank is None:
            self.notify("The question bank is still loading…", severity="warning")
            return
        try:
            session = self.new_session(bank, topic=topic, template=template)
        except QuizmathError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if first_now:
            with contextlib.suppress(QuizmathError):  # else the screen's worker retries
                session.next_problem()
        title = self._practice_title(bank, topic, template)
        self._back_to_home()
        self.push_owned(PracticeScreen(session, count=count, title=title), self._ensure_home)

    def _back_to_home(self) -> None:
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

    def _practice_title(self, bank: Bank | None, topic: str | None, template: str | None) -> str:
        if topic and bank is not None:
            found = bank.curriculum.topic(topic)
            return f"Practice · {found.title if found else topic}"
        if template:
            return f"Practice · {template}"
        return "Practice · Continue"

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

    def open_interview(self, question_id: str | None = None) -> None:
        from quizmath.tui.screens.interview import InterviewScreen

        if self.interviews is None or self.scheduler is None:
            self.notify("The interview questions are still loading…", severity="warning")
            return
        if not self.interviews.questions:
            self.notify("There are no interview questions in the bank.", severity="warning")
            return
        self._back_to_home()
        self.push_screen(
            InterviewScreen(self.interview_practice(), first=question_id), self._ensure_home
        )

    def interview_practice(self) -> InterviewPractice:
        """Interview questions to practise (the bank must be loaded)."""
        from quizmath.core.practice.interview import InterviewPractice

        assert self.interviews is not None and self.scheduler is not None
        return InterviewPractice(self.interviews, self.scheduler, clock=self.services.clock)


def _serving_first(premade: Problem) -> Any:
    """A generator for Practice that returns ``premade`` for its own template and seed, once."""
    from quizmath.core.bank.generate import generate

    waiting = [premade]

    def make(template: Any, seed: int) -> Problem:
        if waiting and (template.id, seed) == (waiting[0].template_id, waiting[0].seed):
            return waiting.pop()
        return generate(template, seed)

    return make

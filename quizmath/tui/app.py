"""The quizmath app: screens over injected services; the core does the work.

Start-up order (the first screen must paint fast): the app paints home, or the first problem
when opened on practice, and only then loads the full bank and starts the checking service, in
workers. Heavy libraries (sympy, numpy) are never imported on the UI thread.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quizmath.tui.commands import QuizCommands
from quizmath.tui.messages import BankFailed, BankLoaded, ProblemPainted, ProgressChanged
from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.services import Services, StartSpec
from quizmath.tui.theme import QUIZMATH_THEME, THEME_NAME
from quizmath.tui.ui_thread import OnUIThread

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import ConceptPage, InterviewBank
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.session import Session


class QuizApp(App[int]):
    """``QuizApp(services, start)``; see ``quizmath.tui.launch`` for the real wiring."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: survives subclassing
    TITLE = "quizmath"
    SUB_TITLE = "maths for machine learning"
    COMMANDS = App.COMMANDS | {QuizCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False)
    ]

    def __init__(
        self,
        services: Services,
        start: StartSpec | None = None,
        *,
        exit_after_paint: bool = False,
    ) -> None:
        super().__init__()
        self.register_theme(QUIZMATH_THEME)
        self.theme = THEME_NAME
        self.services = services
        self.start = start or StartSpec()
        self.exit_after_paint = exit_after_paint  # benchmarks: exit once a problem is painted
        self.painted_ns: int | None = None  # time.monotonic_ns() of the first problem painted
        self.bank: Bank | None = None  # the full bank, once loaded
        self.scheduler: Scheduler | None = None
        self.interviews: InterviewBank | None = None
        self.bank_error: str | None = None
        self._checker: Any = None
        self._checker_lock = threading.Lock()
        self._background_started = False

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.start.practice:
            bank = self.services.prestarted_bank
            if bank is not None:
                self.open_practice(
                    bank=bank,
                    topic=self.start.topic,
                    template=self.start.template,
                    count=self.start.count,
                )

    def on_ready(self) -> None:
        # On practice, wait until the first problem is painted (ProblemPainted).
        if not self.start.practice or self.services.prestarted_bank is None:
            self._start_background()

    @on(ProblemPainted)
    def _problem_painted(self) -> None:
        if self.painted_ns is None:
            self.painted_ns = time.monotonic_ns()
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
        self.notify(f"Could not load the question bank: {message.error}", severity="error")
        self._refresh_home()

    def _set_bank(self, bank: Bank, interviews: InterviewBank | None) -> None:
        if self.bank is not bank:
            self.bank = bank
            self.scheduler = self.services.scheduler(bank)
        if interviews is not None:
            self.interviews = interviews
        self._refresh_home()

    def _refresh_home(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    @on(ProgressChanged)
    def _progress_changed(self) -> None:
        self._refresh_home()

    # -- checking (runs in check workers) -------------------------------------------------

    def checker(self) -> Any:
        """The answer checker, created on first use (any thread)."""
        with self._checker_lock:
            if self._checker is None:
                self._checker = self.services.checker_factory()
            return self._checker

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
        self, bank: Bank, *, topic: str | None = None, template: str | None = None
    ) -> Session:
        """A practice session; raises QuizmathError (e.g. an unknown template)."""
        from quizmath.core.session import Session

        scheduler = self.scheduler if bank is self.bank else None
        scheduler = scheduler or self.services.scheduler(bank)
        # next_problem runs in a worker; its scheduler calls hop back to this thread.
        return Session(
            bank,
            OnUIThread(scheduler, self),  # type: ignore[arg-type]
            self.check_answer,
            mode="practice",
            topic=topic,
            template=template,
            clock=self.services.clock,
        )

    def open_practice(
        self,
        *,
        bank: Bank | None = None,
        topic: str | None = None,
        template: str | None = None,
        count: int | None = None,
    ) -> None:
        """Practise: the scheduler's pick ("Continue"), a topic, or one template."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.screens.problem import ProblemScreen

        bank = bank or self.bank
        if bank is None:
            self.notify("The question bank is still loading…", severity="warning")
            return
        try:
            session = self.new_session(bank, topic=topic, template=template)
        except QuizmathError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        title = self._practice_title(bank, topic, template)
        self._back_to_home()
        self.push_screen(ProblemScreen(session, count=count, title=title))

    def _back_to_home(self) -> None:
        """Close what is open above home (the palette can start practice from anywhere)."""
        from quizmath.tui.screens.problem import ProblemScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            screen = self.screen
            if isinstance(screen, ProblemScreen):
                screen.end_session()
            self.pop_screen()

    def _practice_title(self, bank: Bank, topic: str | None, template: str | None) -> str:
        if topic:
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
        self.push_screen(InterviewScreen(self.interviews, self.scheduler, first=question_id))

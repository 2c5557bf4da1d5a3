"""Practice in the app: open a practice session (Continue, a topic, a template, a problem of a
report again) and interview practice. The rules are the core's (``core.practice``); this object
builds the flows and opens their screens.

Its dependencies are explicit (``PracticeController(services, nav, content, checker, notify,
on_ui)``): ``content`` holds the bank and scheduler as far as they have loaded (one template
first, at start-up, then the full bank), and ``on_ui`` wraps the scheduler so that a flow running
in a worker reads the database on the UI thread (``tui.ui_thread``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from quizmath.tui.checking import AppChecker, service_generator

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.model import Template
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank
    from quizmath.core.items.problem import Checker, Generator
    from quizmath.core.practice.flow import Practice
    from quizmath.core.practice.interview import InterviewPractice
    from quizmath.core.scheduler import Scheduler
    from quizmath.tui.drill_controller import Navigator, Notify
    from quizmath.tui.prefetch import Prefetched
    from quizmath.tui.screens.practice import PracticeScreen
    from quizmath.tui.services import Services


class ContentHolder(Protocol):
    """What has loaded so far (the app): None until it has."""

    @property
    def bank(self) -> Bank | None: ...

    @property
    def scheduler(self) -> Scheduler | None: ...

    @property
    def interviews(self) -> InterviewBank | None: ...


class PracticeController:
    def __init__(
        self,
        services: Services,
        nav: Navigator,
        content: ContentHolder,
        checker: Checker,
        notify: Notify,
        on_ui: Callable[[Scheduler], Scheduler],
    ) -> None:
        self.services = services
        self.nav = nav
        self.content = content
        self.checker = checker
        self.notify = notify
        self.on_ui = on_ui
        # problems are made in the checking service's process when it can (tui.checking)
        self.generator = service_generator(checker) if isinstance(checker, AppChecker) else None

    def new(
        self,
        bank: Bank,
        *,
        topic: str | tuple[str, ...] | None = None,
        template: str | None = None,
        premade: Problem | None = None,
    ) -> Practice:
        """A practice session; raises QuizmathError (e.g. an unknown template). ``premade``
        is served instead of generating that same problem again."""
        from quizmath.core.practice.flow import Practice
        from quizmath.core.settings import load as load_settings

        scheduler = self.content.scheduler if bank is self.content.bank else None
        scheduler = scheduler or self.services.scheduler(bank)
        # "how sure?" before verdicts: the setting, or --confidence for this run
        confidence = self.services.confidence or load_settings(scheduler.storage).confidence
        # next_problem runs in a worker; its scheduler calls hop back to the UI thread.
        return Practice(
            bank,
            self.on_ui(scheduler),
            self.checker,
            mode="practice",
            topic=topic,
            template=template,
            clock=self.services.clock,
            generator=serving_first(premade, self.generator),
            confidence=confidence,
        )

    def open(
        self,
        *,
        bank: Bank | None = None,
        topic: str | tuple[str, ...] | None = None,
        template: str | None = None,
        count: int | None = None,
        first_now: bool = False,
        on_close: Callable[[Any], None] | None = None,
    ) -> None:
        """Practise: the scheduler's pick ("Continue"), a topic, or one template.

        ``first_now`` (start-up only, before the first frame): make the first problem here,
        so the first frame shows it; otherwise problems are made in a worker."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.screens.practice import PracticeScreen

        bank = bank or self.content.bank
        if bank is None:
            self.notify("The question bank is still loading…", severity="warning")
            return
        try:
            practice = self.new(bank, topic=topic, template=template)
        except QuizmathError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if first_now:
            with contextlib.suppress(QuizmathError):  # else the screen's worker retries
                practice.next_problem()
        title = practice_title(bank, topic, template)
        self.nav.back_to_home()
        screen = PracticeScreen(practice, count=count, title=title)
        self.nav.push_owned(screen, on_close or self.nav.ensure_home)

    def open_premade(
        self,
        first: Prefetched,
        *,
        template: str | None,
        count: int | None,
        on_close: Callable[[Any], None] | None = None,
    ) -> None:
        """The problem made before the app (``tui.prefetch``), shown before its practice exists;
        ``adopt`` gives it one once the bank is there."""
        from quizmath.tui.screens.practice import PracticeScreen

        title = practice_title(None, None, template)
        screen = PracticeScreen(None, count=count, title=title, premade=first)
        self.nav.push(screen, on_close or self.nav.ensure_home)

    def adopt(self, screen: PracticeScreen, template: str | None) -> None:
        """Give a screen showing a prefetched problem its practice (the same problem)."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.faults import explained

        bank = self.content.bank
        if bank is None or screen.premade is None or screen.failed:  # told once is enough
            return
        try:
            practice = self.new(bank, template=template, premade=screen.premade.problem)
            practice.next_problem()  # the prefetched problem itself
        except QuizmathError as exc:
            screen.practice_failed(explained(screen, "starting the practice", exc))
        else:
            screen.adopt(practice)

    def replay(self, ref: str) -> None:
        """Practise one problem of a report again (``id@seed``), over the report: Escape or the
        end of the problem comes back to it."""
        from quizmath.core.errors import QuizmathError
        from quizmath.tui.screens.practice import PracticeScreen

        bank = self.content.bank
        if bank is None:
            self.notify("The question bank is still loading…", severity="warning")
            return
        try:
            practice = self.new(bank, template=ref)
        except QuizmathError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.nav.push(PracticeScreen(practice, count=1, title=f"Replay · {ref}"))

    # -- interview questions ---------------------------------------------------------------

    def interview_practice(self) -> InterviewPractice | None:
        """Interview questions to practise; None (and a word) while they load or if there are
        none."""
        from quizmath.core.practice.interview import InterviewPractice

        interviews, scheduler = self.content.interviews, self.content.scheduler
        if interviews is None or scheduler is None:
            self.notify("The interview questions are still loading…", severity="warning")
            return None
        if not interviews.questions:
            self.notify("There are no interview questions in the bank.", severity="warning")
            return None
        return InterviewPractice(interviews, scheduler, clock=self.services.clock)

    def open_interview(
        self,
        question_id: str | None = None,
        *,
        from_home: bool = True,
        on_close: Callable[[Any], None] | None = None,
    ) -> None:
        from quizmath.tui.screens.interview import InterviewScreen

        practice = self.interview_practice()
        if practice is None:
            return
        if from_home:
            self.nav.back_to_home()
        self.nav.push(
            InterviewScreen(practice, first=question_id), on_close or self.nav.ensure_home
        )


def practice_title(
    bank: Bank | None, topic: str | tuple[str, ...] | None, template: str | None
) -> str:
    if isinstance(topic, tuple) and bank is not None:  # an area, a prefix, a list
        areas = {a.title for a in bank.curriculum.areas if {t.id for t in a.topics} == set(topic)}
        return f"Practice · {areas.pop() if areas else f'{len(topic)} topics'}"
    if isinstance(topic, str) and bank is not None:
        found = bank.curriculum.topic(topic)
        return f"Practice · {found.title if found else topic}"
    if template:
        return f"Practice · {template}"
    return "Practice · Continue"


def serving_first(premade: Problem | None, then: Generator | None = None) -> Generator | None:
    """A generator that returns ``premade`` for its own template and seed, once, and otherwise
    what ``then`` makes (None and None: the default generator)."""
    if premade is None:
        return then
    from quizmath.core.items.problem import generate

    waiting = [premade]
    rest = then or generate

    def make(template: Template, seed: int) -> Problem:
        if waiting and (template.id, seed) == (waiting[0].template_id, waiting[0].seed):
            return waiting.pop()
        return rest(template, seed)

    return make

"""Home: what to do next (Continue, reviews due, interview Q&A, concepts, placement) and the
curriculum with progress per topic and where the latest placement put it. Every figure comes
from the scheduler.

The UI thread never reads progress here (issue 13 item 23). Each time home shows, a worker
reads it (``tui.home_progress``, ``tui.home_figures``) and the figures are replaced when it is
done. Meanwhile home shows the figures it has, brought up to date from each answer recorded
while it was hidden: the scheduler tells it (``Scheduler.on_recorded``) and the snapshot takes
the answer in with no query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from quizmath.tui.home_progress import HomeProgress
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.home_menu import HomeMenu, MenuEntry
from quizmath.tui.widgets.topic_tree import TopicTree

if TYPE_CHECKING:
    from collections.abc import Mapping

    from quizmath.core.bank.bank import Bank
    from quizmath.core.progress import ProgressSnapshot
    from quizmath.core.scheduler import Scheduler
    from quizmath.tui.app import QuizApp
    from quizmath.tui.home_figures import HomeFigures
    from quizmath.tui.screens.help import HelpSection

REASONS = {"due": "review due", "new": "new", "soonest": "next review"}
MAX_DETAIL = 52


def _short(text: str, width: int = MAX_DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class HomeScreen(Screen[None]):
    """Menu entries are actions of this screen: ``MenuEntry("drill", …)`` runs ``action_drill``."""

    # Under 30 rows ("-short", e.g. 80×24) the blank lines around the menu go, so the
    # curriculum shows two more rows (issue 13 item 16: only ~8 showed).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 - as Textual declares it

    # The menu shows its own keys (c i k d s p), so the footer keeps to what it does not show and
    # fits 80 columns (issue 13 item 16: Quit was cut off).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", "Continue"),
        Binding("i", "interview", "Interview", show=False),
        Binding("k", "concepts", "Concepts", show=False),
        Binding("d", "drills", "Drills", show=False),
        Binding("s", "stats", "Stats", show=False),
        Binding("p", "placement", "Placement", show=False),
        Binding("o", "topic_concept", "Topic page"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Read(Message):
        """A worker's reading of progress (``error``: it failed). A plain class: a dataclass
        would compile its methods before the first paint."""

        def __init__(
            self,
            token: int,
            snapshot: ProgressSnapshot | None,
            placed: Mapping[str, str] | None,
            figures: HomeFigures | None,
            error: str = "",
        ) -> None:
            self.token = token
            self.snapshot = snapshot
            self.placed = placed
            self.figures = figures
            self.error = error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        # The breakpoint class for the terminal's height from the start, as Textual's first
        # Resize sets it: that comes after the first frame, and the class change restyled the
        # whole screen, a second frame ~10 ms after home's first (issue 13 item 24).
        height = self.app.size.height
        self.add_class(max(b for b in self.VERTICAL_BREAKPOINTS if height >= b[0])[1])
        self.progress: HomeProgress | None = None  # made on mount (it needs the app)
        self.figures: HomeFigures | None = None  # on screen
        self._token = 0  # the latest reading's
        self._listening: Scheduler | None = None

    @property
    def snapshot(self) -> ProgressSnapshot | None:
        return self.progress.snapshot if self.progress is not None else None

    @property
    def reading(self) -> bool:
        """A worker is reading progress."""
        return self.progress is not None and self.progress.reading

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="status", markup=False)
            yield HomeMenu(id="menu")
            yield Static(
                "Curriculum   (Enter: practise a topic · o: its concept page)",
                id="curriculum-title",
            )
            yield TopicTree(id="topics")
        yield Footer()

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(HomeMenu).focus()
        self.quiz.drills.offer_unfinished()  # once per run of the app, if there is one

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Show progress again (after practice, a rating, or when the bank arrives): at once
        from the snapshot the answers since have updated, then as a worker reads it."""
        app = self.quiz
        status = self.query_one("#status", Static)
        menu = self.query_one(HomeMenu)
        tree = self.query_one(TopicTree)
        if app.bank is None or app.scheduler is None:
            if app.bank_error:
                status.update(
                    Content.assemble(
                        ("The question bank did not load: ", "bold $error"), app.bank_error
                    )
                )
            else:
                status.update(Content.styled("Loading the question bank…", "italic $text-muted"))
            menu.set_entries(self.menu_entries(loading=True))
            tree.show_loading("Loading the curriculum…")
            return
        scheduler, bank = app.scheduler, app.bank
        if self.progress is None:
            self.progress = HomeProgress(app.services.storage)
        progress = self.progress
        if self._listening is not scheduler:
            scheduler.on_recorded(progress.take)  # each answer, as it is recorded
            self._listening = scheduler
        if progress.snapshot is not None:  # no query: a computation
            self._show(self._figures(progress.snapshot, progress.placed))
        # The first time, the menu waits for the figures (a few ms): redrawing it now delayed
        # the reading's worker by ~20 ms (issue 13 item 24: home usable soon after its paint).
        self._token += 1
        progress.started()
        self._read(self._token, progress, scheduler, bank)

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-progress")
    def _read(self, token: int, progress: HomeProgress, scheduler: Scheduler, bank: Bank) -> None:
        from quizmath.tui.faults import explained

        try:
            snapshot, placed = progress.read(scheduler, bank)
            figures = self._figures(snapshot, placed, scheduler)
        except Exception as exc:  # the figures on screen stay; say why they are not new
            error = explained(self, "reading progress for home", exc)
            self.post_message(self.Read(token, None, None, None, error))
            return
        self.post_message(self.Read(token, snapshot, placed, figures))

    @on(Read)
    def _read_done(self, message: Read) -> None:
        progress = self.progress
        if message.token != self._token or progress is None:
            return  # an earlier reading, overtaken
        changed = progress.arrived(message.snapshot, message.placed)
        if progress.snapshot is None or message.figures is None:
            self.notify(f"Progress not read: {message.error}", severity="error", markup=False)
            if self.figures is None:  # Continue works without them
                self.query_one(HomeMenu).set_entries(self.menu_entries())
                self.refresh_bindings()
        elif changed:  # answers recorded while it read: in the snapshot, not in its figures
            self._show(self._figures(progress.snapshot, progress.placed))
        else:
            self._show(message.figures)
        # The rest of the content may load now. After the screen's next refresh, so as not to
        # compete with it for the interpreter; the figures' own widgets may still redraw once
        # more after that (measured: the interview files then start a few ms before the frame
        # with "Reviews due" is written).
        self.call_after_refresh(self.quiz.home_shown)

    def _figures(
        self,
        snapshot: ProgressSnapshot,
        placed: Mapping[str, str] | None,
        scheduler: Scheduler | None = None,
    ) -> HomeFigures:
        from quizmath.tui.home_figures import figures

        app = self.quiz
        scheduler = scheduler or app.scheduler
        assert scheduler is not None
        questions = app.interviews.questions.values() if app.interviews else ()
        exercises = app.exercises.exercises.values() if app.exercises else ()
        titles = {x.id: x.title for x in exercises}
        return figures(scheduler, snapshot, questions, titles, placed)

    def _show(self, figures: HomeFigures) -> None:
        app = self.quiz
        assert app.bank is not None
        self.figures = figures
        view = figures.view
        parts = [f"{view.due} problem{'s' if view.due != 1 else ''}"]
        if view.interviews_due:
            n = view.interviews_due
            parts.append(f"{n} interview question{'s' if n != 1 else ''}")
        if figures.coding_due:
            n = figures.coding_due
            parts.append(f"{n} coding exercise{'s' if n != 1 else ''}")
        later = figures.later_today
        self.query_one("#status", Static).update(
            Content.assemble(
                ("Reviews due: ", "bold"),
                (" · ".join(parts), "bold $warning" if view.due or len(parts) > 1 else ""),
                (f"   {later} more later today" if later else "", "$text-muted"),
                ("" if view.due else "   Continue serves new problems", "$text-muted"),
            )
        )
        self.query_one(HomeMenu).set_entries(self.menu_entries())
        self.query_one(TopicTree).set_progress(
            app.bank.curriculum, view.topics, figures.exercises, figures.placed
        )
        self.refresh_bindings()  # Continue and Interview were dimmed while the bank loaded

    def on_unmount(self) -> None:
        if self.progress is not None:
            self.progress.close()

    def menu_entries(self, *, loading: bool = False) -> list[MenuEntry]:
        """What the menu offers; extend by adding an entry and an ``action_<id>``."""
        app = self.quiz
        if loading:
            return [
                MenuEntry("continue", "Continue", "loading…", "c", enabled=False),
                MenuEntry("interview", "Interview Q&A", "loading…", "i", enabled=False),
                MenuEntry("concepts", "Concepts", "every concept page", "k"),
                *self._drill_entries(),
            ]
        assert app.bank is not None
        view = self.figures.view if self.figures is not None else None
        if view is None:  # the figures are being read: Continue picks for itself
            cont = MenuEntry("continue", "Continue", "…", "c")
        elif view.pick is None:
            cont = MenuEntry("continue", "Continue", "nothing to practise yet", "c", False)
        else:
            template = app.bank.summary(view.pick.template_id)  # its title; not decoded
            reason = REASONS.get(view.pick.reason, view.pick.reason)
            cont = MenuEntry(
                "continue", "Continue", f"{_short(template.title, 40)} · {reason}", "c"
            )
        entries = [cont]
        if app.interviews is not None and app.interviews.questions:
            question = view.next_interview if view is not None else None
            detail = _short(question.question) if question else ""
            entries.append(MenuEntry("interview", "Interview Q&A", detail, "i"))
        entries.append(MenuEntry("concepts", "Concepts", "every concept page", "k"))
        entries.extend(self._drill_entries())
        return entries

    def _drill_entries(self) -> list[MenuEntry]:
        from quizmath.tui.home_figures import drills_line

        stats = "mastery, practice calendar and streak, drill history"
        drills = self.figures.view.drills if self.figures is not None else None
        return [
            MenuEntry("drills", "Drills", _short(drills_line(drills)), "d"),
            MenuEntry("stats", "Stats", stats, "s"),
            MenuEntry("placement", "Placement", "15–25 questions: mark what you know", "p"),
        ]

    @on(HomeMenu.Chosen)
    async def _chosen(self, message: HomeMenu.Chosen) -> None:
        await self.run_action(message.entry_id)

    @on(TopicTree.Chosen)
    def _topic_chosen(self, message: TopicTree.Chosen) -> None:
        if message.templates:
            self.quiz.practice.open(topic=message.topic_id)
        else:
            self._open_topic_concept(message.topic_id)

    @on(TopicTree.ExerciseChosen)
    def _exercise_chosen(self, message: TopicTree.ExerciseChosen) -> None:
        self.quiz.open_exercise(message.exercise_id)

    def action_continue(self) -> None:
        self.quiz.practice.open()

    def action_interview(self) -> None:
        self.quiz.practice.open_interview()

    def action_concepts(self) -> None:
        self.quiz.open_concept_index()

    def action_drills(self) -> None:
        self.quiz.drills.open_setup()

    def action_stats(self) -> None:
        self.quiz.open_stats()

    def action_placement(self) -> None:
        self.quiz.open_placement()

    def action_topic_concept(self) -> None:
        ref = self.query_one(TopicTree).highlighted_topic
        if ref is None:
            self.notify("Highlight a topic in the curriculum first.", severity="warning")
            return
        self._open_topic_concept(ref.topic_id)

    def _open_topic_concept(self, topic_id: str) -> None:
        page = self.quiz.services.concept_for(topic_id)
        if page is None:
            self.notify("This topic has no concept page yet.", severity="warning")
        else:
            self.quiz.open_concept(page)

    def help_sections(self) -> list[HelpSection]:
        from quizmath.tui.screens.help import HelpSection

        return [
            HelpSection(
                "Home",
                "Continue serves what is due for review, else something new, else the next "
                "review. Arrow keys and Enter choose in the menu; tab moves to the "
                "curriculum, where Enter practises a topic and o opens its concept page. "
                "Your progress is saved after every answer.",
            )
        ]

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        if action in ("continue", "interview") and self.quiz.bank is None:
            return None  # shown dimmed until the bank is loaded
        return True

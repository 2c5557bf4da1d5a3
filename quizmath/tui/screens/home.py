"""Home: what to do next (Continue, reviews due, interview Q&A, concepts, placement) and the
curriculum with progress per topic and where the latest placement put it. Every figure comes
from the scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.home_menu import HomeMenu, MenuEntry
from quizmath.tui.widgets.topic_tree import ExerciseRef, TopicTree

if TYPE_CHECKING:
    from quizmath.tui.app import QuizApp
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
        """Re-read progress (after practice, a rating, or when the bank arrives)."""
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
        due = scheduler.due_count()
        interviews_due = (
            len(scheduler.due_interviews(app.interviews.questions.values()))
            if app.interviews
            else 0
        )
        exercises = self._exercises()
        coding_due = sum(1 for x in exercises if x.state == "due")
        parts = [f"{due} problem{'s' if due != 1 else ''}"]
        if interviews_due:
            parts.append(f"{interviews_due} interview question{'s' if interviews_due != 1 else ''}")
        if coding_due:
            parts.append(f"{coding_due} coding exercise{'s' if coding_due != 1 else ''}")
        later = scheduler.due_later_today()
        status.update(
            Content.assemble(
                ("Reviews due: ", "bold"),
                (" · ".join(parts), "bold $warning" if due or len(parts) > 1 else ""),
                (f"   {later} more later today" if later else "", "$text-muted"),
                ("" if due else "   Continue serves new problems", "$text-muted"),
            )
        )
        from quizmath.core.placement.placement_map import latest_map

        placement = latest_map(scheduler.storage, bank.curriculum)
        menu.set_entries(self.menu_entries())
        placed = {t.topic: str(t.level) for t in placement.topics} if placement else None
        tree.set_progress(bank.curriculum, scheduler.topic_progress(), exercises, placed)
        self.refresh_bindings()  # Continue and Interview were dimmed while the bank loaded

    def _exercises(self) -> list[ExerciseRef]:
        """The coding exercises for the tree, each with where it stands."""
        app = self.quiz
        if app.exercises is None or app.scheduler is None:
            return []
        titles = {x.id: x.title for x in app.exercises.exercises.values()}
        return [
            ExerciseRef(p.exercise_id, p.topic_id, titles[p.exercise_id], p.state.value)
            for p in app.scheduler.exercise_progress()
            if p.exercise_id in titles
        ]

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
        assert app.scheduler is not None and app.bank is not None
        pick = app.scheduler.pick()
        if pick is None:
            cont = MenuEntry("continue", "Continue", "nothing to practise yet", "c", False)
        else:
            template = app.bank.summary(pick.template_id)  # its title; not decoded
            detail = f"{_short(template.title, 40)} · {REASONS.get(pick.reason, pick.reason)}"
            cont = MenuEntry("continue", "Continue", detail, "c")
        entries = [cont]
        if app.interviews is not None and app.interviews.questions:
            question = app.scheduler.next_interview(app.interviews.questions.values())
            detail = _short(question.question) if question else ""
            entries.append(MenuEntry("interview", "Interview Q&A", detail, "i"))
        entries.append(MenuEntry("concepts", "Concepts", "every concept page", "k"))
        entries.extend(self._drill_entries())
        return entries

    def _drill_entries(self) -> list[MenuEntry]:
        from quizmath.tui.drill_controller import drills_detail

        stats = "mastery, practice calendar and streak, drill history"
        return [
            MenuEntry("drills", "Drills", _short(drills_detail(self.quiz.services.storage)), "d"),
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

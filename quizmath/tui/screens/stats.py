"""Progress at a glance: the weakest topics (Enter practises one now), the practice calendar and
streak, attempts and accuracy per day, the drill history, mastery per topic, and the learning
that adapts: calibration (share right per confidence) with the confident misses, the interview
key points most often missed, and the latest placement (``stats_learning``).

Everything comes from ``core.stats.compute_stats`` (what ``quizmath stats`` prints), computed
in a worker whose database reads hop to the UI thread (``OnUIThread``). Days are local days.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from quizmath.core.terminal_text import error_text
from quizmath.tui.messages import ContentFailed, ContentReady
from quizmath.tui.screens.stats_learning import (
    key_points_text,
    misses_text,
    placement_text,
    show_calibration,
)
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.practice_calendar import PracticeCalendar
from quizmath.tui.widgets.series_plot import SeriesPlot

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.stats import Stats
    from quizmath.core.storage import Storage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.messages import Loaded

MIN_DAYS = 14  # the daily plots start at the first practice day, but show at least this many
DRILLS_SHOWN = 20
BAR = 10
TITLE_WIDTH = 40


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class StatsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("p", "practise", "Practise topic"),
        Binding("d", "drill", "Drill weak topics"),
        # Priority: the page scrolls even while the (short) weakest list has focus.
        Binding("pagedown,space", "page(1)", "Scroll", priority=True),
        Binding("pageup,b", "page(-1)", show=False, priority=True),
    ]

    @dataclass
    class Computed(Message):
        stats: Stats | None
        error: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.stats: Stats | None = None
        self.computing = False

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static("Counting…", id="stats-summary", markup=False)
            with Horizontal(id="stats-top"):
                with Vertical(id="stats-calendar-box"):
                    yield PracticeCalendar(id="calendar")
                    yield Static("", id="stats-streak", markup=False)
                with Vertical(id="stats-weak-box"):
                    yield OptionList(id="weakest")
            with Horizontal(id="stats-plots"):
                yield SeriesPlot("Problem attempts per day", id="plot-attempts")
                yield SeriesPlot("Accuracy per day", id="plot-accuracy")
            yield SeriesPlot("Drills: score per drill", id="plot-drills")
            yield Static("Mastery by topic (recall now and recent accuracy)", classes="heading")
            yield Static("", id="mastery", markup=False)
            yield Static("", id="stats-placement", markup=False)
            with Horizontal(id="stats-calibration"):
                yield SeriesPlot("Calibration: % right by confidence", id="plot-calibration")
                yield Static("", id="stats-misses", markup=False)
            yield Static("Interview key points most often missed", classes="heading")
            yield Static("", id="stats-key-points", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stats"
        self.query_one("#stats-calendar-box").border_title = "Practice days"
        self.query_one("#stats-weak-box").border_title = "Weakest topics · Enter: practise now"
        if self.quiz.loaded is not None:
            self._begin(self.quiz.loaded)
        elif self.quiz.bank_error:
            self._cannot(self.quiz.bank_error)

    @on(ContentReady)
    def _content_ready(self, message: ContentReady) -> None:
        self._begin(message.loaded)

    @on(ContentFailed)
    def _content_failed(self, message: ContentFailed) -> None:
        self._cannot(message.error)

    def _begin(self, loaded: Loaded) -> None:
        if self.computing:
            return
        from quizmath.tui.ui_thread import on_ui_thread

        self.computing = True
        # Made here: the wrappers remember the thread they are created on as the UI thread.
        storage = on_ui_thread(self.quiz.services.storage, self.app)
        scheduler = on_ui_thread(loaded.scheduler, self.app)
        self._compute(loaded.bank, storage, scheduler, loaded.interviews)

    def _cannot(self, error: str) -> None:
        self.post_message(self.Computed(None, f"the question bank did not load: {error}"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def _compute(
        self, bank: Bank, storage: Storage, scheduler: Scheduler, interviews: InterviewBank
    ) -> None:
        from quizmath.core.stats import compute_stats

        try:
            services = self.quiz.services
            stats = compute_stats(
                storage,
                bank,
                scheduler=scheduler,
                now=services.now() if services.now is not None else None,
                interviews=interviews.questions.values(),
            )
        except Exception as exc:  # stats that cannot be computed must not take the app down
            self.post_message(self.Computed(None, error_text(exc)))
            return
        self.post_message(self.Computed(stats))

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        s = self.stats = message.stats
        if s is None:
            self.query_one("#stats-summary", Static).update(
                Content.assemble(("No stats: ", "bold $error"), message.error)
            )
            return
        self.query_one("#stats-summary", Static).update(summary(s))
        self.query_one(PracticeCalendar).show(s.calendar)
        self.query_one("#stats-streak", Static).update(streak_text(s))
        self._fill_weakest(s)
        self._fill_plots(s)
        self.query_one("#mastery", Static).update(mastery_lines(s))
        self.query_one("#stats-placement", Static).update(placement_text(s))
        show_calibration(self.query_one("#plot-calibration", SeriesPlot), s)
        self.query_one("#stats-misses", Static).update(misses_text(s))
        self.query_one("#stats-key-points", Static).update(key_points_text(s))
        self.refresh_bindings()

    def _fill_weakest(self, s: Stats) -> None:
        weakest = self.query_one("#weakest", OptionList)
        weakest.clear_options()
        for w in s.weakest:
            how = (
                "not started"
                if w.reason == "not started"
                else f"mastery {pct(w.mastery)}, {pct(w.accuracy)} right of {w.attempts}"
            )
            weakest.add_option(
                Option(
                    Content.assemble((w.title, "bold"), "\n  ", (how, "$text-muted")), w.topic_id
                )
            )
        if s.weakest:
            weakest.highlighted = 0
            weakest.focus()
        else:
            weakest.add_option(
                Option("Nothing weak: every topic is well practised.", disabled=True)
            )

    def _fill_plots(self, s: Stats) -> None:
        attempts = self.query_one("#plot-attempts", SeriesPlot)
        accuracy = self.query_one("#plot-accuracy", SeriesPlot)
        if not s.totals.attempts:
            attempts.empty("No problems answered yet.\nEscape, then Continue, to start.")
            accuracy.empty("Accuracy shows up after your first answers.")
        else:
            days = list(s.daily)
            first = next((i for i, p in enumerate(days) if p.attempts), len(days) - 1)
            days = days[min(first, max(0, len(days) - MIN_DAYS)) :]
            labels = [f"{p.day:%d %b}" for p in days]
            attempts.bars(labels, [p.attempts for p in days], colour="primary")
            accuracy.line(labels, [None if p.accuracy is None else 100 * p.accuracy for p in days])
        drills = self.query_one("#plot-drills", SeriesPlot)
        shown = s.drills[-DRILLS_SHOWN:]
        if not shown:
            drills.empty("No drills finished yet: d starts one.")
        else:
            drills.bars([f"#{d.drill_id}" for d in shown], [d.percent for d in shown],
                        colour="accent", percent=True)  # fmt: skip

    # -- actions ---------------------------------------------------------------------------

    def _highlighted_topic(self) -> str | None:
        weakest = self.query_one("#weakest", OptionList)
        index = weakest.highlighted
        if index is None or not weakest.option_count:
            return None
        return weakest.get_option_at_index(index).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":
            return True if self._highlighted_topic() is not None else None
        return True

    @on(OptionList.OptionSelected, "#weakest")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.quiz.practice.open(topic=event.option.id)

    def action_practise(self) -> None:
        topic = self._highlighted_topic()
        if topic is not None:
            self.quiz.practice.open(topic=topic)

    def action_drill(self) -> None:
        self.quiz.drills.open_setup()

    def action_page(self, direction: int) -> None:
        scroll = self.query_one("#stats", VerticalScroll)
        scroll.scroll_page_down() if direction > 0 else scroll.scroll_page_up()


def summary(s: Stats) -> Content:
    t = s.totals
    if not t.answers:
        return Content.assemble(
            ("Nothing practised yet. ", "bold"),
            ("Pick a topic below and press Enter to start; your progress shows up here.", ""),
        )
    interviews = t.answers - t.attempts
    extra = f" and {plural(interviews, 'interview self-rating')}" if interviews else ""
    return Content.assemble(
        (plural(t.attempts, "problem attempt"), "bold"),
        f" ({pct(t.accuracy)} right){extra} on {plural(t.practice_days, 'day')} since "
        f"{t.first_day:%d %b %Y}; {plural(t.drills, 'drill')} finished.",
        coding_text(s),
        (f"   Days in {s.timezone}.", "$text-muted"),
    )


def coding_text(s: Stats) -> Content:
    """The coding exercises in one sentence (as ``quizmath stats`` says it), once one is tried."""
    tried = [x for x in s.exercises if x.attempts]
    if not tried:
        return Content("")
    solved = sum(1 for x in s.exercises if x.solved)
    due = sum(1 for x in s.exercises if x.state == "due")
    return Content.assemble(
        f"\nCoding exercises: {solved} of {len(s.exercises)} solved",
        (f", {due} due for review" if due else "", "$warning"),
        ".",
    )


def streak_text(s: Stats) -> Content:
    st = s.streak
    keep = "" if st.practiced_today or not st.current else "  practise today to keep it"
    return Content.assemble(
        ("Streak ", "bold"),
        (plural(st.current, "day"), "bold $success" if st.current else "bold"),
        (f" · longest {st.longest}", "$text-muted"),
        (keep, "$warning"),
    )


def mastery_lines(s: Stats) -> Content:
    lines: list[Content] = []
    area = None
    for x in s.topics:
        if not x.templates:
            continue
        if x.area_title != area:
            area = x.area_title
            lines.append(Content.styled(area, "bold $primary"))
        m = x.mastery or 0.0
        style = "$success" if m >= 0.8 else "$warning" if m >= 0.4 else "$error"
        filled = round(m * BAR)
        title = x.title if len(x.title) <= TITLE_WIDTH else x.title[: TITLE_WIDTH - 1] + "…"
        detail = (
            f"{plural(x.attempts, 'attempt')}, {pct(x.accuracy)} right"
            if x.attempts
            else "not started"
        )
        if x.due:
            detail += f", {x.due} due"
        lines.append(
            Content.assemble(
                f"  {title:<{TITLE_WIDTH}} ",
                ("█" * filled, style),
                ("░" * (BAR - filled), "$text-muted"),
                f" {pct(x.mastery) if x.attempts else '—':>4}  ",
                (detail, "$text-muted"),
            )
        )
    return Content("\n").join(lines)

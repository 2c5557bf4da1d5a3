"""A drill's report: score, accuracy per topic, time per question against the learner's usual
time, the missed questions with their worked solutions, and the comparison with earlier drills.

The report is rebuilt from the database (``core.drill.report.build_report``) in a worker: missed
problems are generated again from their ``id@seed``, which may be slow; its database reads hop
to the UI thread (``OnUIThread``). Enter (or p) on a row of the question table practises that
problem again by its ``id@seed`` (an interview question: that question), then comes back here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizmath.core.drill.clock import format_clock, local_time
from quizmath.core.drill.outcomes import ending_words
from quizmath.core.drill.report import MISSED, TREND_OVER, points_text
from quizmath.core.items import Ending, ItemKind
from quizmath.core.terminal_text import error_text
from quizmath.tui.messages import ContentFailed, ContentReady
from quizmath.tui.widgets.answer_box import printable
from quizmath.tui.widgets.fitted_table import FittedTable
from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.prompt_view import PromptView

if TYPE_CHECKING:
    from quizmath.core.drill.report import DrillReport, ReportItem
    from quizmath.core.storage import Storage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.messages import Loaded

OUTCOME = {
    Ending.CORRECT: ("✓ right", "$success"),
    Ending.WRONG: ("✗ wrong", "$error"),
    Ending.SKIPPED: ("↷ skipped", "$warning"),
    Ending.UNANSWERED: ("– unanswered", "$warning"),
}
BAR = 10
QUESTION = 2  # the question column of the table: it takes the width left and wraps


def bar(fraction: float, style: str, width: int = BAR) -> Content:
    filled = round(fraction * width)
    return Content.assemble(("█" * filled, style), ("░" * (width - filled), "$text-muted"))


def vs_usual(ms: int | None, usual: int | None) -> Content:
    """ "+0:12" slower (warning) or "−0:05" faster (success) than the usual time."""
    if ms is None or usual is None:
        return Content("")
    diff = ms - usual
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    return Content.styled(
        f"{sign}{format_clock(abs(diff))}", "$warning" if diff > 0 else "$success"
    )


def one_line(text: str) -> str:
    """A title as one paragraph (printable, its spacing and line breaks collapsed): the table
    and the headings wrap it to the width they have."""
    return " ".join(printable(text).split())


class DrillReportScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("p", "replay", "Practise again"),
        Binding("h", "history", "Past drills"),
        # Priority: the page scrolls even while the (short) question table has focus.
        Binding("pagedown,space", "page(1)", "Scroll", priority=True),
        Binding("pageup,b", "page(-1)", show=False, priority=True),
    ]

    @dataclass
    class Built(Message):
        report: DrillReport | None
        error: str = ""

    def __init__(self, drill_id: int) -> None:
        super().__init__()
        self.drill_id = drill_id
        self.report: DrillReport | None = None
        self.building = False

    @property
    def quiz(self) -> QuizApp:
        return cast("QuizApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report"):
            yield Static("Building the report…", id="report-head", markup=False)
            yield Static("", id="report-score", markup=False)
            yield Static("By topic", classes="heading")
            yield Static("", id="report-topics", markup=False)
            yield Static("Questions (Enter or p on a row: practise it again)", classes="heading")
            yield FittedTable(id="report-items")
            yield Static("Missed, with worked solutions", id="missed-title", classes="heading")
            yield Vertical(id="report-missed")
            yield Static("Compared with earlier drills", classes="heading")
            yield Static("", id="report-compare", markup=False)
            yield Static("", id="report-share", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Drill {self.drill_id} · report"
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
        if self.building:
            return
        from quizmath.tui.ui_thread import on_ui_thread

        self.building = True
        # Made here: the wrapper remembers the thread it is created on as the UI thread.
        self._build(loaded, on_ui_thread(self.quiz.services.storage, self.app))

    def _cannot(self, error: str) -> None:
        self.post_message(self.Built(None, f"the question bank did not load: {error}"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="report")
    def _build(self, loaded: Loaded, storage: Storage) -> None:
        from quizmath.core.drill.report import build_report

        try:
            report = build_report(
                storage,
                self.drill_id,
                loaded.bank,
                loaded.interviews,
                exercises=loaded.exercises,
                checker=self.quiz.checker,  # the typical mistake a wrong answer is
                generator=self.quiz.drills.generator,  # in the checking service's process
            )
        except Exception as exc:  # a report that cannot be built must not take the app down
            self.post_message(self.Built(None, error_text(exc)))
            return
        self.post_message(self.Built(report))

    @on(Built)
    async def _built(self, message: Built) -> None:
        r = self.report = message.report
        if r is None:
            self.query_one("#report-head", Static).update(
                Content.assemble(("No report: ", "bold $error"), printable(message.error))
            )
            return
        run = r.run
        status = ending_words(run.ended, "unfinished")
        self.query_one("#report-head", Static).update(
            Content.assemble(
                (f"Drill {run.id}", "bold $primary"),
                f" · {local_time(run.started_at)} · seed {run.seed} · code {run.code} · {status}",
            )
        )
        self.query_one("#report-score", Static).update(score_line(r))
        self.query_one("#report-topics", Static).update(topic_lines(r))
        self._fill_items(r)
        await self._fill_missed(r)
        self.query_one("#report-compare", Static).update(comparison(r))
        self.query_one("#report-share", Static).update(
            Content.assemble(
                ("Share this drill: ", "bold"), (f"quizmath drill {r.share_args}", "$accent")
            )
        )
        self.query_one("#report-items", DataTable).focus(scroll_visible=False)
        self.refresh_bindings()

    def _fill_items(self, r: DrillReport) -> None:
        rows: list[list[Content | str]] = []
        for i in r.items:
            word, style = OUTCOME.get(i.outcome, (i.outcome, ""))
            if i.parts:  # a multi-part problem: its parts right
                word += f" {i.parts_right}/{len(i.parts)}"
            note = " ⏱" if i.timed_out and i.reached else ""
            lead = {ItemKind.INTERVIEW: "Interview: ", ItemKind.EXERCISE: "Code: "}
            title = lead.get(i.kind, "") + i.title
            rows.append(
                [
                    str(i.position + 1),
                    Content.assemble((word, style), (note, "$error")),
                    one_line(title),
                    format_clock(i.ms) if i.reached else "—",
                    format_clock(i.usual_ms),
                    vs_usual(i.ms if i.reached else None, i.usual_ms),
                    Content.styled(i.ref, "$text-muted"),
                ]
            )
        table = self.query_one("#report-items", FittedTable)
        headers = ["#", "outcome", "question", "time", "usual", "vs usual", "replay as"]
        table.set_rows(headers, rows, [str(i.position) for i in r.items], wrap=QUESTION)

    async def _fill_missed(self, r: DrillReport) -> None:
        box = self.query_one("#report-missed", Vertical)
        await box.remove_children()
        self.query_one("#missed-title").display = bool(r.missed or r.not_reached)
        widgets: list[Static] = []
        for i in r.missed:
            widgets += missed_widgets(i)
        if r.not_reached:
            refs = ", ".join(i.ref for i in r.not_reached)
            widgets.append(Static(f"Not reached when time ran out: {refs}", markup=False))
        await box.mount_all(widgets)

    # -- actions ---------------------------------------------------------------------------

    def _selected(self) -> ReportItem | None:
        if self.report is None:
            return None
        table = self.query_one("#report-items", DataTable)
        if not table.row_count:
            return None
        return self.report.items[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replay":
            return True if self._selected() is not None else None
        return True

    def action_replay(self) -> None:
        item = self._selected()
        if item is None:
            return
        if item.kind == ItemKind.PROBLEM:
            self.quiz.practice.replay(item.ref)
            return
        if item.kind == ItemKind.EXERCISE:
            self.quiz.open_exercise(item.ref.partition("@")[0])
            return
        interviews = self.quiz.interviews
        if interviews is None or not interviews.get(item.ref):
            self.notify("That interview question is not available.", severity="warning")
            return
        self.quiz.practice.open_interview(item.ref, from_home=False)

    @on(DataTable.RowSelected, "#report-items")
    def _row_selected(self) -> None:
        self.action_replay()

    def action_history(self) -> None:
        self.quiz.drills.open_history(from_home=False)

    def on_resize(self) -> None:
        # After the layout, when the table's container has its new width.
        self.call_after_refresh(self.query_one("#report-items", FittedTable).refit)

    def action_page(self, direction: int) -> None:
        scroll = self.query_one("#report", VerticalScroll)
        scroll.scroll_page_down() if direction > 0 else scroll.scroll_page_up()


def score_line(r: DrillReport) -> Content:
    run = r.run
    parts = [
        Content.styled(f"Score {points_text(r.points)} of {r.total} ({r.percent:.0f}%)", "bold"),
        Content("   "),
        bar(r.percent / 100, "$success"),
    ]
    counts = [f"{r.count(k)} {k}" for k in MISSED if r.count(k)]
    if counts:
        parts.append(Content.styled("   " + ", ".join(counts), "$text-muted"))
    limit = f" of {format_clock(run.limit_ms)}" if run.limit_ms is not None else " (untimed)"
    parts.append(Content.styled(f"\nTime used {format_clock(run.used_ms)}{limit}", "$text-muted"))
    return Content.assemble(*parts)


def topic_lines(r: DrillReport) -> Content:
    width = max((len(t.title) for t in r.topics), default=0)
    lines = []
    for t in r.topics:
        style = "$success" if t.accuracy >= 0.8 else "$warning" if t.accuracy >= 0.5 else "$error"
        lines.append(
            Content.assemble(
                f"{t.title:<{width}}  ",
                bar(t.accuracy, style),
                f"  {t.correct if t.points is None else points_text(t.points)}/{t.total}"
                f"  {100 * t.accuracy:>3.0f}%",
            )
        )
    return Content("\n").join(lines)


def missed_widgets(i: ReportItem) -> list[Static]:
    """A missed item: what was answered, the right answer, the worked solution, how to replay."""
    head = Content.assemble(
        (f"{i.position + 1}. ", "bold"),
        (one_line(i.title), "bold"),
        (f"   {i.ref}", "$text-muted"),
    )
    out: list[Static] = [Static(head, classes="missed-head")]
    what = {ItemKind.INTERVIEW: "Your notes", ItemKind.EXERCISE: "Your file"}.get(
        i.kind, "Your answer"
    )
    if i.outcome == Ending.SKIPPED:
        given = Content.styled("Skipped.", "$warning")
    elif i.answer.strip():
        given = Content.assemble((f"{what}: ", "$text-muted"), printable(i.answer.strip()))
    else:
        given = Content.styled("Not answered.", "$warning")
    if i.kind == ItemKind.INTERVIEW and i.rating is not None:
        given = Content.assemble(given, (f"   (rated {i.rating} of 4)", "$text-muted"))
    out.append(Static(given, classes="missed-line"))
    if i.mistake:
        out.append(
            Static(
                Content.assemble(("A common mistake: ", "$warning"), printable(i.mistake)),
                classes="missed-line",
            )
        )
    if i.parts:
        parts = Content.assemble(("Parts: ", "$text-muted"), i.parts_line())
        out.append(Static(parts, classes="missed-line"))
    if i.kind in (ItemKind.PROBLEM, ItemKind.MULTIPART) and i.expected:
        out.append(
            Static(
                Content.assemble(("Answer: ", "$text-muted"), (printable(i.expected), "bold")),
                classes="missed-line",
            )
        )
    if i.solution:
        label = {ItemKind.INTERVIEW: "Model answer", ItemKind.EXERCISE: "A model solution"}.get(
            i.kind, "Worked solution"
        )
        out.append(Static(Content.styled(label, "$text-muted"), classes="missed-line"))
        out.append(PromptView(i.solution, id=None))
    if i.kind == ItemKind.INTERVIEW and i.expected:
        out.append(Static(Content.styled("Key points", "$text-muted"), classes="missed-line"))
        out.append(PromptView(i.expected))
    if i.kind in (ItemKind.PROBLEM, ItemKind.MULTIPART):
        replay = f"Replay: p on its row above, or quizmath practice --template {i.ref}"
        out.append(Static(Content.styled(replay, "$text-muted"), classes="missed-line"))
    elif i.kind == ItemKind.EXERCISE:
        again = f"Practise it: quizmath code {i.ref.partition('@')[0]}, or from home"
        out.append(Static(Content.styled(again, "$text-muted"), classes="missed-line"))
    return out


def comparison(r: DrillReport) -> Content:
    c = r.comparison
    if not c.earlier:
        return Content.styled("None yet: this is the first drill to compare with.", "$text-muted")
    lines = []
    for d in c.earlier:
        lines.append(
            Content.assemble(
                (f"drill {d.id:>3}  ", "$text-muted"),
                bar(d.percent / 100, "$primary"),
                f"  {d.correct}/{d.total}  {d.percent:>3.0f}%",
            )
        )
    lines.append(
        Content.assemble(
            ("now       ", "bold"),
            bar(r.percent / 100, "$success"),
            (f"  {r.correct}/{r.total}  {r.percent:>3.0f}%", "bold"),
        )
    )
    assert c.change is not None and c.vs_recent_mean is not None and c.best_percent is not None
    best = "a new best" if c.is_best else f"best so far {c.best_percent:.0f}%"
    since = f"{c.change:+.0f} points since the last drill"
    if len(c.earlier) > 1:
        n = min(TREND_OVER, len(c.earlier))
        since += f", {c.vs_recent_mean:+.0f} against the mean of the last {n}"
    style = {"up": "$success", "down": "$error"}.get(c.trend or "", "")
    lines.append(Content.assemble((since, style), f"; {best}."))
    return Content("\n").join(lines)

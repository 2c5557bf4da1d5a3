"""A coding exercise: the task, what to write (signatures and docstrings), what is graded, and
the learner's file. Everything from the bank file or the learner goes in as plain text.

In a drill (the default) the file is watched: each save, or Enter, posts
``ExerciseItem.Submitted`` with the file as it stands (``core.items.exercise.submission``), and
the drill screen judges it; ``e`` opens ``$EDITOR``. The exercise screen builds it with
``submit_on_save=False`` and grades the saves itself. It only renders and passes input up.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizmath.core.terminal_text import neutralise

if TYPE_CHECKING:
    from quizmath.core.items.exercise import ExerciseTask

IDLE = "Save to submit (a save that passes ends it) · Enter submits · e $EDITOR · ctrl+g skip"


class ExerciseItem(Vertical):
    """``show(task, number=…, topic_title=…)``; in a drill, saves and Enter post Submitted."""

    DEFAULT_CSS = """
    ExerciseItem { height: 1fr; padding: 0 1; }
    ExerciseItem > #ex-meta { height: auto; margin-bottom: 1; }
    ExerciseItem > #ex-body { height: 1fr; border: round $panel; padding: 0 1; }
    ExerciseItem > #ex-body:focus { border: round $primary; }
    ExerciseItem #ex-task { margin-bottom: 1; }
    ExerciseItem #ex-code-title { color: $text-muted; }
    ExerciseItem #ex-code { color: $text; background: $surface; padding: 0 1; margin-bottom: 1; }
    ExerciseItem #ex-graded { color: $text-muted; }
    ExerciseItem > #ex-file { height: auto; }
    ExerciseItem > #ex-note { height: auto; min-height: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Submit", show=False),
        Binding("e", "edit", "Edit file"),
    ]

    @dataclass
    class Submitted(Message):
        """The learner's file is submitted (a save, or Enter): ``text`` names it."""

        item: ExerciseItem
        text: str

    @dataclass
    class _Saved(Message):
        """The watcher saw a save (posted from its thread)."""

        watch: int

    def __init__(self, *, submit_on_save: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.submit_on_save = submit_on_save
        self.served: ExerciseTask | None = None
        self._watch = 0  # which show() the running watcher belongs to
        self._stop = threading.Event()
        self._posted = ""  # the text last submitted

    def compose(self) -> ComposeResult:
        yield Static("", id="ex-meta", markup=False)
        with VerticalScroll(id="ex-body"):
            yield Static("", id="ex-task", markup=False)
            yield Static("Write this:", id="ex-code-title")
            yield Static("", id="ex-code", markup=False)
            yield Static("", id="ex-graded", markup=False)
        yield Static("", id="ex-file", markup=False)
        yield Static("", id="ex-note", markup=False)

    # -- showing -----------------------------------------------------------------------------

    def show(self, served: ExerciseTask, *, number: str = "", topic_title: str = "") -> None:
        self.served = served
        x = served.exercise
        head = " · ".join(p for p in (number, topic_title, "★" * x.difficulty) if p)
        self.query_one("#ex-meta", Static).update(
            Content.assemble(
                ("Coding exercise ", "bold $accent"),
                (x.title, "bold"),
                (f"   {head}", "$text-muted"),
            )
        )
        self.query_one("#ex-task", Static).update(x.task.strip())
        self.query_one("#ex-code", Static).update(served.code.rstrip("\n"))
        graded = served.graded_on
        if served.banned:
            graded += "\nNot allowed: " + ", ".join(served.banned) + "."
        self.query_one("#ex-graded", Static).update(graded)
        where = "written from the starter" if served.created else "yours, kept as it is"
        self.query_one("#ex-file", Static).update(
            Content.assemble(
                ("Your file ", "bold"),
                (f"({where}): ", "$text-muted"),
                (neutralise(str(served.path)), "bold $accent"),
            )
        )
        self.query_one("#ex-body", VerticalScroll).scroll_home(animate=False)
        self._posted = ""
        if self.submit_on_save:
            self.note(IDLE)
            self._start_watching(served)

    def focus_input(self) -> None:
        self.query_one("#ex-body", VerticalScroll).focus()

    def scroll_page(self, direction: int) -> None:
        body = self.query_one("#ex-body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    def note(self, text: str | Content, style: str = "$text-muted") -> None:
        content = text if isinstance(text, Content) else Content.styled(text, style)
        self.query_one("#ex-note", Static).update(content)

    # -- what the drill screen asks ----------------------------------------------------------

    @property
    def value(self) -> str:
        """What submitting now sends: the file as it stands ("" while it is still the starter)."""
        from quizmath.core.items.exercise import submission

        return submission(self.served) if self.served is not None else ""

    def unreadable(self, verdict: Any) -> None:
        """A submission that does not pass yet (not counted): say how far it got; if the file
        changed while it was graded, submit the newer one."""
        reason = neutralise(verdict.reason) if verdict is not None else ""
        self.note(
            Content.assemble(
                ("Not passing yet — not counted. ", "bold $warning"),
                (reason[:1].upper() + reason[1:] + ". " if reason else "", "$warning"),
                ("Keep editing; the next save is graded.", "$text-muted"),
            )
        )
        if self._changed_since_posted():
            self._submit()

    # -- submitting --------------------------------------------------------------------------

    def action_submit(self) -> None:
        self._submit()

    def _submit(self) -> None:
        text = self.value
        if not text:
            self.note("Nothing of yours in the file yet: write your solution and save it.")
            return
        self._posted = self._content()
        self.post_message(self.Submitted(self, text))

    def _content(self) -> str:
        from quizmath.core.exercises.workspace import read_source

        try:
            return read_source(self.served.path) if self.served is not None else ""
        except OSError:
            return ""

    def _changed_since_posted(self) -> bool:
        return bool(self._posted) and self._content() != self._posted and bool(self.value)

    # -- the editor --------------------------------------------------------------------------

    def action_edit(self) -> None:
        from quizmath.tui.editor import open_in_editor

        if self.served is None:
            return
        problem = open_in_editor(self.app, self.served.path)
        if problem is not None:
            self.notify(problem, severity="warning", markup=False, timeout=8)

    # -- watching the file (drills) -----------------------------------------------------------

    def _start_watching(self, served: ExerciseTask) -> None:
        self._stop.set()  # the previous item's watcher
        self._stop = threading.Event()
        self._watch += 1
        watch, stop = self._watch, self._stop

        def run() -> None:
            from quizmath.core.exercises.workspace import saves

            first = True
            for _source in saves(served.path, stop):
                if not first:  # the file as it was shown is not a save
                    self.post_message(self._Saved(watch))
                first = False

        self.run_worker(run, thread=True, exit_on_error=False, group="exercise-watch")

    @on(_Saved)
    def _saved(self, message: _Saved) -> None:
        message.stop()
        if message.watch == self._watch and self.display and not self._stop.is_set():
            self._submit()

    def stop_watching(self) -> None:
        self._stop.set()

    def on_unmount(self) -> None:
        self.stop_watching()

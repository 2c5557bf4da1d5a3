"""The answer input and its live "reads as" line.

Every keystroke runs the core's ``interpret`` (fast, no sympy) and shows how the text reads, or
why it cannot be read with the offending character highlighted. Nothing the learner types is
ever parsed as markup, and control characters are dropped before they reach the screen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from quizmath.tui.widgets.ordered_input import OrderedInput

EXCERPT = 24  # characters shown either side of a parse error


def printable(text: str) -> str:
    """``text`` without control and other invisible code points (safe to put on screen)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")


class AnswerInput(OrderedInput):
    """The answer line, its keys applied in the order typed (``OrderedInput``). A paste of
    several lines (a matrix's rows, a column) becomes one answer, joined as the answer grammar
    reads it (``core.answers.paste``); Textual's ``Input`` would keep only the first line."""

    kind = "integer"  # the answer kind: how pasted lines are joined

    def _on_paste(self, event: events.Paste) -> None:
        from quizmath.core.answers.paste import one_line
        from quizmath.core.terminal_text import CONTROL

        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
        line = one_line(event.text, self.kind)
        if CONTROL.search(event.text.replace("\r", "")) and isinstance(self.parent, AnswerBox):
            self.parent.dropped_controls = True  # said under the box
        if not line:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *self.selection)


class AnswerBox(Vertical):
    """An ``Input`` with the interpretation under it. Posts ``AnswerBox.Submitted``."""

    DEFAULT_CSS = """
    AnswerBox { height: auto; }
    AnswerBox > #reading { height: auto; max-height: 3; padding: 0 1; }
    """

    class Submitted(Message):
        """Enter was pressed; ``text`` is what is in the box (maybe empty)."""

        # A plain class: a dataclass would compile its methods before the first paint.
        def __init__(self, box: AnswerBox, text: str) -> None:
            self.box = box
            self.text = text
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = "integer"
        self.vars: tuple[str, ...] = ()
        self.choices: tuple[str, ...] = ()
        self.idle_text = ""  # shown while the box is empty
        self.dropped_controls = False

    def compose(self) -> ComposeResult:
        yield AnswerInput(
            id="answer", placeholder="Type your answer, then Enter", select_on_focus=False
        )
        yield Static("", id="reading", markup=False)

    @property
    def input(self) -> AnswerInput:
        return self.query_one("#answer", AnswerInput)

    @property
    def value(self) -> str:
        return self.input.value

    def configure(
        self, kind: str, vars: Sequence[str] = (), choices: Sequence[str] = (), idle: str = ""
    ) -> None:
        """A new problem: clear the box and say what is expected."""
        self.kind = self.input.kind = kind
        self.vars = tuple(vars)
        self.choices = tuple(choices)
        self.idle_text = idle
        self.dropped_controls = False
        self.input.value = ""
        self._show_reading("")

    def set_value(self, text: str) -> None:
        self.input.value = text
        self.input.cursor_position = len(text)

    def cycle_choice(self, delta: int) -> None:
        """Up/down on a multiple-choice problem: the previous or next letter."""
        if not self.choices:
            return
        current = self.value.strip().strip("().").upper()[:1]
        index = ord(current) - 65 if current else -1
        if not 0 <= index < len(self.choices):
            index = -1 if delta > 0 else 0
        self.set_value(chr(65 + (index + delta) % len(self.choices)))

    def note(self, content: Content | str) -> None:
        """Replace the reading line with a message (e.g. "checking…")."""
        self.query_one("#reading", Static).update(content)

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        clean = printable(event.value)
        if clean != event.value:
            # Pasted control characters: drop them (they could drive the terminal).
            self.dropped_controls = True
            self.set_value(clean)
            return
        self._show_reading(event.value)

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.value))

    def _show_reading(self, text: str) -> None:
        self.query_one("#reading", Static).update(self.reading(text))

    def reading(self, text: str) -> Content:
        """The line under the box for ``text``."""
        note = (
            Content.assemble((" (control characters removed)", "$text-muted"))
            if self.dropped_controls
            else Content("")
        )
        if not text.strip():
            return Content.assemble((self.idle_text, "$text-muted"), note)
        from quizmath.core.answers import interpret  # ~70 ms the first time; pre-warmed

        result = interpret(text, self.kind, self.vars)
        if result.ok:
            shown = result.interpreted
            if self.kind == "choice" and self.choices:
                index = ord(shown[:1].upper() or "?") - ord("A")
                if 0 <= index < len(self.choices):
                    shown = f"{shown}) {self.choices[index]}"
            return Content.assemble(
                ("reads as  ", "$text-muted"), (printable(shown), "bold $accent"), note
            )
        return Content.assemble(
            ("✗ ", "bold $warning"),
            (printable(result.message), "$warning"),
            *excerpt(text, result.column),
            note,
        )


def excerpt(text: str, column: int | None) -> list[tuple[str, str] | str]:
    """``  …text[X]text…`` with the character at ``column`` (1-based) highlighted."""
    if column is None or not text:
        return []
    i = min(max(column - 1, 0), len(text))  # len(text): the error is at the end
    lo, hi = max(0, i - EXCERPT), min(len(text), i + EXCERPT + 1)
    before = ("…" if lo else "") + printable(text[lo:i])
    at = (printable(text[i]) or "?") if i < len(text) else " "
    after = printable(text[i + 1 : hi]) + ("…" if hi < len(text) else "")
    return ["   ", before, (at, "reverse bold $warning"), after]

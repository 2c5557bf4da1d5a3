"""How sure are you? Low / Medium / High, asked after an answer and before its verdict
(``core.confidence``). A press, or 1–3 on the screen, posts ``ConfidenceBar.Chosen``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static

from quizmath.core.confidence import Confidence

VARIANTS = {Confidence.LOW: "warning", Confidence.MEDIUM: "primary", Confidence.HIGH: "success"}


class ConfidenceBar(Horizontal):
    DEFAULT_CSS = """
    ConfidenceBar { height: auto; width: 100%; padding: 0 1; background: $surface; }
    ConfidenceBar > #conf-ask { width: auto; text-style: bold; margin-right: 2; }
    ConfidenceBar > Button { margin: 0 1 0 0; min-width: 10; }
    """

    class Chosen(Message):
        # A plain class: a dataclass would compile its methods before the first paint.
        def __init__(self, confidence: Confidence) -> None:
            self.confidence = confidence
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Static("How sure are you?", id="conf-ask")

    def ask(self) -> None:
        """Show the bar and put the focus on it (the answer box would swallow 1–3)."""
        self.display = True
        if self.query(Button):
            self._focus()
            return
        # The buttons are made the first time the bar is asked for, not with the problem
        # screen: most learners never turn confidence on, and Button's styles are the largest
        # of any widget the screen would otherwise paint first (issue 13 item 24).
        buttons = [
            Button(
                f"{level.key} {level.label}",
                id=f"conf-{level.value}",
                variant=VARIANTS[level],  # type: ignore[arg-type]
                compact=True,
            )
            for level in Confidence
        ]
        self.mount_all(buttons)
        self.call_after_refresh(self._focus)

    def _focus(self) -> None:
        if self.display:
            self.query_one(f"#conf-{Confidence.MEDIUM.value}", Button).focus()

    def choose(self, level: Confidence) -> None:
        self.post_message(self.Chosen(level))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("conf-"):
            self.choose(Confidence(event.button.id.removeprefix("conf-")))

"""Again / Hard / Good / Easy: the learner's own rating of an interview answer."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button
from textual.widgets.button import ButtonVariant

# fsrs ratings (Again=1 … Easy=4), with the variant that colours each button.
RATINGS: tuple[tuple[int, str, ButtonVariant], ...] = (
    (1, "Again", "error"),
    (2, "Hard", "warning"),
    (3, "Good", "primary"),
    (4, "Easy", "success"),
)


class RatingBar(Horizontal):
    """Four buttons; a press (or the keys 1–4 on the screen) posts ``RatingBar.Rated``."""

    DEFAULT_CSS = """
    RatingBar { height: auto; width: 100%; }
    RatingBar > Button { margin: 0 1 0 0; min-width: 10; }
    """

    @dataclass
    class Rated(Message):
        rating: int  # 1–4
        name: str

    def compose(self) -> ComposeResult:
        for value, name, variant in RATINGS:
            yield Button(f"{value} {name}", id=f"rate-{value}", variant=variant, compact=True)

    def rate(self, value: int) -> None:
        name = dict((v, n) for v, n, _ in RATINGS)[value]
        self.post_message(self.Rated(value, name))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("rate-"):
            self.rate(int(event.button.id.removeprefix("rate-")))

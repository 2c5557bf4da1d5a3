"""A concept page: Markdown from ``question_bank/concepts`` (Unicode maths, no LaTeX)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from quizmath.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizmath.core.content import ConceptPage


class ConceptScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]

    def __init__(self, page: ConceptPage) -> None:
        super().__init__()
        self.page = page

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="concept-scroll"):
            yield Markdown(self.page.markdown, id="concept", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Concept · {self.page.title}"
        self.query_one("#concept-scroll").focus()

    def action_page_down(self) -> None:
        self.query_one("#concept-scroll", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#concept-scroll", VerticalScroll).scroll_page_up()

"""Every concept page, by title; Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from quizmath.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizmath.core.content import ConceptPage
    from quizmath.tui.app import QuizApp


class ConceptIndexScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, pages: Sequence[ConceptPage]) -> None:
        super().__init__()
        self.pages = {p.slug: p for p in pages}

    def compose(self) -> ComposeResult:
        yield Header()
        options = [
            Option(Content.assemble((p.title, "bold"), (f"   {p.slug}", "$text-muted")), id=p.slug)
            for p in self.pages.values()
        ]
        yield OptionList(*options, id="concept-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Concepts · {len(self.pages)} pages"
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        page = self.pages.get(event.option.id or "")
        if page is not None:
            cast("QuizApp", self.app).open_concept(page)

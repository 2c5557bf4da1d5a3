"""Every concept page, by title, with a filter: typing narrows the list, Enter opens the page
highlighted, Esc clears the filter (or, when it is empty, leaves).

The filter box keeps the focus, so a learner just types; ↑/↓ and PgUp/PgDn move through the
list meanwhile. A page matches when every word typed is part of its title or its slug (any
case), so each letter narrows the list predictably; the words found are highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizmath.tui.widgets.footer import Footer
from quizmath.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from quizmath.core.content import ConceptPage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.screens.help import HelpSection


def matches(page: ConceptPage, words: Sequence[str]) -> bool:
    """Every word (lower case) is part of the page's title or slug."""
    text = f"{page.title} {page.slug}".casefold()
    return all(word in text for word in words)


def highlighted(text: str, words: Sequence[str], style: str) -> Content:
    """``text`` with each occurrence of the words styled."""
    content = Content(text)
    folded = text.casefold()
    if len(folded) != len(text):  # a letter that changes length when folded: no highlight
        return content
    for word in words:
        start = folded.find(word)
        while word and start != -1:
            content = content.stylize(style, start, start + len(word))
            start = folded.find(word, start + len(word))
    return content


class ConceptIndexScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # No q: it is a letter to type in the filter.
        Binding("escape", "clear_or_leave", "Back"),
        # Priority: the filter box has the focus and would take these keys itself.
        Binding("up", "move('cursor_up')", "Previous", show=False, priority=True),
        Binding("down", "move('cursor_down')", "Next", show=False, priority=True),
        Binding("pageup", "move('page_up')", show=False, priority=True),
        Binding("pagedown", "move('page_down')", show=False, priority=True),
    ]

    def __init__(self, pages: Sequence[ConceptPage]) -> None:
        super().__init__()
        self.pages = {p.slug: p for p in pages}
        self.shown = len(self.pages)

    def compose(self) -> ComposeResult:
        yield Header()
        # Not select_on_focus: a letter typed on the list is added to the filter, not put over it.
        yield OrderedInput(
            placeholder="Type to filter the pages", id="concept-filter", select_on_focus=False
        )
        yield OptionList(id="concept-list")
        yield Static("", id="concept-none", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._filter("")
        self.query_one("#concept-filter", Input).focus()

    @on(Input.Changed, "#concept-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        chosen = [p for p in self.pages.values() if matches(p, words)]
        rows = [
            Option(
                Content.assemble(
                    highlighted(p.title, words, "bold $accent").stylize_before("bold"),
                    Content("   "),
                    highlighted(p.slug, words, "$accent").stylize_before("$text-muted"),
                ),
                id=p.slug,
            )
            for p in chosen
        ]
        listing = self.query_one("#concept-list", OptionList)
        listing.set_options(rows)
        listing.highlighted = 0 if rows else None
        self.shown = len(rows)
        total = len(self.pages)
        self.sub_title = (
            f"Concepts · {total} pages" if not words else f"Concepts · {self.shown} of {total}"
        )
        listing.display = bool(rows)  # no empty box: the line below says why
        none = self.query_one("#concept-none", Static)
        none.display = not rows
        none.update(
            Content.styled(f"No page matches {text.strip()!r}. Esc clears the filter.", "$warning")
        )
        self.refresh_bindings()

    def action_move(self, action: str) -> None:
        getattr(self.query_one("#concept-list", OptionList), f"action_{action}")()

    def action_clear_or_leave(self) -> None:
        box = self.query_one("#concept-filter", Input)
        if box.value:
            box.value = ""  # Input.Changed refills the list
            box.focus()
        else:
            self.app.pop_screen()

    @on(Input.Submitted, "#concept-filter")
    def _submitted(self) -> None:
        listing = self.query_one("#concept-list", OptionList)
        option = listing.highlighted_option
        if option is not None:
            self._open(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, slug: str | None) -> None:
        page = self.pages.get(slug or "")
        if page is not None:
            cast("QuizApp", self.app).open_concept(page)

    def on_key(self, event: events.Key) -> None:
        # The list has the focus (a click, or Tab): a letter still goes to the filter.
        box = self.query_one("#concept-filter", Input)
        if event.is_printable and event.character and self.focused is not box:
            event.stop()
            box.focus()
            box.insert_text_at_cursor(event.character)

    def help_sections(self) -> list[HelpSection]:
        from quizmath.tui.screens.help import HelpSection

        return [
            HelpSection(
                "Finding a page",
                "Type part of a title (or of its short name) to narrow the list; every word "
                "you type must appear. ↑/↓ move, Enter opens the highlighted page, Esc clears "
                "the filter, and Esc on an empty filter goes back.",
            )
        ]

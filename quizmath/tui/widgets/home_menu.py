"""The home screen's menu: one line per thing to do, easy to extend (drills come next)."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MenuEntry(msgspec.Struct, frozen=True):
    """``id`` names the entry in ``HomeMenu.Chosen``; ``key`` is the shortcut shown."""

    id: str
    title: str
    detail: str = ""
    key: str = ""
    enabled: bool = True


class HomeMenu(OptionList):
    """Enter (or a click) on an entry posts ``HomeMenu.Chosen``."""

    DEFAULT_CSS = """
    HomeMenu { height: auto; max-height: 8; }
    """

    class Chosen(Message):
        # A plain class: a dataclass would compile its methods before the first paint.
        def __init__(self, entry_id: str) -> None:
            self.entry_id = entry_id
            super().__init__()

    def set_entries(self, entries: Sequence[MenuEntry]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([_option(e) for e in entries])
        if entries:
            self.highlighted = min(highlighted or 0, len(entries) - 1)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))


def _option(entry: MenuEntry) -> Option:
    # Plain-text parts: titles of templates and questions are never markup.
    prompt = Content.assemble(
        (f"{entry.key:>1} ", "bold $accent"),
        (entry.title.ljust(14), "bold"),
        (entry.detail, "$text-muted"),
    )
    return Option(prompt, id=entry.id, disabled=not entry.enabled)

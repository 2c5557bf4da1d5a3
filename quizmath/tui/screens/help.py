"""Help over any screen (F1 or ?): that screen's keys, and what the screen itself adds (on a
problem: how to type this kind of answer). Escape, F1, ? or q closes it.

The keys are read from the screen's own bindings and the app's, as they stand when help opens
(a key that does nothing now is not listed; one that is briefly unavailable is marked), so the
list never drifts from what the keys do. A screen adds sections by defining
``help_sections() -> list[HelpSection]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class HelpSection:
    title: str
    text: str  # plain text (never markup)


@dataclass(frozen=True)
class KeyHelp:
    keys: tuple[str, ...]  # as displayed ("ctrl+t", "h")
    description: str
    enabled: bool  # False: not now (e.g. while an answer is being checked)


# What tab and ctrl+c always do: not worth a line in every help.
LEFT_OUT = {"focus_next", "focus_previous", "copy_text"}
DESCRIPTIONS = {"command_palette": "Command palette: open a topic, template or page by name"}
KEY_NAMES = {
    "escape": "Esc",
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "Space",
    "enter": "Enter",
    "up": "↑",
    "down": "↓",
}


def key_name(key: str) -> str:
    """``ctrl+t``, ``Esc``, ``F1``, ``?``: as the rest of the app writes keys."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if len(key) in (2, 3) and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def screen_keys(app: App[Any], screen: Screen[Any]) -> list[KeyHelp]:
    """The keys of ``screen`` and of the app, one line per action, in binding order, with their
    state now (the screen's ``check_action``): hidden keys are left out, dimmed ones marked.
    Read from the bindings themselves, not from the active ones, so the letter keys that work
    once the answer box is left are listed while it has focus. Bindings of widgets (the answer
    box's editing keys) are left out: they are the usual ones."""
    from textual.actions import parse

    by_action: dict[tuple[str, str], KeyHelp] = {}
    for node in (screen, app):
        for _key, binding in node._bindings:
            if not binding.description:
                continue
            namespace, action, params = parse(binding.action)
            if action in LEFT_OUT:
                continue
            target = app if namespace == "app" else node
            state = target.check_action(action, params)
            if state is False:
                continue
            key = key_name(binding.key)
            description = DESCRIPTIONS.get(action, binding.description)
            found = by_action.get((action, description))
            if found is None:
                by_action[(action, description)] = KeyHelp((key,), description, bool(state))
            elif key not in found.keys:
                by_action[(action, description)] = KeyHelp(
                    (*found.keys, key), description, found.enabled
                )
    return list(by_action.values())


def sections_of(screen: Screen[Any]) -> list[HelpSection]:
    make = getattr(screen, "help_sections", None)
    return list(make()) if callable(make) else []


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss(None)", "Close"),
        Binding("pagedown,space", "page(1)", show=False),
        Binding("pageup,b", "page(-1)", show=False),
    ]

    def __init__(self, title: str, keys: list[KeyHelp], sections: list[HelpSection]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys
        self.sections = sections

    @classmethod
    def over(cls, app: App[Any], screen: Screen[Any]) -> HelpScreen:
        """Help for ``screen`` (the one on top when help was asked for)."""
        title = screen.sub_title or screen.title or app.title
        return cls(f"Help · {title}", screen_keys(app, screen), sections_of(screen))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled(self.title_text, "bold $primary"), id="help-title")
            for section in self.sections:
                yield Static(Content.styled(section.title, "bold"), classes="help-heading")
                yield Static(Content(section.text), classes="help-text")
            yield Static(Content.styled("Keys on this screen", "bold"), classes="help-heading")
            yield Static(key_lines(self.keys), id="help-keys")
            yield Static(
                Content.styled("Escape, F1 or q closes this help.", "$text-muted"),
                id="help-close",
            )

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_page(self, direction: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_page_down() if direction > 0 else box.scroll_page_up()


def key_lines(keys: list[KeyHelp]) -> Content:
    if not keys:
        return Content.styled("No keys here.", "$text-muted")
    shown = [" / ".join(k.keys) for k in keys]
    width = max(len(s) for s in shown)
    lines = []
    for k, text in zip(keys, shown, strict=True):
        if k.enabled:
            lines.append(Content.assemble((f"{text:<{width}}  ", "bold $accent"), k.description))
        else:
            lines.append(
                Content.assemble(
                    (f"{text:<{width}}  ", "$text-muted"),
                    (f"{k.description} (not now)", "$text-muted"),
                )
            )
    return Content("\n").join(lines)

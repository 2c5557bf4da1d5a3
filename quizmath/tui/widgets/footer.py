"""The key footer, rebuilt only when what it shows changes (Textual's leaks a widget per rebuild).

Textual 8.2.8's ``Footer`` recomposes on every ``refresh_bindings()`` (and focus change), and each
``FooterKey`` it makes is ``data_bind``-ed to the footer's ``compact`` reactive: the binding adds
a watcher to the *footer*, which is removed only when ``compact`` itself changes. So every
rebuild leaves the old keys alive, detached, with their styles and render caches: the practice
screen (about 65 rebuilds a problem) grew by ~1.5 MB a problem. A bare app reproduces it
(docs in the uipolish notes): ``refresh_bindings()`` 50 times leaves 50 detached FooterKeys.

This footer rebuilds once per refresh, and only when the keys it would show differ from the keys
it shows (most calls change nothing); after a rebuild it drops the watchers of keys that are
gone. Use it instead of ``textual.widgets.Footer`` on every screen (a test checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class Footer(TextualFooter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_pending = False
        self._shown: tuple[Any, ...] | None = None  # what the keys show now
        self.rebuilds = 0  # (tests and the memory benchmark)

    def compose(self) -> ComposeResult:
        # Textual's footer composes nothing until its screen first reports its bindings, then
        # rebuilds: the keys came a frame after the screen's first paint, and on home that
        # rebuild took ~20 ms of the time until home was usable (issue 13 item 24). The
        # bindings are usually known already, so the first frame has the keys, and the first
        # report finds them unchanged (``_rebuild`` compares) and rebuilds nothing.
        if not self._bindings_ready and self.is_attached:
            try:
                shown = self._signature()
            except Exception:  # e.g. a check_action that needs widgets not mounted yet: the
                return  # same call after mounting raises it again, as before; meanwhile no keys
            self._bindings_ready = True
            self._shown = shown
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key starts compact (its reactive's default) without the class, then takes
                # the footer's value once mounted (data_bind): each change restyles the key,
                # ~1 ms, on every build. Give it its final value and class now. (The palette
                # key is not bound: it stays compact.)
                palette = widget.has_class("-command-palette")
                compact = widget.compact if palette else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _signature(self) -> tuple[Any, ...]:
        keys = tuple(
            (b.key, b.key_display, b.description, b.action, b.group, enabled, tooltip)
            for (_node, b, enabled, tooltip) in self.screen.active_bindings.values()
            if b.show
        )
        return (keys, self.compact, self.show_command_palette)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._signature()
        if shown == self._shown:
            return
        self._shown = shown
        self.rebuilds += 1
        await self.recompose()
        self._drop_gone_watchers()

    def _drop_gone_watchers(self) -> None:
        """Forget the ``compact`` watchers of keys removed by the rebuild (see the module doc)."""
        watchers: dict[str, list[tuple[Any, Any]]] = getattr(self, "__watchers", {})
        for name, entries in watchers.items():
            entries[:] = [(node, cb) for node, cb in entries if not node._closing]
            watchers[name] = entries

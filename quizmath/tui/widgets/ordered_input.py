"""An ``Input`` that applies keys in the order they were typed.

Textual inserts a printable key in an ``Input`` at once, in the input's own ``_on_key``, but a
bound key (backspace, ctrl+u, the arrows, Enter; Tab and the screen's keys too) reaches its
binding only after the key has bubbled up to the app. Keys that arrive in one read (a busy
machine, a terminal over ssh, a fast typist) were therefore applied out of order: ``99``
ctrl+u ``31`` left the box empty, ``12`` backspace ``3`` gave ``12``, an Enter in the same read
submitted whatever the box held by then, and ``5`` Tab ``3`` put ``53`` in the first field
(textual#6605; upstream PR #6631 proposes the input's own keys part of this inside Textual).

``OrderedInput`` looks a non-printable key up in the bindings where it handles printable keys,
so every key goes through the input's one queue in order: the same lookup the app makes once
the key arrives (``App._check_bindings``, non-priority: from the focused widget up, the modal
screen's chain), only sooner. Priority bindings were checked before the key reached the input,
as before. A key no binding takes (or whose action declines: an input cannot scroll, so up and
down raise SkipAction) travels up as before, to the screens' own key handlers. A key that
arrives after an earlier one moved the focus away goes on to the widget that has it now.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """Textual's ``Input``, its bound keys run in order with the characters typed."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self:
            # An earlier key of the same read moved the focus (Tab, Enter on a form), after
            # the app had sent this one here: it belongs where the focus is now.
            event.stop()
            event.prevent_default()
            (focused or self.app.screen).post_message(events.Key(event.key, event.character))
            return
        # App._check_bindings is private to Textual, which is pinned (pyproject) for this.
        if not event.is_printable and await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()  # Input's own _on_key has nothing left to do

"""An ``Input`` that applies keys in the order they were typed.

Textual inserts a printable key in an ``Input`` at once, in the input's own ``_on_key``, but
runs the input's bound keys (backspace, ctrl+u, the arrows, Enter …) only after the key has
bubbled up to the app. Keys that arrive in one read (a busy machine, a terminal over ssh, a fast
typist) were therefore applied out of order: ``99`` ctrl+u ``31`` left the box empty, ``12``
backspace ``3`` gave ``12``, and an Enter in the same read submitted whatever the box held by
then (textual#6605; upstream PR #6631 proposes the same fix inside Textual).

``OrderedInput`` runs its own non-priority bindings where it handles printable keys, so both
kinds go through the input's one queue in order. Priority bindings were checked before the key
reached the input, as before. A binding whose action declines (an input cannot scroll, so
up/down raise SkipAction) leaves the key to travel up as before: a screen's own up/down still
work.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """Textual's ``Input``, its bound keys run in order with the characters typed."""

    async def _on_key(self, event: events.Key) -> None:
        for key in event.aliases:
            for binding in self._bindings.key_to_bindings.get(key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()  # Input's own _on_key has nothing left to do
                    return

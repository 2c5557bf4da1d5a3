"""Python's cycle collector paused while the app starts.

Start-up makes many objects that live as long as the app: modules, classes, Textual's widgets
and styles, the bank's summaries. It frees few. The collector still walks all of them in
every full collection, and on the way to the first problem two such collections cost about 30
of the ~270 ms (issue 13 item 24, ``benchmarks/startup.py``). So:

- ``pause()`` turns the collector off when the full-screen app is chosen (``commands``), and in
  the helper process that makes the first problem;
- ``resume()`` runs once the app's content has loaded (or could not be loaded, or the app
  ends). It freezes what start-up made (``gc.freeze``: moved where the collector no longer
  looks, which later full collections skip too) and turns the collector back on.

Reference counting still frees objects while the collector is paused; only garbage in
reference cycles waits. A start leaves 5,000–7,500 such objects, under 1 MB (measured at
``resume``, cached bank or not); freezing keeps them for the life of the process. Collecting
them instead would cost a full collection on the UI thread: 50–170 ms there. Textual pauses the
collector in the same way while it scrolls (``App.PAUSE_GC_ON_SCROLL``).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off until ``resume`` (nothing if it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what start-up made and turn the collector back on, if ``pause`` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused

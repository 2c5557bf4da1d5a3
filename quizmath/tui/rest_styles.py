"""The other screens' styles (``app_rest.tcss``), read when one of those screens first opens.

``app.tcss`` styles what the first frame can show: home, a problem, help. Parsing every other
screen's styles with it (concept pages, interview questions, drills, stats, placement: 70 % of
the rules) delayed every start by a few ms (issue 13 item 24). ``QuizApp.push_screen`` reads
them just before the first screen that needs them is pushed, so they style it from its first
frame, type-ahead or not. Textual's own way, a screen's ``CSS_PATH``, would re-parse every
style sheet of the app from scratch the first time each such screen opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

PATH = Path(__file__).with_name("app_rest.tcss")
FIRST_FRAME_SCREENS = frozenset({"HomeScreen", "PracticeScreen", "HelpScreen"})  # app.tcss's


def load_for(app: App[Any], screen: object) -> None:
    """Before ``screen`` is pushed: the rest of the styles, unless app.tcss styles it whole."""
    if type(screen).__name__ not in FIRST_FRAME_SCREENS:
        load(app)


def load(app: App[Any]) -> None:
    """Add the rest of the styles to ``app`` (once), with the same weight as ``app.tcss``."""
    source = str(PATH)
    if not app.stylesheet.has_source(source):
        css = PATH.read_text(encoding="utf-8")
        app.stylesheet.add_source(css, read_from=(source, ""), is_default_css=False)


def loaded(app: App[Any]) -> bool:
    return app.stylesheet.has_source(str(PATH))

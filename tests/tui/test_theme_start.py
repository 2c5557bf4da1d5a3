"""The app starts in its own theme without parsing its styles twice (issue 13 item 24).

Setting ``App.theme`` in the constructor made Textual re-parse every style sheet from scratch
once the app ran (a fresh Stylesheet, without its parse cache): a quarter of the time between
the app starting and its first paint.
"""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from tui_helpers import problem_screen

from quizmath.tui.theme import QUIZMATH_THEME, THEME_NAME


async def test_the_theme_applies_without_a_second_parse(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    reparses: list[int] = []
    real = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparses.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = make_app(template="tuifix.dot@3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await problem_screen(pilot)
        assert app.theme == THEME_NAME and app.current_theme is QUIZMATH_THEME
        assert app.has_class(f"-theme-{THEME_NAME}", "-dark-mode")
        assert screen.styles.background == Color.parse(QUIZMATH_THEME.background or "")
        assert reparses == []

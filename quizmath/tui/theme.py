"""quizmath's own theme: calm dark blues, with verdict colours that read well in any terminal."""

from __future__ import annotations

from textual.theme import Theme

THEME_NAME = "quizmath"

QUIZMATH_THEME = Theme(
    name=THEME_NAME,
    primary="#7AA2C8",  # headings, focused borders
    secondary="#8FB8A8",
    accent="#E0B469",  # keys in the footer, the live "interpreted as" line
    foreground="#DCE3EA",
    background="#1E252D",
    surface="#26303A",
    panel="#2F3B47",
    success="#8CC084",  # correct
    warning="#E0B469",  # invalid / not counted
    error="#E07A6F",  # wrong
    dark=True,
    variables={
        "footer-key-foreground": "#E0B469",
        "block-cursor-background": "#7AA2C8",
        "block-cursor-foreground": "#1E252D",
        "input-selection-background": "#7AA2C8 35%",
        "input-cursor-background": "#DCE3EA",
    },
)

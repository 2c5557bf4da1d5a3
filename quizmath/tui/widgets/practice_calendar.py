"""Practice days as a GitHub-style grid: one column per week (Monday on top), each day shaded
by how many answers it had (levels 0–4 from ``core.stats``). Shading is by glyph as well as by
colour, so it reads in any terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from quizmath.core.stats import Calendar

GLYPHS = ("·", "░", "▒", "▓", "█")  # none, then quarters of the busiest day
DAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class PracticeCalendar(Static):
    DEFAULT_CSS = """
    PracticeCalendar { width: auto; height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, calendar: Calendar) -> None:
        self.update(render_calendar(calendar))


def render_calendar(c: Calendar) -> Content:
    months = ""
    for i, week in enumerate(c.weeks):
        first = week[0]
        if first is not None and (i == 0 or first.day.day <= 7) and len(months) <= i * 2:
            months += f"{first.day:%b}"
        months = months.ljust((i + 1) * 2)
    lines = [Content.styled("    " + months.rstrip(), "$text-muted")]
    for name, row in zip(DAYS, c.rows(), strict=True):
        cells: list[Content | tuple[str, str] | str] = [(f"{name:<4}", "$text-muted")]
        for cell in row:
            if cell is None:
                cells.append("  ")
            elif cell.level == 0:
                cells.append((f"{GLYPHS[0]} ", "$text-muted"))
            else:
                style = "bold $success" if cell.level == 4 else "$success"
                cells.append((f"{GLYPHS[cell.level]} ", style))
        lines.append(Content.assemble(*cells))
    legend = Content.assemble(
        ("    less ", "$text-muted"),
        *[(g + " ", "$success" if i else "$text-muted") for i, g in enumerate(GLYPHS)],
        ("more", "$text-muted"),
    )
    lines.append(legend)
    return Content("\n").join(lines)

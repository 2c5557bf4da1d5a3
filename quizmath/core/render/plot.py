"""A problem's plot as data, and the one place that draws it with plotext.

A template declares its plot (``plot:`` in the file); generation evaluates it into a ``Plot``
of numbers and labels, stored in the ``Problem``. Both front ends draw it with plotext through
``draw``: the TUI on textual-plotext's figure (colours from the theme), plain mode on plotext's
own figure rendered to text (``plot_text``), where series are told apart by their markers.
The legend is written under the plot, not inside it, so it never covers a curve.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import msgspec

PLOT_KINDS = ("line", "scatter", "bar")
MAX_SERIES = 6
MAX_POINTS = 400
# Markers that tell series apart without colour (plain mode), in series order.
TEXT_MARKERS = ("•", "x", "o", "+", "*", "#")
TEXT_WIDTH = 76  # fits an 80-column terminal with the indent plain mode uses
TEXT_HEIGHT = 17
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Series(msgspec.Struct, frozen=True):
    label: str
    kind: str  # one of PLOT_KINDS
    x: tuple[float, ...]
    y: tuple[float, ...]


class Plot(msgspec.Struct, frozen=True):
    """What to draw: series of numbers with labels, and optional axis ranges and ticks."""

    series: tuple[Series, ...]
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    x_ticks: tuple[float, ...] = ()
    y_ticks: tuple[float, ...] = ()

    def legend(self, markers: Sequence[str] = TEXT_MARKERS) -> list[tuple[str, str]]:
        """(marker, label) for every labelled series, in order."""
        return [(markers[i % len(markers)], s.label) for i, s in enumerate(self.series) if s.label]


def tick_label(value: float) -> str:
    """A tick as a person writes it: 2, 0.5, −1.25 (never 2.0 or 0.49999)."""
    if value == int(value) and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.4g}"
    return text.replace("-", "−")


def nice_ticks(low: float, high: float, most: int = 6) -> tuple[float, ...]:
    """Round tick positions covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of 10."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return ()
    if high <= low:
        return (low,)
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.ceil(low / step - 1e-9)
    ticks = []
    k = start
    while k * step <= high + 1e-9 * step:
        ticks.append(round(k * step, 12))
        k += 1
    return tuple(ticks)


def _span(values: Sequence[float], given: tuple[float, float] | None) -> tuple[float, float]:
    if given is not None:
        return given
    return (min(values), max(values)) if values else (0.0, 1.0)


def draw(
    plt: Any,
    plot: Plot,
    *,
    colours: Sequence[Any] = (),
    markers: Sequence[str] = (),
) -> None:
    """Put ``plot`` on a plotext figure: the ``plotext`` module or textual-plotext's ``plt``.

    ``colours`` (one per series, cycled) for a colour screen; ``markers`` (one per series)
    where colour is not available. Clears the figure first.
    """
    plt.clear_figure()
    for i, s in enumerate(plot.series):
        options: dict[str, Any] = {}
        if colours:
            options["color"] = colours[i % len(colours)]
        marker = markers[i % len(markers)] if markers else None
        xs, ys = list(s.x), list(s.y)
        if s.kind == "bar":
            plt.bar(xs, ys, width=0.6 / max(1, _bar_count(plot)), **options)
        elif s.kind == "scatter":
            plt.scatter(xs, ys, marker=marker or "●", **options)
        else:
            plt.plot(xs, ys, marker=marker or "braille", **options)
    if plot.title:
        plt.title(plot.title)
    if plot.x_label:
        plt.xlabel(plot.x_label)
    if plot.y_label:
        plt.ylabel(plot.y_label)
    if plot.x_range:
        plt.xlim(*plot.x_range)
    if plot.y_range:
        plt.ylim(*plot.y_range)
    # Ticks are always ours: round numbers, written with a real minus sign.
    xs = [v for s in plot.series for v in s.x]
    ys = [v for s in plot.series for v in s.y]
    if any(s.kind == "bar" for s in plot.series):
        ys.append(0.0)
    x_ticks = plot.x_ticks or nice_ticks(*_span(xs, plot.x_range))
    y_ticks = plot.y_ticks or nice_ticks(*_span(ys, plot.y_range))
    plt.xticks(list(x_ticks), [tick_label(t) for t in x_ticks])
    plt.yticks(list(y_ticks), [tick_label(t) for t in y_ticks])


def _bar_count(plot: Plot) -> int:
    return sum(1 for s in plot.series if s.kind == "bar")


def plot_text(plot: Plot, width: int = TEXT_WIDTH, height: int = TEXT_HEIGHT) -> str:
    """The plot as plain text (no colour, no control characters), legend underneath."""
    import plotext  # a pure-Python library; only plain mode on a plot problem needs it

    width, height = max(30, min(width, 120)), max(8, min(height, 40))
    draw(plotext, plot, markers=TEXT_MARKERS)
    plotext.theme("clear")
    plotext.plotsize(width, height)
    text = _ANSI.sub("", plotext.build())
    plotext.clear_figure()
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    row = ""
    for marker, label in plot.legend():  # the legend, wrapped to the plot's width
        entry = f"{marker} {label}"
        if row and len(row) + 3 + len(entry) > width:
            lines.append(row)
            row = ""
        row = f"{row}   {entry}" if row else f"  {entry}"
    if row:
        lines.append(row)
    return "\n".join(lines)


def finite(values: Sequence[float]) -> bool:
    return all(math.isfinite(v) for v in values)

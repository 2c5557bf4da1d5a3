"""A template's ``plot:`` field: read and checked with the file's lines, evaluated per problem.

    plot:
      title: Loss during training            # text; placeholders allowed
      x_label: step
      y_label: loss
      kind: line                             # line, scatter or bar; the series' default
      y_range: "[0, 10]"                     # optional expressions: [low, high]
      x_ticks: "range(0, 21, 5)"             # optional: where the axis is labelled
      series:                                # one to six
        - label: "η = {lr}"
          x: "range(21)"                      # expressions giving equally long lists
          y: "[f(k) for k in range(21)]"
          kind: scatter                       # optional, overrides the plot's kind

Everything is checked when the file loads (fields, kinds, expressions and the names they use)
or, for what depends on the draw, when a problem is generated: the lists must hold real
numbers, as many x as y, at most 400 each; a range is two increasing numbers. Each error names
``file:line`` and the field.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

import msgspec

from quizmath.core.bank.fields import Fields, Problems
from quizmath.core.bank.model import Compiled, Text
from quizmath.core.bank.yamlsource import LDict
from quizmath.core.errors import TemplateError
from quizmath.core.render.plot import MAX_POINTS, MAX_SERIES, PLOT_KINDS, Plot, Series
from quizmath.core.values import ValueSet, Vec, is_scalar, is_symbolic

PLOT_FIELDS = (
    ("series",),
    ("title", "x_label", "y_label", "kind", "x_range", "y_range", "x_ticks", "y_ticks"),
)
SERIES_FIELDS = (("x", "y"), ("label", "kind"))
_TEXTS = ("title", "x_label", "y_label")
_LISTS = ("x_range", "y_range", "x_ticks", "y_ticks")


class Compiler(Protocol):
    """What the loader's compiler offers: expressions and texts with their names checked."""

    problems: Problems

    def expr(self, source: Any, field: str, line: int) -> Compiled | None: ...
    def text(self, source: Any, field: str, line: int, block: bool) -> Text | None: ...


class SeriesSpec(msgspec.Struct, frozen=True):
    x: Compiled
    y: Compiled
    label: Text | None
    kind: str
    line: int


class PlotSpec(msgspec.Struct, frozen=True):
    series: tuple[SeriesSpec, ...]
    texts: dict[str, Text]  # title, x_label, y_label (those given)
    lists: dict[str, Compiled]  # x_range, y_range, x_ticks, y_ticks (those given)
    line: int


def load_plot(data: Any, line: int, comp: Compiler) -> PlotSpec | None:
    """The ``plot`` mapping of a template, or None after recording what is wrong."""
    problems = comp.problems
    if not isinstance(data, LDict):
        problems.add("plot", "expected a mapping with series: and optional title:, …", line)
        return None
    f = Fields(data, problems, "plot.")
    f.check_keys(*PLOT_FIELDS)
    default = _kind(f, "kind", "line")
    texts = {}
    for key in _TEXTS:
        if f.has(key):
            text = comp.text(data[key], f"plot.{key}", f.line(key), f.is_block(key))
            if text is not None:
                texts[key] = text
    lists = {}
    for key in _LISTS:
        if f.has(key):
            compiled = comp.expr(data[key], f"plot.{key}", f.line(key))
            if compiled is not None:
                lists[key] = compiled
    items = f.sequence("series")
    if items is not None and not 1 <= len(items) <= MAX_SERIES:
        f.error("series", f"give 1 to {MAX_SERIES} series, not {len(items)}")
    series = []
    for k, item in enumerate(items or []):
        spec = _series(
            item, f"plot.series[{k}]", items.item_lines[k] if items else 0, default, comp
        )
        if spec is not None:
            series.append(spec)
    if problems.errors or not series:
        return None
    return PlotSpec(tuple(series), texts, lists, line)


def _kind(f: Fields, key: str, default: str) -> str:
    if not f.has(key):
        return default
    kind = f.text(key)
    if kind not in PLOT_KINDS:
        f.error(key, f'unknown plot kind "{kind}"; one of: {", ".join(PLOT_KINDS)}')
        return default
    return kind


def _series(item: Any, field: str, line: int, default: str, comp: Compiler) -> SeriesSpec | None:
    if not isinstance(item, LDict):
        comp.problems.add(field, "expected a mapping with x:, y: and optional label:, kind:", line)
        return None
    s = Fields(item, comp.problems, field + ".")
    s.check_keys(*SERIES_FIELDS)
    kind = _kind(s, "kind", default)
    label = (
        comp.text(item["label"], f"{field}.label", s.line("label"), s.is_block("label"))
        if s.has("label")
        else None
    )
    x = comp.expr(item["x"], f"{field}.x", s.line("x")) if s.has("x") else None
    y = comp.expr(item["y"], f"{field}.y", s.line("y")) if s.has("y") else None
    if x is None or y is None:
        return None
    return SeriesSpec(x, y, label, kind, line)


class Evaluator(Protocol):
    """The generator's view of one draw: expressions and texts with the drawn values."""

    def value(self, c: Compiled) -> Any: ...
    def text(self, t: Text) -> str: ...


def evaluate_plot(spec: PlotSpec, draw: Evaluator, file: str) -> Plot:
    """The plot of one problem; a TemplateError at the field's line if a value is unusable."""
    series = []
    for s in spec.series:
        xs = _numbers(draw.value(s.x), s.x, file)
        ys = _numbers(draw.value(s.y), s.y, file)
        if len(xs) != len(ys):
            raise TemplateError(
                f"x has {len(xs)} values but y has {len(ys)}",
                file=file,
                line=s.y.line,
                field=s.y.field,
            )
        label = draw.text(s.label) if s.label is not None else ""
        series.append(Series(label, s.kind, xs, ys))
    texts = {key: draw.text(t) for key, t in spec.texts.items()}
    lists = {key: _numbers(draw.value(c), c, file) for key, c in spec.lists.items()}
    ranges = {}
    for key in ("x_range", "y_range"):
        if key in lists:
            low_high = lists[key]
            if len(low_high) != 2 or not low_high[0] < low_high[1]:
                c = spec.lists[key]
                raise TemplateError(
                    "a range is two numbers [low, high] with low < high",
                    file=file,
                    line=c.line,
                    field=c.field,
                )
            ranges[key] = (low_high[0], low_high[1])
    return Plot(
        series=tuple(series),
        title=texts.get("title", ""),
        x_label=texts.get("x_label", ""),
        y_label=texts.get("y_label", ""),
        x_range=ranges.get("x_range"),
        y_range=ranges.get("y_range"),
        x_ticks=lists.get("x_ticks", ()),
        y_ticks=lists.get("y_ticks", ()),
    )


def _numbers(value: Any, c: Compiled, file: str) -> tuple[float, ...]:
    def fail(message: str) -> TemplateError:
        return TemplateError(message, file=file, line=c.line, field=c.field)

    if isinstance(value, ValueSet) or not isinstance(value, Vec | list | tuple):
        raise fail("expected a list of numbers, such as [1, 2, 3] or range(10)")
    if not 1 <= len(value) <= MAX_POINTS:
        raise fail(f"expected 1 to {MAX_POINTS} numbers, got {len(value)}")
    out = []
    for x in value:
        if isinstance(x, bool) or not is_scalar(x) or (is_symbolic(x) and x.free_symbols):
            raise fail("expected a list of numbers, such as [1, 2, 3] or range(10)")
        try:
            number = float(x.evalf(15)) if is_symbolic(x) else float(x)
        except (TypeError, OverflowError):
            raise fail("a plotted value is not a real number of reasonable size") from None
        if not math.isfinite(number):
            raise fail("a plotted value is not a finite number")
        out.append(number)
    return tuple(out)

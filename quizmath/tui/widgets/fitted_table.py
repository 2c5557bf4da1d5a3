"""A row-cursor DataTable filled in one go, with columns as wide as their widest cell.

Two DataTable details it handles: ``Content`` cells (styled with theme variables) are not
measured when columns are auto-sized, and plain ``str`` cells are parsed as Rich markup, so a
title with brackets could be mangled. Every cell here becomes ``Content`` (plain text stays
plain) and every column gets an explicit width.

One column may be the one that gives (``wrap``): it takes the width the other columns leave in
the table's container and its long cells wrap onto more lines instead of being cut, so a wide
terminal shows whole titles and a narrow one still shows every word. ``refit()`` (on a resize)
fills it again for the new width.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable

Cell = Content | str
MIN_WRAP = 20  # the wrapping column is never narrower (the table scrolls sideways instead)
FOCUS_GUTTER = 1  # a focused table may draw a left border (``#report-items:focus``)


class FittedTable(DataTable[Content]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._filled: tuple[Sequence[str], list[list[Content]], Sequence[str] | None, int] = (
            (),
            [],
            None,
            60,
        )
        self._wrap: int | None = None
        self._room = 0  # the container width the wrapping column was fitted to

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str] | None = None,
        *,
        max_width: int = 60,
        wrap: int | None = None,
    ) -> None:
        """Replace everything: ``headers``, then ``rows`` (one key per row if given). Column
        ``wrap`` (an index), if given, fills the room left and wraps its cells."""
        cells = [[c if isinstance(c, Content) else Content(c) for c in row] for row in rows]
        self._filled = (headers, cells, keys, max_width)
        self._wrap = wrap
        self._fill()
        if wrap is not None:  # fitted before the first layout: fit again once it is known
            self.call_after_refresh(self.refit)

    def refit(self) -> None:
        """Fit the wrapping column again if the container's width changed (keeps the cursor)."""
        if self._wrap is not None and self._container_width() != self._room:
            row = self.cursor_row
            self._fill()
            if self.row_count:
                self.move_cursor(row=min(row, self.row_count - 1), scroll=False)

    def _fill(self) -> None:
        headers, cells, keys, max_width = self._filled
        widths = [
            min(max_width, max(len(h), max((row[i].cell_length for row in cells), default=0)))
            for i, h in enumerate(headers)
        ]
        wrap = self._wrap
        if wrap is not None:
            self._room = self._container_width()
            pad = 2 * self.cell_padding
            others = sum(w + pad for i, w in enumerate(widths) if i != wrap)
            widest = max((row[wrap].cell_length for row in cells), default=0)
            room = self._room - FOCUS_GUTTER - others - pad
            widths[wrap] = max(MIN_WRAP, len(headers[wrap]), min(widest, room))
        self.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            self.add_column(header, width=width)
        for n, row in enumerate(cells):
            height = 1
            if wrap is not None and row[wrap].cell_length > widths[wrap]:
                # Wrapped here: DataTable renders a Content cell as segments that never wrap.
                lines = row[wrap].wrap(widths[wrap])
                row = [*row[:wrap], Content("\n").join(lines), *row[wrap + 1 :]]
                height = len(lines)
            self.add_row(*row, key=keys[n] if keys is not None else None, height=height)

    def _container_width(self) -> int:
        parent = self.parent
        if isinstance(parent, Widget) and parent.scrollable_content_region.width:
            return parent.scrollable_content_region.width
        return self.app.size.width

"""A row-cursor DataTable filled in one go, with columns as wide as their widest cell.

Two DataTable details it handles: ``Content`` cells (styled with theme variables) are not
measured when columns are auto-sized, and plain ``str`` cells are parsed as Rich markup, so a
title with brackets could be mangled. Every cell here becomes ``Content`` (plain text stays
plain) and every column gets an explicit width.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import DataTable

Cell = Content | str


class FittedTable(DataTable[Content]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str] | None = None,
        *,
        max_width: int = 60,
    ) -> None:
        """Replace everything: ``headers``, then ``rows`` (one key per row if given)."""
        cells = [[c if isinstance(c, Content) else Content(c) for c in row] for row in rows]
        self.clear(columns=True)
        for i, header in enumerate(headers):
            widest = max((row[i].cell_length for row in cells), default=0)
            self.add_column(header, width=min(max_width, max(len(header), widest)))
        for n, row in enumerate(cells):
            self.add_row(*row, key=keys[n] if keys is not None else None)

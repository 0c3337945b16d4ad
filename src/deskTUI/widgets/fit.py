"""Columns that fit the width they are given: one rule for every table of the TUI.

Nothing is cut without an ellipsis; a column that does not fit gives way whole, in
the order its table declares; a figure, a case number, a date (``whole`` columns)
is never cut: it keeps its full width or its column goes away. Text columns (titles,
names) are squeezed first, down to their ``least`` width, and end in "…" where cut.

``FittedTable`` is a DataTable that keeps what it was given (headers and cells) and
lays it out again at every width, so a resize, a panel opened beside it or a first
paint before the data arrived never leaves a column cut at the screen's edge or a
header out of line with its cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import CursorType

from ..i18n import _

ELLIPSIS = "…"


@dataclass(frozen=True)
class Col:
    """A column as its table declares it.

    ``gives_way``: 0 never goes; otherwise the highest number goes first when the
    table is too narrow even with its text squeezed. ``least``: how narrow a text
    column may get before something gives way (its header is cut with an ellipsis
    too). ``right``: figures align right."""

    key: str
    header: str
    whole: bool = False
    gives_way: int = 0
    least: int = 6
    right: bool = False


def spoken_columns(columns: Sequence[Col], **headers: str) -> list[Col]:
    """Columns declared at import (their headers marked with ``N_``), their headers in
    the operator's language: what a table shows, translated when it is drawn.
    ``headers``: a header already translated, by column key, for a word another
    language tells apart by its place ("Time" of day is "Hora", the key "Tiempo")."""
    return [
        replace(c, header=headers.get(c.key) or _(c.header)) if c.header else c for c in columns
    ]


def ellipsize(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in "…" where it was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1) + ELLIPSIS


def ellipsize_text(text: Text, width: int) -> Text:
    """A rich Text in at most ``width`` cells, its styles kept, "…" where it was cut."""
    if text.cell_len <= width:
        return text
    cut = text.copy()
    cut.truncate(max(width, 0), overflow="ellipsis")
    return cut


def fit(
    columns: Sequence[Col],
    natural: Sequence[int],
    width: int,
    gap: int,
    least: Sequence[int] | None = None,
) -> dict[str, int]:
    """The width of each column kept (by key), in ``width`` cells with ``gap`` cells
    around every column; columns left out gave way. ``natural``: each column's widest
    cell (header included); ``least``: how narrow each may get (by default a text
    column its ``least``, a whole one its natural width; a whole column's heading may be
    cut where its figures are narrower)."""
    floors = list(least) if least is not None else [_least(c, n) for c, n in zip(columns, natural, strict=True)]  # fmt: skip
    kept = list(range(len(columns)))
    while True:
        widths = _squeeze(natural, floors, kept, width - gap * len(kept))
        if widths is not None:
            return {columns[i].key: w for i, w in zip(kept, widths, strict=True)}
        going = [i for i in kept if columns[i].gives_way]
        if not going and len(kept) > 1:
            # Narrower than the table was ever meant for (40 columns): the last column
            # goes whole rather than be cut at the screen's edge ("CS-0").
            going = [kept[-1]]
        if not going:  # one column left: at its least
            return {columns[i].key: floors[i] for i in kept}
        kept.remove(max(going, key=lambda i: (columns[i].gives_way, i)))


def _least(column: Col, natural: int) -> int:
    return natural if column.whole else min(natural, column.least)


def _squeeze(
    natural: Sequence[int], least: Sequence[int], kept: list[int], room: int
) -> list[int] | None:
    """Widths for the ``kept`` columns in ``room`` cells, the widest cut first; None if
    even their least widths do not fit."""
    widths = [natural[i] for i in kept]
    over = sum(widths) - room
    if over <= 0:
        return widths
    floors = [least[i] for i in kept]
    if sum(floors) > room:
        return None
    while over > 0:  # one cell at a time off the widest text that can still give one
        j = max(
            (j for j in range(len(kept)) if widths[j] > floors[j]), key=lambda j: (widths[j], -j)
        )
        widths[j] -= 1
        over -= 1
    return widths


Cell = str | Text


T = TypeVar("T")


def at_cursor(table: DataTable[Any], items: Sequence[T]) -> T | None:
    """The item on the table's cursor row, its rows drawn from ``items`` in order; None
    when the table is empty or the cursor is on no row."""
    row = table.cursor_row
    return items[row] if 0 <= row < len(items) else None


class FittedTable(DataTable[Cell]):
    """A DataTable laid out by ``fit``: give it columns and rows with ``set_rows`` and it
    chooses which columns show and how wide, now and at every resize."""

    def __init__(
        self,
        *,
        id: str | None = None,
        cursor_type: CursorType = "cell",
        zebra_stripes: bool = False,
    ) -> None:
        super().__init__(id=id, cursor_type=cursor_type, zebra_stripes=zebra_stripes)
        self._declared: list[Col] = []
        self._cells: list[list[Cell]] = []
        self._keys: list[str | None] = []
        self._laid_out_at: int | None = None
        self.shown: list[Col] = []
        """The columns on screen now, in order (the others gave way)."""

    def set_rows(
        self,
        columns: Sequence[Col],
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str | None] | None = None,
    ) -> None:
        """Show ``rows`` under ``columns``: the table is filled again, its cursor kept."""
        self._declared = list(columns)
        self._cells = [list(row) for row in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._cells)
        self._lay_out()

    def declared_index(self, shown: int) -> int:
        """Where the column on screen at ``shown`` is among the declared ones."""
        return self._declared.index(self.shown[shown])

    def column_index(self, key: str) -> int | None:
        """Where column ``key`` is on screen now, or None if it gave way."""
        for index, column in enumerate(self.shown):
            if column.key == key:
                return index
        return None

    def natural_width(self) -> int:
        """The cells across the table needs to show every column whole."""
        natural = self._natural()
        return sum(natural) + 2 * self.cell_padding * len(natural) + self.styles.scrollbar_size_vertical  # fmt: skip

    def _natural(self) -> list[int]:
        return [
            max([cell_len(c.header), *(_cell_width(row[i]) for row in self._cells)])
            for i, c in enumerate(self._declared)
        ]

    def _least(self) -> list[int]:
        """A text column down to its ``least``; a whole one as wide as its widest cell,
        its heading cut to no less than ``least`` (figures are never cut, headings may be,
        with an ellipsis)."""
        floors = []
        for i, c in enumerate(self._declared):
            cells = max((_cell_width(row[i]) for row in self._cells), default=0)
            header = cell_len(c.header)
            if c.whole:
                floors.append(max(cells, min(header, c.least)))
            else:
                floors.append(min(max(cells, header), c.least))
        return floors

    def _room(self) -> int:
        """Cells across for the columns: the scroll bar's are kept free, so a table that
        grows taller than the screen does not push its last column under it."""
        return max(0, self.size.width - self.styles.scrollbar_size_vertical)

    def _lay_out(self) -> None:
        room = self._room()
        self._laid_out_at = room
        columns = self._declared
        natural = self._natural()
        widths = fit(columns, natural, room, 2 * self.cell_padding, self._least()) if room else {}
        if not room:  # not laid out yet: everything at its natural width until a resize
            widths = {c.key: n for c, n in zip(columns, natural, strict=True)}
        self.shown = [c for c in columns if c.key in widths]
        row, column = self.cursor_coordinate
        self.clear(columns=True)
        for c in self.shown:
            header = Text(
                ellipsize(c.header, widths[c.key]), justify="right" if c.right else "left"
            )
            self.add_column(header, key=c.key, width=widths[c.key])
        places = [columns.index(c) for c in self.shown]
        for cells, key in zip(self._cells, self._keys, strict=True):
            self.add_row(*[_fitted(cells[i], widths[columns[i].key], columns[i]) for i in places], key=key)  # fmt: skip
        if self._cells and self.shown:
            self.move_cursor(
                row=min(row, len(self._cells) - 1),
                column=min(column, len(self.shown) - 1),
                animate=False,
            )

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        if self._declared and self._room() != self._laid_out_at:
            self._lay_out()


def _cell_width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


def _fitted(cell: Cell, width: int, column: Col) -> Text:
    text = cell if isinstance(cell, Text) else Text(cell)
    text = ellipsize_text(text, width)
    if column.right and text.justify != "right":
        text = text.copy()
        text.justify = "right"
    return text

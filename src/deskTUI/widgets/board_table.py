"""A table of the queue board: a cell cursor moved by arrows or hjkl, which walks on into
the next table below (or back to the one above) at its edge, so the whole board reads as
one sheet of numbers."""

from __future__ import annotations

from textual.binding import Binding

from .fit import FittedTable


class BoardTable(FittedTable):
    BINDINGS = [
        Binding("h", "cursor_left", show=False),
        Binding("l", "cursor_right", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)

    def action_cursor_down(self) -> None:
        if self.row_count == 0 or self.cursor_row >= self.row_count - 1:
            self.screen.focus_next(BoardTable)
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.screen.focus_previous(BoardTable)
            return
        super().action_cursor_up()

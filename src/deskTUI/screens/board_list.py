"""The case list the queue board opens on enter: the list with the number's query typed in.

Everything of the list stays (acting on the cases, `/` to change the query); escape
from the table goes back to the board.
"""

from __future__ import annotations

from textual.widgets import Input

from ..services.case_list import in_operators_words
from .case_list import CaseListScreen


class BoardCaseList(CaseListScreen):
    def __init__(self, query: str) -> None:
        super().__init__()
        # The board's own query (English), in the operator's words: parsed once, as the
        # list does.
        self.reads.use(in_operators_words(query))

    def on_mount(self) -> None:
        # Runs before the list's own on_mount (Textual calls each class's handler, the
        # subclass first), which then reads ``query_text``: no first read of the
        # opening query.
        self.query_one("#query", Input).value = self.query_text

    def action_focus_table(self) -> None:
        """escape: from the query line to the table, from the table back to the board."""
        from ..widgets.case_table import CaseTable

        if self.query_one(CaseTable).has_focus:
            self.app.pop_screen()
        else:
            super().action_focus_table()

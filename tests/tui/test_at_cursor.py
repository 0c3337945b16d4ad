"""widgets.fit.at_cursor: the one place a screen asks which of its items the table's cursor
is on (agenda, timesheet, inbox, contracts, the case view's activities and files)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from deskTUI.widgets.fit import at_cursor


class _OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")


async def test_the_item_under_the_cursor_and_none_off_the_rows_or_on_an_empty_table():
    app = _OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        assert at_cursor(table, []) is None
        table.add_column("name")
        for name in ("ana", "luis", "sofia"):
            table.add_row(name)
        await pilot.pause()
        table.move_cursor(row=2)
        assert at_cursor(table, ["ana", "luis", "sofia"]) == "sofia"
        assert at_cursor(table, ["ana"]) is None  # the items shrank before the table did

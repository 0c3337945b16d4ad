"""A screen whose read failed says it reads again, and does: at the next change on the desk,
or at ``r``.

The failure is real: the case table is renamed away by raw SQL, as a server stopped or a
desk in trouble would make every read fail, then renamed back. The list used to wait for
"a result on its way" that never came, and stayed empty for good.
"""

from __future__ import annotations

import sqlite3

from textual.widgets import Static

from deskTUI.screens.queue_board import QueueBoardScreen
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle
from .test_live_refresh import seen_within, titles

RETRYING = "reading again at the next change on the desk, or press r"


def rename_table(desk, old: str, new: str) -> None:
    """Another connection renames a table (and commits: the desk watch sees a change)."""
    path = desk.uow().db.engine.url.database
    with sqlite3.connect(path) as connection:
        connection.execute(f"ALTER TABLE {old} RENAME TO {new}")


def said(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_list_after_a_failed_read_says_so_and_reads_again_at_the_next_change(desk, queue):
    rename_table(desk, "support_case", "support_case_away")
    async with running_app(desk, desk.admin, size=(110, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        assert titles(table) == []
        assert RETRYING in said(app, "#query-error")
        rename_table(desk, "support_case_away", "support_case")  # a change on the desk
        await seen_within(pilot, lambda: "Servidor caído" in titles(table), limit=5)
        await settle(pilot)
        assert said(app, "#query-error") == ""
        assert len(titles(table)) == len(queue)


async def test_the_list_after_a_failed_read_reads_again_at_r(desk, queue):
    async with running_app(desk, desk.admin, size=(110, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        rename_table(desk, "support_case", "support_case_away")
        await pilot.press("r")
        await settle(pilot)
        assert RETRYING in said(app, "#query-error")
        rename_table(desk, "support_case_away", "support_case")
        await pilot.press("r")
        await seen_within(pilot, lambda: "Servidor caído" in titles(table), limit=5)
        await settle(pilot)
        assert said(app, "#query-error") == ""


async def test_the_board_after_a_failed_read_says_it_reads_again_and_does(desk, queue):
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        app.push_screen(QueueBoardScreen())
        await settle(pilot)
        rename_table(desk, "support_case", "support_case_away")
        await pilot.press("r")
        await settle(pilot)
        assert RETRYING in said(app, "#board-message")
        rename_table(desk, "support_case_away", "support_case")
        await pilot.press("r")
        await seen_within(pilot, lambda: said(app, "#board-message") == "", limit=5)

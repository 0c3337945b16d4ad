"""When the list's rows reach the screen: in the frame they arrive, and at start in the first."""

from __future__ import annotations

from dataclasses import replace

from deskTUI.app import DeskApp
from deskTUI.screens.case_list import CaseListScreen, Page
from deskTUI.services.case_list import OPENING_QUERY, OPENING_SORT, OpeningPage, case_page
from deskTUI.store.list_reader import ListReader
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle


class Frames(DeskApp):
    """Counts the frames handed to the terminal, and what the list showed in each."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frames: list[str | None] = []

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)
        if renderable is not None and isinstance(screen, CaseListScreen):
            row = screen.query_one(CaseTable).highlighted
            self.frames.append(row.title if row else None)


def rows_of(desk, actor, query):
    reader = ListReader(desk.uow().db.engine.url.database)
    try:
        return case_page(reader, actor, query, now=desk.clock(), limit=50).rows
    finally:
        reader.close()


async def test_a_page_of_rows_is_painted_while_the_screen_takes_it_not_a_tick_later(desk, queue):
    """Textual's next frame tick after a recent frame comes 17-33 ms later: the list
    paints its rows itself, in the same turn of the event loop."""
    app = Frames(desk.uow().db, desk.admin, clock=desk.clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(CaseTable)
        rows = rows_of(desk, desk.admin, "servidor")
        generation = table.reset()
        app.frames.clear()
        assert not table.loaded
        screen.show_page(Page(generation, 0, rows))  # what the page read calls, run now
        assert app.frames == ["Servidor caído"]
        assert table.loaded


async def test_an_empty_result_is_painted_at_once_too(desk, queue):
    app = Frames(desk.uow().db, desk.admin, clock=desk.clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(CaseTable)
        generation = table.reset()
        app.frames.clear()
        screen.show_page(Page(generation, 0, []))
        assert app.frames == [None] and table.loaded and table.total == 0


async def test_the_list_opens_on_the_page_read_before_the_app_started(desk, queue):
    """The fast start reads the first page with the operator; the list shows that page
    in its first frame instead of reading it again, and counts the result after."""
    rows = rows_of(desk, desk.admin, OPENING_QUERY)
    marked = [replace(rows[0], title="Read before the start"), *rows[1:]]
    opening = OpeningPage(OPENING_QUERY, OPENING_SORT, marked)
    app = Frames(desk.uow().db, desk.admin, clock=desk.clock, opening=opening)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert next(title for title in app.frames if title) == "Read before the start"
        assert table.highlighted is not None and table.highlighted.title == "Read before the start"
        assert table.total == len(rows) == 4  # counted by the database all the same
        assert app.take_opening_page() is None  # used once: a refresh reads the desk


async def test_without_a_page_read_before_the_start_the_list_reads_its_own(desk, queue):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, _):
        table = app.screen.query_one(CaseTable)
        assert table.total == 4 and table.highlighted is not None

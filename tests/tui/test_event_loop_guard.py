"""The guard of tests/tui/conftest.py really sees a screen reading the database on the
event loop: without this test, a guard that never fires would look like a clean suite."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Static

from deskTUI.services.views import case_detail

from .conftest import running_app, settle


class BlockingScreen(Screen[None]):
    """What screens must never do: a service call straight from a handler."""

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id

    def compose(self):
        yield Static(id="title")

    def on_mount(self) -> None:
        detail = case_detail(self.app.uow(), self.app.actor, self.case_id)  # type: ignore[attr-defined]
        self.query_one("#title", Static).update(detail.case.number)


@pytest.mark.blocks_the_event_loop
async def test_a_screen_that_reads_in_a_handler_is_caught(desk, queue):
    async with running_app(desk, desk.sofia, size=(80, 24)) as (app, pilot):
        await app.push_screen(BlockingScreen(queue[0].id))
        await settle(pilot)

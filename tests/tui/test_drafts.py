"""A dropped session keeps the case form's unsaved edits; the next one offers them back."""

from __future__ import annotations

import time

from textual.widgets import Input, TextArea

from deskTUI.screens.dialogs import ConfirmLeave
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import views

from .conftest import make_app, settle
from .test_edit_case import open_edit


async def wait_for(pilot, done, limit: float = 3.0) -> None:
    start = time.monotonic()
    while not done():
        assert time.monotonic() - start < limit
        await pilot.pause(0.05)


async def test_unsaved_edits_survive_a_dropped_session_and_are_offered_back(desk, queue):
    first = make_app(desk, desk.sofia)
    async with first.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(first, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Red lenta: a medio escribir"
        screen.query_one("#f-description", TextArea).load_text("Línea 1\nLínea 2")
        await wait_for(pilot, lambda: first.drafts.load(queue[1].number) is not None)
        draft = first.drafts.load(queue[1].number)
        assert draft is not None and draft.values["title"] == "Red lenta: a medio escribir"
    # The session ends without a save or a leave: the terminal was closed.

    second = make_app(desk, desk.sofia)
    async with second.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        said = [n.message for n in second._notifications]
        assert any("CS-000002" in text and "press e" in text for text in said), said
        screen = await open_edit(second, pilot, queue[1].id)
        await wait_for(
            pilot, lambda: "Restored" in str(screen.query_one("#edit-meanwhile").render())
        )
        assert screen.query_one("#f-title", Input).value == "Red lenta: a medio escribir"
        assert screen.query_one("#f-description", TextArea).text == "Línea 1\nLínea 2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(second.screen, EditCaseScreen)
        assert second.drafts.load(queue[1].number) is None  # saved: nothing left to offer
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title == (
        "Red lenta: a medio escribir"
    )


async def test_edits_dropped_on_purpose_leave_no_draft(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "No lo quiero"
        await wait_for(pilot, lambda: app.drafts.load(queue[1].number) is not None)
        await pilot.press("escape")  # leave: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmLeave)
        await pilot.click("#leave")
        await settle(pilot)
        assert not isinstance(app.screen, EditCaseScreen)
        assert app.drafts.load(queue[1].number) is None

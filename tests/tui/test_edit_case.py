"""Editing fields from the TUI: save, a lost race, leaving with unsaved changes."""

from __future__ import annotations

from textual.widgets import Input

from deskTUI.screens.case_editor import CaseEditorScreen
from deskTUI.screens.edit_case import ConfirmLeave, EditCaseScreen
from deskTUI.services import cases, views

from .conftest import make_app, settle


async def open_edit(app, pilot, case_id: int) -> EditCaseScreen:
    await settle(pilot)
    await app.push_screen(CaseEditorScreen(case_id))
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, EditCaseScreen)
    return app.screen


async def test_ctrl_s_saves_the_changed_fields_and_the_editor_shows_them(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Red muy lenta en el piso 3"
        screen.query_one("#f-progress", Input).value = "40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
        assert "Red muy lenta" in str(app.screen.query_one("#editor-title").render())
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.title, case.progress) == ("Red muy lenta en el piso 3", 40)


async def test_a_save_that_lost_a_race_names_who_changed_it_and_keeps_the_edits(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Mi título"
        cases.edit_case(
            desk.uow(), desk.admin, queue[1].id, {"priority": "high"}
        )  # someone else saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        error = str(screen.query_one("#edit-error").render())
        assert "was changed by admin" in error
        assert screen.query_one("#f-title", Input).value == "Mi título"
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.title, case.priority.value) == ("Red lenta en el piso 3", "high")


async def test_a_refused_value_is_explained_in_the_domains_words(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-progress", Input).value = "140"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "The progress must be from 0 to 100, not 140" in str(
            screen.query_one("#edit-error").render()
        )


async def test_leaving_with_unsaved_changes_asks_first(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Borrador"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmLeave)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # focus "Leave" and press it
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
    assert (
        views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title
        == "Red lenta en el piso 3"
    )


async def test_the_look_ups_change_the_contact_among_the_clients_and_the_coordinator(desk, queue):
    from textual.widgets import Select

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await settle(pilot)
        contact = screen.query_one("#f-contact", Select)
        offered = sorted(
            str(label) for label, value in contact._options if value is not Select.NULL
        )
        assert offered == ["John Smith", "María Pérez"]  # only Acme SA's contacts
        contact.value = next(v for label, v in contact._options if str(label) == "John Smith")
        coordinator = screen.query_one("#f-coordinator", Select)
        coordinator.value = next(
            v for label, v in coordinator._options if str(label).startswith("sofia")
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
    assert (detail.names["contact"], detail.names["coordinator"]) == ("John Smith", "sofia")


async def test_the_others_fields_are_edited_in_the_same_form(desk, queue):
    from textual.widgets import Select

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-cost_per_hour", Input).value = "35.50"
        screen.query_one("#f-level", Input).value = "4"
        screen.query_one("#f-billable", Select).value = "yes"
        screen.query_one("#f-complexity", Select).value = "high"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (str(case.cost_per_hour), case.level, case.billable, case.complexity.value) == (
        "35.50",
        4,
        True,
        "high",
    )


async def test_an_agent_saving_only_working_fields_is_not_refused_for_fields_left_alone(
    desk, queue
):
    app = make_app(desk, desk.ana)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[0].id)  # ana's case
        screen.query_one("#f-progress", Input).value = "60"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen), str(
            screen.query_one("#edit-error").render()
        )
    assert views.case_detail(desk.uow(), desk.sofia, queue[0].id).case.progress == 60

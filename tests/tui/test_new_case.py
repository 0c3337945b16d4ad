"""Opening a case from the TUI: area then category, client then contact (seed 004)."""

from __future__ import annotations

from textual.widgets import Select

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import views

from .conftest import running_app, settle


def labels(select: Select) -> list[str]:
    """The choices a Select offers, without its blank prompt."""
    return sorted(str(label) for label, value in select._options if value is not Select.NULL)


async def test_n_opens_a_case_with_the_category_of_the_chosen_area_and_a_contact_of_the_client(
    desk,
):
    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewCaseScreen)
        area = screen.query_one("#area", Select)
        area.value = next(v for label, v in area._options if str(label) == "Soporte")
        await settle(pilot)
        category = screen.query_one("#category", Select)
        assert labels(category) == ["Impresoras", "Redes"]
        category.value = next(v for label, v in category._options if str(label) == "Redes")
        client = screen.query_one("#client", Select)
        client.value = next(v for label, v in client._options if str(label) == "Acme SA")
        await settle(pilot)
        contact = screen.query_one("#contact", Select)
        assert labels(contact) == ["John Smith", "María Pérez"]
        contact.value = next(v for label, v in contact._options if str(label) == "John Smith")
        screen.query_one("#title").value = "Sin red en recepción"
        screen.query_one("#description").text = "Desde las 9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        case_id = app.screen.case_id
    detail = views.case_detail(desk.uow(), desk.sofia, case_id)
    assert (detail.names["area"], detail.names["category"]) == ("Soporte", "Redes")
    assert (detail.names["client"], detail.names["contact"]) == ("Acme SA", "John Smith")
    assert detail.case.title == "Sin red en recepción"


async def test_a_new_case_without_its_required_fields_says_what_is_missing_and_stays(desk):
    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert "is required" in str(app.screen.query_one("#new-case-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NewCaseScreen)


async def test_a_case_opened_from_a_contact_comes_with_its_client_and_contact(desk):
    from deskTUI.screens.dialogs import ContactPicker

    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        await pilot.press(*"john", "enter")  # one enter picks the only match
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewCaseScreen)
        assert labels(screen.query_one("#contact", Select)) == ["John Smith", "María Pérez"]
        area = screen.query_one("#area", Select)
        area.value = next(v for label, v in area._options if str(label) == "Soporte")
        await settle(pilot)
        category = screen.query_one("#category", Select)
        category.value = next(v for label, v in category._options if str(label) == "Impresoras")
        screen.query_one("#title").value = "Llamó John"
        screen.query_one("#description").text = "No imprime"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        case_id = app.screen.case_id
    detail = views.case_detail(desk.uow(), desk.sofia, case_id)
    assert (detail.names["client"], detail.names["contact"]) == ("Acme SA", "John Smith")

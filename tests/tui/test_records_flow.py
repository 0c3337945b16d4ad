"""Issue 21's catalogue records in the TUI, by keys: an admin deactivates an area on the
catalogue screen (K) and the new case's area picker no longer offers it (seed 004)."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from deskTUI.screens.catalogue import CatalogueScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import admin, records, views

from .conftest import opened_by_key, running_app, settle


def labels(select: Select) -> list[str]:
    return sorted(str(label) for label, value in select._options if value is not Select.NULL)


def row_of(screen: CatalogueScreen, kind: str, name: str) -> int:
    return next(i for i, r in enumerate(screen.rows) if (r.kind, r.name) == (kind, name))


async def test_an_admin_deactivates_an_area_by_keys_and_the_new_case_picker_leaves_it_out(desk):
    old = desk.open(by=desk.diego, category="Errores")  # a Desarrollo case, before
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        screen = await opened_by_key(pilot, "K", CatalogueScreen)
        table = screen.query_one(DataTable)
        await pilot.press(*["down"] * row_of(screen, "area", "Desarrollo"))
        await pilot.press("d")
        await settle(pilot)
        said = str(screen.query_one("#catalogue-message").render())
        assert said == "Desarrollo is deactivated: it takes no new case; its cases keep it."
        assert screen.rows[table.cursor_row].name == "Desarrollo"
        assert not screen.rows[table.cursor_row].active
        # r renames the highlighted one: Soporte, typed over in the dialog.
        soporte = row_of(screen, "area", "Soporte")
        await pilot.press(*["down"] * (soporte - table.cursor_row), "r")
        await settle(pilot)
        await pilot.press(*["backspace"] * 20, *"Mesa", "enter")
        await settle(pilot)
        assert [r.name for r in screen.rows if r.kind == "area"] == ["Desarrollo", "Mesa"]
        await pilot.press("escape", "n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert labels(app.screen.query_one("#area", Select)) == ["Mesa"]
    areas, _categories = admin.areas_and_categories(desk.uow(), desk.admin)
    assert {(a.name, a.active) for a in areas} == {("Mesa", True), ("Desarrollo", False)}
    # The old case keeps its deactivated area, by name.
    assert views.case_detail(desk.uow(), desk.admin, old.id).names["area"] == "Desarrollo"


async def test_the_catalogue_is_the_admins_a_supervisor_gets_no_screen_from_k(desk):
    async with running_app(desk, desk.sofia) as (app, pilot):
        await pilot.press("K")
        await settle(pilot)
        assert not isinstance(app.screen, CatalogueScreen)
    assert records.catalogue(desk.uow(), desk.sofia).areas  # reading stays the staff's

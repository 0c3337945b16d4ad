"""Issue 21's catalogue records in the TUI, by keys: an admin deactivates an area on the
catalogue screen (K) and the new case's area picker no longer offers it (seed 004); a
project added by the admin, linked by an agent, found by ``project:`` (seed 000)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

from textual.widgets import DataTable, Select

from deskTUI.cli import main
from deskTUI.screens.case_list import CaseListScreen
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.catalogue import CatalogueScreen
from deskTUI.screens.dialogs import LookupDialog
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import admin, cases, records, views
from deskTUI.widgets.case_table import CaseTable

from .conftest import burst, delivered, opened_by_key, running_app, settle


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


def cli_json(desk, *args: str):
    """``desktui --as ana ARGS --json`` on the test's desk (whoever runs the tests is made
    an admin: the CLI acts as the operating-system login, and admins may ``--as``)."""
    from deskTUI.services.identity import os_login

    if os_login() not in {u.login for u in admin.directory(desk.uow(), desk.admin)[0]}:
        admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", desk.uow().db.url, "--as", "ana", *args, "--json"]) == 0
    return json.loads(out.getvalue())


async def test_seed_000_a_project_added_by_the_admin_linked_by_the_agent_and_found_by_it(desk):
    """Seed 000's "Vinculación con proyectos", by keys: the admin adds the project ERP on
    the catalogue screen (p); agent ana opens her case's form (e), tabs to Project, looks
    it up (ctrl+l, "erp", enter) and saves; the list filtered ``project:ERP`` shows the
    case, and so does the CLI."""
    case = desk.open(title="Falla al facturar")
    other = desk.open(title="Otra cosa")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        await opened_by_key(pilot, "K", CatalogueScreen)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"ERP", "enter")
        await settle(pilot)
        assert [(r.kind, r.name) for r in app.screen.rows if r.kind == "project"] == [
            ("project", "ERP")
        ]
    async with running_app(desk, desk.ana, case_id=case.id, size=(100, 40)) as (app, pilot):
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditCaseScreen)
        for _ in range(80):  # Tab through the form to the Project look-up, as a person does
            if getattr(app.focused, "id", None) == "f-project":
                break
            await pilot.press("tab")
        assert app.focused.id == "f-project"
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"erp", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press("slash", "ctrl+a", "ctrl+k")
        await pilot.press(*"project:ERP", "enter")
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert table.total == 1 and table.highlighted is not None
        assert table.highlighted.number == case.number
    assert [c["number"] for c in cli_json(desk, "case", "list", "--query", "project:erp")] == [
        case.number
    ]
    shown = cli_json(desk, "case", "show", case.number)
    assert (shown["project"], shown["project_id"]) == ("ERP", 1)
    assert cli_json(desk, "case", "show", other.number)["project"] == ""


async def test_k_and_d_d_typed_in_one_burst_switch_the_area_off_and_on_again(desk):
    """Each d switches what the desk holds, not what the screen last showed: the second d,
    handled before the first one's answer redrew the table, reactivates."""
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        burst(app, "K", "d", "d")  # Desarrollo, the first row
        await delivered(pilot)
        assert isinstance(app.screen, CatalogueScreen)
        said = str(app.screen.query_one("#catalogue-message").render())
        assert said == "Desarrollo is active again."
    areas, _categories = admin.areas_and_categories(desk.uow(), desk.admin)
    assert {a.name: a.active for a in areas} == {"Desarrollo": True, "Soporte": True}


async def test_the_new_case_form_offers_the_active_projects_and_services_and_links_the_chosen(desk):
    records.add(desk.uow(), desk.admin, "project", "ERP")
    records.add(desk.uow(), desk.admin, "project", "Cerrado")
    records.set_active(desk.uow(), desk.admin, "project", "Cerrado", False)
    records.add(desk.uow(), desk.admin, "service", "Soporte remoto")
    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewCaseScreen)
        project = screen.query_one("#project", Select)
        assert labels(project) == ["ERP"]  # the deactivated one is not offered
        for selector, name in (("#area", "Soporte"), ("#client", "Acme SA")):
            picker = screen.query_one(selector, Select)
            picker.value = next(v for label, v in picker._options if str(label) == name)
            await settle(pilot)
        category = screen.query_one("#category", Select)
        category.value = next(v for label, v in category._options if str(label) == "Redes")
        project.value = next(v for label, v in project._options if str(label) == "ERP")
        service = screen.query_one("#service", Select)
        service.value = next(v for label, v in service._options if str(label) == "Soporte remoto")
        screen.query_one("#title").value = "Sin red en contabilidad"
        screen.query_one("#description").text = "Desde el cambio de ERP"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        case_id = app.screen.case_id
    names = views.case_detail(desk.uow(), desk.sofia, case_id).names
    assert (names["project"], names["service"]) == ("ERP", "Soporte remoto")

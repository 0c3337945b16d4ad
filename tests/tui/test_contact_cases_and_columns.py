"""Issue 21 (PREFS), by keys only: seed 002's contact and its cases (the "pestaña Casos"
of a contact, from the contact picker), seed 003's list filtered by contract with the
contract and created columns chosen, each checked in the CLI too."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

from deskTUI.cli import main
from deskTUI.screens.case_list import CaseListScreen
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle


def shown_numbers(app) -> list[str]:
    table = app.screen.query_one(CaseTable)
    return [table._rows[i].number for i in sorted(table._rows)]


def cli_json(desk, *args: str) -> object:
    import json

    return json.loads(cli_text(desk, *args, "--json"))


def cli_text(desk, *args: str) -> str:
    """What ``desktui --as sofia ARGS`` prints on the test's desk, by its admin: whoever runs
    the tests is made one (the CLI acts as the operating-system login)."""
    from deskTUI.services import admin
    from deskTUI.services.identity import os_login

    if os_login() not in {u.login for u in admin.directory(desk.uow(), desk.admin)[0]}:
        admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", desk.uow().db.url, "--as", "sofia", *args]) == 0
    return out.getvalue()


async def test_a_contacts_cases_are_one_key_away_in_the_contact_picker_as_in_the_cli(desk):
    from deskTUI.screens.dialogs import ContactPicker

    john = desk.open(title="Sin correo", contact="John Smith")
    desk.open(title="La impresora no imprime", contact="María Pérez")
    desk.open(title="Otra de John", contact="John Smith")
    second = desk.open(title="Otra de John 2", contact="John Smith")

    async with running_app(desk, desk.sofia, size=(120, 30)) as (app, pilot):
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        hint = str(app.screen.query_one(".dialog-hint").render())
        assert "ctrl+o: their cases" in hint  # a modal has no footer: the hint says it
        await pilot.press(*"john", "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert app.screen.query_one("#query").value == f"contact:{john.contact_id}"
        seen = shown_numbers(app)

    assert len(seen) == 3 and john.number in seen and second.number in seen
    listed = cli_json(desk, "case", "list", "--query", f"contact:{john.contact_id}")
    assert sorted(c["number"] for c in listed) == sorted(seen)


async def test_seed_003s_list_by_contract_with_the_contract_and_created_columns_chosen_by_keys(
    desk,
):
    from deskTUI.screens.dialogs.arrange import ArrangeDialog

    under = desk.open(title="Bajo contrato", contract=desk.hours.id)
    desk.open(title="Sin contrato")
    async with running_app(desk, desk.sofia, size=(120, 30)) as (app, pilot):
        await pilot.press("slash", "ctrl+u", *f"contract:{desk.hours.id}", "enter")
        await settle(pilot)
        assert shown_numbers(app) == [under.number]
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, ArrangeDialog)
        # number … updated shown, then contract and created: show both, contract first.
        await pilot.press(*"j" * 8, "space", "j", "space", "enter")
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        keys = [c.key for c in table._columns()]
        row = table._rows[0]
        cells = table._cells(row)

    assert keys[-2:] == ["contract", "created"] and keys[0] == "number"
    assert cells["contract"] == str(desk.hours.id) and cells["created"]
    # Saved for sofia: the shell's list shows her columns too; another operator keeps his.
    mine = cli_json(desk, "prefs", "show")
    assert [c["name"] for c in mine["columns"] if c["shown"]][-2:] == ["contract", "created"]
    listed = cli_text(desk, "case", "list", "--query", f"contract:{desk.hours.id}").splitlines()
    assert listed[0].split()[-2:] == ["CONTRACT", "CREATED"] and len(listed) == 2
    assert listed[1].startswith(under.number)


async def test_seed_000s_related_modules_ordered_and_hidden_by_keys_open_on_the_first_shown(
    desk, queue
):
    """O in the case view: Comments moved first, Others hidden; the next case opens on
    Comments, without Others, in that order; the shell says the same."""
    from textual.widgets import TabbedContent

    from deskTUI.screens.case_view import CaseViewScreen
    from deskTUI.screens.dialogs.arrange import ArrangeDialog

    async with running_app(desk, desk.sofia, case_id=queue[0].id, size=(120, 30)) as (app, pilot):
        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, ArrangeDialog)
        # general, activities, others, comments…: hide others, then move comments up thrice.
        await pilot.press("j", "j", "space", "j", "K", "K", "K", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await app.push_screen(CaseViewScreen(queue[1].id))
        await settle(pilot)
        tabbed = app.screen.query_one("#sections", TabbedContent)
        bar = tabbed.query_one("#tabs-list")
        shown = [str(t.label) for t in bar.children if t.display]
        active = tabbed.active

    assert shown[:3] == ["Comments", "General", "Activities"] and "Others" not in shown
    assert active == "tab-4"  # Comments, the first shown
    mine = cli_json(desk, "prefs", "show")
    tabs = [(t["name"], t["shown"]) for t in mine["tabs"]]
    assert tabs[:4] == [
        ("comments", True),
        ("general", True),
        ("activities", True),
        ("others", False),
    ]


async def test_keys_typed_in_one_burst_choose_columns_and_order_tabs_in_order(desk, queue):
    """L, its keys and enter at once, then O, its keys and enter: each dialog gets its own
    keys and saves what they say."""
    from deskTUI.screens.case_view import CaseViewScreen
    from deskTUI.services import preferences

    from .conftest import burst, delivered

    async with running_app(desk, desk.sofia, size=(120, 30)) as (app, pilot):
        burst(app, "L", *"j" * 9, "space", "enter")
        await delivered(pilot)
        await app.push_screen(CaseViewScreen(queue[0].id))
        await delivered(pilot)
        burst(app, "O", "space", "J", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen)

    mine = preferences.my_preferences(desk.uow(), desk.sofia, ("general", "activities", "log"))
    assert dict(mine.columns)["created"] is True and dict(mine.columns)["contract"] is False
    assert mine.tabs[:2] == (("activities", True), ("general", False))

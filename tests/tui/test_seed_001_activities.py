"""Issue 21 (ACTIVITIES), seed 001's Actividades by keys: Fecha, H/Inicio, H/Fin,
Actividad, Ejecutor (a supervisor logging for her agent), Facturable and Artículo (from
the desk's articles in use), then seen in the CLI and in the contract's hours."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import UTC, datetime

from textual.widgets import Input, Select

from deskTUI.cli import main
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import EditTimeDialog, TimeDialog
from deskTUI.services import activities, cases, views, worklog

from .conftest import burst, delivered, running_app, settle


def cli_json(desk, *args: str) -> dict:
    """``desktui --as sofia ARGS --json`` on the test's desk (whoever runs the tests is
    made an admin: the CLI acts as the operating-system login, and admins may ``--as``)."""
    from deskTUI.services import admin
    from deskTUI.services.identity import os_login

    if os_login() not in {u.login for u in admin.directory(desk.uow(), desk.admin)[0]}:
        admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", desk.uow().db.url, "--as", "sofia", *args, "--json"]) == 0
    return json.loads(out.getvalue())


def started(desk):
    """A billable case of Acme SA under its 40-hour contract, its product "Fusor HP 4015",
    assigned to ana and in progress."""
    case = desk.open(
        title="Atasco en la bandeja 2",
        contract=desk.hours.id,
        billable=True,
        cost_per_hour="30",
        product="Fusor HP 4015",
    )
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    return case


def error_line(app) -> str:
    return str(app.screen.query_one("#dialog-error").render())


async def test_seed_001_a_supervisor_logs_her_agents_activity_with_start_end_and_article(desk):
    case = started(desk)
    offered = activities.time_form(desk.uow(), desk.sofia, case.id).executors
    down_to_ana = [login for login, _name in offered].index("ana")
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        # The focus starts on the duration; the day and the clock times are before it.
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        burst(app, *"3/1/2026", "tab", *"09:00")
        burst(app, "tab", *"10:30", "tab", "tab", *"Cambio del fusor", "tab")
        await delivered(pilot)
        executor = app.screen.query_one("#executor", Select)
        assert app.screen.focused is executor and not executor.disabled
        burst(app, "enter", *(["down"] * down_to_ana), "enter", "tab", "tab", *"fus", "right")
        await delivered(pilot)
        assert app.screen.query_one("#article", Input).value == "Fusor HP 4015"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), error_line(app)
        row = app.screen.query_one("#activities-table").get_row_at(0)
        assert [str(cell) for cell in row][-3:] == ["ana", "yes", "Fusor HP 4015"]

    listing = cli_json(desk, "time", "list", case.number)
    (entry,) = listing["entries"]
    assert (entry["executor"], entry["article"], entry["minutes"]) == ("ana", "Fusor HP 4015", 90)
    assert (entry["work_date"], entry["start"][:16], entry["end"][:16]) == (
        "2026-03-01",
        "2026-03-01T09:00",
        "2026-03-01T10:30",
    )
    assert entry["billable"] is True and entry["description"] == "Cambio del fusor"
    assert (listing["billable_minutes"], listing["cost"]) == (90, "45.00")
    # Finished, the case consumes its billable hours from the contract (DOMAIN.md).
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Fusor cambiado")
    balance = views.case_detail(desk.uow(), desk.sofia, case.id).contract_balance
    assert balance is not None and float(balance.used) == 1.5


async def test_the_time_dialog_says_what_is_wrong_with_each_bad_timing_and_logs_nothing(desk):
    """End before start, a span over midnight, 25:00, the year 9999, a day to come, a
    start without an end: each one sentence under the fields, the dialog still open."""
    case = started(desk)
    typed = [
        ({"start": "10:30", "end": "10:30"}, "is not after the start time"),
        ({"start": "23:00", "end": "01:00"}, "for work past midnight, log two activities"),
        ({"start": "25:00", "end": "26:00"}, "is not a time of day"),
        ({"day": "12/31/9999", "duration": "1h"}, "9999"),
        ({"day": "3/5/2026", "duration": "1h"}, "has not come yet"),
        ({"day": "3/2/2026", "start": "13:00", "end": "14:00"}, "after now"),
        ({"start": "09:00"}, "Give both a start and an end time"),
        ({"duration": "1h", "start": "09:00", "end": "09:30"}, "does not match"),
        ({"duration": "[bold]x"}, "[bold]x"),
    ]
    async with running_app(desk, desk.ana, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        assert app.screen.query_one("#executor", Select).disabled  # an agent: herself only
        for fields, sentence in typed:
            for name in ("day", "start", "end", "duration"):
                app.screen.query_one(f"#{name}", Input).value = fields.get(name, "")
            app.screen.query_one("#duration", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TimeDialog), fields
            assert sentence in error_line(app), (fields, error_line(app))
    assert views.case_detail(desk.uow(), desk.sofia, case.id).entries == []


async def test_an_activity_is_changed_in_its_dialog_executor_times_and_article(desk):
    case = started(desk)

    worklog.log_time(
        desk.uow(),
        desk.ana,
        case.number,
        work_date=None,
        minutes=60,
        description="Limpieza",
        article="Fusor HP 4015",
        zone=UTC,
    )
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        app.screen.query_one("#activities-table").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditTimeDialog)
        dialog = app.screen
        assert dialog.query_one("#executor", Select).value == "ana"
        assert dialog.query_one("#duration", Input).value == "1h"
        dialog.query_one("#start", Input).value = "08:00"
        dialog.query_one("#end", Input).value = "08:45"
        dialog.query_one("#duration", Input).value = ""
        dialog.query_one("#article", Input).value = "Bandeja 2"
        dialog.query_one("#executor", Select).value = "luis"
        dialog.query_one("#note", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), str(
            dialog.query_one("#dialog-error").render()
        )
    (entry,) = views.case_detail(desk.uow(), desk.sofia, case.id).entries
    assert (entry.minutes, entry.article, entry.description) == (45, "Bandeja 2", "Limpieza")
    assert entry.start == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert views.case_detail(desk.uow(), desk.sofia, case.id).logins[entry.executor_id] == "luis"


async def test_markup_is_stored_as_typed_and_text_past_its_bound_is_refused(desk):
    case = started(desk)
    async with running_app(desk, desk.ana, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        fields = {"duration": "30m", "note": "x" * 10_000, "article": "[bold]Fusor[/]"}
        for name, text in fields.items():
            app.screen.query_one(f"#{name}", Input).value = text
        app.screen.query_one("#duration", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        assert "activity description" in error_line(app), error_line(app)
        app.screen.query_one("#note", Input).value = "Revisión [red]"
        app.screen.query_one("#article", Input).value = "A" * 121
        await pilot.press("enter")
        await settle(pilot)
        assert "article" in error_line(app), error_line(app)
        app.screen.query_one("#article", Input).value = "[bold]Fusor[/]"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), error_line(app)
        row = [str(cell) for cell in app.screen.query_one("#activities-table").get_row_at(0)]
        assert "[bold]Fusor[/]" in row and "Revisión [red]" in row
    (entry,) = views.case_detail(desk.uow(), desk.sofia, case.id).entries
    assert (entry.description, entry.article) == ("Revisión [red]", "[bold]Fusor[/]")


async def test_ctrl_l_looks_up_the_executor_and_the_article_by_part_of_them(desk):
    """Seed 001's search assistant ("ícono de lupa") for the Ejecutor and the Artículo."""
    from deskTUI.screens.dialogs import LookupDialog

    case = started(desk)
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=None, minutes=30, article="Bandeja 2", zone=UTC
    )
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("tab", "tab", "ctrl+l")  # duration → activity → executor
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"luis", "enter")
        await settle(pilot)
        assert app.screen.query_one("#executor", Select).value == "luis"
        await pilot.press("tab", "tab", "ctrl+l")  # → billable → article
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"band", "enter")
        await settle(pilot)
        assert app.screen.query_one("#article", Input).value == "Bandeja 2"
        await pilot.press(*" izquierda", *["shift+tab"] * 4, *"1h", "enter")  # → duration
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), error_line(app)
    entry = views.case_detail(desk.uow(), desk.sofia, case.id).entries[-1]
    assert (entry.article, entry.minutes) == ("Bandeja 2 izquierda", 60)

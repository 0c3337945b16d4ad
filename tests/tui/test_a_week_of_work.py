"""Issue 5's "done when", end to end with the keyboard: plan tomorrow, work with a timer,
close the week with a timesheet that matches the case's Activities and the contract's ledger."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from deskTUI.screens.agenda import AgendaScreen
from deskTUI.screens.timesheet import TimesheetScreen
from deskTUI.services import cases, views

from .conftest import heading, running_app, settle


async def test_plan_tomorrow_work_with_a_timer_and_close_the_week_to_the_minute(desk):
    case = desk.open(contract=desk.hours.id)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    async with running_app(desk, desk.ana, case_id=case.id) as (app, pilot):
        # Plan tomorrow's follow-up call from the case.
        await pilot.press("p", *"Llamar a María")
        app.screen.query_one("#day", Input).value = "2026-03-03"
        await pilot.press("enter")
        await settle(pilot)
        # Work an hour and a quarter with the timer running, then stop it.
        await pilot.press("T")
        await settle(pilot)
        desk.clock.advance(minutes=75)
        app.refresh_timer()
        await settle(pilot)
        await pilot.press("T", *"Cambio de fusor", "enter")
        await settle(pilot)
        await pilot.press("s", "down", "enter", "tab", *"Fusor nuevo", "enter")  # finish
        await settle(pilot)
        assert "finished" in heading(app)
        # Tomorrow's agenda holds the call.
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("d", "right_square_bracket")
        await settle(pilot)
        table = app.screen.query_one("#agenda-table")
        assert [str(c) for c in table.get_row_at(0)][3:6] == [
            "follow up",  # the kind of event in words (issue 20)
            "Llamar a María",
            case.number,
        ]
        await pilot.press("escape", "W")
        await settle(pilot)
        assert isinstance(app.screen, TimesheetScreen)
        sheet = app.screen.result
        assert sheet is not None
    detail = views.case_detail(desk.uow(), desk.sofia, case.id)
    assert sheet.sheet.week.total_minutes == detail.totals.total_minutes == 75
    assert sheet.sheet.week.billable_minutes == detail.totals.billable_minutes == 75
    [post] = views.contract_view(desk.uow(), desk.sofia, desk.hours.id).ledger
    assert post.minutes == 75 and str(post.units) == "1.25"
    assert detail.entries[0].work_date == date(2026, 3, 2)

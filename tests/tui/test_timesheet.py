"""The timesheet screen: W opens this week, totals match the case, entries change in place."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input

from deskTUI.screens.dialogs import DeleteTimeDialog, EditTimeDialog
from deskTUI.screens.timesheet import TimesheetScreen
from deskTUI.services import views, worklog

from .conftest import heading, opened_by_key, running_app, settle

MONDAY = date(2026, 3, 2)


@pytest.fixture
def logged(desk, queue):
    nine = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for start, minutes, note in [
        (nine, 90, "Diagnóstico"),
        (nine + timedelta(hours=2), 30, "Pruebas"),
    ]:
        worklog.log_time(
            desk.uow(), desk.ana, queue[0].number, work_date=MONDAY, start=start,
            end=start + timedelta(minutes=minutes), description=note,
        )  # fmt: skip
    return queue[0]


async def test_w_shows_the_week_whose_totals_match_the_cases_activities(desk, logged):
    async with running_app(desk, desk.ana) as (app, pilot):
        screen = await opened_by_key(pilot, "W", TimesheetScreen)
        assert "ana · 3/2/2026 → 3/8/2026 · 2h (0m billable, 2h not)" in heading(app)
        table = screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(0)][:5] == [
            "Mon 02", "09:00–10:30", "1h30m", logged.number, "Diagnóstico",
        ]  # fmt: skip
        summary = str(screen.query_one("#sheet-summary").render())
        assert "gap of 30m on Mon 02 at 10:30" in summary
        case_total = views.case_detail(desk.uow(), desk.ana, logged.id).totals.total_minutes
        assert case_total == 120
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "3/9/2026 → 3/15/2026 · 0m" in heading(app)


async def test_an_entry_is_changed_with_enter_and_deleted_with_d(desk, logged):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "W", TimesheetScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditTimeDialog)
        app.screen.query_one("#duration", Input).value = "1h"
        await pilot.press("enter")
        await settle(pilot)
        assert "· 1h30m (" in heading(app)
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, DeleteTimeDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert "· 1h (" in heading(app)
    assert [e.minutes for e in views.case_detail(desk.uow(), desk.ana, logged.id).entries] == [60]


async def test_a_supervisor_opens_an_agents_timesheet_and_an_agent_is_refused(desk, logged):
    async with running_app(desk, desk.sofia) as (app, pilot):
        await opened_by_key(pilot, "W", TimesheetScreen)
        await pilot.press("u", *"ana", "enter")
        await settle(pilot)
        assert "Timesheet · ana ·" in heading(app)
    async with running_app(desk, desk.luis) as (app, pilot):
        await opened_by_key(pilot, "W", TimesheetScreen)
        await pilot.press("u", *"ana", "enter")
        await settle(pilot)
        assert str(app.screen.query_one("#sheet-message").render()) == (
            "luis may not read ana's timesheet: only they and their supervisors may"
        )


async def test_an_entry_changed_to_no_duration_keeps_the_dialog_open_and_the_entry_as_it_was(
    desk, logged
):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "W", TimesheetScreen)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#duration", Input).value = "soon"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditTimeDialog)
        assert "'soon' is not a duration" in str(app.screen.query_one("#dialog-error").render())
    minutes = [e.minutes for e in views.case_detail(desk.uow(), desk.ana, logged.id).entries]
    assert sorted(minutes) == [30, 90]

"""The timesheet service: one person's week, and who may read it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from deskTUI.domain.errors import PermissionDenied
from deskTUI.services import cases, worklog
from deskTUI.services.timesheet import timesheet

MONDAY = date(2026, 3, 2)


@pytest.fixture
def logged(desk):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    desk.clock.advance(days=8)  # next Tuesday: every entry below is work done
    nine = datetime(2026, 3, 2, 9, tzinfo=UTC)
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=MONDAY, start=nine,
        end=nine + timedelta(minutes=90), description="Diagnóstico",
    )  # fmt: skip
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=MONDAY + timedelta(days=3), minutes=45
    )
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=MONDAY + timedelta(days=7), minutes=30
    )  # next week
    return case


def test_the_week_holds_the_persons_entries_and_matches_the_cases_totals(desk, logged):
    sheet = timesheet(desk.uow(), desk.ana, day=MONDAY + timedelta(days=2))
    assert sheet.login == "ana" and sheet.sheet.first == MONDAY
    assert [(line.case_number, line.entry.minutes) for line in sheet.lines] == [
        (logged.number, 90),
        (logged.number, 45),
    ]
    assert sheet.sheet.week.total_minutes == 135
    case_totals = worklog.case_totals(desk.uow(), desk.sofia, logged.number)
    assert case_totals.total_minutes == 135 + 30  # the case also holds next week's 30 min


def test_a_supervisor_reads_an_agents_timesheet_and_an_agent_cannot_read_another(desk, logged):
    assert timesheet(desk.uow(), desk.sofia, day=MONDAY, login="ana").login == "ana"
    with pytest.raises(PermissionDenied, match="only they and their supervisors may"):
        timesheet(desk.uow(), desk.luis, day=MONDAY, login="ana")
    with pytest.raises(PermissionDenied):
        timesheet(desk.uow(), desk.diego, day=MONDAY, login="ana")  # not his area
    with pytest.raises(PermissionDenied):
        timesheet(desk.uow(), desk.maria, day=MONDAY)

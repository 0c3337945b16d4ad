"""The agenda service: whose agenda one may read, the period, conflicts, today and overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from deskTUI.domain.errors import PermissionDenied
from deskTUI.services import calendar
from deskTUI.services.agenda import agenda

MONDAY = date(2026, 3, 2)  # the desk's clock: Monday 2 March 2026, 12:00 UTC


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def planned(desk):
    """ana's week: two overlapping calls on Monday, a visit on Friday, tasks around it."""
    case = desk.open(title="Impresora del piso 2")
    calendar.schedule_event(
        desk.uow(), desk.sofia, case.number, kind="call", title="Llamar a María",
        start=at(MONDAY, 9), end=at(MONDAY, 10), owner="ana",
    )  # fmt: skip
    calendar.schedule_event(
        desk.uow(), desk.sofia, case.number, kind="meeting", title="Revisión",
        start=at(MONDAY, 9, 30), end=at(MONDAY, 11), owner="ana",
    )  # fmt: skip
    calendar.schedule_event(
        desk.uow(), desk.sofia, case.number, kind="visit", title="Visita técnica",
        start=at(MONDAY + timedelta(days=4), 15), end=at(MONDAY + timedelta(days=4), 16),
        owner="ana",
    )  # fmt: skip
    calendar.add_task(
        desk.uow(), desk.sofia, case.number, title="Pedir tóner", due=MONDAY - timedelta(days=3),
        owner="ana",
    )  # fmt: skip
    calendar.add_task(desk.uow(), desk.ana, None, title="Informe semanal", due=MONDAY)
    calendar.schedule_event(
        desk.uow(), desk.luis, None, kind="other", title="Médico",
        start=at(MONDAY, 9), end=at(MONDAY, 10),
    )  # fmt: skip
    return case


def titles(result) -> list[str]:
    return [i.title for i in result.items]


def test_my_week_holds_my_items_in_order_with_their_case(desk, planned):
    week = agenda(desk.uow(), desk.ana, day=MONDAY, span="week", zone=UTC)
    assert (week.first, week.last, week.whose) == (MONDAY, date(2026, 3, 8), "ana")
    assert titles(week) == [
        "Pedir tóner",  # overdue since Friday: still shown in the period holding today
        "Informe semanal",  # a day's tasks first, as all-day items are in calendars
        "Llamar a María",
        "Revisión",
        "Visita técnica",
    ]
    call = week.items[2]
    assert (call.case_number, call.case_title, call.owner) == (
        planned.number,
        "Impresora del piso 2",
        "ana",
    )


def test_overlapping_events_of_one_owner_are_flagged_as_a_conflict(desk, planned):
    week = agenda(desk.uow(), desk.ana, day=MONDAY, span="week", zone=UTC)
    flagged = {i.title for i in week.items if i.conflict}
    assert flagged == {"Llamar a María", "Revisión"}


def test_today_and_overdue_items_stand_out(desk, planned):
    day = agenda(desk.uow(), desk.ana, day=MONDAY, span="day", zone=UTC)
    by_title = {i.title: i for i in day.items}
    assert by_title["Llamar a María"].overdue  # ended at 10:00, still planned at 12:00
    assert by_title["Pedir tóner"].overdue and not by_title["Pedir tóner"].today
    assert by_title["Informe semanal"].today and not by_title["Informe semanal"].overdue
    calendar.update_event(desk.uow(), desk.ana, by_title["Llamar a María"].id, {"status": "held"})
    again = agenda(desk.uow(), desk.ana, day=MONDAY, span="day", zone=UTC)
    assert not {i.title: i for i in again.items}["Llamar a María"].overdue


def test_another_week_does_not_repeat_overdue_tasks(desk, planned):
    later = agenda(desk.uow(), desk.ana, day=MONDAY + timedelta(days=7), span="week", zone=UTC)
    assert titles(later) == []


def test_the_local_zone_decides_the_day(desk, planned):
    """09:00 UTC Monday is still Monday in Caracas (05:00); 01:00 UTC would be Sunday."""
    from zoneinfo import ZoneInfo

    calendar.schedule_event(
        desk.uow(), desk.ana, None, kind="other", title="Temprano",
        start=at(MONDAY, 1), end=at(MONDAY, 2),
    )  # fmt: skip
    caracas = ZoneInfo("America/Caracas")
    sunday = agenda(desk.uow(), desk.ana, day=MONDAY - timedelta(days=1), span="day", zone=caracas)
    assert titles(sunday) == ["Temprano"]


def test_a_supervisor_reads_an_agents_agenda_and_the_area_but_an_agent_reads_only_their_own(
    desk, planned
):
    assert titles(agenda(desk.uow(), desk.sofia, day=MONDAY, span="day", zone=UTC, owner="ana"))
    area = agenda(desk.uow(), desk.sofia, day=MONDAY, span="day", zone=UTC, area="Soporte")
    assert area.whose == "area Soporte"
    assert {i.owner for i in area.items} == {"ana", "luis"}
    with pytest.raises(PermissionDenied, match="only they and their supervisors"):
        agenda(desk.uow(), desk.luis, day=MONDAY, span="day", zone=UTC, owner="ana")
    with pytest.raises(PermissionDenied, match="its supervisors may"):
        agenda(desk.uow(), desk.ana, day=MONDAY, span="day", zone=UTC, area="Soporte")
    with pytest.raises(PermissionDenied, match="its supervisors may"):
        agenda(desk.uow(), desk.diego, day=MONDAY, span="day", zone=UTC, area="Soporte")
    with pytest.raises(PermissionDenied, match="Clients have no agenda"):
        agenda(desk.uow(), desk.maria, day=MONDAY, span="day", zone=UTC)

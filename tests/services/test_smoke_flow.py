"""The lifecycle of seeds 003 and 004, end to end through the services, on a real SQLite file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from deskTUI.domain.enums import QuoteStatus, Status
from deskTUI.sentences import finish_preview
from deskTUI.services import cases, views, worklog


def test_a_billable_case_with_a_contract_is_worked_finished_reopened_and_counted_once(desk):
    case = desk.open(by=desk.maria, contract=desk.hours.id)
    assert case.number == "CS-000001"
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True, "cost_per_hour": "30"})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    start = desk.clock.now
    desk.clock.advance(minutes=195)  # the work is done before it is logged
    worklog.log_time(
        desk.uow(),
        desk.ana,
        case.number,
        work_date=date(2026, 3, 2),
        start=start,
        end=start + timedelta(minutes=195),
        description="Cambio de fusor",
    )
    preview = cases.finish_preview(desk.uow(), desk.ana, case.number)
    assert preview is not None and finish_preview(preview) == "3.25 h → 3.25 / 40 h, 8 %"
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Fusor nuevo")
    cases.move_case(desk.uow(), desk.maria, case.number, "in_progress", note="Sigue fallando")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.case.status is Status.FINISHED
    assert detail.contract_balance is not None
    assert detail.contract_balance.used == Decimal("3.25")
    assert detail.totals.cost == Decimal("97.5")
    transitions = [e for e in detail.log if e.is_transition]
    assert [(e.from_status, e.to_status) for e in transitions] == [
        (Status.NEW, Status.ASSIGNED),
        (Status.ASSIGNED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.FINISHED),
        (Status.FINISHED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.FINISHED),
    ]


def test_a_billable_case_without_contract_waits_for_its_quote_to_be_approved(desk):
    case = desk.open(billable=True)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.issue_quote(
        desk.uow(), desk.sofia, case.number, price="150.00", currency="usd", minutes=180
    )
    approved = cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True)
    assert approved.quote.status is QuoteStatus.APPROVED
    assert approved.quote.currency == "USD"
    moved = cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    assert moved.status is Status.IN_PROGRESS
    assert isinstance(desk.clock.now, datetime)


def test_moving_a_case_to_an_area_its_assignee_is_not_in_is_refused_and_changes_nothing(desk):
    import pytest

    from deskTUI.domain.errors import ValidationError

    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    with pytest.raises(ValidationError, match="not in the case's area"):
        cases.edit_case(
            desk.uow(), desk.admin, case.number, {"area": "Desarrollo", "category": "Errores"}
        )
    detail = views.case_detail(desk.uow(), desk.admin, case.number)
    assert detail.names["area"] == "Soporte"
    assert detail.names["category"] == "Impresoras"


def test_an_agents_next_cases_come_breached_first_then_by_priority_level_and_close_date(desk):
    from deskTUI.domain.sla import Targets
    from deskTUI.services import sla

    sla.set_targets(desk.uow(), desk.admin, "low", Targets(30, 60))  # low cases breach after 1 h
    titles = [
        ("Media", {"priority": "medium"}),
        (
            "Alta",
            {"priority": "high", "planned_start": "2026-03-01", "planned_close": "2026-03-03"},
        ),
        ("Alta nivel 5", {"priority": "high", "level": 5}),
        ("Alta sin fecha", {"priority": "high"}),
        ("Crítica", {"priority": "critical"}),
        ("Baja vencida", {"priority": "low"}),
    ]
    for title, fields in titles:
        case = desk.open(title=title, **fields)
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    other = desk.open(title="De Luis", priority="critical")
    cases.assign_case(desk.uow(), desk.sofia, other.number, "luis")
    desk.clock.advance(hours=2)
    order = [c.title for c in views.next_cases(desk.uow(), desk.ana)]
    assert order == ["Baja vencida", "Crítica", "Alta nivel 5", "Alta", "Alta sin fecha", "Media"]


def test_time_and_events_on_a_case_belong_to_staff_of_its_area(desk):
    import pytest

    from deskTUI.domain.errors import ValidationError
    from deskTUI.services import calendar

    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    with pytest.raises(ValidationError) as time_error:
        worklog.log_time(
            desk.uow(),
            desk.sofia,
            case.number,
            work_date=date(2026, 3, 2),
            minutes=30,
            executor="pedro",
        )
    assert time_error.value.code == "assignee.other_area"
    with pytest.raises(ValidationError) as event_error:
        calendar.schedule_event(
            desk.uow(),
            desk.sofia,
            case.number,
            kind="call",
            title="Llamar",
            start=desk.clock.now,
            end=desk.clock.now + timedelta(minutes=10),
            owner="pedro",
        )
    assert event_error.value.code == "assignee.other_area"
    assert views.case_detail(desk.uow(), desk.sofia, case.number).entries == []


def test_a_quote_is_announced_to_every_user_of_the_client_account(desk):
    from deskTUI.services import notifications

    case = desk.open(billable=True)
    cases.issue_quote(desk.uow(), desk.sofia, case.number, price="10", currency="USD", minutes=60)
    for client_user in (desk.maria, desk.jorge):
        inbox = notifications.inbox(desk.uow(), client_user)
        assert [n.kind for n in inbox] == ["quote"]
    assert notifications.inbox(desk.uow(), desk.gloria) == []

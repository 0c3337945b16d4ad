"""cases.assign_case and cases.move_case: assignment, notifications, the lifecycle and the contract ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from deskTUI.domain.contracts import LedgerKind, Level
from deskTUI.domain.enums import LogKind, Status
from deskTUI.domain.errors import (
    CaseClosed,
    DomainError,
    NotFound,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from deskTUI.services import admin, cases, notifications, views, worklog

# -- assign_case -------------------------------------------------------------------


def test_assigning_a_new_case_moves_it_to_assigned_and_records_the_first_response(desk):
    case = desk.open()
    desk.clock.advance(minutes=20)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana", note="Tuyo")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.case.status is Status.ASSIGNED
    assert detail.case.assignee_id == desk.ana.id
    assert detail.case.first_response_at == desk.clock.now
    (line,) = [e for e in detail.log if e.is_transition]
    assert (line.from_status, line.to_status, line.actor_id) == (
        Status.NEW,
        Status.ASSIGNED,
        desk.sofia.id,
    )
    assert (line.field, line.old, line.new, line.note) == (
        "assignee_id",
        None,
        str(desk.ana.id),
        "Tuyo",
    )


def test_the_assignee_finds_the_assignment_in_their_inbox(desk):
    case = desk.open()
    assert notifications.inbox(desk.uow(), desk.ana) == []
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    (note,) = notifications.inbox(desk.uow(), desk.ana, unread_only=True)
    assert note.kind == "assignment"
    assert note.case == "CS-000001"
    assert note.read is False
    assert "sofia assigned you CS-000001" in note.message
    assert notifications.inbox(desk.uow(), desk.luis) == []


def test_a_supervisor_taking_the_case_is_not_notified_of_their_own_act(desk):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "sofia")
    assert views.case_detail(desk.uow(), desk.sofia, case.number).case.assignee_id == desk.sofia.id
    assert notifications.inbox(desk.uow(), desk.sofia) == []


def test_the_first_response_is_kept_when_the_case_is_reassigned(desk):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    first = desk.clock.now
    desk.clock.advance(minutes=30)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "luis")
    stored = views.case_detail(desk.uow(), desk.sofia, case.number).case
    assert stored.status is Status.ASSIGNED
    assert stored.assignee_id == desk.luis.id
    assert stored.first_response_at == first
    assert len(notifications.inbox(desk.uow(), desk.luis)) == 1


def test_marking_the_inbox_read_leaves_no_unread_notification(desk):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    assert notifications.mark_all_read(desk.uow(), desk.ana) == 1
    assert notifications.inbox(desk.uow(), desk.ana, unread_only=True) == []
    (note,) = notifications.inbox(desk.uow(), desk.ana)
    assert note.read is True


def test_reassigning_to_the_same_person_is_refused_and_changes_nothing(desk, snapshot):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as caught:
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    assert caught.value.code == "transition.same_assignee"
    assert snapshot(case.number) == before


def test_an_assignee_of_another_area_is_refused_and_changes_nothing(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.assign_case(desk.uow(), desk.sofia, case.number, "pedro")
    assert caught.value.code == "assignee.other_area"
    assert snapshot(case.number) == before


def test_a_client_cannot_be_assigned(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.assign_case(desk.uow(), desk.admin, case.number, "maria")
    assert caught.value.code == "assignee.not_staff"
    assert snapshot(case.number) == before


def test_an_agent_cannot_assign_cases(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.assign_case(desk.uow(), desk.ana, case.number, "ana")
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before


def test_a_hand_over_while_in_progress_keeps_the_status_and_notifies_the_new_assignee(
    desk, started
):
    case = started()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "luis", note="Ana sale de vacaciones")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.case.status is Status.IN_PROGRESS
    assert detail.case.assignee_id == desk.luis.id
    hand_over = detail.log[-1]
    assert hand_over.kind is LogKind.ASSIGNMENT
    assert not hand_over.is_transition
    assert (hand_over.old, hand_over.new) == (str(desk.ana.id), str(desk.luis.id))
    assert [n.kind for n in notifications.inbox(desk.uow(), desk.luis)] == ["assignment"]


def test_a_finished_case_is_not_handed_over(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as caught:
        cases.assign_case(desk.uow(), desk.sofia, case.number, "luis")
    assert caught.value.code == "assign.finished"
    assert snapshot(case.number) == before


# -- move_case: the lifecycle ------------------------------------------------------


def test_a_transition_not_in_the_table_is_refused_naming_the_status_and_targets(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as caught:
        cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress")
    assert caught.value.code == "transition.not_allowed"
    assert caught.value.params["current"] == "new"
    assert caught.value.params["allowed"] == "assigned or cancelled"
    assert snapshot(case.number) == before


def test_an_unknown_target_status_is_refused_as_a_domain_error(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(DomainError):
        cases.move_case(desk.uow(), desk.sofia, case.number, "done")
    assert snapshot(case.number) == before


def test_putting_on_hold_needs_a_note(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as caught:
        cases.move_case(desk.uow(), desk.ana, case.number, "on_hold", note="  ")
    assert caught.value.code == "transition.note_required"
    assert snapshot(case.number) == before
    cases.move_case(desk.uow(), desk.ana, case.number, "on_hold", note="Esperando repuesto")
    last = views.case_detail(desk.uow(), desk.ana, case.number).log[-1]
    assert (last.to_status, last.note) == (Status.ON_HOLD, "Esperando repuesto")


def test_finishing_needs_a_solution_and_records_it(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as caught:
        cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    assert caught.value.code == "transition.solution_required"
    assert snapshot(case.number) == before
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Fusor nuevo")
    stored = views.case_detail(desk.uow(), desk.ana, case.number).case
    assert (stored.status, stored.solution, stored.resolved_at) == (
        Status.FINISHED,
        "Fusor nuevo",
        desk.clock.now,
    )


def test_a_cancelled_case_is_closed_for_good(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="Duplicado")
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as moved:
        cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Volver")
    assert moved.value.code == "transition.cancelled"
    with pytest.raises(CaseClosed) as edited:
        cases.edit_case(desk.uow(), desk.admin, case.number, {"priority": "high"})
    assert edited.value.code == "case.cancelled"
    assert snapshot(case.number) == before


def test_an_agent_cannot_cancel(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.move_case(desk.uow(), desk.ana, case.number, "cancelled", note="No va")
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before


# -- move_case: the contract ledger -----------------------------------------------


def _ledger(desk, contract_id: int):
    with desk.uow() as uow:
        return uow.contracts.ledger(contract_id), uow.contracts.used(contract_id)


def _billable_case(desk, started, contract_id: int | None):
    case = started(contract=contract_id, billable=True, cost_per_hour="30")
    assert case.billable
    return case


def test_finishing_a_billable_case_on_an_hours_contract_posts_its_billable_hours(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.hours.id)
    log_minutes(case, desk.ana, 90)
    log_minutes(case, desk.ana, 30, at=desk.clock.now.replace(hour=8), billable=False)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    ledger, used = _ledger(desk, desk.hours.id)
    assert [(e.kind, e.units, e.minutes, e.case_id) for e in ledger] == [
        (LedgerKind.POST, Decimal("1.5"), 90, case.id)
    ]
    assert used == Decimal("1.5")
    log = views.case_detail(desk.uow(), desk.sofia, case.number).log
    assert [e.new for e in log if e.kind is LogKind.LEDGER] == [
        f"+1.5 hours on contract {desk.hours.id}"
    ]


def test_a_days_contract_posts_hours_over_eight_hours_per_day_by_default(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.days.id)
    log_minutes(case, desk.ana, 240)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    ledger, used = _ledger(desk, desk.days.id)
    assert [e.units for e in ledger] == [Decimal("0.5")]
    assert used == Decimal("0.5")


def test_a_days_contract_follows_the_hours_per_day_setting(desk, started, log_minutes):
    assert admin.set_hours_per_day(desk.uow(), desk.admin, "6") == Decimal(6)
    case = _billable_case(desk, started, desk.days.id)
    log_minutes(case, desk.ana, 180)
    preview = cases.finish_preview(desk.uow(), desk.ana, case.number)
    assert preview is not None and preview.units == Decimal("0.5")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    ledger, used = _ledger(desk, desk.days.id)
    assert [e.units for e in ledger] == [Decimal("0.5")]
    assert used == Decimal("0.5")


def test_the_hours_per_day_setting_is_admin_only_and_bounded(desk):
    with pytest.raises(PermissionDenied) as denied:
        admin.set_hours_per_day(desk.uow(), desk.sofia, "6")
    assert denied.value.code == "permission.role"
    with pytest.raises(ValidationError) as invalid:
        admin.set_hours_per_day(desk.uow(), desk.admin, "25")
    assert invalid.value.code == "settings.hours_per_day"
    with desk.uow() as uow:
        assert uow.settings.get("hours_per_day") is None


def test_an_incidents_contract_posts_one_incident_whatever_the_time(desk, started, log_minutes):
    case = _billable_case(desk, started, desk.incidents.id)
    log_minutes(case, desk.ana, 500)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    ledger, used = _ledger(desk, desk.incidents.id)
    assert [(e.units, e.minutes) for e in ledger] == [(Decimal(1), 500)]
    assert used == Decimal(1)


def test_a_non_billable_case_under_a_contract_posts_nothing(desk, started, log_minutes):
    case = started(contract=desk.hours.id)
    log_minutes(case, desk.ana, 120)
    assert cases.finish_preview(desk.uow(), desk.ana, case.number) is None
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    ledger, used = _ledger(desk, desk.hours.id)
    assert ledger == []
    assert used == 0


def test_reopening_posts_the_exact_reversal_and_finishing_again_posts_the_new_figure(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.hours.id)
    entry = log_minutes(case, desk.ana, 90)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Sigue fallando")
    ledger, used = _ledger(desk, desk.hours.id)
    post, reversal = ledger
    assert (reversal.kind, reversal.units, reversal.minutes, reversal.reverses_id) == (
        LedgerKind.REVERSAL,
        Decimal("-1.5"),
        -90,
        post.id,
    )
    assert used == 0
    worklog.edit_time(desk.uow(), desk.ana, entry.id, {"start": entry.end - timedelta(minutes=120)})
    log_minutes(case, desk.ana, 15, at=entry.start - timedelta(hours=3))
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    ledger, used = _ledger(desk, desk.hours.id)
    assert [(e.kind, e.units) for e in ledger] == [
        (LedgerKind.POST, Decimal("1.5")),
        (LedgerKind.REVERSAL, Decimal("-1.5")),
        (LedgerKind.POST, Decimal("2.25")),
    ]
    assert used == Decimal("2.25") == sum(e.units for e in ledger)


def test_a_reopen_reverses_the_post_even_after_the_case_stopped_being_billable(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.hours.id)
    log_minutes(case, desk.ana, 60)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": False})
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Revisar")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    ledger, used = _ledger(desk, desk.hours.id)
    assert [e.units for e in ledger] == [Decimal(1), Decimal(-1)]
    assert used == 0


def test_a_reopen_reverses_the_posted_days_even_after_the_hours_per_day_changed(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.days.id)
    log_minutes(case, desk.ana, 240)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    admin.set_hours_per_day(desk.uow(), desk.admin, "6")
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Revisar")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    ledger, used = _ledger(desk, desk.days.id)
    assert [e.units for e in ledger] == [Decimal("0.5"), Decimal("-0.5"), Decimal("0.6667")]
    assert used == Decimal("0.6667")


def test_a_reopen_reverses_on_the_contract_posted_to_after_the_contract_was_changed(
    desk, started, log_minutes
):
    case = _billable_case(desk, started, desk.hours.id)
    log_minutes(case, desk.ana, 90)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": desk.incidents.id})
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Otra póliza")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    hours, hours_used = _ledger(desk, desk.hours.id)
    incidents, incidents_used = _ledger(desk, desk.incidents.id)
    assert [e.units for e in hours] == [Decimal("1.5"), Decimal("-1.5")]
    assert [e.units for e in incidents] == [Decimal(1)]
    assert (hours_used, incidents_used) == (0, 1)


def test_used_units_are_the_sum_of_the_ledger_across_cases(desk, started, log_minutes):
    first = _billable_case(desk, started, desk.hours.id)
    log_minutes(first, desk.ana, 45)
    cases.move_case(desk.uow(), desk.ana, first.number, "finished", solution="Uno")
    second = _billable_case(desk, started, desk.hours.id)
    log_minutes(second, desk.ana, 75, at=desk.clock.now.replace(hour=7))
    cases.move_case(desk.uow(), desk.ana, second.number, "finished", solution="Dos")
    ledger, used = _ledger(desk, desk.hours.id)
    assert used == Decimal(2) == sum(e.units for e in ledger)
    view = views.contract_view(desk.uow(), desk.sofia, desk.hours.id)
    assert view.balance.used == Decimal(2)
    assert view.balance.remaining == Decimal(38)
    assert view.client == "Acme SA"


@pytest.mark.parametrize(
    ("minutes", "level"),
    [(47, Level.OK), (48, Level.WARNING), (60, Level.EXHAUSTED), (90, Level.EXCEEDED)],
)
def test_a_contract_shows_its_level_and_may_be_exceeded(desk, started, log_minutes, minutes, level):
    small = admin.add_contract(
        desk.uow(),
        desk.admin,
        client="Acme SA",
        unit="hours",
        total=1,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    case = _billable_case(desk, started, small.id)
    log_minutes(case, desk.ana, minutes)
    finished = cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    assert finished.status is Status.FINISHED
    view = views.contract_view(desk.uow(), desk.admin, small.id)
    assert view.balance.level is level
    assert view.balance.used == (Decimal(minutes) / 60).quantize(Decimal("0.0001"))


def test_an_exceeded_contract_still_lets_the_case_finish_and_shows_negative_remaining(
    desk, started, log_minutes
):
    small = admin.add_contract(
        desk.uow(),
        desk.admin,
        client="Acme SA",
        unit="incidents",
        total=1,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    for _ in range(2):
        case = _billable_case(desk, started, small.id)
        cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    view = views.contract_view(desk.uow(), desk.sofia, small.id)
    assert view.balance.used == 2
    assert view.balance.remaining == -1
    assert view.balance.level is Level.EXCEEDED
    assert view.balance.percent == 200


def test_the_contract_of_another_account_does_not_exist_for_a_client(desk):
    with pytest.raises(NotFound) as caught:
        views.contract_view(desk.uow(), desk.gloria, desk.hours.id)
    assert str(caught.value) == f"There is no contract {desk.hours.id}"
    assert views.contract_view(desk.uow(), desk.maria, desk.hours.id).client == "Acme SA"

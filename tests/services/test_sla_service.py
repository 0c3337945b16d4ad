"""sla: targets per priority, breaches, and escalation exactly once per breach."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskTUI.domain.enums import LogKind, Priority, SlaTarget
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.sla import DEFAULT_TARGETS, Targets
from deskTUI.services import admin, cases, notifications, sla, views


def _escalation_lines(desk, case):
    log = views.case_detail(desk.uow(), desk.admin, case.number).log
    return [(e.field, e.actor_id, e.new) for e in log if e.kind is LogKind.ESCALATION]


def _escalation_notes(desk, user):
    return [n for n in notifications.inbox(desk.uow(), user) if n.kind == "escalation"]


def _sweep(desk):
    return [(e.number, e.target, e.notified) for e in sla.escalate_breaches(desk.uow())]


def test_a_critical_case_is_not_breached_at_exactly_one_hour(desk):
    desk.open(priority="critical")
    desk.clock.advance(minutes=60)
    assert _sweep(desk) == []


def test_an_unanswered_critical_case_is_escalated_once_even_when_swept_twice(desk):
    marta = admin.add_user(desk.uow(), desk.admin, "marta", role="supervisor", areas=["Soporte"])
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=61)
    assert _sweep(desk) == [("CS-000001", SlaTarget.FIRST_RESPONSE, ("sofia", "marta"))]
    desk.clock.advance(minutes=1)
    assert _sweep(desk) == []
    assert _escalation_lines(desk, case) == [("first_response", None, "escalated to sofia, marta")]
    for supervisor in (desk.sofia, marta):
        (note,) = _escalation_notes(desk, supervisor)
        assert note.case == "CS-000001"
        assert "breached its first response target (critical)" in note.message
    for bystander in (desk.diego, desk.ana, desk.admin):
        assert _escalation_notes(desk, bystander) == []
    stored = views.case_detail(desk.uow(), desk.admin, case.number).case
    assert stored.escalated_response_at == desk.clock.now - timedelta(minutes=1)
    assert stored.escalated_resolution_at is None


def test_a_breach_is_claimed_by_one_sweep_only_even_if_two_read_it_unescalated(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=61)
    with desk.uow() as uow:
        first = uow.cases.mark_escalated(case.id, "escalated_response_at", uow.now())
        second = uow.cases.mark_escalated(case.id, "escalated_response_at", uow.now())
        uow.commit()
    assert (first, second) == (True, False)
    assert _sweep(desk) == []
    assert _escalation_notes(desk, desk.sofia) == []


def test_the_resolution_breach_is_escalated_separately(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=61)
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.FIRST_RESPONSE]
    desk.clock.advance(minutes=179)
    assert _sweep(desk) == []
    desk.clock.advance(minutes=1)
    assert _sweep(desk) == [("CS-000001", SlaTarget.RESOLUTION, ("sofia",))]
    assert _sweep(desk) == []
    assert [f for f, _, _ in _escalation_lines(desk, case)] == ["first_response", "resolution"]
    assert len(_escalation_notes(desk, desk.sofia)) == 2


def test_a_case_answered_in_time_is_escalated_only_for_its_resolution(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=30)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    desk.clock.advance(hours=4)
    assert _sweep(desk) == [("CS-000001", SlaTarget.RESOLUTION, ("sofia",))]
    assert [f for f, _, _ in _escalation_lines(desk, case)] == ["resolution"]
    state = views.case_detail(desk.uow(), desk.sofia, case.number).sla
    assert state.first_response.met and not state.first_response.breached
    assert state.resolution.breached


def test_both_breaches_found_in_one_sweep_are_escalated_together(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(hours=5)
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION]
    assert len(_escalation_lines(desk, case)) == 2
    assert _sweep(desk) == []


def test_finished_and_cancelled_cases_are_not_escalated(desk, started):
    finished = started(priority="critical")
    cases.move_case(desk.uow(), desk.ana, finished.number, "finished", solution="Listo")
    cancelled = desk.open(priority="critical")
    cases.move_case(desk.uow(), desk.sofia, cancelled.number, "cancelled", note="Duplicado")
    desk.clock.advance(days=2)
    assert _sweep(desk) == []


def test_a_case_of_an_area_without_supervisors_is_escalated_to_the_admins(desk):
    admin.update_user(desk.uow(), desk.admin, "diego", active=False)
    case = desk.open(by=desk.admin, category="Errores", priority="critical")
    desk.clock.advance(minutes=61)
    who = desk.admin.login
    assert _sweep(desk) == [("CS-000001", SlaTarget.FIRST_RESPONSE, (who,))]
    assert _escalation_lines(desk, case) == [("first_response", None, f"escalated to {who}")]
    assert [n.case for n in _escalation_notes(desk, desk.admin)] == ["CS-000001"]
    assert _escalation_notes(desk, desk.sofia) == []  # Soporte's supervisor, not this area's


def test_an_escalated_case_can_still_be_edited_afterwards(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=61)
    sla.escalate_breaches(desk.uow())
    assert cases.edit_case(desk.uow(), desk.sofia, case.number, {"level": 3}) == ["level"]


# -- targets -------------------------------------------------------------------------


def test_only_admins_set_targets(desk):
    with pytest.raises(PermissionDenied) as caught:
        sla.set_targets(desk.uow(), desk.sofia, "critical", Targets(120, 480))
    assert caught.value.code == "permission.role"
    assert sla.get_targets(desk.uow()) == DEFAULT_TARGETS


def test_targets_start_at_the_documented_defaults(desk):
    targets = sla.get_targets(desk.uow())
    assert targets[Priority.CRITICAL] == Targets(60, 240)
    assert targets[Priority.HIGH] == Targets(240, 24 * 60)
    assert targets[Priority.MEDIUM] == Targets(24 * 60, 3 * 24 * 60)
    assert targets[Priority.LOW] == Targets(2 * 24 * 60, 5 * 24 * 60)


def test_new_targets_change_when_a_case_breaches(desk):
    sla.set_targets(desk.uow(), desk.admin, "critical", Targets(120, 480))
    assert sla.get_targets(desk.uow())[Priority.CRITICAL] == Targets(120, 480)
    assert sla.get_targets(desk.uow())[Priority.HIGH] == DEFAULT_TARGETS[Priority.HIGH]
    case = desk.open(priority="critical")
    state = views.case_detail(desk.uow(), desk.sofia, case.number).sla
    assert state.first_response.due == desk.clock.now + timedelta(minutes=120)
    desk.clock.advance(minutes=61)
    assert _sweep(desk) == []
    desk.clock.advance(minutes=60)
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.FIRST_RESPONSE]


def test_a_medium_case_breaches_after_a_day_by_default(desk):
    desk.open()
    desk.clock.advance(hours=24)
    assert _sweep(desk) == []
    desk.clock.advance(minutes=1)
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.FIRST_RESPONSE]


def test_targets_in_the_wrong_order_are_refused(desk):
    with pytest.raises(ValidationError) as caught:
        sla.set_targets(desk.uow(), desk.admin, "critical", Targets(120, 60))
    assert caught.value.code == "sla.order"
    assert sla.get_targets(desk.uow()) == DEFAULT_TARGETS


def test_targets_for_an_unknown_priority_are_refused_as_a_domain_error(desk):
    with pytest.raises(ValidationError):
        sla.set_targets(desk.uow(), desk.admin, "urgent", Targets(60, 120))


# -- breaches found late, reopenings, many at once ---------------------------------------


def test_a_case_answered_after_its_deadline_is_escalated_once_for_its_response(desk):
    # No sweep ran while it waited: the late answer is still a breach to report.
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=90)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    assert _sweep(desk) == [("CS-000001", SlaTarget.FIRST_RESPONSE, ("sofia",))]
    assert _sweep(desk) == []


def test_a_case_answered_exactly_at_its_deadline_is_not_escalated(desk):
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=60)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    desk.clock.advance(minutes=100)
    assert _sweep(desk) == []


def test_a_reopened_case_is_not_escalated_again_for_a_breach_already_escalated(desk, started):
    case = started(priority="critical")
    desk.clock.advance(hours=5)
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.RESOLUTION]
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    desk.clock.advance(hours=2)
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Vuelve a fallar")
    desk.clock.advance(hours=5)
    assert _sweep(desk) == []
    assert [f for f, _, _ in _escalation_lines(desk, case)] == ["resolution"]


def test_a_case_finished_in_time_and_reopened_breaches_after_its_remaining_time(desk, started):
    # Resolution target 4 h (critical); finished after 3 h, 1 h left on the clock.
    case = started(priority="critical")
    desk.clock.advance(hours=3)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    desk.clock.advance(hours=10)  # finished: these hours do not count
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Vuelve a fallar")
    desk.clock.advance(minutes=60)
    assert _sweep(desk) == []
    desk.clock.advance(minutes=1)
    assert _sweep(desk) == [("CS-000001", SlaTarget.RESOLUTION, ("sofia",))]
    assert _sweep(desk) == []


def test_shorter_targets_escalate_the_cases_they_now_breach_once(desk):
    case = desk.open(priority="low")
    desk.clock.advance(hours=3)
    assert _sweep(desk) == []
    sla.set_targets(desk.uow(), desk.admin, "low", Targets(120, 240))
    assert _sweep(desk) == [("CS-000001", SlaTarget.FIRST_RESPONSE, ("sofia",))]
    assert _sweep(desk) == []
    assert [f for f, _, _ in _escalation_lines(desk, case)] == ["first_response"]


def test_a_raised_priority_is_held_to_its_new_targets(desk):
    case = desk.open(priority="low")
    desk.clock.advance(hours=2)
    assert _sweep(desk) == []
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"priority": "critical"})
    assert [t for _, t, _ in _sweep(desk)] == [SlaTarget.FIRST_RESPONSE]


def test_more_breaches_than_one_batch_are_all_escalated_each_once(desk, monkeypatch):
    monkeypatch.setattr(sla, "ESCALATION_BATCH", 2)
    opened = [desk.open(priority="critical") for _ in range(5)]
    desk.clock.advance(minutes=61)
    assert sorted(n for n, _, _ in _sweep(desk)) == [c.number for c in opened]
    assert _sweep(desk) == []
    assert len(_escalation_notes(desk, desk.sofia)) == 5

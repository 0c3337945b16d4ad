"""Bulk actions check each case on its own: one refusal does not stop or undo the others."""

from __future__ import annotations

from deskTUI.domain.enums import Status
from deskTUI.services import bulk, cases, views


def test_bulk_moves_each_case_it_may_and_names_the_reason_for_each_refusal(desk):
    first = desk.open(title="Uno")
    second = desk.open(title="Dos")
    done = desk.open(title="Tres")
    cases.move_case(desk.uow(), desk.sofia, done.number, "cancelled", note="Duplicado")
    results = bulk.bulk_move(
        desk.uow, desk.sofia, [first.id, second.id, done.id], "cancelled", "Limpieza"
    )
    assert [(r.number, r.done) for r in results] == [
        ("CS-000001", True),
        ("CS-000002", True),
        ("CS-000003", False),
    ]
    assert "a cancelled case is closed for good" in results[2].reason
    statuses = [
        views.case_detail(desk.uow(), desk.sofia, c.id).case.status for c in (first, second)
    ]
    assert statuses == [Status.CANCELLED, Status.CANCELLED]


def test_bulk_priority_is_refused_to_an_agent_case_by_case(desk):
    case = desk.open(title="Uno")
    results = bulk.bulk_priority(desk.uow, desk.ana, [case.id], "critical")
    assert not results[0].done and "may not" in results[0].reason
    assert views.case_detail(desk.uow(), desk.sofia, case.id).case.priority.value == "medium"

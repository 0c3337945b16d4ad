"""A code that is no member of its enum is refused with a sentence that names every code,
as the enum declares them (domain.values.one_of): the sentences read as they did when each
service wrote its list by hand, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.sla import Targets
from deskTUI.i18n import error_text
from deskTUI.services import admin, calendar, case_quotes, sla

TUESDAY = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)


def _refusal(call) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code, error_text(refused.value)


def test_an_unknown_kind_of_event_or_event_status_is_refused_naming_every_code(desk, started):
    case = started()
    schedule = {"title": "Visita", "start": TUESDAY, "end": TUESDAY + timedelta(hours=1)}
    assert _refusal(
        lambda: calendar.schedule_event(desk.uow(), desk.ana, case.number, kind="lunch", **schedule)
    ) == ("event.kind", "'lunch' is not a kind of event: call, meeting, follow_up, visit or other")
    event = calendar.schedule_event(desk.uow(), desk.ana, case.number, kind="visit", **schedule)
    assert _refusal(
        lambda: calendar.update_event(desk.uow(), desk.ana, event.id, {"status": "done"})
    ) == (
        "event.status",
        "An event is planned, held or not_held; its kind call, meeting, follow_up, visit or other",
    )
    task = calendar.add_task(
        desk.uow(), desk.ana, case.number, title="Llamar", due=date(2026, 3, 4)
    )
    assert _refusal(lambda: calendar.update_task(desk.uow(), desk.ana, task.id, "done")) == (
        "task.status",
        "'done' is not a task status: not_started, in_progress or completed",
    )


def test_an_unknown_role_tracking_unit_or_payment_status_is_refused_naming_every_code(desk):
    assert _refusal(lambda: admin.add_user(desk.uow(), desk.admin, "rosa", role="boss")) == (
        "user.role",
        "'boss' is not a role: admin, supervisor, agent or client",
    )
    contract = {
        "client": "Acme SA",
        "total": 5,
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
    }
    assert _refusal(
        lambda: admin.add_contract(desk.uow(), desk.admin, unit="weeks", **contract)
    ) == ("contract.unit", "'weeks' is not a tracking unit: hours, days or incidents")
    case = desk.open()
    assert _refusal(
        lambda: case_quotes.set_payment(desk.uow(), desk.admin, case.number, "later")
    ) == ("payment.invalid", "'later' is not a payment status: unpaid, partial or paid")


def test_targets_for_an_unknown_priority_are_refused_naming_every_priority_and_none_is_set(desk):
    before = sla.get_targets(desk.uow())
    assert _refusal(
        lambda: sla.set_all_targets(
            desk.uow(), desk.admin, {"critical": Targets(30, 60), "urgent": Targets(60, 120)}
        )
    ) == ("sla.priority", "'urgent' is not a priority: low, medium, high or critical")
    assert sla.get_targets(desk.uow()) == before

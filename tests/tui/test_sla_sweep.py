"""A staff operator's open app escalates SLA breaches on its own, once, off the event loop."""

from __future__ import annotations

from deskTUI.domain.enums import LogKind
from deskTUI.services import notifications, views

from .conftest import make_app, settle


def _escalations(desk, number):
    log = views.case_detail(desk.uow(), desk.admin, number).log
    return [e.field for e in log if e.kind is LogKind.ESCALATION]


async def test_an_open_app_escalates_a_breach_once_and_the_supervisor_is_told(desk, queue):
    waiting = desk.open(title="Nadie contesta", priority="critical")
    desk.clock.advance(minutes=61)
    app = make_app(desk, desk.ana, escalate_every=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(5):  # several sweeps run: the breach is still escalated once
            await pilot.pause(0.06)
            await settle(pilot)
    assert _escalations(desk, waiting.number) == ["first_response"]
    told = [n for n in notifications.inbox(desk.uow(), desk.sofia) if n.kind == "escalation"]
    assert [n.case for n in told] == [waiting.number]


async def test_a_clients_app_runs_no_sweep(desk, queue):
    waiting = desk.open(title="Nadie contesta", priority="critical")
    desk.clock.advance(minutes=61)
    app = make_app(desk, desk.gloria, escalate_every=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
    assert _escalations(desk, waiting.number) == []

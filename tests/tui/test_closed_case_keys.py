"""A finished or cancelled case's view offers no key its guards would refuse: a cancelled
case is a historical record (no assigning, comments, time, plans or payment), a finished
one takes comments but no time until reopened (T stays: it stops a timer left running). Offered before, `t` opened the time dialog
on a cancelled case only to be refused on submit."""

from __future__ import annotations

from deskTUI.services import cases

from .conftest import running_app, settle


def closed(desk, target: str) -> int:
    case = desk.open(title="Se cierra", priority="medium")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    if target == "cancelled":
        cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="duplicado")
    else:
        cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
        cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Hecho")
    assert case.id is not None
    return case.id


async def test_a_cancelled_case_offers_no_key_that_would_change_it(desk):
    case_id = closed(desk, "cancelled")
    async with running_app(desk, desk.sofia, case_id=case_id) as (app, pilot):
        active = app.screen.active_bindings
        assert {"a", "c", "t", "p", "dollar_sign"}.isdisjoint(active), sorted(active)
        assert "T" in active  # it stops a timer that ran while the case was closed
        screen = app.screen
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is screen  # no dialog opened to be refused on submit


async def test_a_finished_case_takes_comments_but_offers_no_time_until_reopened(desk):
    case_id = closed(desk, "finished")
    async with running_app(desk, desk.ana, case_id=case_id) as (app, _pilot):
        active = app.screen.active_bindings
        assert "c" in active
        assert "t" not in active and "T" in active, sorted(active)

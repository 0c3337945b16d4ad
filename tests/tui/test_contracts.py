"""The contracts screen: balances with their level, and the ledger of the highlighted one."""

from __future__ import annotations

from textual.widgets import DataTable

from deskTUI.screens.contracts import ContractsScreen, bar
from deskTUI.services import cases, worklog

from .conftest import running_app, settle


def finish_on_hours_contract(desk, minutes: int) -> str:
    """A billable case on Acme's 40-hour contract, worked ``minutes`` and finished."""
    return finish_on_contract(desk, desk.hours.id, minutes)


def finish_on_contract(desk, contract_id: int, minutes: int) -> str:
    """A billable case on one of Acme's contracts, worked ``minutes`` and finished."""
    case = desk.open(contract=contract_id)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    today = desk.clock.now.date()
    for day in (today, today.replace(day=today.day - 1)):  # an entry lasts at most 24 h
        worklog.log_time(desk.uow(), desk.ana, case.number, work_date=day, minutes=minutes // 2)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    return case.number


def test_the_bar_fills_by_tenths_and_stays_full_past_100_percent() -> None:
    from decimal import Decimal

    assert bar(Decimal(0)) == "░" * 10
    assert bar(Decimal("87.5")) == "█" * 9 + "░"
    assert bar(Decimal(130)) == "█" * 10


async def test_c_shows_each_contracts_balance_and_the_ledger_of_the_highlighted_one(desk):
    number = finish_on_hours_contract(desk, 35 * 60)
    async with running_app(desk, desk.sofia) as (app, pilot):
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        table = app.screen.query_one("#contracts-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        hours = next(r for r in rows if r[2] == "hours")
        assert hours[3:] == ["40", "35", "5", "88 %", "█████████░", "warning"]
        table.move_cursor(row=rows.index(hours))
        await settle(pilot)
        ledger = app.screen.query_one("#ledger-table", DataTable)
        [post] = [[str(c) for c in ledger.get_row_at(i)] for i in range(ledger.row_count)]
        assert post[1:] == [number, "post", "+35", "35h"]


async def test_a_day_contract_shows_units_to_two_decimals_and_its_ledger_in_date_order(desk):
    from datetime import timedelta

    later = finish_on_contract(desk, desk.days.id, 44)  # 44 min of an 8-hour day: 0.0917 d
    desk.clock.now -= timedelta(days=2)  # written after, dated before (an import, the demo)
    earlier = finish_on_contract(desk, desk.days.id, 8 * 60 + 30)  # 1.0625 d
    async with running_app(desk, desk.sofia) as (app, pilot):
        await pilot.press("C")
        await settle(pilot)
        table = app.screen.query_one("#contracts-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        days = next(r for r in rows if r[2] == "days")
        assert days[3:7] == ["5", "1.15", "3.85", "23 %"]  # 1.1542 d used, kept in full
        table.move_cursor(row=rows.index(days))
        await settle(pilot)
        ledger = app.screen.query_one("#ledger-table", DataTable)
        posts = [[str(c) for c in ledger.get_row_at(i)] for i in range(ledger.row_count)]
        assert [p[1:] for p in posts] == [
            [earlier, "post", "+1.06", "8h30m"],
            [later, "post", "+0.09", "44m"],
        ]

"""The contract ledger as people read it (issue 18): in date order, units to 0.01."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from deskTUI.sentences import balance as balance_sentence
from deskTUI.services import cases, views


def finish_billable(desk, contract_id: int, minutes: int, log_minutes) -> str:
    """A billable case on ``contract_id``, worked ``minutes`` by Ana and finished now."""
    case = desk.open(contract=contract_id)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    log_minutes(case, desk.ana, minutes)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    return case.number


def test_the_ledger_is_in_date_order_even_when_written_out_of_it(desk, log_minutes):
    later = finish_billable(desk, desk.hours.id, 60, log_minutes)
    desk.clock.now -= timedelta(hours=3)  # a back-dated write (an import, the demo's history)
    earlier = finish_billable(desk, desk.hours.id, 30, log_minutes)

    ledger = views.contract_view(desk.uow(), desk.sofia, desk.hours.id).ledger

    assert [e.case_id for e in ledger] == [int(earlier[3:]), int(later[3:])]
    assert ledger[0].at < ledger[1].at and ledger[0].id > ledger[1].id


def test_day_units_show_two_decimals_at_most_and_left_adds_up_with_used(desk, log_minutes):
    finish_billable(desk, desk.days.id, 45, log_minutes)  # 45 min of an 8-hour day: 0.09375

    view = views.contract_view(desk.uow(), desk.sofia, desk.days.id)

    assert view.balance.used == Decimal("0.0938")  # kept to 1/10,000, as before
    assert view.balance.shown == ("5", "0.09", "4.91")
    assert balance_sentence(view.balance) == "0.09 / 5 d used, 4.91 d left (2 %)"

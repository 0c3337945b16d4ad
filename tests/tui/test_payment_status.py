"""Issue 21 (ACTIVITIES): seed 003's "Estado de pago" set from the TUI by whoever the
policy lets (SET_PAYMENT), with `$` on the case and on the list, as `case payment` does."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import OptionList

from deskTUI import i18n
from deskTUI.screens.case_list import CaseListScreen
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import PaymentDialog
from deskTUI.services import cases, views
from deskTUI.widgets.case_table import CaseTable

from .conftest import heading, running_app, settle
from .test_seed_001_activities import cli_json


def quoted(desk, *, approved: bool):
    """A billable case of Acme SA without a contract, quoted by sofia (and approved by
    maria, the client, when ``approved``)."""
    case = desk.open(title="Cotizar el cambio de fusor", billable=True)
    cases.issue_quote(
        desk.uow(), desk.sofia, case.number, price=Decimal("150"), currency="USD", minutes=180
    )
    if approved:
        cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True)
    return case


def offered(app) -> list[str]:
    options = app.screen.query_one("#payment", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_supervisor_records_a_partial_payment_with_dollar_on_the_case(desk):
    case = quoted(desk, approved=True)
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert isinstance(app.screen, PaymentDialog)
        assert offered(app) == ["unpaid", "partial", "paid"]
        assert app.screen.query_one("#payment", OptionList).highlighted == 0  # unpaid now
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    shown = cli_json(desk, "case", "show", case.number)
    assert shown["quote"]["payment"] == "partial"
    log = views.case_detail(desk.uow(), desk.sofia, case.id).log
    assert [(e.field, e.old, e.new) for e in log if e.field == "payment"] == [
        ("payment", "unpaid", "partial")
    ]


async def test_from_the_list_in_spanish_and_refused_for_an_unapproved_quote(desk):
    approved, pending = quoted(desk, approved=True), quoted(desk, approved=False)
    i18n.use("es", "es")
    try:
        async with running_app(desk, desk.sofia, size=(120, 30)) as (app, pilot):
            table = app.screen.query_one(CaseTable)
            while table.highlighted is not None and table.highlighted.number != approved.number:
                await pilot.press("j")
            await pilot.press("dollar_sign")
            await settle(pilot)
            assert isinstance(app.screen, PaymentDialog)
            assert offered(app) == ["Sin pagar", "Pago parcial", "Pagado"]
            await pilot.press("down", "down", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CaseListScreen)
            while table.highlighted is not None and table.highlighted.number != pending.number:
                await pilot.press("k")
            await pilot.press("dollar_sign")
            await settle(pilot)
            assert isinstance(app.screen, CaseListScreen)  # no dialog: the sentence instead
            told = [n.message for n in app._notifications]
            assert any("aprobada" in message for message in told), told
    finally:
        i18n.use("en", "en")
    assert views.case_detail(desk.uow(), desk.sofia, approved.id).case.quote.payment == "paid"
    assert views.case_detail(desk.uow(), desk.sofia, pending.id).case.quote.payment == "unpaid"


async def test_an_agent_is_not_offered_the_payment_key(desk):
    case = quoted(desk, approved=True)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    async with running_app(desk, desk.ana, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), heading(app)
        assert app.screen.check_action("payment", ()) is False
    assert views.case_detail(desk.uow(), desk.sofia, case.id).case.quote.payment == "unpaid"

"""Money, days and weekdays on screen in the operator's locale, and typed in it (issue 20):
the quote dialog reads "1.500,50" in Spanish, the case view writes "1.500,50 USD" and
"7/12/2026" (es, es_AR) or "1,500.50 USD" and "12/7/2026" (en); the agenda's day column
reads "lun 02" in Spanish."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Static

from deskTUI import i18n
from deskTUI.screens.agenda import AgendaScreen
from deskTUI.screens.dialogs import QuoteDialog
from deskTUI.services import calendar, cases, views

from .conftest import make_app, opened_by_key, running_app, settle
from .test_case_actions import open_editor


def _billable_case(desk):
    case = desk.open(by=desk.maria, title="Instalar impresora nueva")
    cases.edit_case(
        desk.uow(), desk.sofia, case.number, {"billable": True, "planned_start": date(2026, 12, 7)}
    )
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    return case


async def _quote(app, pilot, case_id: int, price: str) -> None:
    await open_editor(app, pilot, case_id)
    await pilot.press("u")
    await settle(pilot)
    assert isinstance(app.screen, QuoteDialog)
    await pilot.press(*price, "tab", "tab", *"3", "tab", *"Tres horas", "enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("locale", "typed", "money", "day"),
    [
        ("es", "1.500,50", "1.500,50 USD", "7/12/2026"),
        ("es_AR", "1.500,50", "1.500,50 USD", "7/12/2026"),
        ("en", "1,500.50", "1,500.50 USD", "12/7/2026"),
    ],
)
async def test_a_quote_typed_as_the_locale_writes_it_is_stored_exactly_and_shown_in_it(
    desk, locale, typed, money, day
):
    i18n.use(i18n.language_of(locale) or "en", locale)
    case = _billable_case(desk)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await _quote(app, pilot, case.id, typed)
        others = str(app.screen.query_one("#others-body", Static).render())
        general = str(app.screen.query_one("#general-body", Static).render())
    assert money in others
    assert f"{day} → —" in general  # the planned start → close row
    quote = views.case_detail(desk.uow(), desk.sofia, case.id).case.quote
    assert quote.price == Decimal("1500.50") and str(quote.price) == "1500.50"


async def test_a_price_in_another_locales_form_is_refused_in_spanish_and_nothing_is_quoted(desk):
    i18n.use("es", "es")
    case = _billable_case(desk)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await _quote(app, pilot, case.id, "1,500.50")
        assert isinstance(app.screen, QuoteDialog)  # still open, the sentence under it
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "no es un número: escríbalo como 1.500,50 o 150,5" in shown
        assert app.screen.query_one("#price", Input).value == "1,500.50"
    quote = views.case_detail(desk.uow(), desk.sofia, case.id).case.quote
    assert quote.price is None


async def test_the_agendas_day_column_reads_spanish_weekdays(desk, queue):
    monday = date(2026, 3, 2)
    for offset, title in ((0, "Llamar"), (2, "Pedir tóner")):
        calendar.add_task(
            desk.uow(), desk.sofia, queue[0].number, title=title,
            due=date(2026, 3, 2 + offset), owner="ana",
        )  # fmt: skip
    i18n.use("es", "es")
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        table = app.screen.query_one("#agenda-table", DataTable)
        days = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    assert days == ["lun 02", "mié 04"], monday

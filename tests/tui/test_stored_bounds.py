"""A figure stored past today's bounds (by an older version, or by hand with SQL) shows in
the case view instead of closing the app for everyone who opens the case (issue 17, item 7):
a cost per hour of 1e26 with billable time made ``enter`` on the case exit with a traceback.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from textual.widgets import Input, OptionList

from deskTUI.formats import figure, number
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import cases, worklog
from deskTUI.store.uow import UnitOfWork
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle

HUGE = "9" * 401


def billed_case_stored_at(desk, rate: str):
    """A case of the 40-hour contract with an hour billed, then its rate set by SQL."""
    case = desk.open(title="Carísimo", billable=True, contract=desk.hours.id)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 2), minutes=60,
                     billable=True)  # fmt: skip
    db = desk.uow().db
    value = Decimal(rate) if db.dialect == "postgresql" else rate
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE support_case SET cost_per_hour = :v WHERE id = :id"),
            {"v": value, "id": case.id},
        )
        connection.execute(text("UPDATE contract SET total_units = :v"), {"v": value})
    return case


async def open_from_the_list(desk, case) -> dict[str, str]:
    """``enter`` on the case in the list: the case view's Others section, as drawn (label:
    value)."""
    async with running_app(desk, desk.admin, size=(110, 40)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        assert table.highlighted is not None and table.highlighted.id == case.id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), "the case did not open"
        others = str(app.screen.query_one("#others-body").render())
    assert app.return_code in (None, 0)
    return {line[:20].strip(): line[20:].strip() for line in others.splitlines()}


@pytest.mark.parametrize("rate", ["100000000000000000000000000", HUGE], ids=["1e26", "401 digits"])
async def test_enter_on_a_case_stored_past_the_bounds_opens_it(desk, rate):
    case = billed_case_stored_at(desk, rate)
    others = await open_from_the_list(desk, case)
    # the figure grouped as the operator's locale writes it (issue 20), whole, never cut
    shown = figure(Decimal(rate))
    assert (others["Cost per hour"], others["Consumed"], others["Cost"]) == (shown, "1h", "—")
    assert others["Contract balance"].startswith(f"0 / {number(Decimal(rate))} h used, ")


@pytest.mark.postgresql_only
async def test_enter_on_a_case_stored_past_the_bounds_opens_it_on_a_server_desk(server_db, desk):
    on_server = replace(desk, uow=lambda: UnitOfWork(server_db, clock=desk.clock))
    case = billed_case_stored_at(on_server, "100000000000000000000000000")
    others = await open_from_the_list(on_server, case)
    assert (others["Cost per hour"], others["Cost"]) == ("100,000,000,000,000,000,000,000,000", "—")


# -- item 8: a query date past the calendar, typed or saved ----------------------------------


async def test_a_query_date_past_the_calendar_says_why_and_keeps_the_list(desk, queue):
    """``created:>=9999-12-31`` emptied the list without a word."""
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        before = table.total
        await pilot.press("slash")
        app.screen.query_one("#query", Input).value = "created:>=9999-12-31"
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#query-error").render())
        assert "9999-12-31 is outside the desk's calendar (1900-01-01 to 9998-12-31)" in error
        assert table.total == before > 0


async def test_a_saved_view_past_the_calendar_keeps_the_panel_and_says_why_when_picked(desk, queue):
    """Saved by an older version, it failed the whole panel every time the panel opened."""
    with desk.uow() as uow:
        uow.saved_views.put(desk.admin.id, "Fin de los tiempos", "updated:>9999-12-31")
        uow.commit()
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        await pilot.press("v")  # the views panel (hidden at 100 columns)
        await settle(pilot)
        panel = app.screen.query_one("#views", OptionList)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert labels[-1] == "Fin de los tiempos  —"
        assert labels[4].startswith("All open  ") and labels[4] != "All open  —"
        panel.highlighted = panel.option_count - 1
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#query-error").render())
        assert "9999-12-31 is outside the desk's calendar" in error

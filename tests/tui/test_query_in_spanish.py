"""The case list's query for a Spanish operator (issue 20): the list opens on
``estado:abierto``, the desk's own queries (views panel, palette) are shown in Spanish
words, a query typed in Spanish filters as the English one does, and a wrong word is
refused in Spanish naming the Spanish choices."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from deskTUI import i18n
from deskTUI.screens.board_list import BoardCaseList
from deskTUI.screens.queue_board import QueueBoardScreen
from deskTUI.widgets.case_table import CaseTable

from ..services.test_board import made  # noqa: F401 (the fixed desk of the service tests)
from .conftest import opened_by_key, running_app, settle


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    i18n.use("es")


def visible_numbers(table: CaseTable) -> list[str]:
    return sorted(table._rows[i].number for i in range(table.total) if i in table._rows)


async def test_a_spanish_operator_reads_and_types_the_query_in_spanish(desk, queue, spanish):
    async with running_app(desk, desk.admin, size=(130, 30)) as (app, pilot):
        query = app.screen.query_one("#query", Input)
        assert query.value == "estado:abierto"
        assert query.placeholder == "estado:abierto prio:>=alta asignado:yo palabras…"
        views = app.screen.query_one("#views", OptionList)
        views.focus()
        views.highlighted = 0
        await pilot.press("down", "enter")  # the desk's "Unassigned" view
        await settle(pilot)
        assert query.value == "estado:abierto asignado:nadie"
        unassigned = visible_numbers(app.screen.query_one(CaseTable))
        assert unassigned == ["CS-000002", "CS-000004"]
        await pilot.press("slash", "ctrl+a", "ctrl+k")
        await pilot.press(*'estado:abierto asignado:"sin asignar"', "enter")
        await settle(pilot)
        assert visible_numbers(app.screen.query_one(CaseTable)) == unassigned
        await pilot.press("slash")
        query.value = "estado:abiertx"  # pasted: no good prefix of it runs on the way
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.screen.query_one("#query-error").render()) == (
            "En la consulta, 'estado:abiertx': 'abiertx' no es un estado (abierto, cerrado, "
            "registrado, asignado, en_proceso, en_espera, finalizado, cancelado)"
        )


async def test_the_palettes_queries_run_and_show_in_spanish_words(desk, queue, spanish):
    async with running_app(desk, desk.admin) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*i18n._("Unassigned cases"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#query", Input).value == "estado:abierto asignado:nadie"
        assert visible_numbers(app.screen.query_one(CaseTable)) == ["CS-000002", "CS-000004"]


async def test_a_number_of_the_board_opens_its_list_with_the_query_in_spanish(
    desk,
    made,  # noqa: F811
    spanish,
):
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        for _ in range(4):  # from new × critical to the row's total (both new cases)
            await pilot.press("l")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardCaseList)
        assert app.screen.query_one("#query", Input).value == "estado:registrado área:Soporte"
        assert app.screen.query_one(CaseTable).total == 2

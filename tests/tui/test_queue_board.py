"""The queue board screen (B): its numbers, enter on a number, live refresh, refusals."""

from __future__ import annotations

import pytest

from deskTUI.screens.board_list import BoardCaseList
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.queue_board import QueueBoardScreen, left, span
from deskTUI.screens.timesheet import TimesheetScreen
from deskTUI.services import cases, records
from deskTUI.widgets.board_table import BoardTable
from deskTUI.widgets.case_table import CaseTable

from ..services.test_board import made  # noqa: F401 (the fixed desk of the service tests)
from .conftest import burst, delivered, heading, make_app, opened_by_key, running_app, settle
from .test_live_refresh import seen_within


def rows(app, name: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{name}", BoardTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def test_time_left_reads_in_minutes_hours_then_days() -> None:
    assert [span(m) for m in (0, 50, 350, 2530, 20636)] == [
        "0m",
        "50m",
        "5h50m",
        "42h10m",
        "14d 7h",
    ]
    assert left(10) == "10m left"
    assert left(-350) == "5h50m over"
    assert left(None) == ""


async def test_b_opens_the_board_of_the_supervisors_area_with_its_numbers(desk, made):  # noqa: F811
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        assert rows(app, "board-grid") == [
            ["new", "1", "0", "0", "1", "2"],
            ["assigned", "0", "1", "0", "0", "1"],
            ["in progress", "0", "0", "1", "0", "1"],
            ["on hold", "0", "0", "0", "0", "0"],
            ["open", "1", "1", "1", "1", "4"],
        ]
        assert rows(app, "board-unassigned")[0] == ["critical", "1", "0", "0", "0", "0", "1"]
        assert rows(app, "board-agents") == [
            ["ana", "Ana Torres", "agent", "1", "1h30m", "2h30m", "42h10m left"],
            ["luis", "Luis Mendoza", "agent", "1", "30m", "30m", "5h50m over"],
            ["sofia", "Sofía Rojas", "supervisor", "0", "0m", "0m", ""],
        ]
        assert rows(app, "board-sla-counts") == [["1", "1"]]
        sla = rows(app, "board-sla")
        assert [(r[0], r[5], r[6]) for r in sla] == [
            (made.late, "resolution", "5h50m over"),
            (made.critical, "first response", "10m left"),
        ]
        assert [r[0] for r in rows(app, "board-waiting")] == [made.low_waiting, made.critical]
        assert "Soporte" in heading(app)


async def test_enter_on_a_number_opens_the_list_of_exactly_those_cases(desk, made):  # noqa: F811
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        # the cursor starts on new × critical; right to the row's total (both new cases)
        for _ in range(4):
            await pilot.press("l")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardCaseList)
        assert app.screen.query_text == "status:new area:Soporte"
        table = app.screen.query_one(CaseTable)
        assert table.total == 2
        shown = {row.number for row in table._rows.values()}
        assert shown == {made.critical, made.low_waiting}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueBoardScreen)


async def test_arrows_walk_from_table_to_table_and_enter_opens_each_kind(desk, made):  # noqa: F811
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        for _ in range(5):  # past the grid's last row: into the unassigned table
            await pilot.press("j")
        assert app.screen.focused.id == "board-unassigned"
        for _ in range(5):
            await pilot.press("down")
        assert app.screen.focused.id == "board-agents"
        await pilot.press("l", "enter")  # from her open cases to her hours today
        await settle(pilot)
        assert isinstance(app.screen, TimesheetScreen)
        assert app.screen.login == "ana"
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#board-sla", BoardTable).focus()
        await pilot.press("enter")  # the most overdue case
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert app.screen.case_id == int(made.late.split("-")[1])


async def test_the_board_follows_another_operators_assignment(desk, made, monkeypatch):  # noqa: F811
    monkeypatch.setattr(QueueBoardScreen, "LIVE_SECONDS", 0.0)
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        assert rows(app, "board-grid")[0][-1] == "2"
        cases.assign_case(desk.uow(), desk.admin, made.critical, "ana")  # from another terminal
        await seen_within(pilot, lambda: rows(app, "board-grid")[0][-1] == "1", limit=3.0)
        assert rows(app, "board-grid")[1] == ["assigned", "1", "1", "0", "0", "2"]
        assert rows(app, "board-agents")[0][:4] == ["ana", "Ana Torres", "agent", "2"]


def with_projects(desk) -> tuple[str, str]:
    """Two open cases of Soporte on the project ERP (high, low), one on none."""
    records.add(desk.uow(), desk.admin, "project", "ERP")
    first = desk.open(title="Factura duplicada", priority="high", project="ERP").number
    second = desk.open(title="Reporte lento", priority="low", project="ERP").number
    desk.open(title="Impresora", priority="low")
    return first, second


async def test_g_groups_the_first_table_by_project_then_service_and_enter_lists_the_project(desk):
    first, second = with_projects(desk)
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        await pilot.press("g")  # typed at once: the board is read again, then shown so
        await settle(pilot)
        heading_text = str(app.screen.query_one("#board-grid-heading").render())
        assert "by project and priority" in heading_text
        assert rows(app, "board-grid") == [
            ["ERP", "0", "1", "0", "1", "2"],
            ["no project", "0", "0", "0", "1", "1"],
            ["open", "0", "1", "0", "2", "3"],
        ]
        for _ in range(4):  # along ERP's row to its total
            await pilot.press("l")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardCaseList)
        assert app.screen.query_text == "status:open project:ERP area:Soporte"
        table = app.screen.query_one(CaseTable)
        assert {row.number for row in table._rows.values()} == {first, second}
        await pilot.press("escape")
        await settle(pilot)
        assert rows(app, "board-grid")[0][0] == "ERP"  # still by project when back
        await pilot.press("g")
        await settle(pilot)
        assert rows(app, "board-grid") == [
            ["no service", "0", "1", "0", "2", "3"],  # none of them has a service
            ["open", "0", "1", "0", "2", "3"],
        ]
        await pilot.press("g")
        await settle(pilot)
        assert rows(app, "board-grid")[0][0] == "new"  # round again: by status


def test_the_board_by_project(desk, snap_compare):
    """Sofía's board grouped by project (g): ERP with a high and a low case, one case on
    no project, the totals row last."""
    with_projects(desk)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(120, 30), run_before=run_before)


@pytest.mark.parametrize("who", ["ana", "maria"])
async def test_agents_and_clients_are_not_offered_the_board_and_its_key_does_nothing(desk, who):
    app = make_app(desk, getattr(desk, who))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert not isinstance(app.screen, QueueBoardScreen)
        # Not offered (keys panel, palette), so the key does nothing: no refusal to read.
        assert "B" not in app.screen.active_bindings
        assert not app._notifications, [n.message for n in app._notifications]


def test_the_board_of_a_supervisor(desk, made, snap_compare):  # noqa: F811
    """Sofía's board on Tuesday 17:50: four open cases of Soporte, two unassigned (one
    critical 50 minutes old, one low 29 h 50 min old), Ana and Luis with a case each, Luis's
    5h50m over, the critical case's first response 10 minutes away."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(120, 48), run_before=run_before)


async def test_g_and_the_keys_after_it_typed_in_one_burst_open_the_projects_list(desk):
    with_projects(desk)
    async with running_app(desk, desk.sofia, size=(130, 50)) as (app, pilot):
        await opened_by_key(pilot, "B", QueueBoardScreen)
        burst(app, "g", "l", "l", "l", "l", "enter")  # typed before the regrouped board lands
        await delivered(pilot)
        assert isinstance(app.screen, BoardCaseList)
        assert app.screen.query_text == "status:open project:ERP area:Soporte"

"""The issue's acceptance, end to end with the keyboard only: an agent's day, a supervisor's triage."""

from __future__ import annotations

from textual.widgets import OptionList

from deskTUI.domain.enums import Status
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import AssignDialog, StatusDialog, TimeDialog
from deskTUI.services import views
from deskTUI.widgets.case_table import CaseTable

from .conftest import make_app, running_app, settle


async def pick_view(app, pilot, index: int) -> None:
    await pilot.press("v")  # show the views panel (hidden at 100 columns)
    await settle(pilot)
    panel = app.screen.query_one("#views", OptionList)
    panel.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


async def test_an_agent_finds_their_next_case_works_it_logs_time_and_finishes_it(desk, queue):
    app = make_app(desk, desk.luis)  # luis has CS-000003, critical, assigned
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pick_view(app, pilot, 0)  # My queue
        table = app.screen.query_one(CaseTable)
        assert table.total == 1 and table.highlighted is not None
        assert table.highlighted.number == "CS-000003"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        await pilot.press("enter", "enter")  # in_progress, no note needed
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        await pilot.press(*"2h", "tab", *"Reinicio del servidor", "enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        options = app.screen.query_one("#targets", OptionList)
        offered = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert offered == ["on_hold", "finished"]
        await pilot.press("down", "enter", "tab", *"Servidor reiniciado", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(CaseTable).total == 0  # nothing left in the queue
    detail = views.case_detail(desk.uow(), desk.sofia, queue[2].id)
    assert detail.case.status is Status.FINISHED and detail.case.solution == "Servidor reiniciado"
    assert detail.totals.total_minutes == 120
    transitions = [(e.from_status, e.to_status) for e in detail.log if e.is_transition]
    assert transitions[-2:] == [
        (Status.ASSIGNED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.FINISHED),
    ]


async def test_a_supervisor_triages_the_unassigned_queue_with_the_keyboard(desk, queue):
    extra = desk.open(title="Teclado roto", category="Redes")
    async with running_app(desk, desk.sofia, size=(100, 30)) as (app, pilot):
        await pick_view(app, pilot, 1)  # Unassigned
        table = app.screen.query_one(CaseTable)
        waiting = table.total
        assert waiting == 2
        for who in ("ana", "luis"):
            assert table.highlighted is not None
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, AssignDialog)
            await pilot.press(*who, "enter")  # one enter picks the only match
            await settle(pilot)
            waiting -= 1
            assert table.total == waiting
    assignees = {
        views.case_detail(desk.uow(), desk.sofia, c.id).names["assignee"] for c in (queue[1], extra)
    }
    assert assignees == {"ana", "luis"}

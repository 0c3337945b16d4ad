"""Issue 9's "done when": a supervisor starting the day over SSH sees on one screen what is
unassigned, who carries what and what is about to breach, and acts on each by keyboard."""

from __future__ import annotations

from textual.widgets import OptionList

from deskTUI.screens.board_list import BoardCaseList
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import AssignDialog
from deskTUI.screens.queue_board import QueueBoardScreen
from deskTUI.services import views

from ..services.test_board import made  # noqa: F401 (the fixed desk of the service tests)
from .conftest import make_app, opened_by_key, settle
from .test_queue_board import rows


async def _assign_highlighted_to(app, pilot, login: str) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, AssignDialog)
    people = app.screen.query_one("#people", OptionList)
    logins = [str(people.get_option_at_index(i).id) for i in range(people.option_count)]
    people.focus()
    people.highlighted = logins.index(login)
    await pilot.press("enter")  # pick the person
    await settle(pilot)
    if isinstance(app.screen, AssignDialog):  # the note field, optional
        await pilot.press("enter")
        await settle(pilot)


async def test_a_supervisor_assigns_the_waiting_critical_case_and_hands_over_the_late_one(
    desk,
    made,  # noqa: F811
):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(130, 50)) as pilot:
        await opened_by_key(pilot, "B", QueueBoardScreen)
        assert rows(app, "board-unassigned")[0] == ["critical", "1", "0", "0", "0", "0", "1"]
        # The cursor starts on new × critical: enter lists that one case, `a` assigns it.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardCaseList)
        await _assign_highlighted_to(app, pilot, "ana")
        await pilot.press("escape")  # back to the board, read again
        await settle(pilot)
        assert isinstance(app.screen, QueueBoardScreen)
        assert rows(app, "board-unassigned")[0] == ["critical", "0", "0", "0", "0", "0", "0"]
        assert rows(app, "board-agents")[0][:4] == ["ana", "Ana Torres", "agent", "2"]
        # The most overdue case (Luis's, 5h50m over) is handed to Ana from its own view.
        app.screen.query_one("#board-sla").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await _assign_highlighted_to(app, pilot, "ana")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueBoardScreen)
        loads = {r[0]: r[3] for r in rows(app, "board-agents")}
        assert loads["ana"] == "3" and loads["luis"] == "0"
    for number in (made.critical, made.late):
        assert views.case_detail(desk.uow(), desk.sofia, number).case.assignee_id == desk.ana.id

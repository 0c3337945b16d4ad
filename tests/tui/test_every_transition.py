"""Every transition of the lifecycle table, taken through the TUI with the keyboard.

The ten status changes go through the status dialog (`s`): arrow to the target,
enter, type the note (and the solution after tab when finishing), enter. The
two assignments go through the assign dialog (`a`). Each case is first put in
the starting status through the services, as another operator would have.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from deskTUI import words
from deskTUI.domain.enums import Status
from deskTUI.domain.lifecycle import TRANSITIONS
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import cases, views

from .conftest import heading, running_app, settle

S = Status
PATH_TO = {
    S.NEW: [],
    S.ASSIGNED: [S.ASSIGNED],
    S.IN_PROGRESS: [S.ASSIGNED, S.IN_PROGRESS],
    S.ON_HOLD: [S.ASSIGNED, S.IN_PROGRESS, S.ON_HOLD],
    S.FINISHED: [S.ASSIGNED, S.IN_PROGRESS, S.FINISHED],
}
"""How a case gets to each starting status."""


def bring_to(desk, number: str, status: Status) -> None:
    for step in PATH_TO[status]:
        if step is S.ASSIGNED:
            cases.assign_case(desk.uow(), desk.sofia, number, "ana")
        else:
            cases.move_case(
                desk.uow(), desk.sofia, number, step, note="paso previo", solution="hecho"
            )


def status_moves():
    return [pair for pair, rule in TRANSITIONS.items() if not rule.assignee_required]


def assignments():
    return [pair for pair, rule in TRANSITIONS.items() if rule.assignee_required]


def label(pair) -> str:
    return f"{pair[0].value}->{pair[1].value}"


@pytest.mark.parametrize("pair", status_moves(), ids=label)
async def test_each_status_change_of_the_table_through_the_status_dialog(desk, pair):
    start, target = pair
    case = desk.open()
    bring_to(desk, case.number, start)
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("s")
        await settle(pilot)
        targets = app.screen.query_one("#targets", OptionList)
        offered = [targets.get_option_at_index(i).id for i in range(targets.option_count)]
        assert target.value in offered
        await pilot.press(*["down"] * offered.index(target.value), "enter")
        await pilot.press(*"Motivo del cambio")
        rule = TRANSITIONS[pair]
        if rule.solution_required:
            await pilot.press("tab", *"Se resolvió")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), "the dialog closed on success"
        assert f"· {words.label(target)}" in heading(app)  # its word: "in progress"
    detail = views.case_detail(desk.uow(), desk.sofia, case.id)
    assert detail.case.status is target
    moved = [e for e in detail.log if e.to_status is target]
    assert moved[-1].note == "Motivo del cambio"  # kept in the log, required or not
    if rule.solution_required:
        assert detail.case.solution == "Se resolvió"


@pytest.mark.parametrize("pair", assignments(), ids=label)
async def test_each_assignment_of_the_table_through_the_assign_dialog(desk, pair):
    start, _target = pair
    case = desk.open()
    bring_to(desk, case.number, start)
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"luis", "enter")  # one enter picks and assigns (the note is optional)
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, case.id)
    assert detail.case.status is S.ASSIGNED
    assert detail.names["assignee"] == "luis"

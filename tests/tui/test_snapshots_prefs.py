"""Issue 21 (PREFS) as people see it, as SVG snapshots (frozen clock, fixed data, UTC):
the case list in the columns an operator chose (contract, created), the columns dialog,
and the dialog that orders and hides the case view's tabs."""

from __future__ import annotations

from deskTUI.domain.preferences import chosen_columns
from deskTUI.services import preferences

from .conftest import make_app, settle


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_the_list_in_sofias_columns_with_the_contract_and_the_created_date(
    desk, queue, snap_compare
):
    """Sofia's list: number, contract, created, title, status, SLA (her choice), the case
    under the 40-hour contract showing its id (the contract has no name) and every case its
    creation stamp."""
    desk.open(title="Bajo contrato", contract=desk.hours.id)
    columns = chosen_columns("number,contract,created,title,status,sla")
    preferences.set_columns(desk.uow(), desk.sofia, columns)
    assert snap_compare(make_app(desk), terminal_size=(100, 24), run_before=_after())


def test_the_columns_dialog_with_contract_about_to_show(desk, queue, snap_compare):
    """`L` on the list: every column, shown ones ticked, in the list's order; the cursor
    moved to Contract and space ticked it; the keys' hint under the list."""
    assert snap_compare(
        make_app(desk), terminal_size=(100, 30), run_before=_after("L", *"j" * 8, "space")
    )


def test_the_tabs_dialog_over_a_case_others_hidden_and_comments_moved_up(desk, queue, snap_compare):
    """`O` on CS-000001: the tabs in the operator's order, Others unticked, Comments moved
    up twice (the cursor on it); the keys' hint under the list."""
    from deskTUI.screens.case_view import CaseViewScreen

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("j", "j", "space", "j", "K", "K")
        await settle(pilot)

    assert snap_compare(make_app(desk), terminal_size=(100, 30), run_before=run_before)

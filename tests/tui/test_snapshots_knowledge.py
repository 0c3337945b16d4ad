"""The case view's Similar tab (issue 21, seed 000), as an SVG snapshot (frozen clock,
fixed data, UTC)."""

from __future__ import annotations

from .conftest import make_app, settle
from .test_similar_tab import knowledge as knowledge  # a fixture


def test_the_similar_tab_of_a_new_printer_case(desk, knowledge, snap_compare):
    """Supervisor sofia on CS-000004 "La impresora atasca el papel", its seventh tab
    Similar at 80×24: "2 solved cases like this one · enter opens one · U uses its
    solution" over the table of CS-000001 (Impresora atasca el papel, Reemplazamos el
    fusor quemado) and CS-000002 (Impresora atasca hojas, Resma húmeda: se cambió); the
    network case is not there."""
    _solved, _globex, asking = knowledge

    async def run_before(pilot) -> None:
        from deskTUI.screens.case_view import CaseViewScreen

        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(asking.id))
        await settle(pilot)
        await pilot.press(*["right"] * 6)
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(80, 24), run_before=run_before)

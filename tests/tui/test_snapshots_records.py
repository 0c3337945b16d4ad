"""What an admin sees on the catalogue screen (issue 21), as SVG snapshots (frozen clock,
fixed data, UTC)."""

from __future__ import annotations

from deskTUI.services import records

from .conftest import make_app, settle


def test_the_catalogue_screen_with_a_deactivated_area(desk, snap_compare):
    """`K` as the admin at 80×24: areas Desarrollo (inactive) with Errores and Mejoras,
    Soporte with Impresoras and Redes, then the clients Acme SA and Globex Ltda, the
    project ERP and the service Soporte remoto (inactive), each with its state; the
    footer with esc, r, d, x and a (p and v in the keys panel)."""
    records.set_active(desk.uow(), desk.admin, "area", "Desarrollo", False)
    records.add(desk.uow(), desk.admin, "project", "ERP")
    records.add(desk.uow(), desk.admin, "service", "Soporte remoto")
    records.set_active(desk.uow(), desk.admin, "service", "soporte remoto", False)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.admin), terminal_size=(80, 24), run_before=run_before)

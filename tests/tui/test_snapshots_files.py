"""Seed 000 Archivos as people see it (frozen clock, fixed data, UTC): the attach dialog
listing its completion candidates, and the Files tab with a rejected file's reason."""

from __future__ import annotations

import io

from textual.widgets import Input

from deskTUI.services import files

from .conftest import make_app, settle


def test_the_attach_dialog_lists_the_candidates_tab_found(
    desk, queue, snap_compare, tmp_path, monkeypatch
):
    """`f` on CS-000001's Files tab, then `fo` and Tab: the line reads `foto`, the common
    part of foto-1.png, foto-2.png and the folder fotos/ listed under it (with its `/`); the
    hidden .foto-oculta is not offered; the hint says blanks separate paths, Tab completes,
    ~ and *.png work, enter attaches."""
    from deskTUI.screens.case_view import CaseViewScreen

    for name in ("foto-1.png", "foto-2.png", ".foto-oculta", "informe.pdf"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "fotos").mkdir()
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        pilot.app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        pilot.app.screen.query_one("#paths", Input).cursor_blink = False
        await pilot.press("f", "o", "tab")
        await settle(pilot)

    assert snap_compare(make_app(desk), terminal_size=(120, 30), run_before=run_before)


def test_the_files_tab_shows_a_rejected_files_reason(desk, queue, snap_compare):
    """CS-000001's Files tab: `2 files · 0 pending · 1 valid · 1 rejected`, acta.pdf Valid,
    foto.png Rejected with its reason 'Borrosa: envíe otra foto' in the Reason column; the
    footer offers f Attach, v Valid, x Reject (at 120 columns)."""
    from deskTUI.screens.case_view import CaseViewScreen

    number = queue[0].number
    acta = files.attach_file(
        desk.uow(), desk.ana, number, io.BytesIO(b"%PDF acta"), name="acta.pdf"
    )
    foto = files.attach_file(desk.uow(), desk.ana, number, io.BytesIO(b"PNG foto"), name="foto.png")
    files.review_file(desk.uow(), desk.sofia, acta.id, "valid")
    files.review_file(desk.uow(), desk.sofia, foto.id, "rejected", "Borrosa: envíe otra foto")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        pilot.app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        pilot.app.screen.query_one("#files-table").focus()
        await settle(pilot)

    assert snap_compare(make_app(desk), terminal_size=(120, 30), run_before=run_before)

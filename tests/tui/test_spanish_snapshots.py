"""What a Spanish operator sees, as SVG snapshots (issue 20): the list, the case's General,
Activities and Others tabs, the status dialog, the queue board, the agenda and the `?`
panel, at 80×24 and 120×40 (frozen clock, fixed Spanish data, UTC). Spanish words are
longer: columns and footers still fit, and nothing is cut without an ellipsis."""

from __future__ import annotations

import pytest

from deskTUI import i18n

from .conftest import make_app, settle

PICTURES = {
    "list": "sofia's open cases: NÚMERO, TÍTULO, CLIENTE, PRIO., ESTADO, ASIGNADO, SLA; the "
    "query estado:abierto; the footer's Spanish keys; at 120 columns the views panel",
    "general": "CS-000001 · La impresora no imprime · En proceso; the tabs Generales, "
    "Actividades, Otros, Comentarios, Archivos, Bitácora; every General field in Spanish",
    "activities": "the totals line (total 1h30m · facturable 0m · no facturable 1h30m · "
    "estimado —) over ana's 90 minutes of 'Cambio de fusor'",
    "others": "estimado, complejidad, nivel, facturable, costo… of CS-000001",
    "status": "ana's status dialog over CS-000001: En espera and Finalizado offered, the "
    "note field saying it is required",
    "board": "`B`: the queue board, its rows of areas and people, columns by age and status",
    "agenda": "`A`: sofia's week, its Spanish title and headings",
    "help": "`?` on the list: the keys panel in Spanish",
}
TABS = {"general": 1, "activities": 2, "others": 3}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def in_spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    i18n.use("es", "es")
    yield
    i18n.use("en", "en")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("picture", list(PICTURES))
def test_each_screen_in_spanish_at_both_sizes(desk, queue, in_spanish, snap_compare, picture, size):
    """What ``PICTURES[picture]`` says, after ana logged 90 minutes on CS-000001 and
    commented on it."""
    from deskTUI.screens.case_view import CaseViewScreen
    from deskTUI.services import cases, worklog

    worklog.log_time(
        desk.uow(), desk.ana, queue[0].number, work_date=desk.clock.now.date(), minutes=90,
        description="Cambio de fusor",
    )  # fmt: skip
    cases.comment_case(desk.uow(), desk.ana, queue[0].number, "Ya casi está", public=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        keys = {"help": ("question_mark",), "board": ("B",), "agenda": ("A", "w")}
        if picture in keys:
            await pilot.press(*keys[picture])
        elif picture != "list":
            await pilot.app.push_screen(CaseViewScreen(queue[0].id))
            await settle(pilot)
            if picture == "status":
                await pilot.press("s")
            else:
                pilot.app.screen.query_one("#sections").active = f"tab-{TABS[picture]}"
        await settle(pilot)

    actor = desk.ana if picture == "status" else desk.sofia
    assert snap_compare(make_app(desk, actor), terminal_size=SIZES[size], run_before=run_before)

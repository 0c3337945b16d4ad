"""Nothing on screen is cut without saying so (issue 18): read the cells people see.

For every screen at 80×24 (and the list beside its views panel at 120 columns) the test
reads the screen's rendered lines and each table's cells: a case number always shows
whole (CS- and six digits); a table is never wider than the room it has (no column lost
past the right edge); a cell cut to fit ends in "…" and is never a figure; a list line
shows its case's SLA figure whole; the footer's keys are whole words and nothing shows
through beside the command palette's key.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from textual.widgets import DataTable, Footer

from deskTUI.domain.sla import short_left
from deskTUI.formats import short_when
from deskTUI.widgets.case_table import CaseTable

from .conftest import make_app, running_app, settle

CUT_NUMBER = re.compile(r"CS-\d{0,5}(?!\d)")
"""A case number with fewer than six digits: one cut at a column's or the screen's edge."""
CUT_FIGURE = re.compile(r"\d…$")


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def busy_desk(desk, queue) -> None:
    """A desk with something in every table: an agenda week with clashes, time logged,
    unassigned cases of every age, breached SLAs, a contract with posts."""
    from deskTUI.services import admin, calendar, worklog

    from .test_contracts import finish_on_hours_contract

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 3, day, hour, minute, tzinfo=UTC)

    number = queue[0].number
    for kind, title, start, end in [
        ("call", "Llamar a María por el tóner de la impresora del piso tres", at(2, 9), at(2, 10)),
        ("meeting", "Revisión con soporte", at(2, 9, 30), at(2, 10, 30)),
    ]:
        calendar.schedule_event(
            desk.uow(), desk.sofia, number, kind=kind, title=title, start=start, end=end,
            owner="sofia",
        )  # fmt: skip
    worklog.log_time(
        desk.uow(), desk.sofia, number, work_date=date(2026, 3, 2), minutes=90,
        description="Cambio de fusor y limpieza completa del rodillo de arrastre",
    )  # fmt: skip
    finish_on_hours_contract(desk, 35 * 60)
    admin.add_client(desk.uow(), desk.admin, "Clínica San Rafael de Occidente", ["Rosa"])
    admin.add_contract(
        desk.uow(), desk.admin, client="Clínica San Rafael de Occidente", unit="hours",
        total=120, start=date(2026, 1, 1), end=date(2026, 12, 31),
        name="Póliza anual de soporte técnico",
    )  # fmt: skip
    for hours in (3, 30, 80):  # unassigned cases in the later age columns
        desk.clock.advance(hours=hours)
        desk.open(title=f"Pantalla azul tras {hours} horas de uso continuo en recepción")


SCREENS = {
    "list": (),
    "agenda-day": ("A", "d"),
    "agenda-week": ("A", "w"),
    "agenda-month": ("A", "m"),
    "board": ("B",),
    "reports-weekly": ("R", "1"),
    "reports-response": ("R", "2"),
    "reports-sla": ("R", "3"),
    "reports-hours": ("R", "4"),
    "reports-contracts": ("R", "5"),
    "reports-satisfaction": ("R", "6"),
    "contracts": ("C",),
    "timesheet": ("W",),
    "inbox": ("I",),
    **{
        f"case-{tab}": ("tab", tab)
        for tab in ("general", "activities", "others", "comments", "files", "log")
    },
}
"""What to press from the list (``("tab", name)``: CS-000001's tab of that name)."""


async def open_tab(pilot, case_id: int, tab: str) -> None:
    from deskTUI.screens.case_view import TABS, CaseViewScreen

    await pilot.app.push_screen(CaseViewScreen(case_id))
    await settle(pilot)
    index = [t.lower() for t in TABS].index(tab) + 1
    pilot.app.screen.query_one("#sections").active = f"tab-{index}"
    await settle(pilot)


def check_tables(app) -> list[str]:
    """What is cut, in every table of the screen: a list of sentences, empty if nothing."""
    faults: list[str] = []
    screen = app.screen.region
    for table in app.screen.query(DataTable):
        if not table.display or not table.columns or not table.region.area:
            continue
        # The room on screen: a table wider than its container runs past the screen's edge.
        area = table.scrollable_content_region
        room = min(area.right, screen.right) - area.x
        wide = sum(column.get_render_width(table) for column in table.columns.values())
        if wide > room:
            labels = [str(c.label).strip() for c in table.columns.values()]
            faults.append(f"#{table.id} is {wide} cells wide in {room}: {labels}")
        for row in range(table.row_count):
            for cell in table.get_row_at(row):
                text = str(cell)
                if CUT_FIGURE.search(text) or CUT_NUMBER.search(text):
                    faults.append(f"#{table.id}: a figure cut: {text!r}")
    return faults


def check_list(app, lines: list[str]) -> list[str]:
    """Each case line on screen shows its number and its SLA figure whole."""
    faults: list[str] = []
    for table in app.screen.query(CaseTable):
        for index in range(table.total):
            row = table._rows.get(index)
            if row is None:
                continue
            line = next((line for line in lines if row.number in line), None)
            if line is None:
                continue  # scrolled off
            sla = short_left(row.sla_minutes_left)
            if sla and not re.search(rf"(^|\s){re.escape(sla)}(\s|$)", line):
                faults.append(f"{row.number}: SLA {sla!r} not whole in {line!r}")
            if any("UPDATED" in header for header in lines):
                updated = short_when(row.updated_at)  # as the list writes it: 03/02 13:30
                if updated not in line:
                    faults.append(f"{row.number}: updated {updated!r} not whole in {line!r}")
            title = row.title
            if title not in line and not re.search(re.escape(title[:5]) + r".*…", line):
                faults.append(f"{row.number}: title cut without an ellipsis in {line!r}")
    return faults


def check_title(app, lines: list[str]) -> list[str]:
    """The title line shows the whole title, or ends it in "…" (before the unread badge,
    which shows whole)."""
    faults: list[str] = []
    for title in app.screen.query("#editor-title, #title-bar"):
        text = str(title.render()).strip()
        line = lines[title.region.y]
        if text and text not in line and "…" not in line:
            faults.append(f"title cut without an ellipsis: {line!r} for {text!r}")
        unread = getattr(app, "unread", 0)
        if unread and not re.search(rf"{unread} (unread|sin leer) · I", line):
            faults.append(f"the unread badge is not whole: {line!r}")
    return faults


def check_footer(app, lines: list[str]) -> list[str]:
    """The footer's last cell is the palette key's own, and no key is cut under it."""
    faults: list[str] = []
    footer = app.screen.query(Footer).first()
    line = lines[footer.region.y]
    if not re.search(r"\^p (palette|paleta)\s*$", line):  # English or Spanish
        faults.append(f"stray characters beside the palette key: {line!r}")
    palette = footer.query(".-command-palette").first()
    for key in footer.query("FooterKey"):
        if key is palette or not key.display:
            continue
        if key.region.right > palette.region.x and key.region.x < palette.region.right:
            faults.append(f"the key {key.key!r} ({key.description}) is cut under the palette")
    return faults


async def faults_on(desk, queue, screen: str, size: tuple[int, int]) -> list[str]:
    """Supervisor sofia's ``screen`` on the busy desk at ``size``: what is cut, then the
    screen's lines (empty if nothing is)."""
    busy_desk(desk, queue)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if SCREENS[screen][:1] == ("tab",):
            await open_tab(pilot, queue[0].id, SCREENS[screen][1])
        else:
            for key in SCREENS[screen]:
                await pilot.press(key)
                await settle(pilot)
        lines = screen_lines(app)
        faults = [
            f"cut case number {m.group()!r} in {line!r}"
            for line in lines
            for m in CUT_NUMBER.finditer(line)
        ]
        faults += check_tables(app) + check_list(app, lines) + check_footer(app, lines)
        faults += check_title(app, lines)
    return [*faults, "", *lines] if faults else []


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_at_80_columns_shows_each_figure_whole_and_cuts_only_with_an_ellipsis(
    desk, queue, screen
):
    """Supervisor sofia's screens on a busy desk at 80×24: no case number cut, no table
    wider than the screen (the agenda's case, status and who columns, the board's later
    age columns, the contracts' level), no figure cut, the list's SLA whole, titles and
    the footer clean."""
    faults = await faults_on(desk, queue, screen, (80, 24))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_in_spanish_at_80_columns_cuts_only_with_an_ellipsis(
    desk, queue, screen, monkeypatch
):
    """The same screens read in Spanish (issue 20), whose words are longer: headings,
    footers, titles and figures still fit, or end in an ellipsis."""
    from deskTUI import i18n

    monkeypatch.setenv("DESKTUI_LANG", "es")
    i18n.use("es", "es")
    try:
        faults = await faults_on(desk, queue, screen, (80, 24))
    finally:
        i18n.use("en", "en")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(
    "screen", ["list", "agenda-week", "board", "reports-sla", "contracts", "timesheet", "inbox"]
)
async def test_at_40_columns_columns_give_way_whole_rather_than_be_cut(desk, queue, screen):
    """Narrower than any table was meant for (40×16): when the declared columns have all
    given way, the last ones go whole; the agenda showed "CS-0" at the screen's edge."""
    faults = await faults_on(desk, queue, screen, (40, 16))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_the_list_beside_its_views_panel_shows_every_sla_whole(desk, queue, width):
    """The list with `v`'s panel open at 80, 100 and 120 columns, more cases than lines (so
    the scroll bar shows), SLAs of two, three and four characters (23h, 1d, -37m): each
    shows whole, never under the scroll bar nor past the table's last cell."""
    for n in range(24):
        desk.open(title=f"Consulta de facturación número {n}", priority="low")
    late = desk.open(title="Servidor de correo caído", priority="critical")
    desk.clock.advance(hours=1, minutes=37)  # a one-hour first response, 37 minutes late
    app = make_app(desk, desk.sofia)

    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        if not app.screen.query_one("#views").display:  # shown by itself from 120 columns
            await pilot.press("v")
            await settle(pilot)
        assert app.screen.query_one("#views").display
        lines = screen_lines(app)
        faults = check_list(app, lines)
    assert any(late.number in line and " -37m" in line for line in lines), "\n".join(lines)
    assert not faults, "\n".join([*faults, "", *lines])


async def test_the_agendas_headers_line_up_with_their_cells_on_its_first_paint(
    desk, queue, monkeypatch
):
    """`A` once, with a frame drawn as soon as the rows are in (as a terminal under load
    draws one before the table's idle pass): each heading starts where its column's cells
    start. Before, the columns were added at mount, measured from their headings, and
    widened to the cells in DataTable's idle pass after the rows came; a frame drawn in
    between kept the header line at the old widths (its line cache does not change with
    them) until the next refill, so "Case" stood over the middle of the titles.
    FittedTable sets every width before a row is added: the header and the cells are laid
    out once, together."""
    from deskTUI.screens.agenda import AgendaScreen

    shown = AgendaScreen.show

    def show_then_draw(screen, result) -> None:
        shown(screen, result)
        screen_lines(screen.app)  # a frame, before the table's idle pass

    monkeypatch.setattr(AgendaScreen, "show", show_then_draw)
    busy_desk(desk, queue)
    async with running_app(desk, desk.sofia, size=(160, 24)) as (app, pilot):
        await pilot.press("A")
        await settle(pilot)
        lines = screen_lines(app)
    header = next(line for line in lines if " Day " in line and " Case " in line)
    row = next(line for line in lines if "Llamar a María" in line)
    assert header.index(" Case ") == row.index(" CS-000001"), "\n".join([header, row])
    assert header.index(" Title ") == row.index(" Llamar a María"), "\n".join([header, row])
    assert header.index(" Who") == row.index(" sofia"), "\n".join([header, row])


async def test_a_long_title_ends_in_an_ellipsis_before_the_unread_badge(desk, queue):
    """Agent ana (two unread assignments) on her timesheet at 80 columns: the title, longer
    than the line, ends in "…" just before "2 unread · I", which shows whole; before, the
    badge covered the title's end ("… → 202 1 unread · I")."""
    busy_desk(desk, queue)
    async with running_app(desk, desk.ana, size=(80, 24)) as (app, pilot):
        await pilot.press("W")
        await settle(pilot)
        line = screen_lines(app)[0]
        unread = app.unread
    assert unread and line.rstrip().endswith(f"{unread} unread · I"), line
    assert re.search(rf"…\s*{unread} unread · I", line), line


async def test_the_list_wide_enough_for_its_updated_column_shows_it_whole(desk, queue):
    """At 146 columns the list beside its views panel is 120 wide and adds UPDATED; with
    more cases than lines the scroll bar shows: the stamps show whole beside it ("03-02
    13:" before: the scroll bar covered the table's last cells)."""
    for n in range(30):
        desk.open(title=f"Consulta de facturación número {n}", priority="low")
    faults = await faults_on(desk, queue, "list", (146, 30))
    assert not faults, "\n".join(faults)


async def test_screens_opened_left_and_resized_in_a_burst_lay_out_without_failing(desk, queue):
    """Each fitted screen opened and left at once, the terminal resized between keys (a
    layout pass scheduled for a screen already gone must not fail), then the list at 80
    columns still shows each SLA whole."""
    busy_desk(desk, queue)
    async with running_app(desk, desk.sofia, size=(80, 24)) as (app, pilot):
        for size in [(40, 16), (160, 40), (80, 24)]:
            for key in ("R", "B", "A", "C", "W", "I"):
                await pilot.press(key, "escape")
                await pilot.resize_terminal(*size)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        lines = screen_lines(app)
        faults = check_list(app, lines) + check_footer(app, lines) + check_title(app, lines)
    assert not faults, "\n".join([*faults, "", *lines])

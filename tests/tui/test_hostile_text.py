"""Text customers wrote is shown as written: never markup, never terminal control.

Every string a person typed (titles, descriptions, comments, names of clients,
contacts, people, areas, categories, contracts, files, activities, saved
views) is made hostile here, and every screen and dialog that shows it is
rendered. The check is on what would be written to the terminal
(``terminal_output``): no sequence from the data may be in it, and markup is
shown as its characters.
"""

from __future__ import annotations

import io
from datetime import UTC, date, timedelta

import pytest
from textual.widgets import OptionList

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import admin, calendar, cases, files, records, saved_views, timers, worklog
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle

MARKUP = "[@click=app.quit]x[/]"
LINK = "[link=file:///etc/passwd]y"
OSC_TITLE = "\x1b]0;T\x07"
CLEAR = "\x1b[2J"
BIDI = "abc\u202edef"
ZERO_WIDTH = "pa\u200bgo"
HOSTILE = f"{MARKUP} {LINK} {BIDI}{OSC_TITLE}{CLEAR}{ZERO_WIDTH}"
"""One string with every trick: markup, a link, a bidi override, an OSC title, a clear."""

LEAKS = ("\x1b]", "\x1b[2J", "\x07", "\u202e", "\u200b")
"""What the data holds and a terminal must never receive. (Textual's own output is full of
``ESC [`` colour codes, so the check is on these sequences, not on ESC alone.)"""


def terminal_output(app) -> str:
    """Exactly what the app would write to the terminal for its current screen."""
    update = app.screen._compositor.render_full_update()  # private, but the real bytes
    return update.render_segments(app.console)


def assert_inert(app, where: str) -> str:
    out = terminal_output(app)
    leaked = [repr(s) for s in LEAKS if s in out]
    assert not leaked, f"{where} sent {', '.join(leaked)} to the terminal"
    return out


@pytest.fixture
def hostile(desk):
    """A case whose every person-typed text is HOSTILE, with time, a comment and a file."""
    root = desk.admin
    admin.add_area(desk.uow(), root, f"Área {HOSTILE}", [f"Categoría {HOSTILE}"])
    admin.add_client(desk.uow(), root, f"Cliente {HOSTILE}", [f"Contacto {HOSTILE}"])
    admin.add_user(
        desk.uow(), root, "eve", role="supervisor", name=f"Eve {HOSTILE}", areas=[f"Área {HOSTILE}"]
    )
    contract = admin.add_contract(
        desk.uow(),
        root,
        client=f"Cliente {HOSTILE}",
        unit="hours",
        total=10,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        name=f"Póliza {HOSTILE}",
    )
    records.add(desk.uow(), root, "project", f"Proyecto {HOSTILE}")  # a record (issue 21)
    case = cases.open_case(
        desk.uow(),
        root,
        title=f"Título {HOSTILE}",
        client=f"Cliente {HOSTILE}",
        category=f"Categoría {HOSTILE}",
        description=f"Descripción {HOSTILE}\nsegunda línea",
        fields={
            "contact": f"Contacto {HOSTILE}",
            "contract": contract.id,
            "project": f"Proyecto {HOSTILE}",
            "sale_order": HOSTILE,
            "chat_channel": HOSTILE,
        },
    )
    cases.assign_case(desk.uow(), root, case.number, "eve")
    cases.move_case(desk.uow(), root, case.number, "in_progress")
    worklog.log_time(
        desk.uow(), root, case.number, work_date=desk.clock.now.date(), minutes=30,
        description=f"Actividad {HOSTILE}",
    )  # fmt: skip
    cases.comment_case(desk.uow(), root, case.number, f"Comentario {HOSTILE}", public=True)
    files.attach_file(desk.uow(), root, case.number, io.BytesIO(b"x"), name=f"{HOSTILE}.txt")
    cases.edit_case(desk.uow(), root, case.number, {"solution": f"Solución {HOSTILE}"})
    saved_views.save_view(desk.uow(), root, f"V {MARKUP}{OSC_TITLE}{BIDI}", "status:open")
    now = desk.clock.now
    calendar.schedule_event(
        desk.uow(), root, case.number, kind="call", title=f"Evento {HOSTILE}",
        start=now, end=now + timedelta(minutes=30),
    )  # fmt: skip
    calendar.add_task(desk.uow(), root, case.number, title=f"Tarea {HOSTILE}", due=now.date())
    return case


async def test_the_list_and_its_views_panel_show_hostile_text_inert(desk, hostile):
    async with running_app(desk, desk.admin, size=(220, 30)) as (app, _):
        out = assert_inert(app, "the list")
        assert MARKUP in out and LINK in out  # shown literally, not interpreted
        assert "\\x1b]0;T\\x07" in out and "<U+202E>" in out and "<U+200B>" in out
        views = app.screen.query_one("#views", OptionList)
        names = [str(views.get_option_at_index(i).prompt) for i in range(views.option_count)]
        assert f"V {MARKUP}\\x1b]0;T\\x07abc<U+202E>def  1" in names  # the saved view, inert
        line = app.screen.query_one(CaseTable).render_line(1).text
        assert f"Título {MARKUP}" in line


@pytest.mark.parametrize("tab", [1, 2, 3, 4, 5, 6])
async def test_every_editor_tab_shows_hostile_text_inert(desk, hostile, tab):
    async with running_app(desk, desk.admin, case_id=hostile.id, size=(200, 50)) as (app, pilot):
        app.screen.query_one("#sections").active = f"tab-{tab}"
        await settle(pilot)
        out = assert_inert(app, f"editor tab {tab}")
        assert MARKUP in out or "[@click" in out  # the title bar at least shows it literally
        await pilot.click("#editor-title")  # clicking the text does nothing: no action link
        await settle(pilot)
        assert app.is_running


@pytest.mark.parametrize("keys", [("e",), ("s",), ("a",), ("c",), ("t",)])
async def test_every_form_and_dialog_over_the_case_shows_hostile_text_inert(desk, hostile, keys):
    async with running_app(desk, desk.admin, case_id=hostile.id, size=(200, 60)) as (app, pilot):
        await pilot.press(*keys)
        await settle(pilot)
        assert not isinstance(app.screen, CaseViewScreen), f"{keys} opened nothing"
        assert_inert(app, f"the screen {keys} opens")


async def test_an_untouched_hostile_field_is_not_rewritten_by_saving_the_form(desk, hostile):
    """The form shows escapes instead of control characters; saving another field must not
    store those escapes in place of the original text."""
    from textual.widgets import Input

    async with running_app(desk, desk.admin, case_id=hostile.id, size=(120, 40)) as (app, pilot):
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#f-level", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    from deskTUI.services import views

    case = views.case_detail(desk.uow(), desk.admin, hostile.id).case
    assert (case.title, case.level) == (f"Título {HOSTILE}", 5)


@pytest.mark.parametrize("keys", [("n",), ("N",), ("space", "b")])
async def test_the_new_case_form_the_contact_picker_and_bulk_show_hostile_names_inert(
    desk, hostile, keys
):
    async with running_app(desk, desk.admin, size=(200, 60)) as (app, pilot):
        screen = app.screen
        await pilot.press(*keys)
        await settle(pilot)
        assert app.screen is not screen, f"{keys} opened nothing"
        assert_inert(app, f"the screen {keys} opens")


@pytest.mark.parametrize("key", ["A", "W", "C"])
async def test_the_agenda_timesheet_and_contracts_show_hostile_text_inert(desk, hostile, key):
    async with running_app(desk, desk.admin, size=(200, 40)) as (app, pilot):
        await pilot.press(key)
        await settle(pilot)
        out = assert_inert(app, f"the screen {key} opens")
        assert "[@click=app.quit]" in out  # an event, an activity or a contract name, as text


async def test_the_timer_bar_and_stop_dialog_show_hostile_text_inert_and_keep_it(desk, hostile):
    from deskTUI.services import views

    timers.start_timer(desk.uow(), desk.admin, hostile.number, UTC, f"Nota {HOSTILE}")
    desk.clock.advance(minutes=40)  # past the call planned at the start
    async with running_app(desk, desk.admin, size=(200, 30)) as (app, pilot):
        bar = app.screen.query_one("TimerBar")
        bar.tick()
        assert f"Título {MARKUP}" in str(bar.render())
        assert_inert(app, "the timer bar")
        await pilot.press("T")
        await settle(pilot)
        assert_inert(app, "the stop dialog")
        await pilot.press("enter")
        await settle(pilot)
    notes = [e.description for e in views.case_detail(desk.uow(), desk.admin, hostile.id).entries]
    assert f"Nota {HOSTILE}" in notes  # left as it was typed: not replaced by its escapes

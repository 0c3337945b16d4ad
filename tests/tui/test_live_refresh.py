"""Another operator's change shows on every open screen within 2 s, without a key."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace

import pytest
from textual.widgets import Static

from deskTUI import i18n
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.store.uow import UnitOfWork
from deskTUI.widgets.case_table import CaseTable

from .conftest import make_app, running_app, settle

LIMIT_S = 2.0

OTHER_OPERATOR = """
import sys
from deskTUI.services import cases
from deskTUI.services.identity import resolve_actor
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

db = open_database(sys.argv[1], create=False)
sofia = resolve_actor(UnitOfWork(db), login="sofia")
cases.edit_case(UnitOfWork(db), sofia, sys.argv[2], {"title": sys.argv[3]})
"""


def in_another_process(desk, script: str, *args: str) -> None:
    """Run ``script`` with the desk file and ``args`` in a second process (another
    operator's terminal), and wait for it."""
    url = desk.uow().db.engine.url
    path = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(False)
    done = subprocess.run(
        [sys.executable, "-c", script, path, *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def other_operator_renames(desk, number: str, title: str) -> None:
    """sofia saves the case from her own terminal."""
    in_another_process(desk, OTHER_OPERATOR, number, title)


async def seen_within(pilot, shown, limit: float = LIMIT_S) -> float:
    start = time.monotonic()
    while not shown():
        if time.monotonic() - start > limit:
            raise AssertionError(f"not shown within {limit} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def case_view_heading(app, pilot, case_id: int) -> Static:
    """Open the case view on ``case_id`` once the app is quiet; its title line."""
    await settle(pilot)
    app.push_screen(CaseViewScreen(case_id))
    await settle(pilot)
    return app.screen.query_one("#editor-title", Static)


def titles(table: CaseTable) -> list[str]:
    return [table._rows[i].title for i in sorted(table._rows)]


def drawn(table: CaseTable) -> str:
    """What the table's visible lines show (not only the rows it holds)."""
    lines = range(1, table.size.height)
    return "\n".join("".join(s.text for s in table.render_line(y)) for y in lines)


async def test_the_open_list_shows_another_operators_change_within_two_seconds(desk, queue):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        table.cursor = 2
        kept = table.highlighted
        other_operator_renames(desk, queue[1].number, "Red lenta: cambiado por Sofía")
        took = await seen_within(pilot, lambda: "Red lenta: cambiado por Sofía" in titles(table))
        await pilot.pause()
        assert "Red lenta: cambiado por Sofía" in drawn(table)  # drawn, not only held
        print(f"\nlist refreshed {took * 1000:.0f} ms after another process saved")
        assert table.highlighted is not None and kept is not None
        assert table.highlighted.id == kept.id  # the cursor stayed on its case


@pytest.mark.postgresql_only
async def test_a_list_over_a_server_desk_shows_another_operators_change_within_two_seconds(
    server_db, desk
):
    """On PostgreSQL the signal is a NOTIFY at the other operator's commit."""
    on_server = replace(desk, uow=lambda: UnitOfWork(server_db, clock=desk.clock))
    case = on_server.open(title="Impresora sin tóner")
    app = make_app(on_server, desk.admin)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert "Impresora sin tóner" in titles(table)
        other_operator_renames(on_server, case.number, "Tóner: cambiado por Sofía")
        took = await seen_within(pilot, lambda: "Tóner: cambiado por Sofía" in titles(table))
        print(f"\nserver list refreshed {took * 1000:.0f} ms after another process saved")


async def test_the_open_case_shows_another_operators_change_within_two_seconds(desk, queue):
    app = make_app(desk, desk.admin)
    async with app.run_test(size=(100, 30)) as pilot:
        heading = await case_view_heading(app, pilot, queue[0].id)
        assert "La impresora no imprime" in str(heading.render())
        other_operator_renames(desk, queue[0].number, "Impresora: cambiado por Sofía")
        took = await seen_within(pilot, lambda: "cambiado por Sofía" in str(heading.render()))
        print(f"\ncase refreshed {took * 1000:.0f} ms after another process saved")


ANA_OPENS_THE_FORM = """
import sys
from deskTUI.services.identity import resolve_actor
from deskTUI.services.presence import editing
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

db = open_database(sys.argv[1], create=False)
editing(UnitOfWork(db), resolve_actor(UnitOfWork(db), login="ana"), sys.argv[2])
"""


async def test_the_case_view_says_who_else_is_editing_the_case(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 30)) as pilot:
        heading = await case_view_heading(app, pilot, queue[0].id)
        assert "editing" not in str(heading.render())
        in_another_process(desk, ANA_OPENS_THE_FORM, queue[0].number)
        took = await seen_within(pilot, lambda: "ana editing it now" in str(heading.render()))
        print(f"\nthe case view named ana {took * 1000:.0f} ms after her form opened")


SOMEONE_OPENS_THE_FORM = ANA_OPENS_THE_FORM.replace('login="ana"', "login=sys.argv[3]")


async def test_two_others_editing_are_said_with_a_plural_verb_in_spanish(desk, queue):
    """Issue 20: "ana, sofia lo están editando ahora" (the English msgid says "editing" for
    one or many; Spanish conjugates, so it is an ngettext)."""
    i18n.use("es")
    app = make_app(desk, desk.admin)
    async with app.run_test(size=(100, 30)) as pilot:
        heading = await case_view_heading(app, pilot, queue[0].id)
        in_another_process(desk, SOMEONE_OPENS_THE_FORM, queue[0].number, "ana")
        await seen_within(pilot, lambda: "ana lo está editando ahora" in str(heading.render()))
        in_another_process(desk, SOMEONE_OPENS_THE_FORM, queue[0].number, "sofia")
        await seen_within(
            pilot, lambda: "ana, sofia lo están editando ahora" in str(heading.render())
        )

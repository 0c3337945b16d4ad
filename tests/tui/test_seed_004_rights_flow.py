"""Seed 004's rights per employee in the TUI, by keys only: an admin opens the people
screen (P), grants agent luis assigning in his area and revokes supervisor sofía's
cancelling; luis then assigns and sofía cannot cancel, from the command line too."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from textual.widgets import DataTable

from deskTUI.cli import main
from deskTUI.screens.people import PeopleScreen
from deskTUI.services import admin, cases, grants, views
from deskTUI.services.identity import os_login

from .conftest import burst, delivered, opened_by_key, running_app, settle


def cli(desk, login: str, *args: str) -> tuple[int, str]:
    """``desktui --as LOGIN ARGS`` on the test's desk (whoever runs the tests is made an
    admin: the CLI acts as the operating-system login, and admins may ``--as``)."""
    if os_login() not in {u.login for u in admin.directory(desk.uow(), desk.admin)[0]}:
        admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--db", desk.uow().db.url, "--as", login, *args])
    return code, out.getvalue() + err.getvalue()


async def choose(pilot, screen: PeopleScreen, login: str, code: str) -> None:
    """Highlight ``login``, then their ``code`` right (its role row), by arrows."""
    people = screen.query_one("#people-table", DataTable)
    people.focus()
    target = [u.login for u in screen.people].index(login)
    await pilot.press(
        *(["down"] if target > people.cursor_row else ["up"]) * abs(target - people.cursor_row)
    )
    await settle(pilot)
    assert screen.found is not None and screen.found.person.login == login
    await pilot.press("tab")
    rights = screen.query_one("#rights-table", DataTable)
    row = next(i for i, r in enumerate(screen.found.rights) if r.code == code)
    await pilot.press(
        *(["down"] if row > rights.cursor_row else ["up"]) * abs(row - rights.cursor_row)
    )


async def test_an_admin_grants_and_revokes_by_keys_and_the_desk_follows(desk):
    number = desk.open().number
    async with running_app(desk, desk.admin, size=(110, 36)) as (_app, pilot):
        screen = await opened_by_key(pilot, "P", PeopleScreen)
        await choose(pilot, screen, "luis", "assign_case")
        await pilot.press("e")  # the reach: luis's one area, Soporte
        assert "in Soporte" in str(screen.query_one("#rights-title").render())
        await pilot.press("g")
        await settle(pilot)
        assert ("assign_case", True, "grant") in {
            (r.code, r.allowed, r.source) for r in screen.found.rights
        }
        assert "admin granted assign_case in Soporte" in str(
            screen.query_one("#people-log").render()
        ).replace(desk.admin.login, "admin")
        await pilot.press("tab")
        await choose(pilot, screen, "sofia", "cancel_case")
        await pilot.press("r")
        await settle(pilot)
        shown = {(r.code, r.allowed, r.source) for r in screen.found.rights}
        assert ("cancel_case", False, "revoke") in shown
    # The agent assigns in his area, from the shell; the supervisor cannot cancel.
    assert cli(desk, "luis", "case", "assign", number, "luis")[0] == 0
    assert views.case_detail(desk.uow(), desk.admin, number).names["assignee"] == "luis"
    code, said = cli(desk, "sofia", "case", "move", number, "cancelled", "--note", "duplicado")
    assert code == 1
    assert "an admin withdrew this right from them" in said
    assert views.case_detail(desk.uow(), desk.admin, number).case.status.value == "assigned"
    cases.move_case(desk.uow(), desk.admin, number, "cancelled", note="el admin sí puede")
    assert cli(desk, "luis", "case", "assign", desk.open().number, "luis")[0] == 0


async def test_the_people_screen_is_the_admins_a_supervisor_gets_none_from_p(desk):
    async with running_app(desk, desk.sofia) as (app, pilot):
        await pilot.press("P")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)


async def test_keys_typed_in_one_burst_grant_the_person_the_cursor_moved_to(desk, slow_service):
    """P, arrows to a person, tab, arrows to a right and g, all in one read of the
    terminal, over a slow server: the grant is the highlighted person's, never the one
    whose rights were shown before (seen in tmux: g granted the previous person)."""
    slow_service(grants, "person_rights", 0.6)
    async with running_app(desk, desk.admin, size=(110, 36)) as (app, pilot):
        people = [u.login for u in grants.people(desk.uow(), desk.admin)]
        burst(app, "P", *["down"] * people.index("ana"), "down", "tab", "down", "down", "g")
        await delivered(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        granted = grants.person_rights(desk.uow(), desk.admin, people[people.index("ana") + 1])
        assert [(r.code, r.source) for r in granted.rights if r.source != "role"] == [
            (granted.rights[2].code, "grant")
        ]
        assert not [r for r in grants.person_rights(desk.uow(), desk.admin, "ana").rights
                    if r.source != "role"]  # fmt: skip

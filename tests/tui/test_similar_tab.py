"""The case view's Similar tab (issue 21, seed 000: "una base de conocimientos para futuros
problemas similares"): the solved cases most like the case, by keys only; enter opens one,
U puts its solution in this case's edit draft, and e shows it in the form."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from textual.widgets import DataTable, Static, TextArea

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import admin, cases
from deskTUI.services.identity import os_login
from deskTUI.session import session_of

from .conftest import burst, delivered, make_app, running_app, settle

SOLUTION = "Reemplazamos el fusor quemado\nY limpiamos el rodillo"


def finish(desk, case, solution: str) -> None:
    cases.assign_case(desk.uow(), desk.admin, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution=solution)


@pytest.fixture
def knowledge(desk):
    """A solved printer case of Acme SA, a solved one of Globex (María may not see it), a
    solved network case, and the new printer case asking."""
    solved = desk.open(title="Impresora atasca el papel", description="Hojas arrugadas")
    finish(desk, solved, SOLUTION)
    globex = desk.open(title="Impresora atasca hojas", client="Globex Ltda")
    finish(desk, globex, "Resma húmeda: se cambió")
    network = desk.open(title="Red lenta", category="Redes", description="Tarda")
    finish(desk, network, "Switch nuevo")
    asking = desk.open(title="La impresora atasca el papel", description="Arruga las hojas")
    return solved, globex, asking


def summary(app) -> str:
    return str(app.screen.query_one("#similar-summary", Static).render())


def rows(app) -> list[str]:
    table = app.screen.query_one("#similar-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_similar_tab_lists_opens_and_lends_its_solution_to_the_draft(desk, knowledge):
    solved, globex, asking = knowledge
    async with running_app(desk, desk.sofia, case_id=asking.id) as (app, pilot):
        view = app.screen
        await pilot.press(*["right"] * 6)  # General → … → Log → Similar
        await settle(pilot)
        assert summary(app).startswith("2 solved cases like this one"), summary(app)
        assert rows(app) == [solved.number, globex.number]
        assert "U" in {b.binding.key for b in view.active_bindings.values() if b.enabled}

        await pilot.press("tab", "enter")  # the table, then its first case
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen) and app.screen.case_id == solved.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is view

        await pilot.press("U")
        await settle(pilot)
        draft = session_of(app).drafts.load(asking.number)
        assert draft is not None and draft.values == {"solution": SOLUTION}
        assert any(solved.number in str(n.message) for n in app._notifications)

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditCaseScreen)
        assert app.screen.query_one("#f-solution", TextArea).text == SOLUTION
        await pilot.press("ctrl+s")
        await settle(pilot)

    # The CLI reads the same: the solution saved, and the cases it was found among
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")  # who runs the command
    db = str(desk.uow().db.engine.url.database)

    def cli(*args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "deskTUI", "--db", db, "--as", "sofia", *args, "--json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert cli("case", "show", asking.number)["solution"] == SOLUTION
    best = cli("case", "similar", asking.number)[0]
    assert (best["number"], best["solution_first_line"]) == (
        solved.number,
        "Reemplazamos el fusor quemado",
    )


async def test_a_client_sees_only_her_accounts_solved_cases_and_no_use_key(desk, knowledge):
    solved, _globex, asking = knowledge
    async with running_app(desk, desk.maria, case_id=asking.id) as (app, pilot):
        app.screen.query_one("#sections").active = "tab-7"
        await settle(pilot)
        assert rows(app) == [solved.number]
        assert "U" not in {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}


async def test_a_case_of_no_useful_words_says_so_on_its_similar_tab(desk, knowledge):
    lonely = desk.open(title="No es de la", description="y el")
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.push_screen(CaseViewScreen(lonely.id))
        await settle(pilot)
        app.screen.query_one("#sections").active = "tab-7"
        await settle(pilot)
        assert summary(app) == "No solved case like this one that you may see."
        assert rows(app) == []


async def test_keys_typed_in_one_burst_reach_the_similar_cases_and_the_draft(
    desk, knowledge, slow_service
):
    """Typed faster than a busy desk reads: enter opens the first similar case once they
    are read; U then e shows the solution in the form (e waits for the draft)."""
    from deskTUI.services import knowledge as service
    from deskTUI.store.drafts import DraftStore

    slow_service(service, "similar_cases", 0.3)
    slow_service(DraftStore, "save", 1.0)
    solved, _globex, asking = knowledge
    async with running_app(desk, desk.sofia, case_id=asking.id) as (app, pilot):
        view = app.screen
        burst(app, *["right"] * 6, "tab", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen) and app.screen.case_id == solved.id
        burst(app, "escape", "U", "e")
        await delivered(pilot)
        assert isinstance(app.screen, EditCaseScreen), app.screen
        assert app.screen.query_one("#f-solution", TextArea).text == SOLUTION
        assert view.similar is not None

"""The desk's vocabularies on screen (issue 20): a Spanish operator reads "En proceso" and
"Alta" where the codes ``in_progress`` and ``high`` are stored; the options keep the codes
as their ids, so what is chosen is the same whatever the language."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from deskTUI import i18n
from deskTUI.domain.enums import Status
from deskTUI.screens.dialogs import StatusDialog
from deskTUI.services import views
from deskTUI.widgets.case_table import CaseTable

from .conftest import running_app, settle


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    i18n.use("es")


def _options(app) -> list[tuple[str, str]]:
    targets = app.screen.query_one("#targets", OptionList)
    found = []
    for i in range(targets.option_count):
        option = targets.get_option_at_index(i)
        found.append((str(option.id), str(option.prompt)))
    return found


async def test_the_status_dialog_offers_the_moves_in_spanish_and_moves_by_code(
    desk, queue, spanish
):
    assigned = queue[2]  # assigned to luis, not yet in progress
    async with running_app(desk, desk.sofia, case_id=assigned.id, size=(100, 30)) as (
        app,
        pilot,
    ):
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        options = _options(app)
        assert ("in_progress", "En proceso") in options
        assert all("_" not in prompt for _id, prompt in options)
        assert "Asignado" in app.screen.title_text
        targets = app.screen.query_one("#targets", OptionList)
        targets.highlighted = [code for code, _prompt in options].index("in_progress")
        await pilot.press("enter")
        await pilot.press("enter")
        await settle(pilot)
    case = views.case_detail(desk.uow(), desk.sofia, assigned.id).case
    assert case.status is Status.IN_PROGRESS


def _table_text(app) -> str:
    table = app.screen.query_one(CaseTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


@pytest.mark.parametrize(
    ("width", "priority"), [(150, "Crítica"), (90, "Crít")], ids=["wide", "narrow"]
)
async def test_the_case_list_shows_statuses_and_priorities_in_spanish(
    desk, queue, spanish, width, priority
):
    async with running_app(desk, desk.sofia, size=(width, 30)) as (app, _pilot):
        shown = _table_text(app)
    assert "En proceso" in shown and "Registrado" in shown and "Asignado" in shown
    assert priority in shown, shown
    assert "in_progress" not in shown and "critical" not in shown and " new " not in shown


async def test_english_lists_the_words_with_spaces(desk, queue):
    async with running_app(desk, desk.sofia, size=(120, 30)) as (app, _pilot):
        shown = _table_text(app)
    assert "in progress" in shown and "in_progress" not in shown

"""Issue 18, panels: one enter picks, `v` reaches the views, escape closes one thing, marked
rows show without colour, a client is offered only what they may do, an empty desk says
what to do first."""

from __future__ import annotations

from deskTUI.screens.case_editor import CaseEditorScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import views

from .conftest import make_app, settle

# -- pickers: one enter picks -------------------------------------------------------------


async def test_one_enter_in_the_contact_pickers_filter_picks_the_only_match(desk):
    from deskTUI.screens.dialogs import ContactPicker

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        await pilot.press(*"john", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert app.screen.preset_contact is not None


async def test_one_enter_in_the_assign_filter_assigns_the_highlighted_person(desk, queue):
    from deskTUI.screens.dialogs import AssignDialog

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(CaseEditorScreen(queue[1].id))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"luis", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).names["assignee"] == "luis"


async def test_down_in_the_filter_moves_the_highlight_and_one_enter_picks_it(desk):
    from textual.widgets import OptionList

    from deskTUI.screens.dialogs import ContactPicker

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        options = app.screen.query_one("#contacts", OptionList)
        assert options.highlighted == 0  # the first match is highlighted as the dialog opens
        second = str(options.get_option_at_index(1).id)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert f"{app.screen.preset_client}:{app.screen.preset_contact}" == second


async def test_enter_in_a_filter_that_matches_nothing_picks_nothing(desk):
    from deskTUI.screens.dialogs import ContactPicker

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        await pilot.press(*"zzzz", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)

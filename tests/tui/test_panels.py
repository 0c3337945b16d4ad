"""Issue 18, panels: one enter picks, `v` reaches the views, escape closes one thing, marked
rows show without colour, a client is offered only what they may do, an empty desk says
what to do first."""

from __future__ import annotations

import pytest

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import views

from .conftest import make_app, running_app, settle

# -- pickers: one enter picks -------------------------------------------------------------


async def test_one_enter_in_the_contact_pickers_filter_picks_the_only_match(desk):
    from deskTUI.screens.dialogs import ContactPicker

    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        await pilot.press(*"john", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert app.screen.preset_contact is not None


async def test_one_enter_in_the_assign_filter_assigns_the_highlighted_person(desk, queue):
    from deskTUI.screens.dialogs import AssignDialog

    async with running_app(desk, desk.sofia, case_id=queue[1].id, size=(100, 40)) as (app, pilot):
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"luis", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).names["assignee"] == "luis"


async def test_down_in_the_filter_moves_the_highlight_and_one_enter_picks_it(desk):
    from textual.widgets import OptionList

    from deskTUI.screens.dialogs import ContactPicker

    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
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


async def test_a_pick_typed_in_one_burst_picks_what_the_filter_found(desk, queue):
    from .conftest import burst

    async with running_app(desk, desk.sofia, case_id=queue[1].id, size=(100, 40)) as (app, pilot):
        burst(app, "a", *"luis", "enter")
        assigned = False
        for _ in range(100):  # until the held keys have gone through the dialog
            await settle(pilot)
            detail = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
            assigned = detail.names["assignee"] == "luis"
            if assigned and isinstance(app.screen, CaseViewScreen):
                break
            await pilot.pause(0.03)
        assert assigned and isinstance(app.screen, CaseViewScreen)


async def test_enter_in_a_filter_that_matches_nothing_picks_nothing(desk):
    from deskTUI.screens.dialogs import ContactPicker

    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("N")
        await settle(pilot)
        await pilot.press(*"zzzz", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)


# -- escape closes one thing: the keys panel first ---------------------------------------


def _screen_named(name: str) -> type:
    from deskTUI.screens.agenda import AgendaScreen
    from deskTUI.screens.contracts import ContractsScreen
    from deskTUI.screens.dialogs import CommentDialog
    from deskTUI.screens.dialogs.sla_targets import SlaTargetsDialog
    from deskTUI.screens.edit_case import EditCaseScreen
    from deskTUI.screens.inbox import InboxScreen
    from deskTUI.screens.queue_board import QueueBoardScreen
    from deskTUI.screens.reports import ReportsScreen
    from deskTUI.screens.timesheet import TimesheetScreen

    return {
        "case": CaseViewScreen,
        "edit": EditCaseScreen,
        "comment": CommentDialog,
        "new": NewCaseScreen,
        "agenda": AgendaScreen,
        "timesheet": TimesheetScreen,
        "contracts": ContractsScreen,
        "reports": ReportsScreen,
        "inbox": InboxScreen,
        "board": QueueBoardScreen,
        "sla": SlaTargetsDialog,
    }[name]


async def show_keys(app, pilot) -> None:
    """`?`, or the palette's "Keys" command where `?` is a character (a text field has the
    focus) or a dialog keeps the app's keys to itself."""
    from textual.screen import ModalScreen
    from textual.widgets import Input, TextArea

    if isinstance(app.focused, (Input, TextArea)) or isinstance(app.screen, ModalScreen):
        app.action_show_help_panel()
    else:
        await pilot.press("question_mark")
    await settle(pilot)


REACHED_BY = {
    # From the list (the cursor on the first case): the keys that open each screen.
    "case": ("enter",),
    "edit": ("enter", "e"),
    "comment": ("enter", "c"),
    "new": ("n",),
    "agenda": ("A",),
    "timesheet": ("W",),
    "contracts": ("C",),
    "reports": ("R",),
    "inbox": ("I",),
    "board": ("B",),
    "sla": ("S",),
}


@pytest.mark.parametrize("name", list(REACHED_BY))
async def test_escape_with_the_keys_panel_open_closes_the_panel_and_stays_on_the_screen(
    desk, queue, name
):
    from deskTUI.screens.case_list import CaseListScreen

    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        for key in REACHED_BY[name]:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, _screen_named(name))
        await show_keys(app, pilot)
        assert len(screen.query("HelpPanel")) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen  # the panel closed, and only the panel
        assert len(screen.query("HelpPanel")) == 0
        await pilot.press("escape")  # the next escape is the screen's own
        await settle(pilot)
        assert app.screen is not screen
        if name == "new":
            assert isinstance(app.screen, CaseListScreen)


async def test_escape_on_the_list_with_the_keys_panel_open_closes_only_the_panel(desk, queue):
    from deskTUI.widgets.case_table import CaseTable

    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        await pilot.press("question_mark", "slash")  # in the query line, escape goes back
        await settle(pilot)
        query = app.focused
        assert len(app.screen.query("HelpPanel")) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen.query("HelpPanel")) == 0
        assert app.focused is query
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, CaseTable)


# -- v reaches the views panel -----------------------------------------------------------


async def test_v_goes_to_the_views_panel_where_it_is_already_shown_and_v_on_it_hides_it(
    desk, queue
):
    from textual.widgets import OptionList

    from deskTUI.widgets.case_table import CaseTable

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 30)) as pilot:  # wide: the panel shows from the start
        await settle(pilot)
        views = app.screen.query_one("#views", OptionList)
        assert views.display and isinstance(app.focused, CaseTable)
        await pilot.press("v")
        await settle(pilot)
        assert views.display and app.focused is views
        await pilot.press("escape")  # back to the list; the panel stays where it was shown
        await settle(pilot)
        assert views.display and isinstance(app.focused, CaseTable)
        await pilot.press("v", "v")  # to the panel, then hidden
        await settle(pilot)
        assert not views.display and isinstance(app.focused, CaseTable)


async def test_v_shows_the_hidden_views_panel_and_escape_from_it_hides_it_again(desk, queue):
    from textual.widgets import OptionList

    from deskTUI.widgets.case_table import CaseTable

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 30)) as pilot:  # narrow: the panel waits for v
        await settle(pilot)
        views = app.screen.query_one("#views", OptionList)
        assert not views.display
        await pilot.press("v")
        await settle(pilot)
        assert views.display and app.focused is views
        await pilot.press("escape")
        await settle(pilot)
        assert not views.display and isinstance(app.focused, CaseTable)


async def test_the_keys_panel_says_how_to_leave_and_hide_the_views(desk, queue):
    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        table = app.screen.query_one("BindingsTable")
        text = "".join(segment.text for segment in app.console.render(table.render()))
        assert "v hides them, escape goes back" in text


# -- marked rows show without colour -------------------------------------------------------


def _line_text(table, y: int) -> str:
    return "".join(segment.text for segment in table.render_line(y))


async def test_a_marked_row_reads_differently_from_an_unmarked_one_under_no_color(
    desk, queue, monkeypatch
):
    from deskTUI.widgets.case_table import CaseTable

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(desk, desk.sofia)
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        before = [_line_text(table, y) for y in (1, 2)]
        await pilot.press("space")  # marks the first row; the cursor moves on to the second
        await settle(pilot)
        after = [_line_text(table, y) for y in (1, 2)]
        assert after[0] != before[0]  # the same case, in the same shades: only the mark
        assert after[0][0] != " " and after[0][1:] == before[0][1:]  # a glyph in the first cell
        assert after[1] == before[1] and after[1].startswith(" ")
        await pilot.press("up", "space")  # unmarked again
        await settle(pilot)
        assert _line_text(table, 1) == before[0]


# -- only the keys the operator may use ---------------------------------------------------


def offered(app) -> set[str]:
    """The keys the footer shows now (what Textual's Footer draws: the active bindings shown)."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


async def test_a_client_is_not_offered_status_assign_or_time_and_those_keys_do_nothing(desk, queue):
    from deskTUI.screens.case_list import CaseListScreen
    from deskTUI.widgets.case_table import CaseTable

    app = make_app(desk, desk.maria)  # a user of Acme SA: sees its cases, works none
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(CaseTable).highlighted is not None
        keys = offered(app)
        assert {"s", "a", "t"}.isdisjoint(keys)
        assert "c" in keys  # a client comments on their account's cases
        screen = app.screen
        await pilot.press("s", "a", "t", "T", "p")
        await settle(pilot)
        assert app.screen is screen and isinstance(screen, CaseListScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert {"s", "a", "t", "e"}.isdisjoint(offered(app))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)


async def test_an_agent_is_offered_status_and_time_but_not_assign_which_is_her_supervisors(
    desk, queue
):
    from deskTUI.widgets.case_table import CaseTable

    async with running_app(desk, desk.ana) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        while table.highlighted is not None and table.highlighted.number != queue[0].number:
            await pilot.press("j")  # to the case she works (in progress)
        await settle(pilot)
        keys = offered(app)
        assert {"s", "t", "c"} <= keys and "a" not in keys
        await pilot.press("g")  # the first line: a new case of her area, not hers to move
        await settle(pilot)
        assert table.highlighted is not None and table.highlighted.status == "new"
        assert "s" not in offered(app)
    async with running_app(desk, desk.sofia) as (app, pilot):
        assert {"s", "a", "t", "c"} <= offered(app)


async def test_with_no_case_on_the_list_no_case_key_is_offered(desk, queue):
    async with running_app(desk, desk.sofia) as (app, pilot):
        assert {"s", "a", "c", "t"} <= offered(app)
        await pilot.press("slash", *" nadaquecoincida", "enter")
        await settle(pilot)
        assert {"s", "a", "c", "t"}.isdisjoint(offered(app))
        assert "n" in offered(app)


async def test_on_a_case_the_keys_are_judged_on_that_case(desk, queue):
    """Ana works CS-000001 (status, time); CS-000002 is unassigned in her area: she may see
    it and comment, but its status and time are its assignee's or supervisor's."""
    async with running_app(desk, desk.ana, case_id=queue[0].id) as (app, pilot):
        assert {"s", "t", "c"} <= offered(app)
        await pilot.press("escape")
        await settle(pilot)
        await app.push_screen(CaseViewScreen(queue[1].id))
        await settle(pilot)
        keys = offered(app)
        assert "c" in keys and {"s", "t", "a"}.isdisjoint(keys)


async def test_a_client_is_offered_status_on_a_finished_case_they_opened(desk):
    from deskTUI.services import cases

    case = desk.open(by=desk.maria, title="No arranca")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Cable suelto")
    async with running_app(desk, desk.maria, case_id=case.id) as (app, _):
        assert "s" in offered(app)  # to reopen it


# -- an empty desk says what to do first ---------------------------------------------------


def fresh_desk(db, clock):
    """A desk as `desktui init` leaves it: one admin, no area, no client, no case."""
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root, _ = admin.init_desk(UnitOfWork(db, clock=clock), "admin")
    assert root is not None
    return root


def hint_text(app) -> str:
    from textual.widgets import Static

    hint = app.screen.query_one("#setup-hint", Static)
    return str(hint.render()) if hint.display else ""


async def test_an_admin_on_a_new_desk_is_told_what_to_add_and_adds_an_area_and_a_client_with_n(
    db, clock
):
    from deskTUI.app import DeskApp
    from deskTUI.screens.dialogs.add_area import AddAreaDialog
    from deskTUI.screens.dialogs.add_client import AddClientDialog
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = hint_text(app)
        assert "no area with a category and no client yet" in text
        assert "Press n" in text and "desktui area add" in text and "desktui client add" in text
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AddAreaDialog)
        await pilot.press(*"Soporte", "enter", *"Impresoras, Redes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AddClientDialog)
        await pilot.press(*"Acme SA", "enter", *"María Pérez", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)  # now with something to choose
        await pilot.press("escape")
        await settle(pilot)
        assert hint_text(app) == ""  # the desk has what a case needs
    areas, categories = admin.areas_and_categories(UnitOfWork(db, clock=clock), root)
    clients, contacts = admin.clients_and_contacts(UnitOfWork(db, clock=clock), root)
    assert [a.name for a in areas] == ["Soporte"]
    assert sorted(c.name for c in categories) == ["Impresoras", "Redes"]
    assert [c.name for c in clients] == ["Acme SA"] and [c.name for c in contacts] == [
        "María Pérez"
    ]


async def test_an_area_without_a_category_is_refused_in_the_dialog_and_nothing_is_added(db, clock):
    from deskTUI.app import DeskApp
    from deskTUI.screens.dialogs.add_area import AddAreaDialog
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Soporte", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AddAreaDialog)
        error = str(app.screen.query_one("#dialog-error").render())
        assert error == "Name at least one category: every case is filed under one."
        await pilot.press("escape")  # adds nothing, and the form does not open
        await settle(pilot)
        assert "no area with a category" in hint_text(app)
    assert admin.areas_and_categories(UnitOfWork(db, clock=clock), root) == ([], [])


async def test_someone_not_an_admin_on_a_new_desk_is_told_who_may_add_what_a_case_needs(db, clock):
    from deskTUI.app import DeskApp
    from deskTUI.screens.case_list import CaseListScreen
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root = fresh_desk(db, clock)
    agent = admin.add_user(UnitOfWork(db, clock=clock), root, "ana", role="agent")
    app = DeskApp(db, agent, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Only an admin can add them" in hint_text(app)
        for key in ("n", "N"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, CaseListScreen)  # no empty form, no dialog
        assert any("Only an admin" in n.message for n in app._notifications)


async def test_the_hint_is_not_shown_on_a_desk_with_areas_and_clients(desk, queue):
    async with running_app(desk, desk.admin, size=(80, 24)) as (app, pilot):
        assert hint_text(app) == ""
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)


async def test_a_new_desk_set_up_in_one_burst_of_keys_lands_each_name_in_its_field(db, clock):
    """As a paste or an SSH link delivers them: n, the area and its categories, the client
    and its contact, all in the app's queue at once."""
    from deskTUI.app import DeskApp
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    from .conftest import burst

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(
            app, "n", *"Soporte", "enter", *"Redes", "enter", *"Acme SA", "enter", *"Ana", "enter"
        )
        for _ in range(100):  # the held keys are handed over as each dialog is ready
            await settle(pilot)
            if isinstance(app.screen, NewCaseScreen):
                break
            await pilot.pause(0.03)
        assert isinstance(app.screen, NewCaseScreen)
    areas, categories = admin.areas_and_categories(UnitOfWork(db, clock=clock), root)
    clients, contacts = admin.clients_and_contacts(UnitOfWork(db, clock=clock), root)
    assert [a.name for a in areas] == ["Soporte"] and [c.name for c in categories] == ["Redes"]
    assert [c.name for c in clients] == ["Acme SA"] and [c.name for c in contacts] == ["Ana"]


async def test_a_client_without_a_name_is_refused_and_the_cursor_goes_back_to_the_dialog(db, clock):
    from textual.widgets import Input

    from deskTUI.app import DeskApp
    from deskTUI.screens.dialogs.add_client import AddClientDialog
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root = fresh_desk(db, clock)
    admin.add_area(UnitOfWork(db, clock=clock), root, "Soporte", ["Redes"])
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "no client yet" in hint_text(app)
        await pilot.press("n", "enter", *"Ana", "enter")  # no name; a contact
        await settle(pilot)
        assert isinstance(app.screen, AddClientDialog)
        error = str(app.screen.query_one("#dialog-error").render())
        assert error == "The client name is required"
        contacts = app.screen.query_one("#client-contacts", Input)
        assert app.focused is contacts and contacts.value == "Ana"
    assert admin.clients_and_contacts(UnitOfWork(db, clock=clock), root) == ([], [])


def test_the_empty_desk_picture(db, clock, snap_compare):
    """A desk just initialised, its admin at 80×24: the empty list says the desk has no
    area with a category and no client yet, that n adds them here (a dialog each), and
    the two commands that add them from a shell."""
    from deskTUI.app import DeskApp

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_the_add_area_dialog_picture(db, clock, snap_compare):
    """`n` on that desk: the "Add an area (a team) and its categories" dialog, its name and
    categories fields with their examples, and what enter and escape do."""
    from deskTUI.app import DeskApp

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_what_another_terminal_added_meanwhile_is_not_asked_for_again(db, clock):
    from deskTUI.app import DeskApp
    from deskTUI.screens.dialogs.add_area import AddAreaDialog
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root = fresh_desk(db, clock)
    app = DeskApp(db, root, clock=clock, escalate_every=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AddAreaDialog)
        admin.add_client(UnitOfWork(db, clock=clock), root, "Acme SA")  # another terminal
        await pilot.press(*"Soporte", "enter", *"Redes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)  # no client dialog: there is one now

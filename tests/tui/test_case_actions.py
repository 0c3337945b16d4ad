"""Working a case from the editor with the keyboard: status, assign, comment, log time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from textual.widgets import OptionList

from deskTUI.domain.enums import Status
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import AssignDialog, CommentDialog, StatusDialog, TimeDialog
from deskTUI.services import cases, views, worklog

from .conftest import make_app, running_app, settle


async def open_editor(app, pilot, case_id: int) -> CaseViewScreen:
    await settle(pilot)
    editor = CaseViewScreen(case_id)
    await app.push_screen(editor)
    await settle(pilot)
    return editor


def offered(app) -> list[str]:
    targets = app.screen.query_one("#targets", OptionList)
    return [str(targets.get_option_at_index(i).id) for i in range(targets.option_count)]


async def test_the_status_dialog_offers_only_the_operators_moves_and_asks_for_the_note(desk, queue):
    in_progress = queue[0]  # assigned to ana and in progress
    async with running_app(desk, desk.ana, case_id=in_progress.id, size=(100, 30)) as (app, pilot):
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        assert offered(app) == ["on_hold", "finished"]  # an agent cannot cancel
        await pilot.press("enter")  # on_hold: the note is required
        await pilot.press("enter")  # submit with an empty note
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        assert "needs a note" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press(*"Esperando datos", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    case = views.case_detail(desk.uow(), desk.sofia, in_progress.id).case
    assert case.status is Status.ON_HOLD


async def test_the_others_tab_and_the_finish_dialog_show_what_finishing_will_consume(desk):
    case = desk.open(by=desk.maria, contract=desk.hours.id)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=desk.clock.now.date(), minutes=195
    )
    app = make_app(desk, desk.ana)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(app, pilot, case.id)
        others = str(editor.query_one("#others-body").render())
        assert "0 / 40 h used, 40 h left (0 %)" in others
        assert "Finishing will use  3.25 h → 3.25 / 40 h, 8 %" in others
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("down")  # finished
        await settle(pilot)
        assert "3.25 h → 3.25 / 40 h, 8 %" in str(app.screen.query_one("#preview").render())
        await pilot.press("enter", "tab", *"Fusor nuevo", "enter")
        await settle(pilot)
    detail = views.case_detail(desk.uow(), desk.sofia, case.id)
    assert detail.case.status is Status.FINISHED and detail.case.solution == "Fusor nuevo"
    assert detail.contract_balance is not None and str(detail.contract_balance.used) == "3.25"


async def test_a_supervisor_assigns_by_typing_part_of_a_name(desk, queue):
    new_case = queue[1]
    async with running_app(desk, desk.sofia, case_id=new_case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"lui", "enter")  # one enter picks the only match
        await settle(pilot)
    case = views.case_detail(desk.uow(), desk.sofia, new_case.id)
    assert case.names["assignee"] == "luis" and case.case.status is Status.ASSIGNED


async def test_a_comment_and_a_time_entry_are_added_from_the_editor(desk, queue):
    working = queue[0]
    async with running_app(desk, desk.ana, case_id=working.id, size=(100, 30)) as (app, pilot):
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommentDialog)
        await pilot.press(*"Revisado el fusor", "ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        await pilot.press(*"1h30", "tab", *"Diagnostico", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, working.id)
    assert [c.body for c in detail.comments] == ["Revisado el fusor"]
    assert [e.minutes for e in detail.entries] == [90]


async def test_a_refusal_keeps_the_dialog_open_with_the_domains_sentence(desk, queue):
    working = queue[0]
    async with running_app(desk, desk.ana, case_id=working.id, size=(100, 30)) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"25h", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TimeDialog)
        assert "at most 24 hours" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, working.id).entries == []


async def test_a_supervisor_triages_from_the_list_without_opening_the_case(desk, queue):
    """The new case CS-000002 is assigned from the list: down to it, a, type, enter, enter."""
    async with running_app(desk, desk.sofia, size=(100, 30)) as (app, pilot):
        from deskTUI.widgets.case_table import CaseTable

        table = app.screen.query_one(CaseTable)
        while table.highlighted is not None and table.highlighted.number != "CS-000002":
            await pilot.press("j")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"ana", "enter")  # one enter picks the only match
        await settle(pilot)
        assert table.highlighted is not None
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
    assert case.names["assignee"] == "ana" and case.case.status is Status.ASSIGNED


async def test_bulk_assign_does_what_it_may_and_says_why_it_refused_the_rest(desk, queue):
    """Admin marks three cases and assigns them all to ana: the Desarrollo one is refused."""
    from deskTUI.screens.dialogs import BulkDialog
    from deskTUI.widgets.case_table import CaseTable

    async with running_app(desk, desk.admin) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        wanted = {"CS-000002", "CS-000003", "CS-000004"}
        for _ in range(table.total):
            if table.highlighted is not None and table.highlighted.number in wanted:
                await pilot.press("space")
            else:
                await pilot.press("j")
        assert len(table.selected) == 3
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BulkDialog)
        await pilot.press("enter", *"ana", "enter")
        await settle(pilot)
        summary = str(app.screen.query_one("#summary").render())
        assert "Done: CS-000002, CS-000003" in summary
        assert (
            "CS-000004: ana cannot be assigned CS-000004: they are not in the case's area"
            in summary
        )
        await pilot.press("escape")
        await settle(pilot)
    names = {n: views.case_detail(desk.uow(), desk.admin, n).names["assignee"] for n in wanted}
    assert names == {"CS-000002": "ana", "CS-000003": "ana", "CS-000004": None}


async def test_the_client_who_opened_a_finished_case_reopens_it_through_the_dialog(desk):
    case = desk.open(by=desk.maria, title="Sin impresión")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Driver nuevo")
    async with running_app(desk, desk.maria, case_id=case.id, size=(100, 30)) as (app, pilot):
        await pilot.press("s")
        await settle(pilot)
        assert offered(app) == ["in_progress"]
        await pilot.press("enter", *"Volvió a fallar", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, case.id).case.status is Status.IN_PROGRESS


async def test_a_supervisor_cancels_through_the_dialog_with_a_note(desk, queue):
    assigned = queue[2]
    async with running_app(desk, desk.sofia, case_id=assigned.id, size=(100, 30)) as (app, pilot):
        await pilot.press("s")
        await settle(pilot)
        # Seed 004: on an assigned case the supervisor may also finish it.
        assert offered(app) == ["in_progress", "finished", "cancelled"]
        await pilot.press("down", "down", "enter", *"Duplicado de CS-000001", "enter")
        await settle(pilot)
    detail = views.case_detail(desk.uow(), desk.sofia, assigned.id)
    assert detail.case.status is Status.CANCELLED
    assert detail.log[-1].note == "Duplicado de CS-000001"


async def test_the_supervisor_quotes_and_the_client_approves_from_the_editor(desk):
    from deskTUI.domain.enums import QuoteStatus
    from deskTUI.screens.dialogs import DecideQuoteDialog, QuoteDialog

    case = desk.open(by=desk.maria, title="Instalar impresora nueva")
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    supervisor = make_app(desk, desk.sofia)
    async with supervisor.run_test(size=(100, 30)) as pilot:
        await open_editor(supervisor, pilot, case.id)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(supervisor.screen, QuoteDialog)
        await pilot.press(*"150", "tab", "tab", *"3", "tab", *"Tres horas", "enter")
        await settle(pilot)
        assert isinstance(supervisor.screen, CaseViewScreen)
    client = make_app(desk, desk.maria)
    async with client.run_test(size=(100, 30)) as pilot:
        await open_editor(client, pilot, case.id)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(client.screen, DecideQuoteDialog)
        await pilot.press("enter", "enter")  # approve, no note
        await settle(pilot)
    quote = views.case_detail(desk.uow(), desk.sofia, case.id).case.quote
    assert (quote.status, str(quote.price), quote.currency, quote.minutes) == (
        QuoteStatus.APPROVED,
        "150",
        "USD",
        180,
    )


async def test_an_activity_is_edited_with_enter_and_deleted_with_d_on_the_activities_tab(
    desk, queue
):
    from textual.widgets import DataTable

    from deskTUI.screens.dialogs import DeleteTimeDialog, EditTimeDialog

    working = queue[0]
    for minutes in (30, 45):
        worklog.log_time(
            desk.uow(), desk.ana, working.number, work_date=desk.clock.now.date(), minutes=minutes
        )
    app = make_app(desk, desk.ana)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(app, pilot, working.id)
        editor.query_one("#sections").active = "tab-2"
        await settle(pilot)
        table = editor.query_one("#activities-table", DataTable)
        table.focus()
        await pilot.press("enter")  # the first activity
        await settle(pilot)
        assert isinstance(app.screen, EditTimeDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"1h", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        editor.query_one("#activities-table", DataTable).focus()
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, DeleteTimeDialog)
        await pilot.press("enter")
        await settle(pilot)
    entries = views.case_detail(desk.uow(), desk.sofia, working.id).entries
    assert [e.minutes for e in entries] == [60]


async def test_time_logged_just_after_midnight_goes_on_the_day_it_was_worked(desk, queue):
    """The dialog names no day: at 00:30, 2 h are put on yesterday (today has not held
    them, and would refuse them), 20 minutes on today."""
    working = queue[0]
    desk.clock.now = datetime(2026, 3, 3, 4, 30, tzinfo=UTC)  # 00:30 on 3 March in Caracas
    app = make_app(desk, desk.ana)
    app.zone = ZoneInfo("America/Caracas")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(app, pilot, working.id)
        for typed in ("2h", "20m"):
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, TimeDialog)
            await pilot.press(*typed, "enter")
            await settle(pilot)
            assert isinstance(app.screen, CaseViewScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, working.id)
    assert sorted((e.work_date, e.minutes) for e in detail.entries) == [
        (date(2026, 3, 2), 120),
        (date(2026, 3, 3), 20),
    ]

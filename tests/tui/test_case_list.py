"""The case list and the editor, driven by keys only."""

from __future__ import annotations

from textual.widgets import Input

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.widgets.case_table import CaseTable

from .conftest import heading, make_app, running_app, settle


def visible_numbers(table: CaseTable) -> list[str]:
    return [table._rows[i].number for i in range(table.total) if i in table._rows]


async def test_the_list_opens_on_the_open_cases_the_operator_may_see(desk, queue):
    app = make_app(desk, desk.sofia)  # supervisor of Soporte: Globex's Desarrollo case is not hers
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert table.total == 3
        assert set(visible_numbers(table)) == {"CS-000001", "CS-000002", "CS-000003"}


async def test_a_query_typed_after_slash_filters_the_list(desk, queue):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        await pilot.press("slash")
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press(*"prio:>=high")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert sorted(visible_numbers(table)) == ["CS-000001", "CS-000003"]
        assert app.focused is table


async def test_a_wrong_query_says_why_and_keeps_the_last_good_result(desk, queue):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        before = visible_numbers(app.screen.query_one(CaseTable))
        await pilot.press("slash")
        query = app.screen.query_one("#query", Input)
        query.value = "colour:red"  # pasted: no good prefix of it runs on the way
        await settle(pilot)
        assert str(app.screen.query_one("#query-error").render()) == ""  # quiet while typing
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#query-error").render())
        assert "'colour' is not a filter" in error
        assert visible_numbers(app.screen.query_one(CaseTable)) == before


async def test_the_list_follows_the_query_as_it_is_typed(desk, queue):
    """Every keystroke that leaves a valid query refreshes the list: no enter needed."""
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        await pilot.press("slash", "ctrl+a", "ctrl+k")
        await settle(pilot)
        assert len(visible_numbers(table)) == 4  # the empty query: every case
        await pilot.press(*"impre")
        await settle(pilot)
        assert visible_numbers(table) == ["CS-000001"]  # "La impresora no imprime"
        assert "newest case first" in str(app.screen.query_one("#title-bar").render())
        # "impre status" searches two words (none has both); "impre status:" is not a
        # query yet: the list stays as it was and no error is shown while typing.
        await pilot.press(*" status:")
        await settle(pilot)
        assert visible_numbers(table) == []
        assert str(app.screen.query_one("#query-error").render()) == ""
        await pilot.press(*"open")
        await settle(pilot)
        assert visible_numbers(table) == ["CS-000001"]
        assert app.focused is app.screen.query_one("#query")


async def test_enter_opens_the_highlighted_case_and_escape_comes_back(desk, queue):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        first = table.highlighted
        await pilot.press("j", "k", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert app.screen.case_id == first.id
        title = heading(app)
        assert first.number in title
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CaseViewScreen)


async def test_a_client_sees_only_their_accounts_cases(desk, queue):
    async with running_app(desk, desk.gloria, size=(100, 30)) as (app, _):
        assert visible_numbers(app.screen.query_one(CaseTable)) == ["CS-000004"]


async def test_question_mark_shows_the_keys_of_the_screen_and_hides_them_again(desk, queue):
    async with running_app(desk, desk.admin) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        assert len(list(app.screen.query("HelpPanel"))) == 1
        await pilot.press("question_mark")
        await settle(pilot)
        assert list(app.screen.query("HelpPanel")) == []


async def test_the_palette_opens_a_case_by_number_and_switches_to_a_saved_query(desk, queue):
    from textual.widgets import Input

    async with running_app(desk, desk.admin) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Unassigned")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#query", Input).value == "status:open assignee:none"
        assert sorted(visible_numbers(app.screen.query_one(CaseTable))) == [
            "CS-000002",
            "CS-000004",
        ]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"cs-3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen) and app.screen.case_id == 3


async def test_a_view_from_the_panel_runs_its_query_and_w_saves_the_current_one(desk, queue):
    from textual.widgets import Input, OptionList

    from deskTUI.services import saved_views

    async with running_app(desk, desk.admin, size=(130, 30)) as (app, pilot):
        views = app.screen.query_one("#views", OptionList)
        labels = [str(views.get_option_at_index(i).prompt) for i in range(views.option_count)]
        assert labels[:2] == ["My queue  0", "Unassigned  2"]
        views.focus()
        views.highlighted = 0
        await pilot.press("down", "enter")  # My queue, then down to Unassigned
        await settle(pilot)
        assert app.screen.query_one("#query", Input).value == "status:open assignee:none"
        assert sorted(visible_numbers(app.screen.query_one(CaseTable))) == [
            "CS-000002",
            "CS-000004",
        ]
        await pilot.press("w")
        await settle(pilot)
        await pilot.press(*"Sin dueño", "enter")
        await settle(pilot)
    saved = {v.name: v.count for v in saved_views.panel(desk.uow(), desk.admin) if not v.built_in}
    assert saved == {"Sin dueño": 2}


async def test_o_cycles_the_order_and_next_to_execute_puts_the_critical_case_first(desk, queue):
    async with running_app(desk, desk.admin) as (app, pilot):
        await pilot.press("o")  # next to execute
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert "next to execute" in str(app.screen.query_one("#title-bar").render())
        assert table._rows[0].number == "CS-000003"


async def test_a_count_past_its_cap_reads_as_more_and_the_last_case_is_still_reachable(
    desk, queue, monkeypatch
):
    """At a million cases the count stops at 10,000 ("10,000+"); here the cap is 2 of 4."""
    monkeypatch.setattr("deskTUI.screens.case_list.COUNT_CAP", 2)
    app = make_app(desk, desk.admin)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "ctrl+a", "ctrl+k")
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert "2+ cases" in str(app.screen.query_one("#title-bar").render())
        assert (table.total, table.more) == (2, True)
        await pilot.press("escape", "G")  # the last case: counted to the end, then reached
        await settle(pilot)
        assert (table.total, table.more) == (4, False)
        assert "4 cases" in str(app.screen.query_one("#title-bar").render())
        assert table.cursor == 3
        assert table.highlighted is not None

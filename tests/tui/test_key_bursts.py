"""Keys typed in one burst land where they were typed for (issue 18).

Over SSH, or from a paste, keys arrive faster than a screen opens: the Key events are
all in the app's queue before the first one is handled. These tests post every key of a
flow at once (``burst``), so none is handled before the others are queued, and then
check what the desk stored. ``pilot.press`` waits for the app to go idle between keys
and would hide the problem; it is used here only with ``BURST``-sized groups to show
Pilot's own path holds too. ``burst``, ``delivered``, ``running_app`` and the
``slow_service`` fixture live in conftest.py, for every test_key_bursts*.py file.
"""

from __future__ import annotations

import time

from textual import events
from textual.widgets import Input, TabbedContent

from deskTUI.domain.enums import QuoteStatus
from deskTUI.screens.case_list import CaseListScreen
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import cases, views
from deskTUI.widgets.case_table import CaseTable

from .conftest import burst, delivered, running_app


async def test_a_query_typed_in_one_burst_filters_the_list_and_runs_no_command(desk, queue):
    # "servidor" holds s (status), r (refresh), v (views), o (order): list commands
    # when they reach the table instead of the query line (typed after the query the
    # list opens with, "status:open").
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/", *" servidor")
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen), app.screen
        assert app.screen.query_one("#query", Input).value.endswith(" servidor")
        assert app.screen.query_one(CaseTable).total == 1


async def test_enter_twice_in_a_burst_opens_the_case_the_query_found_and_the_next_keys_reach_it(
    desk, queue
):
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/", *" servidor", "enter", "enter", "right", "right", "right")
        await delivered(pilot)
        screen = app.screen
        assert isinstance(screen, CaseViewScreen), screen
        assert screen.case_id == queue[2].id  # "Servidor caído"
        tabs = screen.query_one("#sections", TabbedContent)
        assert tabs.active == "tab-4", tabs.active  # General → Activities → Others → Comments


async def test_time_typed_in_one_burst_from_the_list_is_logged_on_the_case_found(desk, queue):
    printer = queue[0]  # "La impresora no imprime", ana's, in progress
    async with running_app(desk, desk.ana) as (app, pilot):
        burst(app, "/", *" impresora", "enter", "enter", "t", *"30m", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    entries = views.case_detail(desk.uow(), desk.sofia, printer.id).entries
    assert [e.minutes for e in entries] == [30]


async def test_a_quote_typed_in_one_burst_puts_each_value_in_its_field(desk, queue):
    printer = queue[0]
    cases.edit_case(desk.uow(), desk.sofia, printer.number, {"billable": True})
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/", *" impresora", "enter", "enter", "u")
        burst(app, *"150", "tab", "tab", "3", "tab", *"msg", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    quote = views.case_detail(desk.uow(), desk.sofia, printer.id).case.quote
    assert (quote.status, str(quote.price), quote.currency, quote.minutes, quote.message) == (
        QuoteStatus.QUOTED,
        "150",
        "USD",
        180,
        "msg",
    )


async def test_the_keys_typed_after_e_in_one_burst_land_at_the_end_of_the_title(desk, queue):
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/", *" impresora", "enter", "enter", "e", *" rota")
        await delivered(pilot)
        assert isinstance(app.screen, EditCaseScreen), app.screen
        assert app.screen.query_one("#f-title", Input).value == "La impresora no imprime rota"


async def test_a_burst_of_tabs_moves_one_field_per_tab_in_order(desk, queue):
    # The quote dialog already open: only the fields' own keys, all at once.
    printer = queue[0]
    cases.edit_case(desk.uow(), desk.sofia, printer.number, {"billable": True})
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        await pilot.press("u")
        await delivered(pilot)
        burst(app, *"1", "tab", "tab", "tab", *"m", "tab", "tab", "tab", "tab", *"2")
        await delivered(pilot)
        values = [i.value for i in app.screen.query(Input)]
        assert values == ["1", "USD", "", "m2"], values  # four fields: four tabs go round


async def test_a_paste_right_after_the_key_that_opens_the_query_lands_in_the_query(desk, queue):
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/")
        paste = events.Paste(" servidor")
        paste.set_sender(app)
        app.post_message(paste)
        await delivered(pilot)
        assert app.screen.query_one("#query", Input).value.endswith(" servidor")
        assert app.screen.query_one(CaseTable).total == 1


async def test_a_read_that_never_ends_holds_the_next_key_two_seconds_at_most(desk, queue):
    import threading

    from deskTUI.key_hold import HOLD_LIMIT_S

    stuck = threading.Event()
    async with running_app(desk, desk.sofia) as (app, pilot):
        # A worker of a group keys wait for ("a dialog being prepared"), stuck.
        app.screen.run_worker(stuck.wait, thread=True, group="case-action")
        started = time.monotonic()
        burst(app, "/", "x")
        box = app.screen.query_one("#query", Input)
        while not box.value.endswith("x") and time.monotonic() - started < 3 * HOLD_LIMIT_S:
            await pilot.pause(0.05)
        waited = time.monotonic() - started
        stuck.set()
        await delivered(pilot)
        assert box.value.endswith("x"), box.value  # held, then delivered: never dropped
        assert HOLD_LIMIT_S * 0.9 <= waited < HOLD_LIMIT_S + 1.0, waited


def test_every_worker_group_the_keys_wait_for_is_a_group_the_screens_start():
    # A group renamed in a screen would silently stop holding keys: the name must exist.
    from pathlib import Path

    import deskTUI
    from deskTUI.key_hold import KEYS_WAIT_FOR

    source = "".join(p.read_text() for p in Path(deskTUI.__file__).parent.rglob("*.py"))
    missing = sorted(g for g in KEYS_WAIT_FOR if f'group="{g}"' not in source)
    assert not missing, missing


async def test_text_typed_while_the_edit_form_reads_its_choices_is_kept(desk, queue, slow_service):
    # The form fills its fields when its read lands; a slow read (a busy server) must
    # not overwrite what was typed meanwhile: the keys wait for it.
    from deskTUI.screens import edit_case

    slow_service(edit_case.views, "form_choices", 0.5)
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "e", *" rota")
        await delivered(pilot)
        assert isinstance(app.screen, EditCaseScreen), app.screen
        assert app.screen.query_one("#f-title", Input).value == "La impresora no imprime rota"


async def test_the_palette_typed_in_one_burst_opens_the_case_named(desk, queue):
    async with running_app(desk, desk.admin) as (app, pilot):
        burst(app, "ctrl+p", *"cs-3", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
        assert app.screen.case_id == 3


async def test_status_and_assign_dialogs_typed_in_one_burst_do_what_was_typed(desk, queue):
    # Both dialogs open after a read in a worker (what the operator may do, who may take
    # the case): the keys after s and a wait for them.
    from deskTUI.domain.enums import Status

    in_progress, new_case = queue[0], queue[1]
    async with running_app(desk, desk.sofia, case_id=new_case.id) as (app, pilot):
        burst(app, "a", *"lui", "enter", "escape")
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen), app.screen
    assert views.case_detail(desk.uow(), desk.sofia, new_case.id).names["assignee"] == "luis"
    async with running_app(desk, desk.ana, case_id=in_progress.id) as (app, pilot):
        burst(app, "s", "enter", *"Esperando datos", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    assert views.case_detail(desk.uow(), desk.sofia, in_progress.id).case.status is Status.ON_HOLD

"""The running timer from the TUI: T starts it, the bar shows it, T again stops it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import Input

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import StopTimerDialog
from deskTUI.services import timers, views

from .conftest import make_app, running_app, settle


def bar_text(app) -> str:
    bar = app.screen.query_one("TimerBar")
    bar.tick()
    return str(bar.render()) if bar.display else ""


async def test_t_starts_a_timer_the_bar_counts_and_t_stops_it_into_an_entry(desk, queue):
    working = queue[0]  # ana's, in progress
    started = desk.clock.now
    async with running_app(desk, desk.ana, case_id=working.id, size=(100, 30)) as (app, pilot):
        assert bar_text(app) == ""  # no timer, no bar
        await pilot.press("T")
        await settle(pilot)
        assert timers.current_timer(desk.uow(), desk.ana).number == working.number  # type: ignore[union-attr]
        desk.clock.advance(minutes=47, seconds=5)
        assert (
            bar_text(app)
            == f"Timer {working.number} · La impresora no imprime · 0:47:05 · T on the case stops it"
        )
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)
        # The time now, not the 0:00:00 read from the database when the timer started.
        assert "Stop the timer on CS-000001 (0:47:05)" in str(
            app.screen.query_one(".dialog-title").render()
        )
        app.screen.query_one("#note", Input).value = "Cambio de fusor"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert bar_text(app) == ""
    [entry] = views.case_detail(desk.uow(), desk.ana, working.id).entries
    assert (entry.start, entry.minutes, entry.description) == (started, 47, "Cambio de fusor")


async def test_a_running_timer_is_there_again_after_the_app_restarts(desk, queue):
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    desk.clock.advance(hours=1, minutes=2)
    app = make_app(desk, desk.ana)  # a new session: the timer comes from the database
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert bar_text(app).startswith(f"Timer {queue[0].number} · ")
        assert "1:02:00" in bar_text(app)


async def test_starting_on_another_case_stops_the_first_and_says_what_it_logged(desk, queue):
    from deskTUI.services import cases

    cases.assign_case(desk.uow(), desk.sofia, queue[1].number, "ana")
    cases.move_case(desk.uow(), desk.ana, queue[1].number, "in_progress")
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    desk.clock.advance(minutes=20)
    async with running_app(desk, desk.ana, case_id=queue[1].id, size=(100, 30)) as (app, pilot):
        await pilot.press("T")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert f"Logged 20m on {queue[0].number}. Timer running on {queue[1].number}." in said
        assert bar_text(app).startswith(f"Timer {queue[1].number}")
    assert [e.minutes for e in views.case_detail(desk.uow(), desk.ana, queue[0].id).entries] == [20]


async def test_a_timer_across_midnight_stops_into_one_entry_per_day(desk, queue):
    desk.clock.now = datetime(2026, 3, 2, 23, 40, tzinfo=UTC)  # the tests run in UTC
    async with running_app(desk, desk.ana, case_id=queue[0].id, size=(100, 30)) as (app, pilot):
        await pilot.press("T")
        await settle(pilot)
        desk.clock.advance(minutes=50)
        app.refresh_timer()
        await settle(pilot)
        await pilot.press("T", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    days = sorted(
        (e.work_date, e.minutes)
        for e in views.case_detail(desk.uow(), desk.ana, queue[0].id).entries
    )
    assert days == [(date(2026, 3, 2), 20), (date(2026, 3, 3), 30)]


async def test_a_refused_stop_stays_in_the_dialog_until_the_timer_is_discarded(desk, queue):
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    desk.clock.advance(hours=30)
    async with running_app(desk, desk.ana, case_id=queue[0].id, size=(100, 30)) as (app, pilot):
        await pilot.press("T", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)
        assert "longer than the 24-hour limit" in str(
            app.screen.query_one("#dialog-error").render()
        )
    assert timers.current_timer(desk.uow(), desk.ana) is not None


async def test_t_stops_a_timer_another_terminal_started_even_before_the_bar_knows(desk, queue):
    async with running_app(desk, desk.ana, case_id=queue[0].id, size=(100, 30)) as (app, pilot):
        timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)  # from the shell
        assert app.timer is None  # the app has not read it yet
        desk.clock.advance(minutes=10)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)  # not a second start


async def test_a_timer_whose_case_was_finished_goes_on_the_case_where_t_is_pressed(desk, queue):
    from deskTUI.services import cases

    cases.assign_case(desk.uow(), desk.sofia, queue[1].number, "ana")
    cases.move_case(desk.uow(), desk.ana, queue[1].number, "in_progress")
    started = desk.clock.now
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC, "Cambio de fusor")
    desk.clock.advance(minutes=35)
    cases.move_case(desk.uow(), desk.sofia, queue[0].number, "finished", solution="Listo")
    closed_at = desk.clock.now
    desk.clock.advance(minutes=25)  # not the case's: it was finished
    async with running_app(desk, desk.ana) as (app, pilot):
        assert "finished by sofia: 0:35:00 to log on another case" in bar_text(app)
        await app.push_screen(CaseViewScreen(queue[1].id))
        await settle(pilot)
        await pilot.press("T")  # on another case: it asks, offering this one
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)
        hint = str(app.screen.query_one("#closed").render())
        assert f"sofia finished {queue[0].number} at {closed_at:%-m/%-d/%Y %H:%M} while" in hint
        assert app.screen.query_one("#to", Input).value == queue[1].number
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        said = [str(n.message) for n in app._notifications]
        assert f"Logged the timer of {queue[0].number}, 35m, on {queue[1].number}." in said
        assert bar_text(app) == ""
    [entry] = views.case_detail(desk.uow(), desk.ana, queue[1].id).entries
    assert (entry.start, entry.end, entry.description) == (started, closed_at, "Cambio de fusor")
    assert views.case_detail(desk.uow(), desk.ana, queue[0].id).entries == []


async def test_stopping_a_finished_cases_timer_with_no_case_named_says_what_happened(desk, queue):
    from deskTUI.services import cases

    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    desk.clock.advance(minutes=10)
    cases.move_case(desk.uow(), desk.sofia, queue[0].number, "finished", solution="Listo")
    async with running_app(desk, desk.ana, case_id=queue[0].id) as (app, pilot):
        await pilot.press("T", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)
        error = str(app.screen.query_one("#dialog-error").render())
        assert "while your timer ran: its 10m up to then cannot go on a closed case" in error
    assert timers.current_timer(desk.uow(), desk.ana) is not None  # nothing lost

"""The agenda screen with the keyboard: spans, moving, marking, planning, whose agenda."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input

from deskTUI.screens.agenda import AgendaScreen
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import PlanDialog
from deskTUI.services import calendar, views

from .conftest import heading, opened_by_key, running_app, settle

MONDAY = date(2026, 3, 2)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def week(desk, queue):
    """ana's week on CS-000001: a call this morning (not marked), a task due Wednesday,
    a meeting next Monday."""
    number = queue[0].number
    calendar.schedule_event(
        desk.uow(), desk.sofia, number, kind="call", title="Llamar a María",
        start=at(MONDAY, 9), end=at(MONDAY, 9, 30), owner="ana",
    )  # fmt: skip
    calendar.add_task(
        desk.uow(), desk.sofia, number, title="Pedir tóner", due=MONDAY + timedelta(days=2),
        owner="ana",
    )  # fmt: skip
    calendar.schedule_event(
        desk.uow(), desk.sofia, number, kind="meeting", title="Revisión semanal",
        start=at(MONDAY + timedelta(days=7), 15), end=at(MONDAY + timedelta(days=7), 16),
        owner="ana",
    )  # fmt: skip
    return queue[0]


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#agenda-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_opens_this_week_and_brackets_d_w_m_move_through_periods(desk, week):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        assert "ana · week 3/2/2026 → 3/8/2026 · 2 items" in heading(app)
        call, task = rows(app)
        assert call[:6] == [
            "Mon 02",
            "09:00–09:30",
            "late today",
            "call",
            "Llamar a María",
            week.number,
        ]
        # late: it ended at 09:30 and nobody said whether it was held
        assert task[:5] == ["Wed 04", "", "", "task", "Pedir tóner"]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "week 3/9/2026 → 3/15/2026 · 1 item" in heading(app)
        assert rows(app)[0][4] == "Revisión semanal"
        await pilot.press("full_stop", "d")
        await settle(pilot)
        assert "day 3/2/2026 · 1 item" in heading(app)
        await pilot.press("m")
        await settle(pilot)
        assert "month 3/1/2026 → 3/31/2026 · 3 items" in heading(app)


async def test_o_marks_the_call_held_and_the_case_counters_follow(desk, week):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("o")
        await settle(pilot)
        assert rows(app)[0][6] == "held" and rows(app)[0][2] == "today"
        await pilot.press("down", "x")  # a task is not "not held"
        await settle(pilot)
        assert rows(app)[1][6] == "not started"  # the task's status in words (issue 20)
        assert str(app.screen.query_one("#agenda-message").render()) == (
            "A task is completed, not held: only events are held or not held"
        )
        await pilot.press("o")
        await settle(pilot)
        assert rows(app)[1][6] == "completed"
        await pilot.press("enter")  # the case: its General tab counts the same items
        await settle(pilot)
        general = str(app.screen.query_one("#general-body").render())
        assert (
            "Events           2 · 1 planned · 1 held · 0 not held · 3/2/2026 → 3/9/2026" in general
        )
        assert "Calendar tasks   1 · 0 not started · 1 completed · 3/4/2026 → 3/4/2026" in general
    detail = views.case_detail(desk.uow(), desk.sofia, week.id)
    assert (detail.event_counters.held, detail.event_counters.planned) == (1, 1)
    assert detail.task_counters.completed == 1


async def test_p_plans_a_follow_up_on_the_items_case_and_enter_opens_the_case(desk, week):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        await pilot.press(*"Confirmar con María")
        app.screen.query_one("#start", Input).value = "16:00"
        app.screen.query_one("#end", Input).value = "16:15"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert [r[4] for r in rows(app)] == ["Llamar a María", "Confirmar con María", "Pedir tóner"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)


async def test_a_wrong_time_in_the_plan_dialog_says_why_and_plans_nothing(desk, week):
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("p", *"Confirmar")
        app.screen.query_one("#start", Input).value = "25:99"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        assert "is not a time of day: write HH:MM" in str(
            app.screen.query_one("#dialog-error").render()
        )
    assert len(views.case_detail(desk.uow(), desk.sofia, week.id).events) == 2


async def test_a_supervisor_reads_ana_s_agenda_and_an_agent_is_told_why_not(desk, week):
    async with running_app(desk, desk.sofia) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        assert "sofia · week" in heading(app) and rows(app) == []
        await pilot.press("u", *"ana", "enter")
        await settle(pilot)
        assert "ana · week" in heading(app) and len(rows(app)) == 2
        await pilot.press("u", *"area:Soporte", "enter")
        await settle(pilot)
        assert "area Soporte · week" in heading(app)
    async with running_app(desk, desk.luis) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("u", *"ana", "enter")
        await settle(pilot)
        message = str(app.screen.query_one("#agenda-message").render())
        assert message == "luis may not read ana's agenda: only they and their supervisors may"
        await pilot.press("m")  # the refused choice is dropped: his own month shows
        await settle(pilot)
        assert "luis · month 3/1/2026" in heading(app)


async def test_only_the_latest_period_asked_for_is_shown_when_keys_come_fast(desk, week):
    """Three ] in a row: whatever order the reads finish in, the screen ends on the third
    week and the next ] goes to the fourth."""
    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert "week 3/23/2026 → 3/29/2026" in heading(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "week 3/30/2026 → 4/5/2026" in heading(app)


SOFIA_SCHEDULES = """
import sys
from datetime import datetime, UTC
from deskTUI.services import calendar
from deskTUI.services.identity import resolve_actor
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

db = open_database(sys.argv[1], create=False)
sofia = resolve_actor(UnitOfWork(db), login="sofia")
calendar.schedule_event(
    UnitOfWork(db), sofia, sys.argv[2], kind="call", title="Llamada de Sofía",
    start=datetime(2026, 3, 3, 10, tzinfo=UTC), end=datetime(2026, 3, 3, 11, tzinfo=UTC),
    owner="ana",
)
"""


async def test_the_open_agenda_shows_another_operators_new_call_within_two_seconds(desk, week):
    import time

    from .test_live_refresh import in_another_process

    async with running_app(desk, desk.ana) as (app, pilot):
        await opened_by_key(pilot, "A", AgendaScreen)
        await pilot.press("down")  # the cursor on the task
        in_another_process(desk, SOFIA_SCHEDULES, week.number)
        start = time.monotonic()
        while not any("Llamada de Sofía" in row for row in rows(app)):
            assert time.monotonic() - start < 2.0, rows(app)
            await pilot.pause(0.05)
        print(f"\nagenda refreshed {1000 * (time.monotonic() - start):.0f} ms after the call")
        assert len(rows(app)) == 3
        assert app.screen.query_one("#agenda-table", DataTable).cursor_row == 1  # kept

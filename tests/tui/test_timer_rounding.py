"""The stop dialog says the timer's rounding rule where it applies (issue 18: 8 s logged a
minute and 61 s two, and nothing said why)."""

from __future__ import annotations

from datetime import UTC

import pytest

from deskTUI.screens.dialogs import StopTimerDialog
from deskTUI.services import timers, views

from .conftest import running_app, settle


@pytest.mark.parametrize(
    ("seconds", "said", "minutes"),
    [(8, "0:00:08 so far logs 1m", 1), (61, "0:01:01 so far logs 1m", 1),
     (90, "0:01:30 so far logs 2m", 2)],
)  # fmt: skip
async def test_the_stop_dialog_says_what_the_timer_will_log_and_why(
    desk, queue, seconds, said, minutes
):
    working = queue[0]  # ana's, in progress
    desk.clock.advance(seconds=29)  # a timer started mid-minute logs the same
    timers.start_timer(desk.uow(), desk.ana, working.number, UTC)
    desk.clock.advance(seconds=seconds)
    async with running_app(desk, desk.ana, case_id=working.id, size=(100, 30)) as (app, pilot):
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StopTimerDialog)
        hint = str(app.screen.query_one("#rounding").render())
        assert hint == f"{said}: a timer counts to the nearest minute, and at least one"
        await pilot.press("enter")
        await settle(pilot)
    [entry] = views.case_detail(desk.uow(), desk.ana, working.id).entries
    assert entry.minutes == minutes

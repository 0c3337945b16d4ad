"""Planning with ``p`` on a day the clocks change (the operator in New York): a time the
clocks skip is refused in the dialog, one across the change keeps its real length."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from textual.widgets import Input

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import PlanDialog
from deskTUI.services import views

from .conftest import make_app, settle


async def test_p_refuses_the_skipped_hour_and_plans_across_it_by_real_time(desk, queue):
    app = make_app(desk, desk.ana)
    app.zone = ZoneInfo("America/New_York")  # the suite runs in UTC
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        await pilot.press(*"Llamar")
        fields = {name: app.screen.query_one(f"#{name}", Input) for name in ("day", "start", "end")}
        fields["day"].value, fields["start"].value, fields["end"].value = (
            "2026-03-08",
            "02:30",
            "03:30",
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        assert str(app.screen.query_one("#dialog-error").render()) == (
            "There is no 02:30 on 2026-03-08 in America/New_York: the clocks jumped from 02:00 "
            "to 03:00 (daylight saving). Write a time before 02:00 or from 03:00 on"
        )
        assert views.case_detail(desk.uow(), desk.ana, queue[0].id).events == []
        fields["start"].value = "01:30"
        fields["end"].value = "03:00"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    [event] = views.case_detail(desk.uow(), desk.ana, queue[0].id).events
    assert (event.start, event.end - event.start) == (
        datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
        timedelta(minutes=30),
    )

"""Times on a day the clocks change, through the services (both engines): minutes are elapsed
time, a time the clocks skip is refused, one they show twice is the first of the two."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.services import calendar, views, worklog
from deskTUI.services.agenda import plan

NEW_YORK = ZoneInfo("America/New_York")
SANTIAGO = ZoneInfo("America/Santiago")
SPRING = date(2026, 3, 8)  # New York: 02:00 → 03:00
AUTUMN = date(2026, 11, 1)  # New York: 02:00 → 01:00
LATER = datetime(2027, 1, 4, 12, tzinfo=UTC)
"""The clock once the case is started: the days these tests log work on are past."""


def wall(day: date, hour: int, minute: int = 0, zone: ZoneInfo = NEW_YORK) -> datetime:
    """A wall-clock time in ``zone``, as ``datetime(..., tzinfo=zone)`` writes it."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def test_two_times_of_one_zone_across_spring_forward_log_their_elapsed_minutes(desk, started):
    case = started()
    desk.clock.now = LATER
    entry = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=SPRING,
        start=wall(SPRING, 1, 30), end=wall(SPRING, 3),
    )  # fmt: skip
    assert entry.minutes == 30
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert (stored.minutes, stored.start, stored.end) == (
        30,
        datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
        datetime(2026, 3, 8, 7, tzinfo=UTC),
    )


def test_two_times_of_one_zone_across_fall_back_log_their_elapsed_minutes(desk, started):
    case = started()
    desk.clock.now = LATER
    # 00:30 → 02:00 on the wall is 2 h 30 min: the clocks showed 01:00-01:59 twice.
    entry = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=AUTUMN,
        start=wall(AUTUMN, 0, 30), end=wall(AUTUMN, 2),
    )  # fmt: skip
    assert entry.minutes == 150


def test_planning_from_the_agenda_in_the_skipped_hour_is_refused_and_plans_nothing(desk, started):
    case = started()
    desk.clock.now = LATER
    with pytest.raises(ValidationError) as refused:
        plan(desk.uow, desk.ana, case.number, what="call", title="Llamar",
             day="2026-03-08", start="02:30", end="03:30", zone=NEW_YORK)  # fmt: skip
    assert refused.value.code == "time.skipped"
    assert "the clocks jumped from 02:00 to 03:00" in str(refused.value)
    assert views.case_detail(desk.uow(), desk.ana, case.number).events == []


def test_planning_across_the_change_keeps_the_real_instants(desk, started):
    case = started()
    desk.clock.now = LATER
    spring = plan(desk.uow, desk.ana, case.number, what="call", title="Llamar",
                  day="2026-03-08", start="01:30", end="03:00", zone=NEW_YORK)  # fmt: skip
    # 01:45 is the first of the two (-04:00); 01:15-05:00 the second: half an hour later.
    autumn = plan(desk.uow, desk.ana, case.number, what="call", title="Volver a llamar",
                  day="2026-11-01", start="01:45", end="01:15-05:00", zone=NEW_YORK)  # fmt: skip
    events = {e.id: e for e in views.case_detail(desk.uow(), desk.ana, case.number).events}
    assert (events[spring].start, events[spring].end - events[spring].start) == (
        datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
        timedelta(minutes=30),
    )
    assert (events[autumn].start, events[autumn].end) == (
        datetime(2026, 11, 1, 5, 45, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 15, tzinfo=UTC),
    )


def test_an_event_of_one_zone_that_ends_after_it_starts_in_real_time_is_accepted(desk, started):
    case = started()
    desk.clock.now = LATER
    # Same zone, fold=1 on the end: the wall clocks compare 01:15 < 01:45, real time does not.
    event = calendar.schedule_event(
        desk.uow(), desk.ana, case.number, kind="call", title="X",
        start=wall(AUTUMN, 1, 45), end=wall(AUTUMN, 1, 15).replace(fold=1),
    )  # fmt: skip
    assert event.id is not None


def test_moving_an_entry_to_a_santiago_spring_day_keeps_its_clock_or_says_it_was_skipped(
    desk, started
):
    case = started()
    desk.clock.now = LATER
    before = date(2026, 9, 5)
    after = date(2026, 9, 6)  # Santiago: 00:00 → 01:00
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=before,
        start=wall(before, 9, zone=SANTIAGO), end=wall(before, 10, zone=SANTIAGO),
    )  # fmt: skip
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=before,
        start=wall(before, 0, 15, zone=SANTIAGO), end=wall(before, 0, 45, zone=SANTIAGO),
    )  # fmt: skip
    quarter, nine = sorted(
        views.case_detail(desk.uow(), desk.ana, case.number).entries, key=lambda e: e.start
    )
    moved = worklog.edit_time(desk.uow(), desk.ana, nine.id, {"work_date": after}, SANTIAGO)
    assert moved.start == datetime(2026, 9, 6, 12, tzinfo=UTC)  # 09:00 at -03:00, was -04:00
    with pytest.raises(ValidationError) as refused:
        worklog.edit_time(desk.uow(), desk.ana, quarter.id, {"work_date": after}, SANTIAGO)
    assert refused.value.code == "time.skipped"

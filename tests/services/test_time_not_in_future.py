"""Work is logged once done (issue 18): a time entry may not end after now, give or take
the desk's tolerance for clocks that differ; on every path that writes an entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.timekeeping import make_entry
from deskTUI.i18n import error_text
from deskTUI.services import timers, views, worklog

CARACAS = ZoneInfo("America/Caracas")  # UTC-4
TODAY = date(2026, 3, 2)  # the test desk's clock: 12:00 UTC, 08:00 in Caracas


def entries_of(desk, case):
    return views.case_detail(desk.uow(), desk.sofia, case.number).entries


def test_a_timed_entry_ending_after_now_and_its_tolerance_is_refused_and_nothing_changes(
    desk, started, snapshot
):
    case = started()
    now = desk.clock.now
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as refused:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=TODAY,
            start=now, end=now + timedelta(minutes=6), zone=CARACAS,
        )  # fmt: skip
    assert refused.value.code == "time.in_future"
    # The bound is said in the operator's time: 12:05 UTC is 08:05 in Caracas.
    assert error_text(refused.value) == (
        "The entry ends at 2026-03-02 08:06, after now: work is logged once done, so an "
        "entry may end at 2026-03-02 08:05 at the latest"
    )
    assert snapshot(case.number) == before
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=TODAY,
        start=now, end=now + timedelta(minutes=5), zone=CARACAS,
    )  # fmt: skip
    assert [e.minutes for e in entries_of(desk, case)] == [5]


def test_time_logged_two_days_ahead_is_refused_and_today_is_taken(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as refused:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=TODAY + timedelta(days=2),
            minutes=60, zone=CARACAS,
        )  # fmt: skip
    assert refused.value.code == "time.day_in_future"
    assert str(refused.value) == (
        "2026-03-04 has not come yet: work is logged once done, on 2026-03-02 at the latest"
    )
    assert snapshot(case.number) == before
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=60, zone=CARACAS)
    assert [e.minutes for e in entries_of(desk, case)] == [60]


def test_today_is_the_operators_when_a_duration_is_logged(desk, started):
    """At 02:00 UTC it is still 1 March in Caracas: 2 March has not come there yet."""
    case = started()
    desk.clock.now = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 3), minutes=30,
            zone=CARACAS,
        )  # fmt: skip
    assert refused.value.code == "time.day_in_future"
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 3), minutes=30,
        zone=ZoneInfo("UTC"),
    )  # fmt: skip


def test_an_admin_sets_the_tolerance_and_nobody_else_may(desk, started, snapshot):
    case = started()
    assert worklog.get_future_tolerance(desk.uow()) == 5
    for wrong in ("61", "-1", "5m", "", "2**63", "1e26"):
        with pytest.raises(ValidationError) as refused:
            worklog.set_future_tolerance(desk.uow(), desk.admin, wrong)
        assert refused.value.code == "time.tolerance"
        assert "from 0 to 60" in error_text(refused.value)
    with pytest.raises(PermissionDenied):
        worklog.set_future_tolerance(desk.uow(), desk.ana, 10)
    assert worklog.get_future_tolerance(desk.uow()) == 5
    assert worklog.set_future_tolerance(desk.uow(), desk.admin, "0") == 0
    now = desk.clock.now
    before = snapshot(case.number)
    with pytest.raises(ValidationError, match="at 2026-03-02 12:00 at the latest"):
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=TODAY,
            start=now - timedelta(minutes=30), end=now + timedelta(minutes=1),
        )  # fmt: skip
    assert snapshot(case.number) == before


def test_an_edit_may_not_move_an_entry_into_the_future(desk, started, snapshot):
    case = started()
    now = desk.clock.now
    entry = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=TODAY,
        start=now - timedelta(hours=1), end=now, zone=CARACAS,
    )  # fmt: skip
    before = snapshot(case.number)
    for changes in (
        {"end": now + timedelta(hours=2)},
        {"work_date": TODAY + timedelta(days=1)},
        {"minutes": 60, "work_date": TODAY + timedelta(days=3)},
    ):
        with pytest.raises(ValidationError) as refused:
            worklog.edit_time(desk.uow(), desk.ana, entry.id, changes, CARACAS)
        assert refused.value.code in ("time.in_future", "time.day_in_future")
    assert snapshot(case.number) == before


def test_an_entry_stored_in_the_future_before_the_rule_loads_is_edited_to_the_past_and_deleted(
    desk, started
):
    case = started()
    now = desk.clock.now
    with desk.uow() as uow:  # as an older desk (or the old demo) stored it
        stored = uow.time.add(
            make_entry(
                case_id=case.id, executor_id=desk.ana.id, work_date=TODAY,
                start=now + timedelta(hours=3), end=now + timedelta(hours=4), created_by=desk.ana.id,
            )
        )  # fmt: skip
        uow.commit()
    assert [e.minutes for e in entries_of(desk, case)] == [60]
    described = worklog.edit_time(desk.uow(), desk.ana, stored.id, {"description": "Cableado"})
    assert described.description == "Cableado" and described.end == now + timedelta(hours=4)
    moved = worklog.edit_time(
        desk.uow(), desk.ana, stored.id,
        {"start": now - timedelta(hours=2), "end": now - timedelta(hours=1)},
    )  # fmt: skip
    assert moved.end == now - timedelta(hours=1)
    worklog.delete_time(desk.uow(), desk.ana, stored.id)
    assert entries_of(desk, case) == []


def test_a_timer_stopped_after_eight_seconds_logs_its_minute_even_with_no_tolerance(desk, started):
    """Its one minute ends up to a minute after now: the rounding, not work yet to come."""
    case = started()
    worklog.set_future_tolerance(desk.uow(), desk.admin, 0)
    desk.clock.advance(seconds=40)
    timers.start_timer(desk.uow(), desk.ana, case.number, CARACAS)
    desk.clock.advance(seconds=8)
    stopped = timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    [entry] = stopped.entries
    assert (entry.start, entry.end, entry.minutes) == (
        datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 12, 1, tzinfo=UTC),
        1,
    )


def test_a_duration_longer_than_today_so_far_is_refused_on_today_and_nothing_changes(
    desk, started, snapshot
):
    """At 08:00 in Caracas nobody has worked 20 h of today: 8 h 05 (the tolerance) fit."""
    case = started()
    before = snapshot(case.number)
    for minutes in (20 * 60, 8 * 60 + 6):
        with pytest.raises(ValidationError) as refused:
            worklog.log_time(
                desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=minutes,
                zone=CARACAS,
            )  # fmt: skip
        assert refused.value.code == "time.more_than_today"
    assert error_text(refused.value) == (
        "8h06m do not fit in 2026-03-02: 8h05m of it have passed and 0m are logged "
        "already, so 8h05m at most; log the rest on the day before"
    )
    assert snapshot(case.number) == before
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=8 * 60 + 5, zone=CARACAS
    )
    assert [e.minutes for e in entries_of(desk, case)] == [8 * 60 + 5]


def test_an_edit_may_not_stretch_todays_duration_past_the_time_since_midnight(desk, started):
    case = started()
    entry = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=60, zone=CARACAS
    )
    with pytest.raises(ValidationError) as refused:
        worklog.edit_time(desk.uow(), desk.ana, entry.id, {"minutes": 20 * 60}, CARACAS)
    assert refused.value.code == "time.more_than_today"
    assert [e.minutes for e in entries_of(desk, case)] == [60]


def test_a_duration_just_worked_after_midnight_goes_on_the_day_it_fits(desk, started):
    """The TUI's time dialog names no day: at 00:30, 2 h were mostly worked yesterday
    (on today they would be refused), 20 minutes fit in today."""
    case = started()
    desk.clock.now = datetime(2026, 3, 3, 4, 30, tzinfo=UTC)  # 00:30 on 3 March in Caracas
    late = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=None, minutes=120, zone=CARACAS
    )
    early = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=None, minutes=20, zone=CARACAS
    )
    assert (late.work_date, early.work_date) == (date(2026, 3, 2), date(2026, 3, 3))
    # 20 more minutes: today so far (35 minutes with the tolerance) holds 20 already.
    more = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=None, minutes=20, zone=CARACAS
    )
    assert more.work_date == date(2026, 3, 2)


def test_today_so_far_counts_from_the_real_midnight_on_a_daylight_saving_day(desk, started):
    """Santiago skipped 00:00-01:00 on 6 September 2026: at 03:00 local two hours of the
    day have passed (plus the tolerance), not three."""
    santiago = ZoneInfo("America/Santiago")
    case = started()
    desk.clock.now = datetime(2026, 9, 6, 6, 0, tzinfo=UTC)  # 03:00 in Santiago (-03)
    day = date(2026, 9, 6)
    with pytest.raises(ValidationError) as refused:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=day, minutes=2 * 60 + 6, zone=santiago
        )
    assert refused.value.code == "time.more_than_today"
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=day, minutes=2 * 60 + 5, zone=santiago
    )


def test_a_persons_entries_of_one_day_may_not_add_up_to_more_than_the_day_held(
    desk, started, snapshot
):
    """Each entry alone fitted, so 5 h and 5 h at 08:00 were taken, and 23h59m twice on
    yesterday: 10 h of a day 8 h old, 48 h of a 24-hour day."""
    case = started()
    yesterday = date(2026, 3, 1)
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=300, zone=CARACAS)
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=yesterday, minutes=23 * 60, zone=CARACAS
    )
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as today_full:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=300, zone=CARACAS
        )
    assert error_text(today_full.value) == (
        "5h do not fit in 2026-03-02: 8h05m of it have passed and 5h are logged already, "
        "so 3h05m at most; log the rest on the day before"
    )
    with pytest.raises(ValidationError) as day_full:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=yesterday, minutes=61, zone=CARACAS
        )
    assert error_text(day_full.value) == (
        "1h01m do not fit in 2026-03-01: it lasts 24h and 23h are logged already, so 1h at most"
    )
    assert snapshot(case.number) == before
    worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=yesterday, minutes=60, zone=CARACAS
    )
    third = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=180, zone=CARACAS
    )
    # An entry edited is not counted twice: it may grow into what is left.
    worklog.edit_time(desk.uow(), desk.ana, third.id, {"minutes": 185}, CARACAS)
    assert sorted(e.minutes for e in entries_of(desk, case)) == [60, 185, 300, 23 * 60]


def test_a_day_filled_past_its_length_before_the_rule_is_mended_by_shrinking_an_entry(
    desk, started
):
    """An older desk's day of 30 h: an entry may shrink (the day still over), not grow."""
    case = started()
    yesterday = date(2026, 3, 1)
    with desk.uow() as uow:  # as an older desk stored them
        stored = [
            uow.time.add(
                make_entry(
                    case_id=case.id,
                    executor_id=desk.ana.id,
                    work_date=yesterday,
                    minutes=15 * 60,
                    created_by=desk.ana.id,
                )
            )
            for _ in range(2)
        ]
        uow.commit()
    with pytest.raises(ValidationError) as refused:
        worklog.edit_time(desk.uow(), desk.ana, stored[0].id, {"minutes": 16 * 60}, CARACAS)
    assert refused.value.code == "time.more_than_a_day"
    shrunk = worklog.edit_time(desk.uow(), desk.ana, stored[0].id, {"minutes": 10 * 60}, CARACAS)
    assert shrunk.minutes == 10 * 60


def test_a_timer_is_stopped_though_typed_durations_filled_today_and_typed_work_fits_around_it(
    desk, started
):
    """The desk timed the run itself: it is true, and refusing it would leave the timer
    running with no way to stop it. Typed minutes are what must fit around it."""
    case = started()
    timers.start_timer(desk.uow(), desk.ana, case.number, CARACAS)  # 08:00 in Caracas
    desk.clock.advance(seconds=30 * 60)
    worklog.log_time(  # at 08:30 the whole of today so far, typed while the timer runs
        desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=8 * 60 + 35, zone=CARACAS
    )
    desk.clock.advance(seconds=30 * 60)
    stopped = timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    assert [e.minutes for e in stopped.entries] == [60]
    with pytest.raises(ValidationError) as refused:
        worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=TODAY, minutes=15, zone=CARACAS
        )
    assert refused.value.code == "time.more_than_today"
    assert sorted(e.minutes for e in entries_of(desk, case)) == [60, 515]

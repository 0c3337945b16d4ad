"""Running timers become time entries: one per local day, on whole minutes, never over 24 h."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.timers import RunningTimer, require_running, slices, timer_minutes

CARACAS = ZoneInfo("America/Caracas")  # UTC-4, no daylight saving
MADRID = ZoneInfo("Europe/Madrid")


def utc(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


def timer(started: datetime) -> RunningTimer:
    return RunningTimer(user_id=1, case_id=7, started_at=started, description="Cambio de fusor")


def test_a_timer_within_one_day_is_one_entry_from_the_minute_it_started_in() -> None:
    # 1 h 30 min 35 s: 91 minutes, from 13:00 (it started at 13:00:37).
    [piece] = slices(timer(utc(2, 13, 0, 37)), utc(2, 14, 31, 12), CARACAS)
    assert (piece.start, piece.end, piece.minutes) == (utc(2, 13), utc(2, 14, 31), 91)
    assert piece.work_date == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(0, 1), (8, 1), (29, 1), (30, 1), (61, 1), (89, 1), (90, 2), (629, 10), (630, 11)],
)
def test_a_timer_logs_its_run_to_the_nearest_minute_and_at_least_one(seconds, minutes) -> None:
    assert timer_minutes(timedelta(seconds=seconds)) == minutes


@pytest.mark.parametrize("started_second", [0, 1, 29, 30, 31, 59])
def test_what_a_timer_logs_depends_on_how_long_it_ran_not_on_the_second_it_started(
    started_second,
) -> None:
    """61 s logged 1 minute or 2 depending on the second the timer started at (issue 18)."""
    start = utc(2, 13, 0, started_second)
    for seconds, minutes in [(8, 1), (61, 1), (90, 2)]:
        [piece] = slices(timer(start), start + timedelta(seconds=seconds), CARACAS)
        assert piece.minutes == minutes, (started_second, seconds)


def test_a_timer_across_local_midnight_becomes_one_entry_per_local_day() -> None:
    # 23:00 to 01:30 in Caracas is 03:00 to 05:30 UTC the next day.
    first, second = slices(timer(utc(3, 3)), utc(3, 5, 30), CARACAS)
    assert (first.work_date, first.minutes) == (date(2026, 3, 2), 60)
    assert (second.work_date, second.minutes) == (date(2026, 3, 3), 90)
    assert first.end == second.start == utc(3, 4)  # they touch, they do not overlap


def test_midnight_is_the_operators_not_utcs() -> None:
    """The same UTC span crosses no midnight for an operator in UTC."""
    [piece] = slices(timer(utc(3, 3)), utc(3, 5, 30), ZoneInfo("UTC"))
    assert (piece.work_date, piece.minutes) == (date(2026, 3, 3), 150)


def test_a_day_with_a_daylight_saving_change_splits_at_the_real_midnight() -> None:
    # Madrid moves to summer time on 29 March 2026: that local day lasts 23 hours.
    start = datetime(2026, 3, 28, 23, 0, tzinfo=MADRID).astimezone(UTC)  # 22:00 UTC
    stop = datetime(2026, 3, 29, 23, 30, tzinfo=MADRID).astimezone(UTC)  # 21:30 UTC
    pieces = slices(timer(start), stop, MADRID)
    assert [(p.work_date.day, p.minutes) for p in pieces] == [(28, 60), (29, 22 * 60 + 30)]
    assert sum(p.minutes for p in pieces) == (stop - start).total_seconds() // 60


def test_exactly_24_hours_is_accepted_and_more_is_refused_without_guessing() -> None:
    pieces = slices(timer(utc(2, 12)), utc(3, 12), ZoneInfo("UTC"))
    assert sum(p.minutes for p in pieces) == 24 * 60
    with pytest.raises(ValidationError) as refused:
        slices(timer(utc(2, 12)), utc(3, 12, 1), ZoneInfo("UTC"))
    assert refused.value.code == "timer.too_long"
    assert "24h01m" in str(refused.value) and "discard" in str(refused.value)


def test_a_timer_needs_an_aware_start() -> None:
    with pytest.raises(ValidationError):
        RunningTimer(user_id=1, case_id=7, started_at=datetime(2026, 3, 2, 12))


def test_stopping_when_nothing_runs_says_so() -> None:
    with pytest.raises(ValidationError, match="No timer is running"):
        require_running(None)
    running = timer(utc(2, 12))
    assert require_running(running) is running

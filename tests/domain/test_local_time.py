"""What a person means by a date and a clock time in their zone (DOMAIN.md "Time is elapsed
time"): every minute of the 2026 changes of New York and Santiago de Chile."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.local_time import happens_twice, instant_of, local_instant

NEW_YORK = ZoneInfo("America/New_York")
SANTIAGO = ZoneInfo("America/Santiago")


def minutes_of(day: date):
    start = datetime.combine(day, time(0))
    return (start + timedelta(minutes=m) for m in range(24 * 60))


@pytest.mark.parametrize(
    ("zone", "day", "skipped"),
    [
        (NEW_YORK, date(2026, 3, 8), (time(2), time(3))),
        (SANTIAGO, date(2026, 9, 6), (time(0), time(1))),
    ],
)
def test_exactly_the_minutes_the_clocks_skip_are_refused(zone, day, skipped):
    refused = []
    for moment in minutes_of(day):
        try:
            instant = instant_of(moment, zone, "start")
        except ValidationError as error:
            assert error.code == "time.skipped"
            refused.append(moment.time())
            continue
        assert instant.tzinfo is UTC
        assert instant.astimezone(zone).replace(tzinfo=None) == moment
    assert (refused[0], len(refused)) == (skipped[0], 60)


@pytest.mark.parametrize(
    ("zone", "day", "first_hour", "offset_before"),
    [
        (NEW_YORK, date(2026, 11, 1), 1, timedelta(hours=-4)),
        (SANTIAGO, date(2026, 4, 4), 23, timedelta(hours=-3)),
    ],
)
def test_a_time_shown_twice_is_the_first_one(zone, day, first_hour, offset_before):
    twice = [m for m in minutes_of(day) if happens_twice(m, zone)]
    assert (twice[0].hour, len(twice)) == (first_hour, 60)
    for moment in twice:
        assert instant_of(moment, zone, "start") == (moment - offset_before).replace(tzinfo=UTC)


def test_an_offset_names_the_instant_whatever_the_zone():
    moment = datetime(2026, 11, 1, 1, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert instant_of(moment, NEW_YORK, "end") == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert local_instant(
        date(2026, 11, 1), time.fromisoformat("01:30-05:00"), NEW_YORK, "end"
    ) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("zone", [ZoneInfo("Etc/GMT+12"), ZoneInfo("Etc/GMT-14"), NEW_YORK, UTC])
@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, 30),
        datetime(1, 1, 1, 0, 30),
        datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-12))),
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))),
    ],
)
def test_the_ends_of_the_calendar_are_a_sentence_not_an_overflow(zone, moment):
    with pytest.raises(ValidationError) as refused:
        instant_of(moment, zone, "start")
    assert refused.value.code == "time.out_of_range"
    assert not happens_twice(moment, zone)


def test_the_last_day_of_the_desks_calendar_is_an_instant_in_every_zone():
    for name in ("Etc/GMT+12", "Etc/GMT-14", "America/Santiago"):
        assert instant_of(datetime(9998, 12, 31, 23, 59), ZoneInfo(name), "start").year <= 9999

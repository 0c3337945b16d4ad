"""Time typed on a day the clocks change is elapsed time (DOMAIN.md "Time is elapsed time").

New York puts its clocks forward at 02:00 on 2026-03-08 (02:00–02:59 never happens)
and back at 02:00 on 2026-11-01 (01:00–01:59 happens twice); Santiago de Chile puts
them forward at 00:00 on 2026-09-06 and back at 24:00 on 2026-04-04 (23:00–23:59
twice). A time the clocks skip is refused; one they show twice is the first of the two.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

NEW_YORK = "America/New_York"
SANTIAGO = "America/Santiago"


@pytest.fixture
def zone(monkeypatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)

    return use


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def logged(shop, number: str, day: str, start: str, end: str) -> dict:
    return shop.json(
        "time", "log", number, "--date", day, "--start", start, "--end", end, as_="ana"
    )


def test_an_hour_and_a_half_of_wall_clock_across_spring_forward_is_thirty_minutes(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    entry = logged(shop, number, "2026-03-08", "01:30", "03:00")
    assert entry["minutes"] == 30
    assert (datetime.fromisoformat(entry["start"]), datetime.fromisoformat(entry["end"])) == (
        utc("2026-03-08T06:30"),
        utc("2026-03-08T07:00"),
    )
    listed = shop.json("time", "list", number)
    assert listed["total_minutes"] == 30


def test_a_time_the_clocks_skip_is_refused_with_the_hour_they_skipped(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    shop.refused(
        "time", "log", number, "--date", "2026-03-08", "--start", "02:30", "--end", "03:30",
        as_="ana",
        says="There is no 02:30 on 2026-03-08 in America/New_York: the clocks jumped from "
        "02:00 to 03:00 (daylight saving). Write a time before 02:00 or from 03:00 on",
    )  # fmt: skip


def test_a_time_the_clocks_show_twice_is_the_first_and_an_offset_names_the_second(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    # 01:30 (first, -04:00) to 01:15 (second, -05:00) is 45 real minutes across fall-back.
    entry = logged(shop, number, "2026-11-01", "00:30", "01:30")
    assert entry["minutes"] == 60
    assert datetime.fromisoformat(entry["end"]) == utc("2026-11-01T05:30")  # 01:30-04:00
    second = logged(shop, number, "2026-11-01", "01:30", "01:15-05:00")
    assert second["minutes"] == 45
    # After the clocks went back: 02:00 happens once.
    third = logged(shop, number, "2026-11-01", "02:00", "03:00")
    assert third["minutes"] == 60
    shop.refused(
        "time", "log", number, "--date", "2026-11-01", "--start", "01:40", "--end", "01:50",
        as_="ana", contains="entries of one person cannot overlap",
    )  # fmt: skip


def test_santiago_skips_its_midnight_hour_in_september_and_repeats_eleven_in_april(shop, zone):
    zone(SANTIAGO)
    number = shop.working_case()
    shop.refused(
        "time", "log", number, "--date", "2026-09-06", "--start", "00:15", "--end", "01:30",
        as_="ana",
        says="There is no 00:15 on 2026-09-06 in America/Santiago: the clocks jumped from "
        "00:00 to 01:00 (daylight saving). Write a time before 00:00 or from 01:00 on",
    )  # fmt: skip
    assert logged(shop, number, "2026-09-06", "01:00", "02:00")["minutes"] == 60
    # 22:30 → 23:30 is the first 23:30 (-03:00): an hour, not two.
    april = logged(shop, number, "2026-04-04", "22:30", "23:30")
    assert april["minutes"] == 60
    assert datetime.fromisoformat(april["end"]) == utc("2026-04-05T02:30")  # 23:30-03:00


def test_time_edit_across_the_change_counts_elapsed_minutes_and_refuses_the_gap(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    logged(shop, number, "2026-03-07", "01:30", "03:00")
    shop.ok("time", "edit", "1", "--date", "2026-03-08", "--start", "01:30", "--end", "03:00",
            as_="ana")  # fmt: skip
    assert shop.json("time", "list", number)["entries"][0]["minutes"] == 30
    shop.refused("time", "edit", "1", "--start", "02:15", "--end", "04:00", as_="ana",
                 contains="There is no 02:15 on 2026-03-08")  # fmt: skip


def test_moving_a_timed_entry_onto_the_change_keeps_its_local_clock_times(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    logged(shop, number, "2026-03-07", "09:00", "10:00")
    shop.ok("time", "edit", "1", "--date", "2026-03-08", as_="ana")
    entry = shop.json("time", "list", number)["entries"][0]
    # 09:00 New York is 14:00 UTC the day before and 13:00 UTC that day.
    assert datetime.fromisoformat(entry["start"]) == utc("2026-03-08T13:00")
    assert entry["minutes"] == 60
    logged(shop, number, "2026-03-07", "02:30", "03:30")
    shop.refused("time", "edit", "2", "--date", "2026-03-08", as_="ana",
                 contains="There is no 02:30 on 2026-03-08 in America/New_York")  # fmt: skip


def test_an_event_in_the_skipped_hour_is_refused_and_one_across_it_lasts_its_real_time(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    event = ("event", "add", number, "--kind", "call", "--title", "Llamar")
    shop.refused(*event, "--start", "2026-03-08T02:30", "--end", "2026-03-08T03:30", as_="ana",
                 contains="There is no 02:30 on 2026-03-08 in America/New_York")  # fmt: skip
    # 01:30 → 03:00 wall clock, half an hour: the end is after the start.
    added = shop.json(*event, "--start", "2026-03-08T01:30", "--end", "2026-03-08T03:00", as_="ana")
    begins, ends = datetime.fromisoformat(added["start"]), datetime.fromisoformat(added["end"])
    assert (begins.astimezone(UTC), ends - begins) == (
        utc("2026-03-08T06:30"),
        timedelta(minutes=30),
    )
    # 01:45 (first, -04:00) → 01:15-05:00 (second): a real half-hour, which the wall clock
    # compared as ending before it starts.
    shop.ok(*event, "--start", "2026-11-01T01:45", "--end", "2026-11-01T01:15-05:00", as_="ana")


@pytest.mark.parametrize("name", ["Etc/GMT+12", "Etc/GMT-14", NEW_YORK])
def test_local_times_at_the_end_of_the_calendar_are_a_sentence(shop, zone, name):
    zone(name)
    number = shop.working_case()
    shop.refused(
        "time", "log", number, "--date", "9999-12-31", "--start", "23:30", "--end", "23:45",
        as_="ana", contains="is outside the desk's calendar",
    )  # fmt: skip
    shop.refused(
        "time", "log", number, "--date", "9999-12-31", "--duration", "1h", as_="ana",
        says="The date '9999-12-31' is outside the desk's calendar (1900-01-01 to 9998-12-31)",
    )  # fmt: skip
    shop.refused(
        "event", "add", number, "--kind", "call", "--title", "X",
        "--start", "9999-12-31T23:30", "--end", "9999-12-31T23:45", as_="ana",
        contains="is outside the desk's calendar",
    )  # fmt: skip
    shop.refused(
        "event", "add", number, "--kind", "call", "--title", "X",
        "--start", "9999-12-31T23:30-12:00", "--end", "9999-12-31T23:45-12:00", as_="ana",
        contains="is outside the desk's calendar",
    )  # fmt: skip
    shop.refused(
        "event", "add", number, "--kind", "call", "--title", "X",
        "--start", "0001-01-01T00:30", "--end", "0001-01-01T00:45", as_="ana",
        contains="is outside the desk's calendar",
    )  # fmt: skip


def test_time_log_says_which_of_two_equal_clock_times_it_took(shop, zone):
    zone(NEW_YORK)
    number = shop.working_case()
    out = shop.ok(
        "time", "log", number, "--date", "2026-11-01", "--start", "01:30", "--end", "01:15-05:00",
        as_="ana",
    ).out  # fmt: skip
    assert out.splitlines()[1:] == [
        "01:30 happens twice on 11/1/2026 in America/New_York: taken as the first (-04:00); "
        "write 01:30-05:00 for the other.",
        "01:15 is the second 01:15 of 11/1/2026 (-05:00).",
    ]

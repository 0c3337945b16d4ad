"""``desktui time``: work is logged once done (issue 18), and the admin's tolerance for
clocks that differ."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def test_time_logged_two_days_ahead_is_refused_with_a_sentence_and_nothing_stored(shop):
    number = shop.working_case()
    ahead = (date.today() + timedelta(days=2)).isoformat()
    shop.refused(
        "time", "log", number, "--date", ahead, "--duration", "1h", as_="ana",
        contains=f"{ahead} has not come yet: work is logged once done",
    )  # fmt: skip
    shop.refused(
        "time", "log", number, "--date", ahead, "--start", "09:00", "--end", "10:00", as_="ana",
        contains="after now: work is logged once done, so an entry may end at",
    )  # fmt: skip
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    shop.ok("time", "log", number, "--date", yesterday, "--duration", "1h", as_="ana")


def test_an_entry_ending_twenty_minutes_from_now_is_refused_in_the_operators_time(shop):
    number = shop.working_case()
    end = datetime.now().astimezone() + timedelta(minutes=20)
    if (end.hour, end.minute) < (0, 10):
        end = end.replace(minute=15)  # later still: keeps start and end on one day
    start = max(end - timedelta(minutes=10), end.replace(hour=0, minute=0))
    result = shop.refused(
        "time", "log", number, "--date", end.date().isoformat(),
        "--start", start.strftime("%H:%M"), "--end", end.strftime("%H:%M"), as_="ana",
        contains="after now: work is logged once done, so an entry may end at",
    )  # fmt: skip
    assert f"The entry ends at {end:%Y-%m-%d %H:%M}" in result.err


def test_the_tolerance_is_shown_to_all_and_set_by_an_admin_only(shop):
    assert shop.json("time", "tolerance", as_="ana") == {"future_tolerance_minutes": 5}
    assert "up to 5 min after now" in shop.ok("time", "tolerance", as_="ana").out
    shop.refused("time", "tolerance", "--minutes", "10", as_="ana", contains="ana")
    shop.refused(
        "time", "tolerance", "--minutes", "1e26",
        says="The tolerance for clock differences is a whole number of minutes from 0 to 60, "
        "not '1e26'",
    )  # fmt: skip
    shop.ok("time", "tolerance", "--minutes", "0")
    assert shop.json("time", "tolerance") == {"future_tolerance_minutes": 0}

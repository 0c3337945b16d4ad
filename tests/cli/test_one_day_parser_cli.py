"""Every command that reads a typed day reads it with the one day parser
(``formats.parse_day``: the operator's locale's form or ISO, then the domain's calendar):
a day outside the desk's calendar, or no day at all, is refused with the same sentence,
whichever command it was typed to, and nothing is written."""

from __future__ import annotations

import pytest

CONTRACT = ("contract", "add", "--client", "Globex Ltda", "--unit", "hours", "--total", "5")

# (command with its other arguments, the option that takes the day, what the sentence
# calls it, who types it); {number} is a case in progress, entry 1 is ana's time on it.
DAY_OPTIONS = [
    ((*CONTRACT, "--end", "2026-12-31"), "--start", "start date", None),
    ((*CONTRACT, "--start", "2026-01-01"), "--end", "end date", None),
    (("task", "add", "{number}", "--title", "Llamar"), "--due", "due date", "ana"),
    (("time", "log", "{number}", "--duration", "1h"), "--date", "date", "ana"),
    (("time", "edit", "1"), "--date", "date", "ana"),
    (("report", "weekly"), "--from", "report's first day", None),
    (("report", "weekly"), "--to", "report's last day", None),
    (("agenda",), "--day", "day", "ana"),
    (("timesheet",), "--day", "day", "ana"),
]


def _typed(shop, command: tuple[str, ...], option: str, day: str) -> list[str]:
    number = shop.working_case()
    shop.ok("time", "log", number, "--duration", "30m", as_="ana")
    return [part.format(number=number) for part in command] + [option, day]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize(("command", "option", "what", "login"), DAY_OPTIONS)
def test_a_day_outside_the_desk_s_calendar_is_refused_with_the_same_sentence_by_every_command(
    shop, command, option, what, login, day
):
    shop.refused(
        *_typed(shop, command, option, day),
        as_=login,
        says=f"The {what} {day!r} is outside the desk's calendar (1900-01-01 to 9998-12-31)",
    )


@pytest.mark.parametrize("day", ["2026-02-30", "31/12/2026"])  # the 31st month in English
@pytest.mark.parametrize(("command", "option", "what", "login"), DAY_OPTIONS)
def test_a_typed_day_that_is_no_date_is_refused_with_the_same_sentence_by_every_command(
    shop, command, option, what, login, day
):
    shop.refused(
        *_typed(shop, command, option, day),
        as_=login,
        says=f"The {what} {day!r} is not a date: write mm/dd/yyyy or yyyy-mm-dd",
    )

"""Times of day and calendar days as people type them in a form or a shell."""

from __future__ import annotations

from datetime import date, time

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.values import parse_clock, parse_day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("09:00", time(9)), ("9:30", time(9, 30)), (" 17:05 ", time(17, 5)), ("23:59", time(23, 59))],
)
def test_a_time_of_day_is_read_with_or_without_the_leading_zero(typed, expected) -> None:
    assert parse_clock(typed, "start") == expected


@pytest.mark.parametrize("typed", ["25:00", "9", "nueve", "", "12:60"])
def test_anything_else_is_refused_naming_the_field(typed) -> None:
    with pytest.raises(ValidationError, match=r"^The start .* is not a time of day: write HH:MM$"):
        parse_clock(typed, "start")


def test_a_day_is_iso_and_anything_else_says_how_to_write_it() -> None:
    assert parse_day(" 2026-03-02 ") == date(2026, 3, 2)
    with pytest.raises(ValidationError, match="is not a date: write YYYY-MM-DD"):
        parse_day("02/03/2026")


@pytest.mark.parametrize("typed", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_a_day_outside_the_desks_calendar_is_refused_naming_its_bounds(typed) -> None:
    """A week around 9999-12-31 is no longer a date: refused before anything counts on it."""
    with pytest.raises(ValidationError, match=r"outside the desk's calendar \(1900-01-01 to 9998"):
        parse_day(typed)
    assert parse_day("9998-12-31") == date(9998, 12, 31)

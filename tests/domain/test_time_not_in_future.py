"""Work is logged once done: the bound on a time entry's end (issue 18)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.timekeeping import (
    check_not_in_future,
    future_tolerance,
    make_entry,
    parse_future_tolerance,
)

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 23:00 on 1 March in Caracas
CARACAS = ZoneInfo("America/Caracas")
FIVE = timedelta(minutes=5)


def timed(end: datetime):
    return make_entry(
        case_id=1, executor_id=1, work_date=end.date(), start=end - timedelta(minutes=30), end=end
    )


def of_day(day: date):
    return make_entry(case_id=1, executor_id=1, work_date=day, minutes=600)


def test_an_entry_may_end_up_to_the_tolerance_after_now_and_not_a_second_more() -> None:
    check_not_in_future(timed(NOW + FIVE), NOW, FIVE, CARACAS)
    with pytest.raises(ValidationError) as refused:
        check_not_in_future(timed(NOW + FIVE + timedelta(minutes=1)), NOW, FIVE, CARACAS)
    assert refused.value.code == "time.in_future"
    assert refused.value.params == {"end": "2026-03-01 23:06", "latest": "2026-03-01 23:05"}


def test_a_duration_is_bounded_by_the_operators_today_and_without_a_zone_by_the_earliest() -> None:
    check_not_in_future(of_day(date(2026, 3, 1)), NOW, FIVE, CARACAS)  # ten hours "today"
    with pytest.raises(ValidationError) as refused:
        check_not_in_future(of_day(date(2026, 3, 2)), NOW, FIVE, CARACAS)
    assert refused.value.code == "time.day_in_future"
    # Without the zone, only a day that has not begun anywhere is refused (UTC+14: 17:05).
    check_not_in_future(of_day(date(2026, 3, 2)), NOW, FIVE, None)
    with pytest.raises(ValidationError):
        check_not_in_future(of_day(date(2026, 3, 3)), NOW, FIVE, None)
    with pytest.raises(ValidationError):
        check_not_in_future(of_day(date(9999, 12, 31)), NOW, FIVE, None)


@pytest.mark.parametrize("typed", ["", None])
def test_the_tolerance_is_five_minutes_unless_set(typed) -> None:
    assert future_tolerance(typed) == FIVE


@pytest.mark.parametrize("typed", ["61", "-1", "1.5", "٣", " ", "9" * 40, "1e26"])
def test_a_tolerance_is_whole_minutes_from_0_to_60(typed) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_future_tolerance(typed)
    assert refused.value.code == "time.tolerance"
    assert [parse_future_tolerance(v) for v in ("0", " 60 ", 7)] == [0, 60, 7]

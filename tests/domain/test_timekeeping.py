"""Time entries and a case's totals (timekeeping.py, DOMAIN.md "Hour accounting")."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from deskTUI.domain.enums import Status
from deskTUI.domain.errors import CaseClosed, ValidationError
from deskTUI.domain.quotes import Quote
from deskTUI.domain.timekeeping import (
    TimeEntry,
    check_entry_for_case,
    check_inside_window,
    check_no_overlap,
    make_entry,
    totals,
)

from .conftest import APPROVED_QUOTE, CASE_ID, PEOPLE, T0, make_case

DAY = date(2026, 3, 2)
ALEX = PEOPLE.assignee.id
BRUNO = PEOPLE.other_agent.id


def clock(hh: int, mm: int = 0, *, day: int = 2) -> datetime:
    """An instant on March ``day`` 2026, UTC."""
    return datetime(2026, 3, day, hh, mm, tzinfo=T0.tzinfo)


def entry(
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    minutes: int | None = None,
    executor: int = ALEX,
    entry_id: int | None = None,
    billable: bool = False,
    work_date: date = DAY,
) -> TimeEntry:
    return make_entry(
        case_id=CASE_ID,
        executor_id=executor,
        work_date=work_date,
        start=start,
        end=end,
        minutes=minutes,
        billable=billable,
        entry_id=entry_id,
    )


def refused(**kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        entry(**kwargs)  # type: ignore[arg-type]
    return error.value


# -- make_entry -----------------------------------------------------------------------


def test_an_entry_with_start_and_end_lasts_the_minutes_between_them() -> None:
    made = entry(clock(9), clock(10, 30))
    assert made.minutes == 90
    assert made.timed
    assert (made.start, made.end) == (clock(9), clock(10, 30))


def test_an_entry_may_be_given_as_a_duration_only() -> None:
    made = make_entry(
        case_id=CASE_ID,
        executor_id=ALEX,
        work_date=DAY,
        minutes=45,
        description="  Called the vendor  ",
        billable=True,
        article="Support hour",
        created_by=2,
        entry_id=7,
    )
    assert made.minutes == 45
    assert not made.timed
    assert made.start is None and made.end is None
    assert made.description == "Called the vendor"
    assert (made.billable, made.article, made.created_by, made.id) == (
        True,
        "Support hour",
        2,
        7,
    )


def test_a_duration_that_matches_start_and_end_is_accepted() -> None:
    assert entry(clock(9), clock(10), minutes=60).minutes == 60


def test_an_entry_may_run_past_midnight() -> None:
    assert entry(clock(23), clock(1, day=3)).minutes == 120


@pytest.mark.parametrize("end", [clock(9), clock(8, 59)], ids=["equal", "before"])
def test_an_end_not_after_the_start_is_refused(end: datetime) -> None:
    error = refused(start=clock(9), end=end)
    assert error.code == "time.end_before_start"
    assert str(error) == f"The end time {end:%H:%M} is not after the start time 09:00"


def test_a_duration_that_does_not_match_start_and_end_is_refused() -> None:
    error = refused(start=clock(9), end=clock(10), minutes=90)
    assert error.code == "time.duration_mismatch"
    assert str(error) == "The duration 1h30m does not match 09:00–10:00 (1h)"


def test_an_entry_longer_than_24_hours_is_refused() -> None:
    error = refused(minutes=24 * 60 + 1)
    assert error.code == "time.too_long"
    assert str(error) == "A time entry lasts at most 24 hours; 24h01m is longer"


def test_a_start_and_end_more_than_24_hours_apart_are_refused() -> None:
    error = refused(start=clock(9), end=clock(10, day=3))
    assert error.code == "time.too_long"
    assert "25h is longer" in str(error)


def test_an_entry_of_exactly_24_hours_is_accepted() -> None:
    assert entry(minutes=24 * 60).minutes == 1440
    assert entry(clock(9), clock(9, day=3)).minutes == 1440


@pytest.mark.parametrize("minutes", [0, -15])
def test_an_entry_of_zero_or_fewer_minutes_is_refused(minutes: int) -> None:
    error = refused(minutes=minutes)
    assert error.code == "time.not_positive"
    assert str(error) == "A time entry must last more than zero minutes"


def test_a_start_without_an_end_is_refused() -> None:
    error = refused(start=clock(9), minutes=60)
    assert error.code == "time.half_open"
    assert "both a start and an end" in str(error)


def test_an_entry_without_any_duration_is_refused() -> None:
    error = refused()
    assert error.code == "time.no_duration"


def test_start_and_end_must_fall_on_whole_minutes() -> None:
    error = refused(start=clock(9), end=clock(9, 30).replace(second=30))
    assert error.code == "time.whole_minutes"


# -- the case's planned window -------------------------------------------------------

WINDOW = (date(2026, 3, 2), date(2026, 3, 6))


@pytest.mark.parametrize(
    ("day", "code", "message"),
    [
        (
            date(2026, 3, 1),
            "time.before_window",
            "The entry's date 2026-03-01 is before CS-000042's planned start 2026-03-02",
        ),
        (
            date(2026, 3, 7),
            "time.after_window",
            "The entry's date 2026-03-07 is after CS-000042's planned close 2026-03-06",
        ),
    ],
    ids=["before-start", "after-close"],
)
def test_an_entry_outside_the_planned_window_is_refused(day: date, code: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_inside_window(entry(minutes=30, work_date=day), "CS-000042", *WINDOW)
    assert error.value.code == code
    assert str(error.value) == message


@pytest.mark.parametrize("day", [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)])
def test_an_entry_inside_the_planned_window_is_accepted(day: date) -> None:
    check_inside_window(entry(minutes=30, work_date=day), "CS-000042", *WINDOW)


@pytest.mark.parametrize(
    "window",
    [(None, None), (date(2026, 3, 1), None), (None, date(2027, 1, 1))],
    ids=["no-window", "start-only", "close-only"],
)
def test_an_entry_is_only_checked_against_the_dates_the_case_has(
    window: tuple[date | None, date | None],
) -> None:
    check_inside_window(entry(minutes=30, work_date=date(2026, 6, 1)), "CS-000042", *window)


# -- overlap -------------------------------------------------------------------------------

LOGGED = entry(clock(9), clock(10), entry_id=1)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (clock(9, 30), clock(10, 30)),
        (clock(8, 30), clock(9, 1)),
        (clock(9, 15), clock(9, 45)),
        (clock(8), clock(12)),
        (clock(9), clock(10)),
    ],
    ids=["overlaps-end", "overlaps-start", "inside", "contains", "same"],
)
def test_overlapping_entries_of_one_executor_are_refused(start: datetime, end: datetime) -> None:
    with pytest.raises(ValidationError) as error:
        check_no_overlap(entry(start, end), [LOGGED], "alex")
    assert error.value.code == "time.overlap"
    assert str(error.value) == (
        "alex already logged 09:00–10:00 UTC on 2026-03-02 (entry 1); "
        "entries of one person cannot overlap"
    )


@pytest.mark.parametrize(
    ("start", "end"), [(clock(10), clock(11)), (clock(8), clock(9))], ids=["after", "before"]
)
def test_touching_entries_are_accepted(start: datetime, end: datetime) -> None:
    check_no_overlap(entry(start, end), [LOGGED], "alex")


def test_another_executors_overlapping_entry_is_accepted() -> None:
    check_no_overlap(entry(clock(9, 30), clock(10, 30), executor=BRUNO), [LOGGED], "bruno")


def test_editing_an_entry_does_not_clash_with_itself() -> None:
    edited = entry(clock(9, 15), clock(10, 15), entry_id=1)
    check_no_overlap(edited, [LOGGED, entry(clock(11), clock(12), entry_id=2)], "alex")


def test_editing_an_entry_still_clashes_with_the_executors_other_entries() -> None:
    edited = entry(clock(10, 30), clock(11, 30), entry_id=1)
    with pytest.raises(ValidationError) as error:
        check_no_overlap(edited, [LOGGED, entry(clock(11), clock(12), entry_id=2)], "alex")
    assert "(entry 2)" in str(error.value)


def test_entries_given_as_a_duration_never_clash() -> None:
    check_no_overlap(entry(minutes=600), [LOGGED], "alex")
    check_no_overlap(entry(clock(9), clock(10)), [entry(minutes=600, entry_id=3)], "alex")


# -- the entry on its case ------------------------------------------------------------------


def test_a_cancelled_case_takes_no_time() -> None:
    case = make_case(Status.CANCELLED)
    with pytest.raises(CaseClosed) as error:
        check_entry_for_case(case, entry(minutes=30), [], "alex")
    assert error.value.code == "case.cancelled"


def test_a_finished_case_takes_time_only_after_a_reopen() -> None:
    case = make_case(Status.FINISHED)
    with pytest.raises(CaseClosed) as error:
        check_entry_for_case(case, entry(minutes=30), [], "alex")
    assert error.value.code == "case.finished_time"
    assert str(error.value) == "CS-000042 is finished: reopen it before changing its time entries"


@pytest.mark.parametrize(
    "status", [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD]
)
def test_an_open_case_takes_time(status: Status) -> None:
    check_entry_for_case(make_case(status), entry(minutes=30), [], "alex")


def test_billable_time_on_a_case_that_is_not_billable_is_refused() -> None:
    case = make_case(Status.IN_PROGRESS, billable=False)
    with pytest.raises(ValidationError) as error:
        check_entry_for_case(case, entry(minutes=30, billable=True), [], "alex")
    assert error.value.code == "time.billable_on_free_case"
    assert str(error.value) == "CS-000042 is not billable, so its time cannot be billed"


def test_billable_time_without_contract_waits_for_the_approved_quote() -> None:
    case = make_case(Status.IN_PROGRESS, billable=True, quote=Quote())
    billable = entry(minutes=30, billable=True)
    with pytest.raises(ValidationError) as error:
        check_entry_for_case(case, billable, [], "alex")
    assert error.value.code == "time.quote_required"
    assert str(error.value) == (
        "Cannot log billable time on CS-000042: it has no contract, so its quote must be "
        "approved first (the quote is pending)"
    )

    case.quote = APPROVED_QUOTE
    check_entry_for_case(case, billable, [], "alex")


def test_billable_time_under_a_contract_needs_no_quote() -> None:
    case = make_case(Status.IN_PROGRESS, billable=True, contract_id=9)
    check_entry_for_case(case, entry(minutes=30, billable=True), [], "alex")


def test_unbilled_time_on_a_billable_case_needs_no_quote() -> None:
    case = make_case(Status.IN_PROGRESS, billable=True)
    check_entry_for_case(case, entry(minutes=30, billable=False), [], "alex")


def test_the_case_check_applies_the_window_and_the_overlap_rules() -> None:
    case = make_case(Status.IN_PROGRESS, planned_start=date(2026, 3, 3))
    with pytest.raises(ValidationError) as error:
        check_entry_for_case(case, entry(clock(9), clock(10)), [], "alex")
    assert error.value.code == "time.before_window"

    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as error:
        check_entry_for_case(case, entry(clock(9, 30), clock(10, 30)), [LOGGED], "alex")
    assert error.value.code == "time.overlap"


# -- totals -------------------------------------------------------------------------------


def minutes_entries(*spec: tuple[int, bool]) -> list[TimeEntry]:
    return [entry(minutes=m, billable=b) for m, b in spec]


def test_totals_add_total_billable_and_non_billable_minutes() -> None:
    result = totals(minutes_entries((30, True), (45, False), (90, True)), Decimal("60"), 300)
    assert result.total_minutes == 165
    assert result.billable_minutes == 120
    assert result.non_billable_minutes == 45
    assert result.consumed_minutes == 165
    assert result.cost == Decimal("120")


def test_ten_billable_minutes_at_thirty_an_hour_cost_exactly_five() -> None:
    result = totals(minutes_entries((10, True), (50, False)), Decimal("30.00"), None)
    assert result.cost == Decimal("5.00")
    assert result.cost_display == Decimal("5.00")
    assert str(result.cost_display) == "5.00"


def test_twenty_minutes_at_ten_an_hour_cost_a_third_of_ten_exactly() -> None:
    result = totals(minutes_entries((20, True)), Decimal("10"), None)
    assert result.cost == Decimal(10) / Decimal(3)
    assert result.cost_display == Decimal("3.33")


def test_the_cost_is_rounded_half_up_to_cents_only_for_display() -> None:
    result = totals(minutes_entries((1, True)), Decimal("0.30"), None)
    assert result.cost == Decimal("0.005")
    assert result.cost_display == Decimal("0.01")


def test_the_cost_adds_exact_amounts_before_rounding() -> None:
    # Three separate 1-minute entries at 0.30/h cost 0.015, shown 0.02;
    # rounding each entry first would show 0.03.
    result = totals(minutes_entries((1, True), (1, True), (1, True)), Decimal("0.30"), None)
    assert result.cost == Decimal("0.015")
    assert result.cost_display == Decimal("0.02")


def test_remaining_is_the_estimate_minus_the_total() -> None:
    result = totals(minutes_entries((60, True), (30, False)), Decimal(0), 120)
    assert result.remaining_minutes == 30
    assert not result.overrun


def test_remaining_is_negative_and_overrun_once_the_estimate_is_passed() -> None:
    result = totals(minutes_entries((100, False), (50, True)), Decimal(0), 120)
    assert result.remaining_minutes == -30
    assert result.overrun


def test_spending_exactly_the_estimate_is_not_an_overrun() -> None:
    result = totals(minutes_entries((120, False)), Decimal(0), 120)
    assert result.remaining_minutes == 0
    assert not result.overrun


def test_without_an_estimate_there_is_no_remaining_and_no_overrun() -> None:
    result = totals(minutes_entries((600, True)), Decimal(0), None)
    assert result.remaining_minutes is None
    assert not result.overrun


def test_no_entries_add_up_to_zero() -> None:
    result = totals([], Decimal("45"), 60)
    assert (result.total_minutes, result.billable_minutes, result.cost) == (0, 0, Decimal(0))
    assert result.remaining_minutes == 60


def test_a_clock_time_without_a_zone_is_refused_with_a_sentence():
    from datetime import datetime as naive_datetime

    from deskTUI.domain.errors import ValidationError as Refusal
    from deskTUI.domain.timekeeping import make_entry as build

    with pytest.raises(Refusal) as error:
        build(
            case_id=42,
            executor_id=1,
            work_date=naive_datetime(2026, 3, 2).date(),
            start=naive_datetime(2026, 3, 2, 9),
            end=naive_datetime(2026, 3, 2, 10),
        )
    assert error.value.code == "time.naive"
    assert "has no time zone" in str(error.value)

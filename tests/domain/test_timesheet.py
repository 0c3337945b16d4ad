"""A week's timesheet: day and week totals from the domain's totals, gaps, overlaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from deskTUI.domain.timekeeping import TimeEntry, totals
from deskTUI.domain.timesheet import week_sheet

MONDAY = date(2026, 3, 2)
RATES = {1: Decimal("25.50"), 2: Decimal("40")}


def entry(entry_id, case_id, day_offset, start_hm, minutes, billable=True):
    day = MONDAY + timedelta(days=day_offset)
    start = end = None
    if start_hm is not None:
        start = datetime(day.year, day.month, day.day, *start_hm, tzinfo=UTC)
        end = start + timedelta(minutes=minutes)
    return TimeEntry(
        case_id=case_id, executor_id=9, work_date=day, minutes=minutes, billable=billable,
        start=start, end=end, id=entry_id,
    )  # fmt: skip


ENTRIES = [
    entry(1, 1, 0, (9, 0), 90),
    entry(2, 2, 0, (11, 0), 45, billable=False),  # a 30-minute gap after entry 1
    entry(3, 1, 0, None, 20),  # a duration-only entry: no clock times, no gap
    entry(4, 2, 2, (14, 0), 60),
]


def test_day_and_week_totals_are_the_domains_totals_of_the_same_entries() -> None:
    sheet = week_sheet(ENTRIES, RATES, MONDAY)
    monday, _tuesday, wednesday, *_rest = sheet.days
    assert (monday.total_minutes, monday.billable_minutes, monday.non_billable_minutes) == (
        155,
        110,
        45,
    )
    per_case = [totals([e for e in ENTRIES if e.case_id == c], RATES[c], None) for c in RATES]
    assert sheet.week.total_minutes == sum(t.total_minutes for t in per_case) == 215
    assert sheet.week.billable_minutes == sum(t.billable_minutes for t in per_case)
    assert sheet.week.cost == sum((t.cost for t in per_case), Decimal(0))
    assert monday.cost == Decimal(110) * Decimal("25.50") / 60  # exact, not rounded
    assert wednesday.cost == Decimal(40)
    assert [d.day for d in sheet.days] == [MONDAY + timedelta(days=i) for i in range(7)]


def test_idle_time_between_timed_entries_of_a_day_is_a_gap() -> None:
    [gap] = week_sheet(ENTRIES, RATES, MONDAY).gaps
    assert (gap.day, gap.minutes) == (MONDAY, 30)
    assert gap.start == datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def test_entries_of_one_person_at_once_are_reported_as_overlaps() -> None:
    clash = [*ENTRIES, entry(5, 1, 0, (10, 0), 30)]  # inside entry 1
    assert week_sheet(clash, RATES, MONDAY).overlaps == [(1, 5)]
    assert week_sheet(ENTRIES, RATES, MONDAY).overlaps == []


def test_an_empty_week_is_seven_empty_days() -> None:
    sheet = week_sheet([], RATES, MONDAY)
    assert sheet.week.total_minutes == 0 and len(sheet.days) == 7 and sheet.gaps == []


def test_an_entry_inside_a_longer_one_leaves_no_gap_behind_it() -> None:
    nested = [
        entry(1, 1, 0, (9, 0), 180),  # 9:00-12:00
        entry(2, 1, 0, (10, 0), 60),  # 10:00-11:00, inside the first
        entry(3, 1, 0, (11, 30), 90),  # 11:30-13:00, overlaps the first too
    ]
    sheet = week_sheet(nested, RATES, MONDAY)
    assert sheet.gaps == []
    assert sheet.overlaps == [(1, 2), (1, 3)]

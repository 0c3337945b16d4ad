"""A person's week of time entries: totals per day and week, gaps and overlaps.

Totals are the domain's own ``totals`` per day and case, added up, so the
timesheet and the cases' Activities tabs cannot disagree by a minute or a
cent. A *gap* is idle time between two timed entries of the same day; an
*overlap* is two timed entries of one person at once (the rules refuse them,
but imported or older data may hold some, and a timesheet is where they show).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from .durations import whole_minutes
from .timekeeping import TimeEntry, totals


@dataclass(frozen=True)
class DayTotal:
    day: date
    total_minutes: int = 0
    billable_minutes: int = 0
    cost: Decimal = Decimal(0)

    @property
    def non_billable_minutes(self) -> int:
        return self.total_minutes - self.billable_minutes


@dataclass(frozen=True)
class Gap:
    day: date
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return whole_minutes(self.end - self.start)


@dataclass(frozen=True)
class Sheet:
    first: date
    days: list[DayTotal]
    week: DayTotal
    gaps: list[Gap] = field(default_factory=list)
    overlaps: list[tuple[int, int]] = field(default_factory=list)
    """Ids of entries that overlap, in pairs."""


def week_sheet(
    entries: Iterable[TimeEntry], cost_per_hour: Mapping[int, Decimal], monday: date
) -> Sheet:
    """``cost_per_hour`` by case id; ``monday`` starts the week the entries belong to."""
    listed = list(entries)
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        of_day = [e for e in listed if e.work_date == day]
        total = billable = 0
        cost = Decimal(0)
        for case_id in sorted({e.case_id for e in of_day}):
            part = totals([e for e in of_day if e.case_id == case_id], cost_per_hour[case_id], None)
            total += part.total_minutes
            billable += part.billable_minutes
            cost += part.cost
        days.append(DayTotal(day, total, billable, cost))
    week = DayTotal(
        monday,
        sum(d.total_minutes for d in days),
        sum(d.billable_minutes for d in days),
        sum((d.cost for d in days), Decimal(0)),
    )
    return Sheet(monday, days, week, _gaps(listed), _overlaps(listed))


def _timed(entries: list[TimeEntry]) -> list[TimeEntry]:
    return sorted((e for e in entries if e.timed), key=lambda e: (e.start, e.id or 0))


def _gaps(entries: list[TimeEntry]) -> list[Gap]:
    out = []
    for day in sorted({e.work_date for e in entries}):
        timed = _timed([e for e in entries if e.work_date == day])
        if not timed:
            continue
        covered = timed[0].end  # the latest end so far: an entry inside another leaves no gap
        for entry in timed[1:]:
            assert covered is not None and entry.start is not None and entry.end is not None
            if entry.start > covered:
                out.append(Gap(day, covered, entry.start))
            covered = max(covered, entry.end)
    return out


def _overlaps(entries: list[TimeEntry]) -> list[tuple[int, int]]:
    timed = _timed(entries)
    out = []
    for i, one in enumerate(timed):
        for other in timed[i + 1 :]:
            assert one.end is not None and other.start is not None
            if other.start >= one.end:
                break
            out.append((one.id or 0, other.id or 0))
    return out

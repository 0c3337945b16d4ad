"""What the supervisors' reports mean (issue 9): periods, weeks, medians, compliance, rounding.

The figures are counted by the database (store/report_sql.py); this module says
what is counted and how a count becomes the figure people read.

Period
    Two local calendar days, both included, in the operator's time zone. By
    default the 12 ISO weeks ending with the current one (Monday to Sunday).
    Instants stored in UTC are placed in a day, week or month by the local
    midnights that bound it: a week holding a change of season lasts 167 or
    169 hours, and a midnight the clocks skip begins at the first instant of
    its day. A week cut by the period's edge counts only its days inside.

Median
    The middle value of the sorted values; for an even count, the mean of the
    two middle values (so the median of 10, 20, 30 and 70 minutes is 25). No
    values, no median (``None``).

Times measured
    First response: from the case's creation to its first response (its first
    public staff comment or its assignment), for the cases *opened* in the
    period that have one. Resolution: from creation to the last finish, less
    the time the case spent finished before a reopening (the SLA's own clock,
    domain/sla.py), for the cases *finished* in the period (status finished
    now, last finished inside the period; a case finished twice counts once,
    at its last finish).

SLA compliance
    Met ÷ decided × 100, per priority and overall, judged as
    :func:`deskTUI.domain.sla.sla_state` judges one case now.

    First response: the cases opened in the period whose target is decided:
    answered (met when on time), or not answered and already past the target
    (not met). A case still inside its target without an answer is undecided
    and not counted; so is one cancelled unanswered before its target.

    Resolution: the cases finished in the period (as above); met when finished
    within the target (time spent finished before a reopening not counted).
    Open cases already past the target are late but not yet decided here: they
    count when they are finished.

    No decided case, no percentage (``None``, shown as a dash), never 0 % or 100 %.

Rounding
    Decimal arithmetic, half-up, only at the end: percentages to 0.01,
    medians to whole minutes, hours to 0.01 h, satisfaction means to 0.01
    (as domain/surveys.py rounds them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from .contracts import units_text
from .durations import format_minutes
from .errors import ValidationError
from .values import FIRST_DAY, LAST_DAY

DEFAULT_WEEKS = 12
"""The default period: this many ISO weeks, ending with the current one."""
MAX_DAYS = 5 * 366
"""The longest period a report covers: about five years (weekly rows stay readable)."""

CENT = Decimal("0.01")
MINUTE = Decimal(1)
MICROS_PER_MINUTE = 60_000_000


def half_up(value: Decimal, quantum: Decimal = CENT) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Period:
    """Two local calendar days, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        for day in (self.first, self.last):
            if not FIRST_DAY <= day <= LAST_DAY:
                raise ValidationError(
                    "report.period_range",
                    "The report's period must fall between {first} and {last}, not on {day}",
                    first=FIRST_DAY.isoformat(),
                    last=LAST_DAY.isoformat(),
                    day=day.isoformat(),
                )
        if self.last < self.first:
            raise ValidationError(
                "report.period_order",
                "The report's period starts on {first}, after it ends on {last}",
                first=self.first.isoformat(),
                last=self.last.isoformat(),
            )
        if self.days > MAX_DAYS:
            raise ValidationError(
                "report.period_length",
                "The report's period {first} to {last} is longer than five years; "
                "choose a shorter one",
                first=self.first.isoformat(),
                last=self.last.isoformat(),
            )

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def shifted(self, steps: int) -> Period:
        """The period of the same length ``steps`` lengths later (earlier when negative)."""
        delta = timedelta(days=self.days * steps)
        try:
            return Period(self.first + delta, self.last + delta)
        except OverflowError:  # past year 1 or 9999: the sentence of any day out of range
            raise ValidationError(
                "report.period_range",
                "The report's period must fall between {first} and {last}, not on {day}",
                first=FIRST_DAY.isoformat(),
                last=LAST_DAY.isoformat(),
                day="the calendar's edge",
            ) from None

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """The UTC instants where the period starts and where it stops (excluded)."""
        return local_midnight(self.first, zone), local_midnight(self.last + timedelta(days=1), zone)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def default_period(today: date, weeks: int = DEFAULT_WEEKS) -> Period:
    """The ``weeks`` ISO weeks ending with the one holding ``today``, Monday to Sunday."""
    last = monday_of(today) + timedelta(days=6)
    return Period(last - timedelta(days=7 * weeks - 1), last)


def period_from(first: date | None, last: date | None, today: date) -> Period:
    """The period an operator asked for: a missing end is filled from the default
    (``--from`` alone runs to the end of this week; ``--to`` alone covers 12 weeks to it)."""
    if first is None:
        if last is None:
            return default_period(today)
        first = monday_of(last) - timedelta(days=7 * (DEFAULT_WEEKS - 1))
    elif last is None:
        last = max(default_period(today).last, first)
    return Period(first, last)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The first instant of ``day`` in ``zone``, in UTC.

    Where the clocks skip midnight (a spring change at 00:00, as in Chile), the
    naive midnight does not exist; read with the offset before the change
    (``fold=0``) it is exactly the instant of the change, which is the first
    instant of that day.
    """
    return datetime.combine(day, time.min).replace(tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Bucket:
    """One row of a report by time: a week or a month, cut to the period."""

    label: str
    first: date
    last: date


def iso_week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks(period: Period) -> list[Bucket]:
    """The ISO weeks the period touches, each cut to the period's days.

    A week belongs to the ISO year of its Thursday: 29 December 2025 is in 2026-W01.
    """
    out = []
    start = monday_of(period.first)
    while start <= period.last:
        out.append(
            Bucket(
                iso_week_label(start),
                max(start, period.first),
                min(start + timedelta(days=6), period.last),
            )
        )
        start += timedelta(days=7)
    return out


def months(period: Period) -> list[Bucket]:
    """The calendar months the period touches, each cut to the period's days."""
    out = []
    start = period.first.replace(day=1)
    while start <= period.last:
        following = (start + timedelta(days=32)).replace(day=1)
        out.append(
            Bucket(
                f"{start.year:04d}-{start.month:02d}",
                max(start, period.first),
                min(following - timedelta(days=1), period.last),
            )
        )
        start = following
    return out


def edges(buckets: Sequence[Bucket], zone: tzinfo) -> list[datetime]:
    """The UTC instants between the buckets: n + 1 edges for n buckets, ascending."""
    if not buckets:
        return []
    return [local_midnight(b.first, zone) for b in buckets] + [
        local_midnight(buckets[-1].last + timedelta(days=1), zone)
    ]


def median(values: Iterable[Decimal | int]) -> Decimal | None:
    """The middle value; for an even count the mean of the two middle values; None if empty.

    The database hands over only the one or two middle values of each group
    (store/report_sql.py); their median is the whole group's.
    """
    ordered = sorted(Decimal(v) for v in values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def minutes_of_micros(micros: Decimal | int | None) -> Decimal | None:
    """Microseconds as whole minutes, half-up (a median's display precision)."""
    if micros is None:
        return None
    return half_up(Decimal(micros) / MICROS_PER_MINUTE, MINUTE)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, to 0.01 half-up; None when ``whole`` is 0."""
    if whole == 0:
        return None
    return half_up(Decimal(part) * 100 / Decimal(whole))


def hours_of(minutes: int) -> Decimal:
    """Whole minutes as hours to 0.01, half-up (90 → 1.50; 1 → 0.02)."""
    return half_up(Decimal(minutes) / 60)


def mean(total: int, count: int) -> Decimal | None:
    """A mean score to 0.01, half-up, as domain/surveys.py rounds; None for no answers."""
    if count == 0:
        return None
    return half_up(Decimal(total) / Decimal(count))


@dataclass(frozen=True)
class Compliance:
    """How many cases decided a target, and how many of those met it."""

    decided: int = 0
    met: int = 0

    @property
    def missed(self) -> int:
        return self.decided - self.met

    @property
    def percent(self) -> Decimal | None:
        return percent(self.met, self.decided)

    def __add__(self, other: Compliance) -> Compliance:
        return Compliance(self.decided + other.decided, self.met + other.met)


@dataclass(frozen=True)
class Column:
    """One column of a report: its key (CSV header, JSON name), its heading, its kind.

    Kinds: ``text``, ``count`` (int), ``minutes`` (int), ``decimal`` (Decimal),
    ``units`` (a contract's Decimal units: kept to 1/10,000, shown to 1/100),
    ``percent`` (Decimal), ``day`` (date).
    """

    key: str
    heading: str
    kind: str = "text"


Value = str | int | Decimal | date | None


@dataclass(frozen=True)
class Report:
    """One report as a table: what the CLI prints (table, CSV, JSON) and the screen shows.

    ``total`` is the row over all rows (the "all" of a by-priority report), if any.
    """

    kind: str
    title: str
    period: Period
    zone: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    total: tuple[Value, ...] | None = None
    by: str | None = None
    notes: tuple[str, ...] = field(default=())
    """Sentences that say how to read the figures (shown under the table)."""

    def records(self) -> list[dict[str, Value]]:
        return [dict(zip((c.key for c in self.columns), row, strict=True)) for row in self.rows]

    def total_record(self) -> dict[str, Value] | None:
        if self.total is None:
            return None
        return dict(zip((c.key for c in self.columns), self.total, strict=True))

    def column(self, key: str) -> list[Value]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def display(column: Column, value: Value, show: Callable[[object], str]) -> str:
    """One cell as people read it, in the CLI's table and on the screen alike: minutes as
    ``1h30m``, percentages with ``%``, a dash for no figure; text through ``show`` (the
    caller's sanitizer)."""
    if value is None:
        return "—"
    if column.kind == "minutes" and isinstance(value, int):
        return format_minutes(value)
    if column.kind == "percent" and isinstance(value, Decimal):
        return f"{value:f} %"
    if column.kind == "units" and isinstance(value, Decimal):
        return units_text(value)  # as the contracts screen: 2.5627 d shows as 2.56
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return show(value) if column.kind == "text" else str(value)

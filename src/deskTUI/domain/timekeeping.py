"""Hour accounting (DOMAIN.md): time entries, their rules, and a case's totals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation, Overflow, localcontext
from typing import TYPE_CHECKING

from .durations import MINUTES_PER_DAY, format_minutes, whole_minutes
from .errors import ValidationError
from .marks import N_, code
from .reports import local_midnight
from .values import clean_text, money_display, require_aware

if TYPE_CHECKING:
    from .case import Case


@dataclass
class TimeEntry:
    """Actividad / Control Tiempo: work done by one executor on one case.

    ``start``/``end`` are UTC instants when the operator gave clock times, or
    both ``None`` when only a duration was given; ``work_date`` is the
    operator's local calendar day the work belongs to.
    """

    case_id: int
    executor_id: int
    work_date: date
    minutes: int
    description: str = ""
    billable: bool = False
    start: datetime | None = None
    end: datetime | None = None
    article: str = ""
    created_by: int | None = None
    id: int | None = None

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


def make_entry(
    *,
    case_id: int,
    executor_id: int,
    work_date: date,
    start: datetime | None = None,
    end: datetime | None = None,
    minutes: int | None = None,
    description: str = "",
    billable: bool = False,
    article: str = "",
    created_by: int | None = None,
    entry_id: int | None = None,
) -> TimeEntry:
    """Build a valid entry from either start and end, or a duration."""
    require_aware(start, "start time")
    require_aware(end, "end time")
    if (start is None) != (end is None):
        raise ValidationError(
            "time.half_open", "Give both a start and an end time, or a duration instead"
        )
    if start is not None and end is not None:
        # Python subtracts two times of one zone by their wall clocks: across a change of
        # daylight saving that is not the time worked. Count and keep UTC instants; the
        # sentences show the times as the person gave them.
        given_start, given_end = start, end
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        if end <= start:
            raise ValidationError(
                "time.end_before_start",
                "The end time {end} is not after the start time {start}",
                end=given_end.strftime("%H:%M"),
                start=given_start.strftime("%H:%M"),
            )
        seconds = (end - start).total_seconds()
        if seconds % 60:
            raise ValidationError("time.whole_minutes", "Start and end must fall on whole minutes")
        span = int(seconds // 60)
        if minutes is not None and minutes != span:
            raise ValidationError(
                "time.duration_mismatch",
                "The duration {given} does not match {start}–{end} ({span})",
                given=format_minutes(minutes),
                start=given_start.strftime("%H:%M"),
                end=given_end.strftime("%H:%M"),
                span=format_minutes(span),
            )
        minutes = span
    if minutes is None:
        raise ValidationError("time.no_duration", "Give a start and end time, or a duration")
    if minutes <= 0:
        raise ValidationError("time.not_positive", "A time entry must last more than zero minutes")
    if minutes > MINUTES_PER_DAY:
        raise ValidationError(
            "time.too_long",
            "A time entry lasts at most 24 hours; {duration} is longer",
            duration=format_minutes(minutes),
        )
    return TimeEntry(
        case_id=case_id,
        executor_id=executor_id,
        work_date=work_date,
        minutes=minutes,
        description=clean_text(description, N_("activity description"), max_len=2000),
        billable=billable,
        start=start,
        end=end,
        article=clean_text(article, N_("article"), max_len=120),
        created_by=created_by,
        id=entry_id,
    )


FUTURE_TOLERANCE_KEY = "time.future_tolerance_minutes"
"""The desk setting: how many minutes past now a time entry may end (clocks differ)."""
DEFAULT_FUTURE_TOLERANCE_MINUTES = 5
FUTURE_TOLERANCE_MAX_MINUTES = 60
"""An hour covers any clock that is merely wrong; more would let tomorrow's work in."""
EARLIEST_ZONE = timezone(timedelta(hours=14))
"""Where a calendar day begins first (Kiribati): without the operator's zone, a day is in
the future only if it is in the future there too."""


def future_tolerance(stored: str | None) -> timedelta:
    """The desk's allowance for clock skew (setting ``time.future_tolerance_minutes``)."""
    if not stored:
        return timedelta(minutes=DEFAULT_FUTURE_TOLERANCE_MINUTES)
    return timedelta(minutes=parse_future_tolerance(stored))


def parse_future_tolerance(value: object) -> int:
    """Whole minutes from 0 to an hour, as an admin types them."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) > FUTURE_TOLERANCE_MAX_MINUTES:
        raise ValidationError(
            "time.tolerance",
            "The tolerance for clock differences is a whole number of minutes from 0 to "
            "{most}, not {value!r}",
            most=FUTURE_TOLERANCE_MAX_MINUTES,
            value=value,
        )
    return int(text)


def check_not_in_future(
    entry: TimeEntry,
    now: datetime,
    tolerance: timedelta,
    zone: tzinfo | None,
    same_days: Iterable[TimeEntry] = (),
    was: TimeEntry | None = None,
) -> None:
    """Work is logged once it is done: an entry may not end after now, give or take
    ``tolerance`` (clocks differ). An entry given as a duration alone has no end to
    compare, so only its day may not be after today. ``zone`` is the operator's: their
    today, and the bound said in their time. ``same_days``: the executor's other entries
    of the entry's day (and the day before, whose timed entries may run into it), which
    with it may not fill more than the day holds (:func:`check_day_holds`); ``was``: the
    entry before an edit."""
    latest = now + tolerance
    if entry.end is not None and entry.end > latest:
        shown = zone or UTC
        raise ValidationError(
            "time.in_future",
            "The entry ends at {end}, after now: work is logged once done, so an entry may "
            "end at {latest} at the latest",
            end=entry.end.astimezone(shown).strftime("%Y-%m-%d %H:%M"),
            latest=latest.astimezone(shown).strftime("%Y-%m-%d %H:%M"),
        )
    today = latest.astimezone(zone or EARLIEST_ZONE).date()
    if entry.end is None and entry.work_date > today:
        raise ValidationError(
            "time.day_in_future",
            "{day} has not come yet: work is logged once done, on {today} at the latest",
            day=entry.work_date.isoformat(),
            today=today.isoformat(),
        )
    check_day_holds(entry, same_days, latest, zone or EARLIEST_ZONE, was)


def minutes_on(entry: TimeEntry, day: date, zone: tzinfo) -> int:
    """The minutes of ``entry`` worked on ``day`` in ``zone``: a duration counts on its
    date, a timed entry for the part of it between that day's midnights."""
    if entry.start is None or entry.end is None:
        return entry.minutes if entry.work_date == day else 0
    first, last = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
    inside = min(entry.end, last) - max(entry.start, first)
    return max(0, whole_minutes(inside))


def check_day_holds(
    entry: TimeEntry,
    same_days: Iterable[TimeEntry],
    latest: datetime,
    zone: tzinfo,
    was: TimeEntry | None = None,
) -> None:
    """One person's work on a day fits in it: nobody has worked 20 h of a day that began
    7 h ago, nor 30 h of yesterday. Today holds the time since its midnight (give or take
    the tolerance already in ``latest``); a past day its length (23 or 25 h where the
    clocks change). ``zone`` says where the days begin. An edit that does not add to the
    day (``was``: the entry before it) passes, so a day filled past its length before
    this rule can be mended entry by entry."""
    day = entry.work_date
    today = latest.astimezone(zone).date()
    if day > today:
        return  # a timed entry past midnight, refused above if it ends in the future
    if was is not None and minutes_on(entry, day, zone) <= minutes_on(was, day, zone):
        return
    first = local_midnight(day, zone)
    room = (latest if day == today else local_midnight(day + timedelta(days=1), zone)) - first
    others = sum(
        minutes_on(other, day, zone)
        for other in same_days
        if other.executor_id == entry.executor_id and (entry.id is None or other.id != entry.id)
    )
    total = others + minutes_on(entry, day, zone)
    if total * 60 <= room.total_seconds():
        return
    fits = format_minutes(max(0, whole_minutes(room) - others))
    if day == today:
        raise ValidationError(
            "time.more_than_today",
            "{duration} do not fit in {day}: {so_far} of it have passed and {logged} are "
            "logged already, so {fits} at most; log the rest on the day before",
            duration=format_minutes(entry.minutes),
            day=day.isoformat(),
            so_far=format_minutes(whole_minutes(room)),
            logged=format_minutes(others),
            fits=fits,
        )
    raise ValidationError(
        "time.more_than_a_day",
        "{duration} do not fit in {day}: it lasts {length} and {logged} are logged already, "
        "so {fits} at most",
        duration=format_minutes(entry.minutes),
        day=day.isoformat(),
        length=format_minutes(whole_minutes(room)),
        logged=format_minutes(others),
        fits=fits,
    )


def day_of_work_done_now(
    minutes: int, now: datetime, tolerance: timedelta, zone: tzinfo, logged_today: int = 0
) -> date:
    """The day a duration just worked is logged on, when the operator names none (the
    TUI's time dialog): today, or yesterday when, with the ``logged_today`` minutes
    already there, it is longer than today so far (2 h logged at 00:30 were mostly
    worked before midnight)."""
    today = now.astimezone(zone).date()
    so_far = now + tolerance - local_midnight(today, zone)
    fits = (logged_today + minutes) * 60 <= so_far.total_seconds()
    return today if fits else today - timedelta(days=1)


def check_inside_window(
    entry: TimeEntry, number: str, planned_start: date | None, planned_close: date | None
) -> None:
    """Seed 001: the activity's date lies between the case's start and close dates."""
    if planned_start is not None and entry.work_date < planned_start:
        raise ValidationError(
            "time.before_window",
            "The entry's date {day} is before {case}'s planned start {start}",
            day=entry.work_date.isoformat(),
            case=number,
            start=planned_start.isoformat(),
        )
    if planned_close is not None and entry.work_date > planned_close:
        raise ValidationError(
            "time.after_window",
            "The entry's date {day} is after {case}'s planned close {close}",
            day=entry.work_date.isoformat(),
            case=number,
            close=planned_close.isoformat(),
        )


def check_no_overlap(entry: TimeEntry, others: Iterable[TimeEntry], login: str) -> None:
    """One executor cannot work two things at once: timed entries may only touch."""
    if not entry.timed:
        return
    assert entry.start is not None and entry.end is not None
    for other in others:
        if other.id is not None and other.id == entry.id:
            continue
        if other.executor_id != entry.executor_id or not other.timed:
            continue
        assert other.start is not None and other.end is not None
        if entry.start < other.end and other.start < entry.end:
            which = f" (entry {other.id})" if other.id is not None else ""
            raise ValidationError(
                "time.overlap",
                "{login} already logged {start}–{end} UTC on {day}{which}; "
                "entries of one person cannot overlap",
                login=login,
                start=other.start.strftime("%H:%M"),
                end=other.end.strftime("%H:%M"),
                day=other.start.date().isoformat(),
                which=which,
            )


@dataclass(frozen=True)
class Totals:
    """What a case's time entries add up to."""

    total_minutes: int
    billable_minutes: int
    cost: Decimal
    """Exact: billable hours × cost per hour. Round with :func:`money_display` to show."""
    estimate_minutes: int | None

    @property
    def non_billable_minutes(self) -> int:
        return self.total_minutes - self.billable_minutes

    @property
    def remaining_minutes(self) -> int | None:
        """Estimate − total; negative once the estimate is overrun."""
        if self.estimate_minutes is None:
            return None
        return self.estimate_minutes - self.total_minutes

    @property
    def overrun(self) -> bool:
        return self.estimate_minutes is not None and self.total_minutes > self.estimate_minutes

    @property
    def consumed_minutes(self) -> int:
        """Saldo consumido (seed 000): all the time invested in the case."""
        return self.total_minutes

    @property
    def cost_display(self) -> Decimal:
        return money_display(self.cost)


def totals(
    entries: Iterable[TimeEntry], cost_per_hour: Decimal, estimate_minutes: int | None
) -> Totals:
    total = billable = 0
    for entry in entries:
        total += entry.minutes
        if entry.billable:
            billable += entry.minutes
    return Totals(
        total_minutes=total,
        billable_minutes=billable,
        cost=_cost(billable, cost_per_hour),
        estimate_minutes=estimate_minutes,
    )


def _cost(billable_minutes: int, cost_per_hour: Decimal) -> Decimal:
    """Billable hours × the rate, multiplied before dividing so whole-hour rates stay exact.

    Exact for any rate a person may type (``MONEY_MAX``); for one written past every bound
    by hand (``1E+999999``) the figure is Infinity instead of an Overflow raised at whoever
    opens the case, and shows as "—" (``money_text``).
    """
    with localcontext() as context:
        context.traps[Overflow] = context.traps[InvalidOperation] = False
        return Decimal(billable_minutes) * cost_per_hour / 60


def check_entry_for_case(
    case: Case, entry: TimeEntry, others: Iterable[TimeEntry], login: str
) -> None:
    """Every rule a time entry must meet on its case, in the order a person would fix them."""
    case.ensure_open_for_time()
    if entry.billable and not case.billable:
        raise ValidationError(
            "time.billable_on_free_case",
            "{case} is not billable, so its time cannot be billed",
            case=case.number,
        )
    if entry.billable and case.awaits_quote:
        raise ValidationError(
            "time.quote_required",
            "Cannot log billable time on {case}: it has no contract, so its quote must be "
            "approved first (the quote is {quote})",
            case=case.number,
            quote=code(case.quote.status),
        )
    check_inside_window(entry, case.number, case.planned_start, case.planned_close)
    check_no_overlap(entry, others, login)

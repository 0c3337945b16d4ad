"""What a person means by a date and a clock time in their zone: one UTC instant.

Every date and time a person types (a time entry's start and end, an event's,
a follow-up planned from the agenda) goes through :func:`instant_of`, so that
minutes are elapsed time on daylight-saving days too (DOMAIN.md "Time is
elapsed time"):

- a wall-clock time the clocks skip when they go forward (02:30 on
  2026-03-08 in New York) is refused with a sentence naming the skipped hour;
- a wall-clock time that happens twice when they go back (01:30 on 2026-11-01
  in New York) is the FIRST of the two, the one before the clocks go back
  (Python's ``fold=0``); the second is written with its offset, ``01:30-05:00``;
- a moment written with its offset (``2026-11-01T01:30-05:00``) is that instant.

Python compares and subtracts two datetimes of the same zone by their wall
clocks, so an instant is returned in UTC: arithmetic on it is elapsed time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from .errors import ValidationError
from .values import FIRST_DAY, LAST_DAY


def zone_name(zone: tzinfo) -> str:
    """``America/New_York`` for a named zone, else what the zone calls itself (``UTC-05:00``)."""
    return str(getattr(zone, "key", None) or zone.tzname(None) or zone)


def _wall(moment: datetime) -> str:
    return f"{moment.date().isoformat()} {moment:%H:%M}"  # strftime writes year 1 as "1"


def _skipped_hour(wall: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """The local times the clocks jumped between, around ``wall`` (a time they skipped)."""
    # Read with the offset after the jump, the wall time is an instant before the jump;
    # with the offset before it, an instant after. Halve the interval down to the minute.
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    jump = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    old_offset = before.astimezone(zone).utcoffset()
    while jump - before > timedelta(minutes=1):
        middle = (before + (jump - before) / 2).replace(second=0, microsecond=0)
        if middle.astimezone(zone).utcoffset() == old_offset:
            before = middle
        else:
            jump = middle
    assert old_offset is not None
    return (jump + old_offset).replace(tzinfo=None), jump.astimezone(zone).replace(tzinfo=None)


def _out_of_range(moment: datetime, zone: tzinfo, what: str) -> ValidationError:
    return ValidationError(
        "time.out_of_range",
        "The {what} {moment} is outside the desk's calendar ({first} to {last})",
        what=what,
        moment=f"{_wall(moment)} {zone_name(moment.tzinfo or zone)}",
        first=FIRST_DAY.isoformat(),
        last=LAST_DAY.isoformat(),
    )


def instant_of(moment: datetime, zone: tzinfo, what: str) -> datetime:
    """The UTC instant of ``moment``: a wall-clock time in ``zone`` when it has no zone of
    its own, else the instant its offset names. ``what`` names it in a refusal."""
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise _out_of_range(moment, zone, what)
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)  # within the calendar, an offset cannot overflow
    first = moment.replace(tzinfo=zone, fold=0)
    instant = first.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != moment:
        start, end = _skipped_hour(moment, zone)
        # A whole day skipped (Samoa, 2011-12-30) needs its dates to make sense.
        shown = "%H:%M" if start.date() == end.date() else "%Y-%m-%d %H:%M"
        raise ValidationError(
            "time.skipped",
            "There is no {clock} on {day} in {zone}: the clocks jumped from {start} to {end} "
            "(daylight saving). Write a time before {start} or from {end} on",
            clock=moment.strftime("%H:%M"),
            day=moment.date().isoformat(),
            zone=zone_name(zone),
            start=start.strftime(shown),
            end=end.strftime(shown),
        )
    return instant


def happens_twice(moment: datetime, zone: tzinfo) -> bool:
    """Whether the clocks show this wall-clock time twice (in the hour repeated when they go
    back): :func:`instant_of` takes the first of the two."""
    if moment.tzinfo is not None or not FIRST_DAY <= moment.date() <= LAST_DAY:
        return False
    first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    skipped = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment
    return not skipped and first.utcoffset() != second.utcoffset()


def local_instant(day: date, clock: time, zone: tzinfo, what: str) -> datetime:
    """A day and a clock time (``parse_clock``'s, with or without an offset) as a UTC instant."""
    return instant_of(datetime.combine(day, clock), zone, what)


def shown_local(moment: datetime, zone: tzinfo | None = None, form: str = "%Y-%m-%d %H:%M") -> str:
    """A stored instant as the operator's wall clock (``zone`` None: the machine's). One
    that no wall clock of the zone can show (written past the calendar by hand: 9999-12-31
    23:59 UTC is in year 10000 east of UTC) is shown in UTC and says so, rather than raise
    OverflowError at whoever opens the case or the list."""
    try:
        return moment.astimezone(zone).strftime(form)
    except (OverflowError, ValueError):
        return moment.astimezone(UTC).strftime(form) + " UTC"

"""Running timers: work timed live on a case, turned into time entries when stopped.

Seed 003 asks for real work time; a timer is the honest way to get it. One
operator has at most one running timer. Stopping it yields one slice per
local calendar day it ran on (a timer running across midnight becomes two
entries, each dated on its own day), on whole minutes, each within the 24 h
limit of a time entry. A timer that ran longer than 24 h is refused rather
than guessed at: it stays, so nothing is lost, until the operator logs the
real time by hand and discards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .durations import MINUTES_PER_DAY, format_minutes, whole_minutes
from .errors import ValidationError
from .marks import N_
from .values import clean_text, require_aware

MAX_RUN = timedelta(minutes=MINUTES_PER_DAY)


@dataclass
class RunningTimer:
    """An operator's timer: on which case, since when (UTC), and what they are doing."""

    user_id: int
    case_id: int
    started_at: datetime
    description: str = ""

    def __post_init__(self) -> None:
        require_aware(self.started_at, "timer start")
        self.description = clean_text(self.description, N_("timer description"), max_len=2000)

    def elapsed(self, now: datetime) -> timedelta:
        return max(now - self.started_at, timedelta(0))


@dataclass(frozen=True)
class Slice:
    """One time entry's worth of a stopped timer: a local day and a UTC start and end."""

    work_date: date
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return whole_minutes(self.end - self.start)


def timer_minutes(elapsed: timedelta) -> int:
    """The minutes a timer that ran ``elapsed`` logs: the nearest whole minute (half a
    minute rounds up), and at least one, since it was started for some work.

    0 s, 8 s, 29 s, 30 s, 61 s and 89 s log 1 minute; 90 s logs 2. The one rule, said to
    the operator where they stop a timer.
    """
    return max(1, int((max(elapsed.total_seconds(), 0) + 30) // 60))


def _minute_started(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def slices(timer: RunningTimer, stopped_at: datetime, zone: tzinfo) -> list[Slice]:
    """The entries a timer stopped at ``stopped_at`` becomes, one per local day it ran on.

    They start on the minute the timer started in and last :func:`timer_minutes`, so how
    long a timer ran alone says what it logs, whatever second it started at. (The next
    timer of its operator starts where this one's entries end: ``start_timer``.)
    """
    require_aware(stopped_at, "stop time")
    if stopped_at - timer.started_at > MAX_RUN:
        raise ValidationError(
            "timer.too_long",
            "The timer has run {elapsed}, longer than the 24-hour limit of a time entry: "
            "log the real time by hand, then discard the timer",
            elapsed=format_minutes(whole_minutes(stopped_at - timer.started_at)),
        )
    start = _minute_started(timer.started_at)
    end = start + timedelta(minutes=timer_minutes(stopped_at - timer.started_at))
    out: list[Slice] = []
    piece_start = start
    while piece_start < end:
        local = piece_start.astimezone(zone)
        next_midnight = datetime.combine(
            local.date() + timedelta(days=1), datetime.min.time(), zone
        )
        piece_end = min(end, next_midnight.astimezone(start.tzinfo))
        out.append(Slice(local.date(), piece_start, piece_end))
        piece_start = piece_end
    return out


def require_running(current: RunningTimer | None) -> RunningTimer:
    if current is None:
        raise ValidationError("timer.none", "No timer is running: start one on a case first")
    return current

"""SLA targets per priority, breach detection and once-only escalation (seed 000)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from .durations import whole_minutes
from .enums import Priority, SlaTarget, Status
from .errors import ValidationError

HOUR = 60
DAY = 24 * HOUR


LONGEST_TARGET = 365 * DAY
"""A target longer than a year promises nothing, and a deadline counted back from now
past year 1 is no date at all (an OverflowError in every list and sweep)."""


@dataclass(frozen=True)
class Targets:
    """Minutes allowed for a first response and for resolution, in calendar time."""

    first_response: int
    resolution: int

    def __post_init__(self) -> None:
        if self.first_response <= 0 or self.resolution <= 0:
            raise ValidationError("sla.positive", "SLA targets must be more than zero minutes")
        if max(self.first_response, self.resolution) > LONGEST_TARGET:
            raise ValidationError(
                "sla.too_long",
                "SLA targets must be at most a year ({most} hours)",
                most=LONGEST_TARGET // HOUR,
            )
        if self.resolution < self.first_response:
            raise ValidationError(
                "sla.order",
                "The resolution target cannot be shorter than the first-response target",
            )


DEFAULT_TARGETS: dict[Priority, Targets] = {
    Priority.CRITICAL: Targets(1 * HOUR, 4 * HOUR),
    Priority.HIGH: Targets(4 * HOUR, 1 * DAY),
    Priority.MEDIUM: Targets(1 * DAY, 3 * DAY),
    Priority.LOW: Targets(2 * DAY, 5 * DAY),
}


def targets_from_settings(stored: dict[str, str]) -> dict[Priority, Targets]:
    """The targets an admin set (settings ``sla.<priority>.first_response|resolution``,
    in minutes), the defaults for the rest."""
    targets = {}
    for priority, default in DEFAULT_TARGETS.items():
        response = stored.get(f"sla.{priority.value}.first_response")
        resolution = stored.get(f"sla.{priority.value}.resolution")
        try:
            targets[priority] = Targets(
                int(response) if response else default.first_response,
                int(resolution) if resolution else default.resolution,
            )
        except (ValueError, ValidationError):
            # A pair written by hand, or by a version without today's bounds: the desk
            # keeps working on the documented defaults until an admin sets it again.
            targets[priority] = default
    return targets


def late_before(
    targets: dict[Priority, Targets], now: datetime
) -> dict[str, tuple[datetime, datetime]]:
    """Per priority, the creation instants before which an unanswered (first) or an
    unresolved (second) case is late: the targets counted back from ``now``."""
    return {
        p.value: (now - timedelta(minutes=t.first_response), now - timedelta(minutes=t.resolution))
        for p, t in targets.items()
    }


@dataclass(frozen=True)
class SlaClock:
    """Where one target stands: its deadline and minutes left (negative once breached)."""

    target: SlaTarget
    due: datetime | None
    met: bool
    breached: bool
    minutes_left: int | None
    """None once the clock has stopped (met, or the case no longer runs it)."""


@dataclass(frozen=True)
class SlaState:
    first_response: SlaClock
    resolution: SlaClock

    @property
    def breached(self) -> bool:
        return self.first_response.breached or self.resolution.breached

    @property
    def minutes_left(self) -> int | None:
        """Minutes to the nearest running deadline (negative once past); None when no
        clock runs (the case is closed, or both targets are settled)."""
        running = [
            c.minutes_left
            for c in (self.first_response, self.resolution)
            if c.minutes_left is not None
        ]
        return min(running, default=None)

    @property
    def next_deadline(self) -> datetime | None:
        running = [
            c.due for c in (self.first_response, self.resolution) if c.minutes_left is not None
        ]
        return min((d for d in running if d is not None), default=None)


def _later(moment: datetime, minutes: int) -> datetime:
    """``moment`` plus ``minutes``; past the last instant Python counts (minutes on hold
    written past every bound by hand) it is that instant, not an OverflowError raised at
    whoever opens the case."""
    try:
        return moment + timedelta(minutes=minutes)
    except OverflowError:
        return datetime.max.replace(tzinfo=moment.tzinfo)


def sla_state(
    *,
    status: Status,
    created_at: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    closed_minutes: int,
    targets: Targets,
    now: datetime,
    stopped_at: datetime | None = None,
) -> SlaState:
    """Both SLA clocks of a case.

    Time a case spent finished before being reopened does not count against
    resolution (``closed_minutes``): the customer had their answer then. A
    cancelled case stops both clocks at ``stopped_at`` (when it was cancelled).
    """
    end = now
    if status is Status.CANCELLED and stopped_at is not None:
        end = stopped_at
    elif status is Status.FINISHED and resolved_at is not None:
        end = resolved_at
    response_due = _later(created_at, targets.first_response)
    if first_response_at is not None:
        response = SlaClock(
            SlaTarget.FIRST_RESPONSE,
            response_due,
            first_response_at <= response_due,
            first_response_at > response_due,
            None,
        )
    else:
        left = whole_minutes(response_due - end)
        running = status.is_open
        response = SlaClock(
            SlaTarget.FIRST_RESPONSE,
            response_due,
            False,
            end > response_due,
            left if running else None,
        )
    resolution_due = _later(created_at, targets.resolution + closed_minutes)
    if status is Status.FINISHED and resolved_at is not None:
        resolution = SlaClock(
            SlaTarget.RESOLUTION,
            resolution_due,
            resolved_at <= resolution_due,
            resolved_at > resolution_due,
            None,
        )
    elif status is Status.CANCELLED:
        resolution = SlaClock(
            SlaTarget.RESOLUTION, resolution_due, False, end > resolution_due, None
        )
    else:
        resolution = SlaClock(
            SlaTarget.RESOLUTION,
            resolution_due,
            False,
            now > resolution_due,
            whole_minutes(resolution_due - now),
        )
    return SlaState(response, resolution)


class SlaFields(Protocol):
    """What both clocks of a case are computed from: a Case, the store's SlaFacts, or a
    line of the case list or of the board.

    Read-only properties: settable attributes would have to match exactly, and
    neither a Case (``status: Status``) nor a SlaFacts tuple (read-only) would fit."""

    @property
    def status(self) -> Status | str: ...
    @property
    def priority(self) -> Priority | str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime | None: ...
    @property
    def first_response_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def closed_minutes(self) -> int: ...


def state_of(case: SlaFields, targets: Mapping[Priority, Targets], now: datetime) -> SlaState:
    """Both SLA clocks of ``case`` under the targets of its priority: the one place the
    fields of a case are handed to ``sla_state`` (a cancelled case stops at its last
    change)."""
    return sla_state(
        status=Status(case.status),
        created_at=case.created_at,
        first_response_at=case.first_response_at,
        resolved_at=case.resolved_at,
        closed_minutes=case.closed_minutes,
        targets=targets[Priority(case.priority)],
        now=now,
        stopped_at=case.updated_at,
    )


def due_escalations(
    state: SlaState,
    status: Status,
    escalated_response_at: datetime | None,
    escalated_resolution_at: datetime | None,
) -> list[SlaTarget]:
    """Breaches of an open case not yet escalated: each breach is escalated once."""
    if not status.is_open:
        return []
    due = []
    if state.first_response.breached and escalated_response_at is None:
        due.append(SlaTarget.FIRST_RESPONSE)
    if state.resolution.breached and escalated_resolution_at is None:
        due.append(SlaTarget.RESOLUTION)
    return due


def short_left(minutes_left: int | None) -> str:
    """The SLA column of a list: ``40m``, ``3h``, ``2d`` left, ``-5h`` past; blank when no
    clock runs. Whole units, rounded down: a column five characters wide."""
    if minutes_left is None:
        return ""
    sign = "-" if minutes_left < 0 else ""
    minutes = abs(minutes_left)
    if minutes >= DAY:
        return f"{sign}{minutes // DAY}d"
    if minutes >= HOUR:
        return f"{sign}{minutes // HOUR}h"
    return f"{sign}{minutes}m"

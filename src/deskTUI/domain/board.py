"""The queue board's rules: how old an unassigned case is, and when a case is about to
breach its SLA.

Ages are counted from when the case was opened. The buckets are those a desk
triages by: a critical case waits hours at most (< 1 h, 1–4 h, 4–24 h), the
rest days (1–3 d, > 3 d). A case is *about to breach* once three quarters of a
running target's time is used: the warning scales with the target (15 minutes
before a critical first response is due, 30 hours before a low case's
resolution is), where a fixed hour would be too late for a day-long target
and always on for an hour-long one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .durations import whole_minutes
from .sla import HOUR, Targets

DAY = 24 * HOUR

WARNING_SHARE = 0.25
"""The last quarter of a target's time is its warning window."""


@dataclass(frozen=True)
class AgeBucket:
    """Cases at least ``least`` and less than ``below`` minutes old (None: no bound)."""

    label: str
    least: int
    below: int | None

    def query(self) -> str:
        """The case list's terms for this bucket (domain/query.py ``age:``)."""
        terms = [f"age:>={_span(self.least)}"] if self.least else []
        if self.below is not None:
            terms.append(f"age:<{_span(self.below)}")
        return " ".join(terms)

    def holds(self, minutes: int) -> bool:
        return minutes >= self.least and (self.below is None or minutes < self.below)


AGE_BUCKETS: tuple[AgeBucket, ...] = (
    AgeBucket("< 1 h", 0, HOUR),
    AgeBucket("1–4 h", HOUR, 4 * HOUR),
    AgeBucket("4–24 h", 4 * HOUR, DAY),
    AgeBucket("1–3 d", DAY, 3 * DAY),
    AgeBucket("> 3 d", 3 * DAY, None),
)


def _span(minutes: int) -> str:
    """Minutes as the query writes them: ``90m``, ``4h``, ``3d``."""
    if minutes % DAY == 0:
        return f"{minutes // DAY}d"
    if minutes % HOUR == 0:
        return f"{minutes // HOUR}h"
    return f"{minutes}m"


def age_bucket(opened: datetime, now: datetime) -> int:
    """The index in AGE_BUCKETS of a case opened at ``opened``."""
    minutes = whole_minutes(now - opened)
    for index, bucket in enumerate(AGE_BUCKETS):
        if bucket.holds(minutes):
            return index
    return 0  # opened "in the future" (a clock moved back): as new as can be


def warning_before(
    late: dict[str, tuple[datetime, datetime]], now: datetime
) -> dict[str, tuple[datetime, datetime]]:
    """Per priority, the creation instants before which an unanswered (first) or an
    unresolved (second) case is in its warning window or past it.

    ``late`` is ``sla.late_before(targets, now)``: each target's instant is
    ``now - target``, so the warning starts a quarter of the target later.
    """
    return {
        priority: (
            response + (now - response) * WARNING_SHARE,
            resolution + (now - resolution) * WARNING_SHARE,
        )
        for priority, (response, resolution) in late.items()
    }


def warning_minutes(targets: Targets) -> tuple[int, int]:
    """Minutes of each warning window (first response, resolution), for the board's legend."""
    return (
        int(targets.first_response * WARNING_SHARE),
        int(targets.resolution * WARNING_SHARE),
    )


def due_at(
    targets: Targets,
    unanswered_since: datetime | None,
    unresolved_since: datetime | None,
) -> datetime | None:
    """The earliest running deadline of a set of open cases of one priority, from the
    earliest opening among those still unanswered and the earliest (opening + time
    spent finished) among those answered (``sla.sla_state``'s clocks, set-wise: an
    unanswered case's first response is due before its resolution)."""
    found = []
    if unanswered_since is not None:
        found.append(unanswered_since + timedelta(minutes=targets.first_response))
    if unresolved_since is not None:
        found.append(unresolved_since + timedelta(minutes=targets.resolution))
    return min(found, default=None)

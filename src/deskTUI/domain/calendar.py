"""Calendar events and tasks of cases (seed 000 "Calendario"), and the case counters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .enums import EventKind, EventStatus, TaskStatus
from .errors import ValidationError
from .marks import N_
from .values import TITLE_MAX, clean_text, require_aware


@dataclass
class Event:
    """A call, meeting, follow-up or visit; tied to a case or personal (``case_id`` None)."""

    title: str
    kind: EventKind
    start: datetime
    end: datetime
    owner_id: int
    case_id: int | None = None
    status: EventStatus = EventStatus.PLANNED
    id: int | None = None

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, N_("event title"), required=True, max_len=TITLE_MAX)
        self.kind = EventKind(self.kind)
        self.status = EventStatus(self.status)
        require_aware(self.start, "event start")
        require_aware(self.end, "event end")
        # In UTC: two times of one zone compare by their wall clocks, blind to daylight saving.
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise ValidationError(
                "event.end_before_start",
                "The event ends at {end}, which is not after its start at {start}",
                end=self.end.isoformat(timespec="minutes"),
                start=self.start.isoformat(timespec="minutes"),
            )


@dataclass
class CalendarTask:
    """A to-do with a due date (seed 000 "actividades")."""

    title: str
    due: date
    owner_id: int
    case_id: int | None = None
    status: TaskStatus = TaskStatus.NOT_STARTED
    id: int | None = None

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, N_("task title"), required=True, max_len=TITLE_MAX)
        self.status = TaskStatus(self.status)


def conflicts(events: Iterable[Event]) -> list[tuple[Event, Event]]:
    """Pairs of one owner's events that overlap: allowed, but shown as a conflict."""
    by_owner: dict[int, list[Event]] = {}
    for event in events:
        by_owner.setdefault(event.owner_id, []).append(event)
    pairs: list[tuple[Event, Event]] = []
    for owned in by_owner.values():
        owned.sort(key=lambda e: (e.start, e.end))
        for i, first in enumerate(owned):
            for second in owned[i + 1 :]:
                if second.start >= first.end:
                    break
                pairs.append((first, second))
    return pairs


@dataclass(frozen=True)
class EventCounters:
    """Seed 000: # eventos / planeados / mantenidos / no mantenidos, first and last date."""

    total: int = 0
    planned: int = 0
    held: int = 0
    not_held: int = 0
    first: datetime | None = None
    last: datetime | None = None


@dataclass(frozen=True)
class TaskCounters:
    """Seed 000: # actividades / no iniciadas / completadas, first and last date."""

    total: int = 0
    not_started: int = 0
    completed: int = 0
    first: date | None = None
    last: date | None = None


def event_counters(events: Iterable[Event]) -> EventCounters:
    items = list(events)
    if not items:
        return EventCounters()
    return EventCounters(
        total=len(items),
        planned=sum(e.status is EventStatus.PLANNED for e in items),
        held=sum(e.status is EventStatus.HELD for e in items),
        not_held=sum(e.status is EventStatus.NOT_HELD for e in items),
        first=min(e.start for e in items),
        last=max(e.start for e in items),
    )


def task_counters(tasks: Iterable[CalendarTask]) -> TaskCounters:
    items = list(tasks)
    if not items:
        return TaskCounters()
    return TaskCounters(
        total=len(items),
        not_started=sum(t.status is TaskStatus.NOT_STARTED for t in items),
        completed=sum(t.status is TaskStatus.COMPLETED for t in items),
        first=min(t.due for t in items),
        last=max(t.due for t in items),
    )

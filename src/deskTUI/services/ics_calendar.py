"""A person's events and tasks as an RFC 5545 calendar, for the calendar programs they
already use (`desktui export calendar`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..domain.errors import PermissionDenied
from ..domain.people import User
from ..domain.permissions import can_read_calendar
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from .common import acting, resolve_user, stored_id


def calendar_ics(uow: UnitOfWork, actor: User, user: str | None = None) -> bytes:
    """One person's events and tasks as an RFC 5545 calendar (via the icalendar package)."""
    from icalendar import Calendar, Event, Todo

    with uow:
        me = acting(uow, actor)
        owner = resolve_user(uow, user) if user else me
        if owner.id != me.id and not can_read_calendar(me, owner):
            raise PermissionDenied(
                "calendar.other",
                "{login} may not read {other}'s calendar",
                login=me.login,
                other=owner.login,
            )
        far = datetime(1970, 1, 1, tzinfo=UTC), datetime(9999, 1, 1, tzinfo=UTC)
        events = uow.calendar.events_between([stored_id(owner)], *far)
        tasks = uow.calendar.tasks_between([stored_id(owner)], date.min, date.max)
        stamp = uow.now()
        titles = {
            c: uow.cases.get(c).title
            for c in {e.case_id for e in events} | {t.case_id for t in tasks}
            if c
        }
    calendar = Calendar()
    calendar.add("prodid", "-//deskTUI//desktui//EN")
    calendar.add("version", "2.0")
    for event in events:
        item = Event()
        item.add("uid", f"event-{event.id}@desktui")
        item.add("dtstamp", stamp)  # when this calendar was written (RFC 5545)
        item.add("dtstart", event.start)
        item.add("dtend", event.end)
        prefix = f"[{case_number(event.case_id)}] " if event.case_id else ""
        item.add("summary", prefix + event.title)
        if event.case_id:
            item.add("description", titles[event.case_id])
        item.add("categories", [event.kind.value])
        item.add(
            "status",
            {"planned": "TENTATIVE", "held": "CONFIRMED", "not_held": "CANCELLED"}[
                event.status.value
            ],
        )
        calendar.add_component(item)
    for task in tasks:
        todo = Todo()
        todo.add("uid", f"task-{task.id}@desktui")
        todo.add("dtstamp", stamp)
        todo.add("due", task.due)
        prefix = f"[{case_number(task.case_id)}] " if task.case_id else ""
        todo.add("summary", prefix + task.title)
        todo.add(
            "status",
            {"not_started": "NEEDS-ACTION", "in_progress": "IN-PROCESS", "completed": "COMPLETED"}[
                task.status.value
            ],
        )
        calendar.add_component(todo)
    ical: bytes = calendar.to_ical()  # icalendar is untyped: the annotation says what it gives
    return ical

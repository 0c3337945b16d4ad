"""The agenda: a person's or an area's events and calendar tasks for a day, week or month.

One read transaction; the items carry their case's number and title, whether
they are today's or overdue, and whether an event overlaps another of the same
owner (allowed, but shown as a conflict, DOMAIN.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from .. import words
from ..domain.agenda import Span, event_overdue, period, task_overdue
from ..domain.calendar import CalendarTask, Event, conflicts
from ..domain.enums import EventKind, EventStatus, TaskStatus
from ..domain.errors import PermissionDenied, ValidationError
from ..domain.local_time import local_instant
from ..domain.marks import N_
from ..domain.people import User
from ..domain.permissions import Action, can, can_read_area_agenda, can_read_calendar
from ..domain.values import case_number, parse_clock, parse_day
from ..i18n import pgettext
from ..store.uow import UnitOfWork
from . import calendar
from .common import CaseRef, acting, resolve_user, stored_id


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    """``event`` or ``task``."""
    id: int
    title: str
    day: date
    """The local day it falls on (an event's start, a task's due date)."""
    start: datetime | None
    end: datetime | None
    what: str
    """The event's kind (call, meeting…) or ``task``: codes, as ``--json`` writes them."""
    status: str
    owner: str
    case_id: int | None
    case_number: str | None
    case_title: str | None
    today: bool
    overdue: bool
    conflict: bool

    @property
    def what_word(self) -> str:
        """The kind of event ("follow up", "seguimiento") or "task", as a person reads it."""
        if self.kind == "task":
            return pgettext("Agenda", "task")
        return words.word(EventKind, self.what)

    @property
    def status_word(self) -> str:
        """The event's or the task's status as a person reads it."""
        return words.word(EventStatus if self.kind == "event" else TaskStatus, self.status)


@dataclass(frozen=True)
class Agenda:
    first: date
    last: date
    span: Span
    whose: str
    """``ana``, or ``area Soporte``."""
    items: list[AgendaItem]


def agenda(
    uow: UnitOfWork,
    actor: User,
    *,
    day: date,
    span: Span | str,
    zone: tzinfo,
    owner: str | None = None,
    area: str | None = None,
) -> Agenda:
    """Your own agenda by default; a supervisor's staff's, or a whole area's for its
    supervisors and admins. Open tasks already overdue are shown with today's period."""
    span = Span(span)
    first, last = period(day, span)
    with uow:
        actor = acting(uow, actor)
        people, whose = _whose(uow, actor, owner, area)
        ids = [p.id for p in people if p.id is not None]
        logins = {p.id: p.login for p in people}
        start = datetime.combine(first, time.min, zone)
        end = datetime.combine(last + timedelta(days=1), time.min, zone)
        events = uow.calendar.events_between(ids, start, end)
        now = uow.now()
        today = now.astimezone(zone).date()
        tasks = uow.calendar.tasks_between(ids, first, last)
        if first <= today <= last:  # what was left undone before still needs doing today
            seen = {t.id for t in tasks}
            tasks += [
                t
                for t in uow.calendar.tasks_between(ids, date.min, today - timedelta(days=1))
                if task_overdue(t, today) and t.id not in seen
            ]
        clashing = {e.id for pair in conflicts(events) for e in pair}
        titles = {
            case_id: uow.cases.get(case_id).title
            for case_id in {e.case_id for e in events} | {t.case_id for t in tasks}
            if case_id is not None
        }
        items = [
            _event_item(e, zone, logins, titles, today, now, e.id in clashing) for e in events
        ] + [_task_item(t, logins, titles, today) for t in tasks]
    # By day; a day's tasks first (all-day items, as calendars show them), then events by time.
    items.sort(key=lambda i: (i.day, i.start or datetime.min.replace(tzinfo=zone), i.kind, i.id))
    return Agenda(first, last, span, whose, items)


def _whose(
    uow: UnitOfWork, actor: User, owner: str | None, area: str | None
) -> tuple[list[User], str]:
    if not can(actor, Action.KEEP_AGENDA):
        raise PermissionDenied("calendar.client", "Clients have no agenda on the desk")
    if area is not None:
        found = uow.areas.by_name(area)
        if not can_read_area_agenda(actor, found.id):
            raise PermissionDenied(
                "agenda.area",
                "{login} may not read the agenda of the area {area}: its supervisors may",
                login=actor.login,
                area=found.name,
            )
        staff = [u for u in uow.users.list() if u.is_staff and found.id in u.area_ids]
        return staff, f"area {found.name}"
    person = actor if owner is None else resolve_user(uow, owner)
    if not can_read_calendar(actor, person):
        raise PermissionDenied(
            "agenda.person",
            "{login} may not read {owner}'s agenda: only they and their supervisors may",
            login=actor.login,
            owner=person.login,
        )
    return [person], person.login


def _event_item(
    event: Event,
    zone: tzinfo,
    logins: dict[int | None, str],
    titles: dict[int, str],
    today: date,
    now: datetime,
    clash: bool,
) -> AgendaItem:
    assert event.id is not None
    day = event.start.astimezone(zone).date()
    return AgendaItem(
        kind="event",
        id=event.id,
        title=event.title,
        day=day,
        start=event.start,
        end=event.end,
        what=event.kind.value,
        status=event.status.value,
        owner=logins.get(event.owner_id, "?"),
        case_id=event.case_id,
        case_number=case_number(event.case_id) if event.case_id else None,
        case_title=titles.get(event.case_id) if event.case_id else None,
        today=day == today,
        overdue=event_overdue(event, now),
        conflict=clash,
    )


def _task_item(
    task: CalendarTask, logins: dict[int | None, str], titles: dict[int, str], today: date
) -> AgendaItem:
    assert task.id is not None
    return AgendaItem(
        kind="task",
        id=task.id,
        title=task.title,
        day=task.due,
        start=None,
        end=None,
        what="task",
        status=task.status.value,
        owner=logins.get(task.owner_id, "?"),
        case_id=task.case_id,
        case_number=case_number(task.case_id) if task.case_id else None,
        case_title=titles.get(task.case_id) if task.case_id else None,
        today=task.due == today,
        overdue=task_overdue(task, today),
        conflict=False,
    )


def plan(
    uow_factory: Callable[[], UnitOfWork],
    actor: User,
    ref: CaseRef,
    *,
    what: str,
    title: str,
    day: str,
    start: str = "",
    end: str = "",
    zone: tzinfo,
) -> int:
    """A follow-up for a case as the operator types it: ``what`` is an event kind or
    ``task``; the day is YYYY-MM-DD and the times HH:MM in the operator's zone."""
    on = parse_day(day)
    if what == "task":
        return stored_id(calendar.add_task(uow_factory(), actor, ref, title=title, due=on))
    begins = local_instant(on, parse_clock(start, N_("start")), zone, N_("start"))
    ends = local_instant(on, parse_clock(end, N_("end")), zone, N_("end"))
    event = calendar.schedule_event(
        uow_factory(), actor, ref, kind=what, title=title, start=begins, end=ends
    )
    return stored_id(event)


def mark(uow: UnitOfWork, actor: User, item: AgendaItem, done: bool) -> None:
    """``done``: an event was held, a task completed; otherwise the event was not held."""
    if item.kind == "task":
        if not done:
            raise ValidationError(
                "agenda.task_not_held",
                "A task is completed, not held: only events are held or not held",
            )
        calendar.update_task(uow, actor, item.id, "completed")
    else:
        calendar.update_event(uow, actor, item.id, {"status": "held" if done else "not_held"})

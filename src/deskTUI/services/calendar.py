"""Calendar events and tasks tied to cases (seed 000 "Programación de actividades")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..domain.calendar import CalendarTask, Event
from ..domain.case import Case, check_works_in_area
from ..domain.enums import EventKind, EventStatus, LogKind, TaskStatus
from ..domain.errors import NotFound, PermissionDenied, ValidationError, no_such
from ..domain.marks import N_
from ..domain.people import User
from ..domain.permissions import Action, can, can_read_calendar, require
from ..domain.values import codes, one_of
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case, resolve_user, stored_id


def _owner(uow: UnitOfWork, actor: User, case: Case | None, owner: int | str | None) -> User:
    if owner is None:
        person = actor
    else:
        person = resolve_user(uow, owner)
        if person.id != actor.id:
            if case is None:
                raise PermissionDenied(
                    "calendar.personal_other",
                    "{login} may not fill another person's personal agenda",
                    login=actor.login,
                )
            require(actor, Action.ASSIGN_CASE, case)
    if not person.is_staff:
        raise ValidationError(
            "calendar.owner_not_staff",
            "{login} is a client; events belong to staff",
            login=person.login,
        )
    if case is not None and person.id != actor.id:
        check_works_in_area(case, person, N_("have events on"))
    return person


def _case_for_schedule(
    uow: UnitOfWork, actor: User, ref: CaseRef | None, action: Action
) -> Case | None:
    if ref is None:
        if not can(actor, Action.KEEP_AGENDA):
            raise PermissionDenied("calendar.client", "Clients have no agenda on the desk")
        return None
    case = load_case(uow, actor, ref, action)
    case.ensure_changeable()
    return case


def _log(uow: UnitOfWork, case: Case | None, actor: User, at: datetime, text: str) -> None:
    if case is not None:
        uow.log.record(case.id, at, actor.id, LogKind.EVENT, new=text)


def schedule_event(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef | None,
    *,
    kind: EventKind | str,
    title: str,
    start: datetime,
    end: datetime,
    owner: int | str | None = None,
) -> Event:
    """A call, meeting, follow-up or visit for a case (or a personal one, without a case)."""
    with uow:
        actor = acting(uow, actor)
        case = _case_for_schedule(uow, actor, ref, Action.SCHEDULE)
        person = _owner(uow, actor, case, owner)
        kind = one_of(
            EventKind,
            kind,
            "event.kind",
            "{kind!r} is not a kind of event: {choices}",
            param="kind",
        )
        event = Event(title, kind, start, end, stored_id(person), case.id if case else None)
        uow.calendar.add_event(event)
        _log(
            uow,
            case,
            actor,
            uow.now(),
            f"{kind.value} '{event.title}' planned for {start.isoformat()}",
        )
        uow.commit()
        return event


def update_event(uow: UnitOfWork, actor: User, event_id: int, changes: Mapping[str, Any]) -> Event:
    """Mark held / not held, or move it; the owner or a manager of its case may."""
    allowed = {"status", "title", "start", "end", "kind"}
    if unknown := set(changes) - allowed:
        raise ValidationError(
            "event.unknown_field",
            "Events have no field {fields}",
            fields=", ".join(sorted(unknown)),
        )
    with uow:
        actor = acting(uow, actor)
        event = uow.calendar.event(event_id)
        case = _check_item_access(
            uow, actor, event.case_id, event.owner_id, no_such(N_("event"), event_id)
        )
        event = uow.calendar.event(event_id, lock=True)  # another's change to it is kept
        merged = {
            "title": event.title,
            "kind": event.kind,
            "start": event.start,
            "end": event.end,
            "status": event.status,
            **changes,
        }
        try:
            updated = Event(
                merged["title"],
                EventKind(merged["kind"]),
                merged["start"],
                merged["end"],
                event.owner_id,
                event.case_id,
                EventStatus(merged["status"]),
                event.id,
            )
        except ValueError:
            raise ValidationError(
                "event.status",
                "An event is {statuses}; its kind {kinds}",
                statuses=codes(EventStatus),
                kinds=codes(EventKind),
            ) from None
        uow.calendar.save_event(updated)
        _log(uow, case, actor, uow.now(), f"event '{updated.title}' is {updated.status.value}")
        uow.commit()
        return updated


def add_task(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef | None,
    *,
    title: str,
    due: date,
    owner: int | str | None = None,
) -> CalendarTask:
    with uow:
        actor = acting(uow, actor)
        case = _case_for_schedule(uow, actor, ref, Action.SCHEDULE)
        person = _owner(uow, actor, case, owner)
        task = CalendarTask(title, due, stored_id(person), case.id if case else None)
        uow.calendar.add_task(task)
        _log(uow, case, actor, uow.now(), f"task '{task.title}' due {due.isoformat()}")
        uow.commit()
        return task


def update_task(
    uow: UnitOfWork, actor: User, task_id: int, status: TaskStatus | str
) -> CalendarTask:
    with uow:
        actor = acting(uow, actor)
        task = uow.calendar.task(task_id)
        case = _check_item_access(
            uow, actor, task.case_id, task.owner_id, no_such(N_("task"), task_id)
        )
        task.status = one_of(
            TaskStatus,
            status,
            "task.status",
            "{status!r} is not a task status: {choices}",
            param="status",
        )
        uow.calendar.save_task(task)
        _log(uow, case, actor, uow.now(), f"task '{task.title}' is {task.status.value}")
        uow.commit()
        return task


def _check_item_access(
    uow: UnitOfWork, actor: User, case_id: int | None, owner_id: int, hidden: NotFound
) -> Case | None:
    """The owner updates their own items, even on a case they cannot otherwise see;
    anyone else needs UPDATE_SCHEDULE on the case (its assignee or managers).

    An item is ``hidden`` (the refusal of an id that names nothing) from whoever may
    neither read its owner's agenda nor see its case: a refusal would tell them it exists."""
    # Who reads it in its owner's agenda is told why they may not change it.
    readable = owner_id == actor.id or can_read_calendar(actor, uow.users.get(owner_id))
    if case_id is None:
        if not readable:
            raise hidden
        if owner_id != actor.id:
            raise PermissionDenied(
                "calendar.not_owner",
                "{login} may not change another person's agenda",
                login=actor.login,
            )
        return None
    if owner_id == actor.id:
        case = uow.cases.get(case_id, lock=not uow.readonly)
    else:
        hidden_as = None if readable else hidden
        case = load_case(uow, actor, case_id, Action.UPDATE_SCHEDULE, hidden_as=hidden_as)
    case.ensure_changeable()
    return case

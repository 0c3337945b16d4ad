"""Time entries (Actividades / Control Tiempo): log, edit, delete, and a case's totals."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from ..domain.activities import check_executor
from ..domain.case import Case
from ..domain.durations import format_minutes, whole_minutes
from ..domain.enums import LogKind
from ..domain.errors import ValidationError, no_such
from ..domain.local_time import local_instant
from ..domain.marks import N_
from ..domain.people import User
from ..domain.permissions import Action, require, require_entry_owner
from ..domain.timekeeping import (
    EARLIEST_ZONE,
    FUTURE_TOLERANCE_KEY,
    TimeEntry,
    Totals,
    check_entry_for_case,
    check_not_in_future,
    day_of_work_done_now,
    make_entry,
    minutes_on,
    parse_future_tolerance,
    totals,
)
from ..store.uow import UnitOfWork
from .common import (
    CaseRef,
    acting,
    desk_future_tolerance,
    load_case,
    resolve_user,
    stored_id,
)


def _executor(uow: UnitOfWork, actor: User, case: Case, executor: int | str | None) -> User:
    """Agents log their own time; a supervisor of the case or an admin may log for staff
    (the domain's rule, domain/activities.py)."""
    if executor is None:
        return actor
    person = resolve_user(uow, executor)
    check_executor(actor, case, person)
    return person


def check_new_entry(uow: UnitOfWork, case: Case, entry: TimeEntry, executor: User) -> None:
    """The case takes this entry (window, open) and the executor did not log that time twice."""
    start, end = entry.start, entry.end  # entry.timed, spelled so the types narrow
    others = (
        uow.time.overlapping(entry.executor_id, start, end)
        if start is not None and end is not None
        else []
    )
    check_entry_for_case(case, entry, others, executor.login)


def check_done(
    uow: UnitOfWork,
    entry: TimeEntry,
    zone: tzinfo | None,
    allowance: timedelta = timedelta(0),
    was: TimeEntry | None = None,
    *,
    measured: bool = False,
) -> None:
    """The entry's work is done by now, give or take the desk's tolerance for clocks that
    differ (and ``allowance``: a stopped timer counts its last minute whole), and with
    the executor's other work of that day it fits in the day. A ``measured`` run (a
    timer the desk itself timed) is true by construction: it is not refused for what
    was typed beside it that day; typed work must fit around it instead, so a timer
    can always be stopped."""
    tolerance = desk_future_tolerance(uow)
    day = entry.work_date
    # The day before too: its timed entries may run past midnight into this one.
    same_days = (
        [] if measured else uow.time.for_executor(entry.executor_id, day - timedelta(days=1), day)
    )
    check_not_in_future(entry, uow.now() + allowance, tolerance, zone, same_days, was)


def _day_just_worked(uow: UnitOfWork, executor_id: int, minutes: int, zone: tzinfo) -> date:
    """Today, or yesterday when today so far does not hold these minutes besides what the
    executor logged on it already."""
    now = uow.now()
    today = now.astimezone(zone).date()
    same_days = uow.time.for_executor(executor_id, today - timedelta(days=1), today)
    logged = sum(minutes_on(e, today, zone) for e in same_days)
    tolerance = desk_future_tolerance(uow)
    return day_of_work_done_now(minutes, now, tolerance, zone, logged)


def get_future_tolerance(uow: UnitOfWork) -> int:
    """How many minutes past now a time entry may end on this desk."""
    with uow:
        return whole_minutes(desk_future_tolerance(uow))


def set_future_tolerance(uow: UnitOfWork, actor: User, minutes: int | str) -> int:
    """An admin sets the tolerance for clock differences (0 to 60 minutes)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_SETTINGS)
        value = parse_future_tolerance(minutes)
        uow.settings.set(FUTURE_TOLERANCE_KEY, str(value))
        uow.commit()
        return value


def record_entry(
    uow: UnitOfWork, case: Case, actor: User, at: datetime, what: str, entry: TimeEntry
) -> None:
    billable = " billable" if entry.billable else ""
    uow.log.record(
        case.id,
        at,
        actor.id,
        LogKind.TIME,
        field="time",
        new=f"{what} {format_minutes(entry.minutes)} on {entry.work_date.isoformat()}{billable} (entry {entry.id})",
    )


def log_time(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    *,
    work_date: date | None,
    start: datetime | None = None,
    end: datetime | None = None,
    minutes: int | None = None,
    description: str = "",
    billable: bool | None = None,
    executor: int | str | None = None,
    article: str = "",
    zone: tzinfo | None = None,
) -> TimeEntry:
    """Record work on a case. ``billable`` defaults to the case's own flag. ``zone`` is the
    operator's, whose today bounds an entry given as a duration (without it, the zone
    where a day begins first: only what is future everywhere is refused). A duration
    with no ``work_date`` was just worked: it goes on today, or on yesterday when it is
    longer than today so far."""
    with uow:
        actor = acting(uow, actor)
        # The executor's row, then the case: nobody else logs their time or finishes the
        # case until this entry is in (so it never overlaps theirs, nor misses the ledger).
        uow.users.hold(actor.id if executor is None else resolve_user(uow, executor).id)
        case = load_case(uow, actor, ref, Action.LOG_TIME)
        person = _executor(uow, actor, case, executor)
        assert case.id is not None and person.id is not None
        if work_date is None:
            work_date = _day_just_worked(uow, person.id, minutes or 0, zone or EARLIEST_ZONE)
        entry = make_entry(
            case_id=case.id,
            executor_id=person.id,
            work_date=work_date,
            start=start,
            end=end,
            minutes=minutes,
            description=description,
            billable=case.billable if billable is None else billable,
            article=article,
            created_by=actor.id,
        )
        check_new_entry(uow, case, entry, person)
        check_done(uow, entry, zone)
        uow.time.add(entry)
        record_entry(uow, case, actor, uow.now(), "logged", entry)
        uow.commit()
        return entry


def _moved(instant: datetime, shift: timedelta, zone: tzinfo, what: str) -> datetime:
    """The same local clock time ``shift`` days later: across a change of daylight saving
    that is not the same UTC time, and it may be a time the clocks skip that day."""
    local = instant.astimezone(zone)
    return local_instant(local.date() + shift, local.time(), zone, what)


def edit_time(
    uow: UnitOfWork,
    actor: User,
    entry_id: int,
    changes: Mapping[str, Any],
    zone: tzinfo = UTC,
) -> TimeEntry:
    """Change an entry: the same rules as logging it, checked against the result.
    ``zone`` is the operator's: an entry moved to another day keeps its clock times there."""
    allowed = {
        "work_date",
        "start",
        "end",
        "minutes",
        "description",
        "billable",
        "article",
        "executor",
    }
    if unknown := set(changes) - allowed:
        raise ValidationError(
            "time.unknown_field",
            "Time entries have no field {fields}; editable: {allowed}",
            fields=", ".join(sorted(unknown)),
            allowed=", ".join(sorted(allowed)),
        )
    with uow:
        actor = acting(uow, actor)
        current = uow.time.get(entry_id)
        uow.users.hold(current.executor_id)
        case = load_case(
            uow,
            actor,
            current.case_id,
            Action.EDIT_TIME,
            hidden_as=no_such(N_("time entry"), entry_id),
        )
        current = uow.time.get(entry_id, lock=True)  # as last saved, now that nobody else may
        require_entry_owner(actor, case, current.executor_id)
        person = uow.users.get(current.executor_id)
        if (named := changes.get("executor")) is not None:
            person = _executor(uow, actor, case, named)
            uow.users.hold(stored_id(person))
        merged = {
            "work_date": current.work_date,
            "start": current.start,
            "end": current.end,
            "minutes": None if current.timed else current.minutes,
            "description": current.description,
            "billable": current.billable,
            "article": current.article,
            **{k: v for k, v in changes.items() if k != "executor"},
        }
        start, end = current.start, current.end
        moved_day = "work_date" in changes and "start" not in changes
        if moved_day and start is not None and end is not None:  # a timed entry
            # Moving a timed entry to another day keeps its clock times.
            shift = changes["work_date"] - current.work_date
            merged["start"] = _moved(start, shift, zone, N_("start time"))
            merged["end"] = _moved(end, shift, zone, N_("end time"))
        if ("start" in changes or "end" in changes) and "minutes" not in changes:
            merged["minutes"] = None
        if "minutes" in changes and "start" not in changes:
            merged["start"] = merged["end"] = None
        entry = make_entry(
            case_id=current.case_id,
            executor_id=stored_id(person),
            created_by=current.created_by,
            entry_id=current.id,
            **merged,
        )
        check_new_entry(uow, case, entry, person)
        if changes.keys() & {"work_date", "start", "end", "minutes", "executor"}:
            # A bound on what is sent: an entry stored in the future before the rule still
            # takes a new description, and is moved to the past or deleted like any other.
            check_done(uow, entry, zone, was=current)
        uow.time.save(entry)
        record_entry(uow, case, actor, uow.now(), "changed to", entry)
        uow.commit()
        return entry


def entry(uow: UnitOfWork, actor: User, entry_id: int) -> TimeEntry:
    """One time entry, for whoever may see its case."""
    with uow:
        actor = acting(uow, actor)
        found = uow.time.get(entry_id)
        load_case(
            uow,
            actor,
            found.case_id,
            Action.VIEW_CASE,
            hidden_as=no_such(N_("time entry"), entry_id),
        )
        return found


def delete_time(uow: UnitOfWork, actor: User, entry_id: int) -> None:
    with uow:
        actor = acting(uow, actor)
        entry = uow.time.get(entry_id)
        case = load_case(
            uow,
            actor,
            entry.case_id,
            Action.EDIT_TIME,
            hidden_as=no_such(N_("time entry"), entry_id),
        )
        entry = uow.time.get(entry_id, lock=True)  # gone if another terminal deleted it first
        require_entry_owner(actor, case, entry.executor_id)
        case.ensure_open_for_time()
        uow.time.delete(entry_id)
        record_entry(uow, case, actor, uow.now(), "deleted", entry)
        uow.commit()


def case_totals(uow: UnitOfWork, actor: User, ref: CaseRef) -> Totals:
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None
        return totals(uow.time.for_case(case.id), case.cost_per_hour, case.estimate_minutes)


__all__ = ["case_totals", "delete_time", "edit_time", "log_time"]

"""Running timers: start on a case, stop into time entries, see what runs.

The timer is a row in the database, not a clock in a process: it survives a
crash or a closed SSH session and shows in every terminal of the operator.
Stopping goes through the same rules as logging time by hand (the case must
take time, the executor's entries must not overlap); a refusal leaves the
timer running, so no work is lost.

A timer whose case someone else finished or cancelled while it ran counts up
to the moment the case closed, not after; since a closed case takes no time
entries (DOMAIN.md), its time is kept as it is until the operator puts it on
another case they may log on (``stop_timer(..., to=...)``) or discards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from ..domain.case import Case
from ..domain.durations import format_minutes, whole_minutes
from ..domain.enums import LogKind, Status
from ..domain.errors import CaseClosed, ValidationError
from ..domain.people import User
from ..domain.permissions import Action
from ..domain.timekeeping import TimeEntry, make_entry
from ..domain.timers import RunningTimer, require_running, slices
from ..domain.values import case_number
from ..formats import when
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, case_id_of, load_case, stored_id
from .worklog import check_done, check_new_entry, record_entry


@dataclass(frozen=True)
class TimerView:
    """What the footer and ``desktui timer show`` say about a running timer."""

    number: str
    title: str
    started_at: datetime
    elapsed: timedelta
    description: str
    billable: bool
    """The case's flag: what the entries will be unless the operator says otherwise."""
    closed: Closing | None = None
    """Set when someone finished or cancelled the case while the timer ran: the timer's
    time stops there and waits to be put on another case."""


@dataclass(frozen=True)
class Closing:
    """Who closed a timer's case while it ran, how and when."""

    status: Status
    at: datetime
    by: str


@dataclass(frozen=True)
class Stopped:
    """A stopped timer: the entries it became (one per local day it ran on)."""

    number: str
    entries: list[TimeEntry]
    timed: str = ""
    """The case the timer ran on, when its time went to another one (``number``)."""
    closed: Closing | None = None
    """How the timed case closed while the timer ran: its time was counted up to then."""


def current_timer(uow: UnitOfWork, actor: User) -> TimerView | None:
    with uow:
        actor = acting(uow, actor)
        timer = uow.timers.get(stored_id(actor))
        if timer is None:
            return None
        case = uow.cases.get(timer.case_id)
        closed = _closing(uow, case, timer)
        return TimerView(
            case.number,
            case.title,
            timer.started_at,
            timer.elapsed(closed.at if closed else uow.now()),
            timer.description,
            case.billable,
            closed,
        )


def _closing(uow: UnitOfWork, case: Case, timer: RunningTimer) -> Closing | None:
    """How and when the timer's case was finished or cancelled, if it is now."""
    if case.status not in (Status.FINISHED, Status.CANCELLED):
        return None
    assert case.id is not None
    last = [e for e in uow.log.for_case(case.id) if e.to_status is case.status][-1:]
    at = last[0].at if last else case.updated_at or timer.started_at
    by = uow.users.get(last[0].actor_id).login if last and last[0].actor_id else "?"
    return Closing(case.status, max(at, timer.started_at), by)


def start_timer(
    uow: UnitOfWork, actor: User, ref: CaseRef, zone: tzinfo, description: str = ""
) -> tuple[RunningTimer, Stopped | None]:
    """Start timing work on a case. A timer already running is stopped first, into
    entries; if it cannot be (an overlap, more than 24 h), nothing starts and it keeps
    running."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)  # one timer each: another terminal of theirs waits
        previous = uow.timers.get(stored_id(actor))
        uow.cases.hold(case_id_of(ref), previous.case_id if previous else None)
        case = load_case(uow, actor, ref, Action.LOG_TIME)
        case.ensure_open_for_time()
        assert case.id is not None and actor.id is not None
        stopped = _stop(uow, actor, previous, zone, None) if previous is not None else None
        now = uow.now()
        # A timer that ran less than a minute counts a whole one and may end just after
        # now: start after it, or this timer's entry would overlap it.
        recent = uow.time.overlapping(actor.id, now, now + timedelta(minutes=1))
        started = max([now, *(e.end for e in recent if e.end is not None)])
        timer = RunningTimer(actor.id, case.id, started, description)
        _check_it_can_stop(uow, actor, case, timer, zone)
        uow.timers.put(timer)
        uow.log.record(
            case.id, timer.started_at, actor.id, LogKind.TIME, field="timer", new="started"
        )
        uow.commit()
        return timer, stopped


def stop_timer(
    uow: UnitOfWork,
    actor: User,
    zone: tzinfo,
    *,
    description: str | None = None,
    billable: bool | None = None,
    to: CaseRef | None = None,
) -> Stopped:
    """Turn the running timer into time entries with their start and end filled in: on its
    case, or on ``to`` (the only way for a case someone closed while it ran)."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)  # another terminal stopping it too waits, then finds none
        timer = require_running(uow.timers.get(stored_id(actor)))
        stopped = _stop(uow, actor, timer, zone, description, billable, to)
        uow.commit()
        return stopped


def discard_timer(uow: UnitOfWork, actor: User) -> str:
    """Throw the running timer away without logging anything; returns its case's number."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)
        timer = require_running(uow.timers.get(stored_id(actor)))
        uow.timers.delete(timer.user_id)
        uow.log.record(
            timer.case_id, uow.now(), actor.id, LogKind.TIME, field="timer", new="discarded"
        )
        uow.commit()
        return case_number(timer.case_id)


def _check_it_can_stop(
    uow: UnitOfWork, actor: User, case: Case, timer: RunningTimer, zone: tzinfo
) -> None:
    """Refuse at the start what would refuse the stop (an unapproved quote on billable
    work, the case's window, time already logged now): a timer that can never be
    stopped would only lose the operator's work."""
    [first] = slices(timer, timer.started_at, zone)
    probe = make_entry(
        case_id=stored_id(case),
        executor_id=stored_id(actor),
        work_date=first.work_date,
        start=first.start,
        end=first.end,
        billable=case.billable,
    )
    check_new_entry(uow, case, probe, actor)


def _stop(
    uow: UnitOfWork,
    actor: User,
    timer: RunningTimer,
    zone: tzinfo,
    description: str | None,
    billable: bool | None = None,
    to: CaseRef | None = None,
) -> Stopped:
    timed = uow.cases.get(timer.case_id)
    closed = _closing(uow, timed, timer)
    if closed is not None and to is None:
        try:  # what the stop would log: whole minutes, at least one
            minutes = sum(piece.minutes for piece in slices(timer, closed.at, zone))
        except ValidationError:  # over 24 h: still say what happened first
            minutes = whole_minutes(timer.elapsed(closed.at))
        raise CaseClosed(
            "timer.case_closed",
            "{by} {status} {case} at {at} while your timer ran: its {minutes} up to then "
            "cannot go on a closed case. Put them on another case, or discard the timer",
            by=closed.by,
            status=closed.status.value,
            case=timed.number,
            at=when(closed.at, zone),  # a sentence a person reads: their locale's day
            minutes=format_minutes(minutes),
        )
    target = timer.case_id if to is None else to
    case = load_case(uow, actor, target, Action.LOG_TIME)
    assert case.id is not None and actor.id is not None
    what = "logged (timer)" if case.id == timed.id else f"logged (timer of {timed.number})"
    entries = []
    for piece in slices(timer, closed.at if closed else uow.now(), zone):
        entry = make_entry(
            case_id=case.id,
            executor_id=actor.id,
            work_date=piece.work_date,
            start=piece.start,
            end=piece.end,
            description=timer.description if description is None else description,
            billable=case.billable if billable is None else billable,
            created_by=actor.id,
        )
        check_new_entry(uow, case, entry, actor)
        # Counting its last minute whole, a timer's entry may end up to a minute after now.
        check_done(uow, entry, zone, allowance=timedelta(minutes=1), measured=True)
        uow.time.add(entry)
        record_entry(uow, case, actor, uow.now(), what, entry)
        entries.append(entry)
    uow.timers.delete(timer.user_id)
    return Stopped(case.number, entries, timed.number if case.id != timed.id else "", closed)

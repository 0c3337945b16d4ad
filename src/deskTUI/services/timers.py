"""Running timers: start on a case, stop into time entries, see what runs.

The timer is a row in the database, not a clock in a process: it survives a
crash or a closed SSH session and shows in every terminal of the operator.
Stopping goes through the same rules as logging time by hand (the case must
take time, the executor's entries must not overlap); a refusal leaves the
timer running, so no work is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from ..domain.case import Case
from ..domain.enums import LogKind
from ..domain.people import User
from ..domain.permissions import Action
from ..domain.timekeeping import TimeEntry, make_entry
from ..domain.timers import RunningTimer, require_running, slices
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, case_id_of, load_case
from .worklog import check_new_entry, record_entry


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


@dataclass(frozen=True)
class Stopped:
    """A stopped timer: the entries it became (one per local day it ran on)."""

    number: str
    entries: list[TimeEntry]


def current_timer(uow: UnitOfWork, actor: User) -> TimerView | None:
    with uow:
        actor = acting(uow, actor)
        timer = uow.timers.get(actor.id)  # type: ignore[arg-type]
        if timer is None:
            return None
        case = uow.cases.get(timer.case_id)
        return TimerView(
            case.number,
            case.title,
            timer.started_at,
            timer.elapsed(uow.now()),
            timer.description,
            case.billable,
        )


def start_timer(
    uow: UnitOfWork, actor: User, ref: CaseRef, zone: tzinfo, description: str = ""
) -> tuple[RunningTimer, Stopped | None]:
    """Start timing work on a case. A timer already running is stopped first, into
    entries; if it cannot be (an overlap, more than 24 h), nothing starts and it keeps
    running."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)  # one timer each: another terminal of theirs waits
        previous = uow.timers.get(actor.id)  # type: ignore[arg-type]
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
) -> Stopped:
    """Turn the running timer into time entries with their start and end filled in."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)  # another terminal stopping it too waits, then finds none
        timer = require_running(uow.timers.get(actor.id))  # type: ignore[arg-type]
        stopped = _stop(uow, actor, timer, zone, description, billable)
        uow.commit()
        return stopped


def discard_timer(uow: UnitOfWork, actor: User) -> str:
    """Throw the running timer away without logging anything; returns its case's number."""
    with uow:
        actor = acting(uow, actor)
        uow.users.hold(actor.id)
        timer = require_running(uow.timers.get(actor.id))  # type: ignore[arg-type]
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
        case_id=case.id,  # type: ignore[arg-type]
        executor_id=actor.id,  # type: ignore[arg-type]
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
) -> Stopped:
    case = load_case(uow, actor, timer.case_id, Action.LOG_TIME)
    assert case.id is not None and actor.id is not None
    entries = []
    for piece in slices(timer, uow.now(), zone):
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
        uow.time.add(entry)
        record_entry(uow, case, actor, uow.now(), "logged (timer)", entry)
        entries.append(entry)
    uow.timers.delete(timer.user_id)
    return Stopped(case.number, entries)

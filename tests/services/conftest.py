"""Helpers of the service suite: read a case's whole stored state back, and start cases.

Every refusal test takes a snapshot before the refused call and compares it
with one taken after: the unit of work must leave nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.people import User
from deskTUI.services import cases, views, worklog


@dataclass(frozen=True)
class Snapshot:
    """Everything stored about a case, and the desk-wide things a refusal could touch."""

    case: Case
    log: tuple[Any, ...]
    entries: tuple[Any, ...]
    files: tuple[Any, ...]
    events: tuple[Any, ...]
    tasks: tuple[Any, ...]
    comments: tuple[Any, ...]
    ledger: tuple[Any, ...]
    notifications: tuple[Any, ...]
    case_ids: tuple[int, ...]


def take_snapshot(desk: Any, ref: str | int) -> Snapshot:
    detail = views.case_detail(desk.uow(), desk.admin, ref)
    with desk.uow() as uow:
        ledger = tuple(
            e for contract in uow.contracts.list() for e in uow.contracts.ledger(contract.id)
        )
        notes = tuple(
            (n.user_id, n.kind, n.message, n.read_at)
            for user in uow.users.list()
            for n in uow.notifications.for_user(user.id)
        )
        ids = tuple(uow.cases.ids(limit=10_000))
    return Snapshot(
        case=detail.case,
        log=tuple(detail.log),
        entries=tuple(detail.entries),
        files=tuple(detail.files),
        events=tuple(detail.events),
        tasks=tuple(detail.tasks),
        comments=tuple(detail.comments),
        ledger=ledger,
        notifications=notes,
        case_ids=ids,
    )


@pytest.fixture
def snapshot(desk: Any) -> Callable[[str | int], Snapshot]:
    """``snapshot(case.number)``: the case and its related records, read through a fresh unit of work."""
    return lambda ref: take_snapshot(desk, ref)


def start_case(desk: Any, assignee: User | None = None, **fields: object) -> Case:
    """Open a case (by Sofía unless ``by`` is given), assign it and start work on it."""
    case = desk.open(**fields)
    cases.assign_case(desk.uow(), desk.sofia, case.number, (assignee or desk.ana).login)
    return cases.move_case(desk.uow(), assignee or desk.ana, case.number, "in_progress")


@pytest.fixture
def started(desk: Any) -> Callable[..., Case]:
    """``started(**fields)``: a case of Soporte assigned to Ana (or ``assignee``) and in progress."""
    return lambda assignee=None, **fields: start_case(desk, assignee, **fields)


@pytest.fixture
def log_minutes(desk: Any) -> Callable[..., Any]:
    """``log_minutes(case, by, minutes, at=…)``: a timed entry on 2 March 2026 (UTC), by
    default the work just done (ending now: work is logged once done)."""

    def log(case: Case, by: User, minutes: int, *, at: datetime | None = None, **kw: object) -> Any:
        start = at or desk.clock.now - timedelta(minutes=minutes)
        return worklog.log_time(
            desk.uow(),
            by,
            case.number,
            work_date=date(2026, 3, 2),
            start=start,
            end=start + timedelta(minutes=minutes),
            description="Trabajo",
            **kw,  # type: ignore[arg-type]
        )

    return log

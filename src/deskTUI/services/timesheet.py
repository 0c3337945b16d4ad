"""A person's timesheet for a week: their entries by day and case, with the week's totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.agenda import Span, period
from ..domain.errors import PermissionDenied
from ..domain.people import User
from ..domain.permissions import can_read_calendar
from ..domain.timekeeping import TimeEntry
from ..domain.timesheet import Sheet, week_sheet
from ..store.uow import UnitOfWork
from .common import acting, resolve_user, stored_id


@dataclass(frozen=True)
class SheetLine:
    entry: TimeEntry
    case_number: str
    case_title: str


@dataclass(frozen=True)
class Timesheet:
    login: str
    sheet: Sheet
    lines: list[SheetLine]


def timesheet(uow: UnitOfWork, actor: User, *, day: date, login: str | None = None) -> Timesheet:
    """The ISO week holding ``day``. Yours; a supervisor also sees their areas' staff's,
    an admin everyone's (the same rule as the agenda)."""
    monday, sunday = period(day, Span.WEEK)
    with uow:
        actor = acting(uow, actor)
        person = actor if login is None else resolve_user(uow, login)
        if not person.is_staff or not can_read_calendar(actor, person):
            raise PermissionDenied(
                "timesheet.person",
                "{login} may not read {owner}'s timesheet: only they and their supervisors may",
                login=actor.login,
                owner=person.login,
            )
        entries = uow.time.for_executor(stored_id(person), monday, sunday)
        cases = {case_id: uow.cases.get(case_id) for case_id in {e.case_id for e in entries}}
        sheet = week_sheet(entries, {i: c.cost_per_hour for i, c in cases.items()}, monday)
        lines = [SheetLine(e, cases[e.case_id].number, cases[e.case_id].title) for e in entries]
        return Timesheet(person.login, sheet, lines)

"""Helpers every service uses: the fresh acting user, a visible case, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Protocol

from ..domain.case import Case
from ..domain.contracts import DEFAULT_HOURS_PER_DAY
from ..domain.enums import Priority
from ..domain.errors import NotFound, ValidationError
from ..domain.limits import Limits, limits_from_settings
from ..domain.marks import N_
from ..domain.people import User
from ..domain.permissions import Action, can, require, require_active, require_visible
from ..domain.sla import Targets, late_before, targets_from_settings
from ..domain.timekeeping import FUTURE_TOLERANCE_KEY, future_tolerance
from ..domain.values import parse_case_number, parse_decimal
from ..store.uow import UnitOfWork

CaseRef = int | str
"""A case as the operator names it: 42, "42" or "CS-000042"."""


def acting(uow: UnitOfWork, actor: User) -> User:
    """The actor as stored now: a role changed or a user deactivated meanwhile counts. The
    contact a user acts for by e-mail is the intake's to say (``User.contact_id``), kept."""
    stored = uow.users.get(actor.id)
    if actor.contact_id is not None:
        stored = replace(stored, contact_id=actor.contact_id)
    return require_active(stored)


def case_id_of(ref: CaseRef) -> int:
    return ref if isinstance(ref, int) else parse_case_number(ref)


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(record: _Stored) -> int:
    """The id of a record read from the store. The domain types ``id`` as ``int | None``
    because a record made in memory has none until the store saves it; one that came
    back from a unit of work always has it, and a None here is a bug, not bad input."""
    assert record.id is not None, f"{type(record).__name__} read from the store without an id"
    return record.id


def load_case(
    uow: UnitOfWork, actor: User, ref: CaseRef, action: Action, *, hidden_as: NotFound | None = None
) -> Case:
    """The case, if the actor can see it and may do ``action`` on it.

    ``hidden_as``: the case was reached through one of its records (a file, a time entry,
    an event...) the actor named by id; if they may not see the case, that record does
    not exist for them, and this (``no_such(what, id)``) is the refusal: the very
    sentence of an id that names nothing, which names no case they were never shown.

    A writing unit of work holds the case until it commits, so what it checks on it
    (open, not finished, its version, its files and time) stays true meanwhile.
    """
    case = uow.cases.get(case_id_of(ref), lock=not uow.readonly)
    if hidden_as is not None and not can(actor, Action.VIEW_CASE, case):
        raise hidden_as
    require_visible(actor, case)
    require(actor, action, case)
    return case


def resolve_user(uow: UnitOfWork, ref: int | str) -> User:
    return uow.users.get(ref) if isinstance(ref, int) else uow.users.by_login(ref)


def hours_per_day(uow: UnitOfWork) -> Decimal:
    stored = uow.settings.get("hours_per_day")
    return parse_decimal(stored, N_("hours per day")) if stored else DEFAULT_HOURS_PER_DAY


def sla_targets(uow: UnitOfWork) -> dict[Priority, Targets]:
    return targets_from_settings(uow.settings.all())


def desk_limits(uow: UnitOfWork) -> Limits:
    """The input limits of this desk: an admin's settings, the defaults for the rest."""
    return limits_from_settings(uow.settings.all())


def desk_future_tolerance(uow: UnitOfWork) -> timedelta:
    """How far past now this desk takes a moment as already come: its setting for clocks
    that differ (time entries, imported history), the default for the rest."""
    return future_tolerance(uow.settings.get(FUTURE_TOLERANCE_KEY))


def expect_version(case: Case, expected: int | None) -> None:
    """An editor saves what it read: a newer stored version means someone else saved first."""
    if expected is not None and expected != case.version:
        case.version = expected  # let the repository produce the named conflict


def positive_minutes(minutes: int, what: str) -> int:
    if minutes <= 0:
        raise ValidationError("minutes.positive", "The {what} must be more than zero", what=what)
    return minutes


def sla_deadlines(
    uow: UnitOfWork, targets: dict[Priority, Targets] | None = None
) -> dict[str, tuple[datetime, datetime]]:
    """Per priority, the creation instants before which a case is late (for the "next" sort);
    pass ``targets`` already read to save reading them again."""
    return late_before(targets or sla_targets(uow), uow.now())

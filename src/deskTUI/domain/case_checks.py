"""Rules about a case that are not changes of its own state: which fields a client may
set when opening one, who may work it, and which retitling a form asks about first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .case_fields import FIELDS
from .enums import Role
from .errors import PermissionDenied, ValidationError
from .marks import N_, Each
from .people import User

if TYPE_CHECKING:
    from .case import Case


CLIENT_OPEN_FIELDS = frozenset(
    {
        "title",
        "description",
        "client_id",
        "category_id",
        "area_id",
        "contact_id",
        "priority",
        "contract_id",
    }
)
"""What a client sets when opening a case (seed 003's form); the rest is the desk's to decide."""


def may_set_when_opening(actor: User, name: str) -> bool:
    """Whether ``actor`` sets the field ``name`` on a case they open (the form offers it)."""
    return actor.role is not Role.CLIENT or name in CLIENT_OPEN_FIELDS


def check_open_fields(actor: User, names: set[str]) -> None:
    """Clients describe their problem; billing, planning and staffing fields are for staff."""
    if actor.role is Role.CLIENT and (extra := names - CLIENT_OPEN_FIELDS):
        raise PermissionDenied(
            "case.client_fields",
            "Clients cannot set {fields} when opening a case; the desk sets them",
            fields=Each(sorted(FIELDS[n].label for n in extra if n in FIELDS) or sorted(extra)),
        )


def check_assignee(case: Case, assignee: User) -> None:
    """An assignee is active staff of the case's area (admins may take any case)."""
    check_works_in_area(case, assignee, N_("be assigned"))


def check_works_in_area(case: Case, person: User, what: str) -> None:
    """Work on a case (assignment, time, events) is done by active staff of its area, or admins."""
    if not person.active or not person.is_staff:
        raise ValidationError(
            "assignee.not_staff",
            "{login} cannot {what} {case}: only active agents, supervisors or admins work cases",
            login=person.login,
            what=what,
            case=case.number,
        )
    if person.role is not Role.ADMIN and case.area_id not in person.area_ids:
        raise ValidationError(
            "assignee.other_area",
            "{login} cannot {what} {case}: they are not in the case's area",
            login=person.login,
            what=what,
            case=case.number,
        )


SHORT_TITLE = 2
"""Characters: a title this short over a real one is more often a slip than a choice."""


def retitle_needs_asking(old: str, new: str) -> bool:
    """Whether replacing the title ``old`` with ``new`` needs the operator's confirmation.

    A title of one or two characters replacing a non-empty one is asked about, not
    refused ("QA" may be meant): one letter typed over a selected title once replaced
    "Pegado largo" with "W" (issue 18). The rule lives here; a form only asks.
    """
    old, new = old.strip(), new.strip()
    return bool(old) and 0 < len(new) <= SHORT_TITLE and new != old

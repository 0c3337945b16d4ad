"""Rights an admin grants or revokes one employee on top of their role (seed 004: "permisos
personalizados que le brinde el administrador al empleado"; DOMAIN.md "Permissions per
person").

A :class:`Grant` is data on the :class:`~deskTUI.domain.people.User` (the store loads it);
:func:`deskTUI.domain.permissions.can` reads it: the role's answer, unless an admin
decided otherwise for this person and action, an area's decision before a desk-wide one.

- ``grant`` lets the person do the action on every case they may see (``area``: on that
  area's cases only), or at all for an action that concerns no case;
- ``revoke`` forbids it, whatever the role says;
- removing the decision (``user reset``) gives the role's answer back.

Sight is not granted person by person (what a person sees follows their role and areas:
change their areas instead), nor is managing users or acting as another (that is the
admin role itself): so no admin can be locked out of the desk by a revocation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .errors import ValidationError
from .permissions import CASELESS_ROLES, Action, may_ever

if TYPE_CHECKING:
    from .people import User

GRANT = "grant"
REVOKE = "revoke"
EFFECTS = (GRANT, REVOKE)


@dataclass(frozen=True)
class Grant:
    """One decision of an admin for one person: ``action`` an action's code
    (``assign_case``), ``effect`` ``grant`` or ``revoke``, ``area_id`` None for every case."""

    action: str
    effect: str
    area_id: int | None = None


NOT_GRANTABLE = frozenset(
    {
        Action.VIEW_CASE,
        Action.VIEW_INTERNAL,
        Action.VIEW_SLA_TARGETS,
        Action.ESCALATE_BREACHES,
        Action.ANSWER_SURVEY,
        Action.KEEP_AGENDA,
        Action.READ_DIRECTORY,
        Action.MANAGE_USERS,
        Action.ACT_AS_ANOTHER,
    }
)
"""Actions the role alone decides: sight (the list's SQL follows the role and the areas),
what every session does for the desk (the SLA targets and sweep), what every employee
has and no client may (an agenda, the directory), the survey (the client who opened the
case answers it) and the admin role itself."""

GRANTABLE: tuple[Action, ...] = tuple(a for a in Action if a not in NOT_GRANTABLE)


def code_of(action: Action) -> str:
    """An action's stable English code, as the CLI, --json and the database write it."""
    return action.name.lower()


def _choices() -> str:
    return ", ".join(code_of(a) for a in GRANTABLE)


def parse_action(text: str) -> Action:
    """The grantable action a code names (``assign_case``; case and blanks ignored)."""
    word = (text or "").strip().lower().replace("-", "_")
    found = next((a for a in Action if code_of(a) == word), None)
    if found is None:
        raise ValidationError(
            "grant.unknown_action",
            "{word!r} is not an action; use one of {choices}",
            word=text,
            choices=_choices(),
        )
    if found in NOT_GRANTABLE:
        raise ValidationError(
            "grant.not_grantable",
            "{word} is not granted or revoked person by person: what a person sees follows "
            "their role and areas, and managing users is the admin role itself; use one of "
            "{choices}",
            word=word,
            choices=_choices(),
        )
    return found


def check_grant(person: User, action: Action, area_id: int | None) -> None:
    """Refuse a decision that cannot hold: for a client user, or an area for an action
    that concerns no case."""
    if not person.role.is_staff:
        raise ValidationError(
            "grant.client",
            "{login} is a client user: rights are granted to employees only, a client's "
            "follow their account",
            login=person.login,
        )
    if area_id is not None and action in CASELESS_ROLES:
        raise ValidationError(
            "grant.area_caseless",
            "{word} concerns no case, so it is granted or revoked without an area",
            word=code_of(action),
        )


def decision(person: User, action: Action, area_id: int | None) -> Grant | None:
    """The decision stored for exactly this action and reach (None: the role decides)."""
    code = code_of(action)
    return next((g for g in person.grants if g.action == code and g.area_id == area_id), None)


@dataclass(frozen=True)
class Right:
    """One line of what a person may do: ``source`` ``role`` (their role's default),
    ``grant`` or ``revoke`` (an admin's decision, in ``area_id`` or everywhere)."""

    action: Action
    allowed: bool
    source: str
    area_id: int | None = None

    @property
    def code(self) -> str:
        return code_of(self.action)


def rights_of(person: User) -> list[Right]:
    """Every grantable action with the person's role default, then each admin's decision
    on it (an area's after the desk-wide one)."""
    bare = replace(person, grants=())
    out: list[Right] = []
    for action in GRANTABLE:
        out.append(Right(action, may_ever(bare, action), "role"))
        code = code_of(action)
        mine = sorted(
            (g for g in person.grants if g.action == code),
            key=lambda g: (g.area_id is not None, g.area_id or 0),
        )
        out += [Right(action, g.effect == GRANT, g.effect, g.area_id) for g in mine]
    return out

"""Rights per employee (seed 004, domain/grants.py): an admin grants, revokes or resets one
action for one person, in one area or everywhere; each change is a line of the desk's log.

``grant`` and ``revoke`` set the decision for that action and reach (a grant after a
revocation replaces it); ``reset`` removes it, so the role decides again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.enums import LogKind
from ..domain.grants import GRANT, REVOKE, Grant, Right, check_grant, code_of, decision, rights_of
from ..domain.grants import parse_action as parse_action
from ..domain.log import LogEntry
from ..domain.people import User
from ..domain.permissions import Action, require
from ..store.uow import UnitOfWork
from .common import acting, stored_id


@dataclass(frozen=True)
class Change:
    """What one command did: ``before``/``after`` the decision (None: the role's)."""

    login: str
    action: Action
    area: str | None
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def code(self) -> str:
        return code_of(self.action)


def _decide(
    uow: UnitOfWork, actor: User, login: str, action: str, area: str | None, effect: str | None
) -> Change:
    chosen = parse_action(action)
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_USERS)
        person = uow.users.by_login(login.strip() if login else login, lock=True)
        found = uow.areas.by_name(area) if area is not None else None
        area_id = stored_id(found) if found is not None else None
        check_grant(person, chosen, area_id)
        stored = decision(person, chosen, area_id)
        before = stored.effect if stored is not None else None
        change = Change(person.login, chosen, found.name if found else None, before, effect)
        if change.changed:
            grant = Grant(code_of(chosen), effect or "", area_id)
            uow.users.set_grant(stored_id(person), grant, effect)
            note = person.login if area_id is None else f"{person.login}@{area_id}"
            uow.log.record(
                None, uow.now(), actor.id, LogKind.GRANT,
                field=grant.action, old=before, new=effect, note=note,
            )  # fmt: skip
            uow.commit()
        return change


Decide = Callable[..., Change]
"""grant_right, revoke_right or reset_right."""


def grant_right(
    uow: UnitOfWork, actor: User, login: str, action: str, *, area: str | None = None
) -> Change:
    """Let ``login`` do ``action`` (an action's code), on ``area``'s cases or everywhere."""
    return _decide(uow, actor, login, action, area, GRANT)


def revoke_right(
    uow: UnitOfWork, actor: User, login: str, action: str, *, area: str | None = None
) -> Change:
    """Forbid ``login`` to do ``action``, on ``area``'s cases or everywhere."""
    return _decide(uow, actor, login, action, area, REVOKE)


def reset_right(
    uow: UnitOfWork, actor: User, login: str, action: str, *, area: str | None = None
) -> Change:
    """Remove the admin's decision for ``login`` and ``action`` there: the role decides."""
    return _decide(uow, actor, login, action, area, None)


@dataclass(frozen=True)
class Rights:
    """A person, what they may do and why, and the log of the admins' decisions."""

    person: User
    rights: list[Right]
    areas: dict[int, str]
    log: list[LogEntry]
    logins: dict[int, str]


def person_rights(uow: UnitOfWork, actor: User, login: str) -> Rights:
    """An admin reads anyone's rights; every employee reads their own."""
    with uow:
        actor = acting(uow, actor)
        person = uow.users.by_login(login.strip() if login else login)
        if person.id != actor.id:
            require(actor, Action.MANAGE_USERS)
        log = uow.users.grant_log(person.login)
        areas = {stored_id(a): a.name for a in uow.areas.list()}
        logins = uow.users.logins(e.actor_id for e in log)
        return Rights(person, rights_of(person), areas, log, logins)


def people(uow: UnitOfWork, actor: User) -> list[User]:
    """Every user, for the people screen (an admin's)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_USERS)
        return uow.users.list()

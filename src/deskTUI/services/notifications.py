"""The in-app inbox: assignments, quotes, escalations, mentions, survey offers.

Each notification belongs to one user; only they read it or mark it read. The
unread count is one COUNT over ``ix_notification_user_read``: the app asks for it
every time the desk changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import Role
from ..domain.errors import NotFound, ValidationError
from ..domain.people import User
from ..domain.permissions import Scope, visibility_scope
from ..domain.values import INT_MAX, case_number
from ..store.uow import UnitOfWork
from .common import acting, stored_id

KINDS = ("assignment", "escalation", "mention", "quote", "survey")
"""What a notification may be about (the ``kind`` column)."""


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    message: str
    case: str | None
    """The case's number (``CS-000001``), if it is about one."""
    created_at: datetime
    read: bool
    case_id: int | None = None


def _what_they_see(actor: User) -> Scope | None:
    """Whose inbox is cut to the cases its owner sees now: a client's, whose sight follows
    the account (a case moved to another account takes its notifications with it). Staff
    keep theirs: a hand-over tells the agent who just lost the case."""
    return visibility_scope(actor) if actor.role is Role.CLIENT else None


def inbox(
    uow: UnitOfWork, actor: User, *, unread_only: bool = False, limit: int | None = None
) -> list[Notification]:
    """The actor's notifications, newest first (the newest ``limit`` if given)."""
    if limit is not None and not 1 <= limit <= INT_MAX:
        raise ValidationError(
            "notification.limit",
            "The limit must be from 1 to {most}, not {limit}",
            most=INT_MAX,
            limit=limit,
        )
    with uow:
        actor = acting(uow, actor)
        rows = uow.notifications.for_user(
            stored_id(actor),
            unread_only=unread_only,
            limit=limit,
            sees=_what_they_see(actor),
        )
        return [
            Notification(
                stored_id(r),
                r.kind,
                r.message,
                case_number(r.case_id) if r.case_id else None,
                r.created_at,
                r.read_at is not None,
                r.case_id,
            )
            for r in rows
        ]


def unread_count(uow: UnitOfWork, actor: User) -> int:
    """How many of the actor's notifications are unread (the header's figure)."""
    with uow:
        actor = acting(uow, actor)
        return uow.notifications.unread_count(stored_id(actor), _what_they_see(actor))


def mark_read(uow: UnitOfWork, actor: User, ids: Iterable[int]) -> int:
    """Mark those of the actor's notifications read; how many were unread. An id that is
    not in the actor's inbox is refused (nothing is marked), one already read is not."""
    wanted = sorted(set(ids))
    with uow:
        actor = acting(uow, actor)
        assert actor.id is not None
        mine = uow.notifications.owned(actor.id, wanted, _what_they_see(actor))
        missing = sorted(set(wanted) - mine)
        if missing:
            raise NotFound(
                "notification.not_found",
                "There is no notification {ids} in the inbox of {login}",
                ids=", ".join(str(i) for i in missing),
                login=actor.login,
            )
        count = uow.notifications.mark_read(actor.id, uow.now(), wanted)
        uow.commit()
        return count


def mark_all_read(uow: UnitOfWork, actor: User) -> int:
    with uow:
        actor = acting(uow, actor)
        count = uow.notifications.mark_read(stored_id(actor), uow.now())
        uow.commit()
        return count
